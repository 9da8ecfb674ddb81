/**
 * Typed access to the `kql.*` settings declared in package.json. In Restricted Mode (a workspace the
 * user has not trusted) queries run on the local engine only and the settings that choose where data
 * comes from or where the sign-in token goes are taken from the user's settings, never the workspace's:
 * a repository's .vscode/settings.json must not be able to send the token anywhere or read files
 * elsewhere on the machine.
 */
import * as vscode from 'vscode';
import type { BackendId, TimeRange } from '../results/queryResult';
import { timeRangeOf } from './timeRangeLabel';

export type AzureCloud = 'AzurePublicCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';

export class Config {
  private get<T>(key: string): T | undefined {
    return vscode.workspace.getConfiguration('kql').get<T>(key);
  }

  /** The user's own value (or the default), whatever the workspace sets. */
  private userValue<T>(key: string): T | undefined {
    const i = vscode.workspace.getConfiguration('kql').inspect<T>(key);
    return i?.globalValue ?? i?.defaultValue;
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
  get rowLimit(): number {
    return this.get<number>('local.rowLimit') ?? 500_000;
  }
  get localMemoryLimitMb(): number {
    return this.get<number>('local.memoryLimitMB') ?? 1024;
  }
  get localResultLimitMb(): number {
    return this.get<number>('local.resultLimitMB') ?? 64;
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
    return (this.userValue<string>('logAnalytics.endpoint') ?? '').trim();
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
    return this.get<boolean>('results.csvFormulaProtection') ?? true;
  }

  async update(key: string, value: unknown): Promise<void> {
    await vscode.workspace.getConfiguration('kql').update(key, value, vscode.ConfigurationTarget.Global);
  }
}
