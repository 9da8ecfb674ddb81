/**
 * Typed access to the `kql.*` settings declared in package.json. Every value is checked against its
 * declaration (settingReader.ts): a bad one written by hand is told once and the default is used. In
 * Restricted Mode (a workspace the user has not trusted) queries run on the local engine only and the
 * settings that choose where data comes from or where the sign-in token goes are taken from the user's
 * settings, never the workspace's: a repository's .vscode/settings.json must not be able to send the
 * token anywhere or read files elsewhere on the machine.
 */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { checkEndpoint } from '../backends/logAnalytics/endpointPolicy';
import type { BackendId, TimeRange } from '../results/queryResult';
import { settingSchemas } from './settingCheck';
import { resolveSettingPath } from './settingPath';
import { type RawSetting, SettingReader } from './settingReader';
import { settingTarget } from './settingTarget';
import { timeRangeOf } from './timeRangeLabel';

export type AzureCloud = 'AzurePublicCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';

/** Settings a workspace cannot set in Restricted Mode (package.json's restrictedConfigurations). */
const USER_ONLY_WHEN_RESTRICTED = new Set(['local.dataFolder', 'schemaFile', 'results.csvFormulaProtection']);
/** Settings only the user or the machine may set, whatever the trust. */
const USER_ONLY = new Set(['logAnalytics.endpoint']);

/** The settings file a value came from, most specific first, as VS Code merges them. */
function rawSetting(key: string, userOnly: boolean): RawSetting {
  const i = vscode.workspace.getConfiguration('kql').inspect(key);
  if (!userOnly && i?.workspaceFolderValue !== undefined) {
    return { value: i.workspaceFolderValue, where: 'the folder settings (.vscode/settings.json)' };
  }
  if (!userOnly && i?.workspaceValue !== undefined) {
    const file = vscode.workspace.workspaceFile ? 'the workspace file' : '.vscode/settings.json';
    return { value: i.workspaceValue, where: `the workspace settings (${file})` };
  }
  return { value: i?.globalValue, where: 'your user settings' };
}

function kindOf(file: string): 'dir' | 'file' | undefined {
  try {
    return fs.statSync(file).isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

/** How long the settings must be quiet before a problem is told: the Settings editor writes as you type. */
const TELL_AFTER_MS = 1000;

export class Config implements vscode.Disposable {
  private readonly reader: SettingReader;

  /** `configuration`: package.json's contributes.configuration; `tell` shows a problem with a setting. */
  constructor(configuration: unknown, tell: (problem: string, key: string) => void) {
    this.reader = new SettingReader(settingSchemas(configuration), rawSetting, tell, TELL_AFTER_MS);
  }

  dispose(): void {
    this.reader.dispose();
  }

  private get<T>(key: string): T {
    return this.reader.read<T>(key, USER_ONLY.has(key));
  }

  /** The user's own value (or the default), whatever the workspace sets. */
  private userValue<T>(key: string): T {
    return this.reader.read<T>(key, true);
  }

  /** Checks every setting now (at start and after a change), so a bad value is told when it is written. */
  checkAll(): void {
    this.reader.readAll(this.trusted ? USER_ONLY : new Set([...USER_ONLY, ...USER_ONLY_WHEN_RESTRICTED]));
    this.dataFolderPath();
    this.schemaFilePath();
    void this.endpointOverride;
  }

  /** False in Restricted Mode. */
  get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  /** The setting's value, but only the user's own in an untrusted workspace. */
  private trustedGet<T>(key: string): T | undefined {
    return this.trusted ? this.get<T>(key) : this.userValue<T>(key);
  }

  /** The backend the settings ask for (Restricted Mode aside). */
  get configuredBackend(): BackendId {
    return this.get<string>('backend') === 'logAnalytics' ? 'logAnalytics' : 'local';
  }
  /** Restricted Mode runs queries on the local engine only. */
  get backend(): BackendId {
    return this.trusted ? this.configuredBackend : 'local';
  }
  /** An ISO-8601 duration, an interval `start/end` of two datetimes, or 'query' when the query sets its own window. */
  get timeRangeSetting(): string {
    return this.get<string>('timeRange') ?? 'PT24H';
  }
  get timeRange(): TimeRange | undefined {
    return timeRangeOf(this.timeRangeSetting);
  }
  get dataFolder(): string {
    return this.trustedGet<string>('local.dataFolder') ?? '';
  }
  /**
   * The data folder as an absolute path; undefined for the sample workspace (also when the setting names a
   * file or cannot be resolved, told once). A folder that is not there yet is returned, and told once: the
   * export job that creates it may not have run, and its tables load once it appears (dataFolderWatch.ts),
   * rather than the sample's machines passing for the user's own.
   */
  dataFolderPath(): string | undefined {
    return this.existingPath('local.dataFolder', this.dataFolder, 'dir', 'the sample workspace', true);
  }
  /** The schema file as an absolute path on disk; undefined for the backend's schema (also when it is not there, told once). */
  schemaFilePath(): string | undefined {
    const written = this.trustedGet<string>('schemaFile') ?? '';
    return this.existingPath('schemaFile', written, 'file', "the active backend's schema");
  }

  private existingPath(
    key: string,
    written: string,
    want: 'dir' | 'file',
    instead: string,
    awaitMissing = false,
  ): string | undefined {
    const id = `${key}#path`;
    if (!written.trim()) {
      this.reader.problem(id, undefined);
      return undefined;
    }
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => ({ name: f.name, path: f.uri.fsPath }));
    const resolved = resolveSettingPath(written, want, { folders, home: os.homedir(), kindOf });
    const where = this.reader.where(key, !this.trusted);
    const awaited = awaitMissing && 'missing' in resolved ? resolved.missing : undefined;
    this.reader.problem(
      id,
      awaited
        ? `kql.${key} is ${JSON.stringify(written)} in ${where}, but ${awaited} does not exist yet. Its tables load as soon as it is created, without a reload; until then queries find no tables.`
        : 'problem' in resolved
          ? `kql.${key} is ${JSON.stringify(written)} in ${where}, but ${resolved.problem}. Using ${instead} until it is fixed.`
          : undefined,
    );
    return 'path' in resolved ? resolved.path : awaited;
  }
  get rowLimit(): number {
    return this.get<number>('local.rowLimit') ?? 500_000;
  }
  get localMemoryLimitMb(): number {
    return this.get<number>('local.memoryLimitMB') ?? 1024;
  }
  get localResultLimitMb(): number {
    return this.get<number>('local.resultLimitMB') ?? 64;
  }
  get localRecordLimitMb(): number {
    return this.get<number>('local.recordLimitMB') ?? 64;
  }
  get localTimeoutMs(): number {
    return (this.get<number>('local.timeoutSeconds') ?? 120) * 1000;
  }
  get workspaceId(): string {
    return (this.get<string>('logAnalytics.workspaceId') ?? '').trim();
  }
  get cloud(): AzureCloud {
    return this.get<AzureCloud>('logAnalytics.cloud') ?? 'AzurePublicCloud';
  }
  /** Machine-scoped: only ever the user's (or remote machine's) value, never a workspace's. */
  get endpointOverride(): string {
    const written = (this.userValue<string>('logAnalytics.endpoint') ?? '').trim();
    const check = written ? checkEndpoint(written) : undefined;
    const where = this.reader.where('logAnalytics.endpoint', true);
    this.reader.problem(
      'logAnalytics.endpoint#url',
      check?.kind === 'invalid'
        ? `kql.logAnalytics.endpoint is ${JSON.stringify(written)} in ${where}, but ${check.reason}. Using the cloud's own endpoint until it is fixed; nothing was sent to it.`
        : undefined,
    );
    return check?.kind === 'invalid' ? '' : written;
  }
  get serverTimeoutSeconds(): number {
    return this.get<number>('logAnalytics.serverTimeoutSeconds') ?? 180;
  }
  /** Start the language server and the local engine from startup snapshots (built in the background) where Node allows it. */
  get startupSnapshot(): boolean {
    return this.get<boolean>('startup.snapshot') ?? true;
  }
  get liveValues(): boolean {
    return this.get<boolean>('completion.liveValues') ?? true;
  }
  /** Rows of each result a saved notebook keeps; 0 saves no outputs. */
  get notebookSavedRows(): number {
    return Math.max(0, Math.floor(this.get<number>('notebook.savedRows') ?? 2000));
  }
  get maxChartPoints(): number {
    return this.get<number>('results.maxChartPoints') ?? 20_000;
  }
  /** CSV exports prefix cells that a spreadsheet would run as formulas with ' (OWASP). */
  get csvFormulaProtection(): boolean {
    return this.trustedGet<boolean>('results.csvFormulaProtection') ?? true;
  }

  /** Changes a setting where it takes effect: the folder's settings when the folder sets it, else the user's. */
  async update(key: string, value: unknown): Promise<void> {
    const kql = vscode.workspace.getConfiguration('kql');
    const target =
      settingTarget(kql.inspect(key)) === 'workspace'
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
    await kql.update(key, value, target);
  }
}
