/**
 * Keeps the active workspace schema: from `kql.schemaFile` when set (whose saved functions the local
 * engine then runs too), else from the active backend (Log Analytics: the disk cache at once, then the
 * metadata API in the background, cached again; local: the loaded files). Listeners (the language
 * server, views) hear every change.
 */
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { readCachedSchema, writeCachedSchema } from '../backends/logAnalytics';
import { parseMetadataJson } from '../schema/metadataJson';
import { CATALOGUE_SCHEMA, schemaFingerprint, type WorkspaceSchema } from '../schema/workspaceSchema';
import type { BackendManager } from './backendManager';
import type { Config } from './config';
import { log } from './log';

export type SchemaReadPhase = 'signIn' | 'request';

export class WorkspaceSchemaProvider implements vscode.Disposable {
  private _current: WorkspaceSchema = CATALOGUE_SCHEMA;
  private readonly _onDidChange = new vscode.EventEmitter<WorkspaceSchema>();
  readonly onDidChange = this._onDidChange.event;
  private _failure: string | undefined;
  /** The Log Analytics workspace the current schema was read from (undefined: not a workspace's). */
  private workspaceOfCurrent: string | undefined;
  private readonly _onDidChangeFailure = new vscode.EventEmitter<string | undefined>();
  /** The last read's failure changed: the Schema view says why it shows an older schema (only the log did). */
  readonly onDidChangeFailure = this._onDidChangeFailure.event;
  private inFlight: AbortController | undefined;
  /**
   * True from the start until the first read ends, and during every read after: the language server holds
   * "unknown name" errors meanwhile (a folder's tables arrive a moment after the first check).
   */
  private _loading = true;
  private readonly _onDidChangeLoading = new vscode.EventEmitter<boolean>();
  /** A read began or ended, or (fired with true) the read's phase changed. */
  readonly onDidChangeLoading = this._onDidChangeLoading.event;
  /**
   * Where the read is: 'signIn' while a workspace's request waits on its token (the consent and sign-in
   * dialogs), 'request' once it is sent (or for a folder, a file: nothing to sign in to). The language
   * server's bound on holding unknown names counts from 'request'.
   */
  private _phase: SchemaReadPhase;
  private readonly disposables: vscode.Disposable[] = [
    this._onDidChange,
    this._onDidChangeFailure,
    this._onDidChangeLoading,
  ];

  // Not the whole Ctx: the Ctx holds this provider, so taking only what it reads keeps the two apart.
  constructor(
    private readonly ctx: {
      readonly backends: BackendManager;
      readonly config: Config;
      readonly extension: vscode.ExtensionContext;
    },
  ) {
    this._phase = this.phaseAtStart();
    this.disposables.push(
      ctx.backends.onDidChange(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kql.schemaFile')) void this.refresh();
      }),
      vscode.commands.registerCommand('kql.refreshSchema', () => this.refresh(true)),
    );
  }

  get current(): WorkspaceSchema {
    return this._current;
  }

  /** Why the last read of the schema failed (the current schema is the one kept), or undefined. */
  get failure(): string | undefined {
    return this._failure;
  }

  private setFailure(failure: string | undefined): void {
    if (failure === this._failure) return;
    this._failure = failure;
    this._onDidChangeFailure.fire(failure);
  }

  /** Whether a schema is being read (or none has been read yet). */
  get loading(): boolean {
    return this._loading;
  }

  /** Where the schema being read comes from, in words, for the language server's log. */
  get loadingFrom(): string {
    return this.ctx.config.schemaFilePath() ?? this.ctx.backends.active.id;
  }

  /** The read's phase (meaningful while `loading`). */
  get loadingPhase(): SchemaReadPhase {
    return this._phase;
  }

  /** A read about to begin: a workspace's waits on its sign-in first. */
  private phaseAtStart(): SchemaReadPhase {
    const backend = this.ctx.backends.active;
    return !this.ctx.config.schemaFilePath() && backend.id === 'logAnalytics' && backend.schema ? 'signIn' : 'request';
  }

  private setPhase(phase: SchemaReadPhase): void {
    if (phase === this._phase) return;
    this._phase = phase;
    if (this._loading) this._onDidChangeLoading.fire(true);
  }

  private setLoading(loading: boolean): void {
    if (loading === this._loading) return;
    this._loading = loading;
    this._onDidChangeLoading.fire(loading);
  }

  /** Re-reads the schema; `userAsked` shows progress and errors as notifications rather than only in the log. */
  async refresh(userAsked = false): Promise<void> {
    this.inFlight?.abort();
    const abort = new AbortController();
    this.inFlight = abort;
    this.setPhase(this.phaseAtStart());
    this.setLoading(true);
    const work = this.load(abort.signal)
      .then(
        () => {
          if (!abort.signal.aborted) this.setFailure(undefined);
        },
        (e: unknown) => {
          if (abort.signal.aborted) return;
          const why = e instanceof Error ? e.message : String(e);
          const message = `Workspace schema: ${why} (keeping ${this._current.source.label}).`;
          log.warn(message);
          this.setFailure(why);
          if (userAsked) void vscode.window.showWarningMessage(message);
        },
      )
      .finally(() => {
        // A newer read replaced this one: that one says when it is done.
        if (this.inFlight !== abort) return;
        this.inFlight = undefined;
        this.setLoading(false);
      });
    if (userAsked) {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Reading the workspace schema…' },
        () => work,
      );
    } else {
      await work;
    }
  }

  private async load(signal: AbortSignal): Promise<void> {
    const file = this.ctx.config.schemaFilePath();
    const backend = this.ctx.backends.active;
    if (file) {
      const text = await fs.readFile(file, 'utf8');
      const schema = parseMetadataJson(text, { kind: 'file', label: file, fetchedAt: new Date().toISOString() });
      this.set(schema, signal);
      this.workspaceOfCurrent = undefined;
      // The local engine runs the file's saved functions too, not only the editor's checks.
      if (!signal.aborted) backend.useStoredFunctions?.(schema.functions);
      return;
    }
    backend.useStoredFunctions?.([]);
    if (!backend.schema) {
      this.set(CATALOGUE_SCHEMA, signal);
      this.workspaceOfCurrent = undefined;
      return;
    }
    const cacheDir = this.ctx.extension.globalStorageUri.fsPath;
    const workspaceId = this.ctx.config.workspaceId;
    if (backend.id === 'logAnalytics' && workspaceId) {
      const cached = await readCachedSchema(cacheDir, workspaceId);
      if (cached) {
        this.set(cached, signal);
        this.workspaceOfCurrent = workspaceId;
      } else if (this.workspaceOfCurrent !== undefined && this.workspaceOfCurrent !== workspaceId) {
        // Another workspace's tables are no guide to this one's: the catalogue until this one answers (a
        // mistyped id kept completing the previous workspace's tables, and the Schema view listed them).
        this.set(CATALOGUE_SCHEMA, signal);
        this.workspaceOfCurrent = undefined;
      }
    }
    // It loads in the background: a retry's wait goes to the log, so a slow schema is explained there.
    const fresh = await backend.schema(
      signal,
      (message) => log.info(`Workspace schema: ${message}`),
      () => {
        if (!signal.aborted) this.setPhase('request');
      },
    );
    this.set(fresh, signal);
    if (!signal.aborted) this.workspaceOfCurrent = backend.id === 'logAnalytics' ? workspaceId : undefined;
    if (backend.id === 'logAnalytics' && workspaceId && !signal.aborted) {
      await writeCachedSchema(cacheDir, workspaceId, fresh).catch((e: unknown) =>
        log.warn(`Could not cache the workspace schema: ${String(e)}`),
      );
    }
  }

  private set(schema: WorkspaceSchema, signal: AbortSignal): void {
    if (signal.aborted) return;
    const changed =
      schemaFingerprint(schema) !== schemaFingerprint(this._current) ||
      schema.source.label !== this._current.source.label ||
      schema.source.note !== this._current.source.note;
    this._current = schema;
    if (schema.source.note) log.warn(`Workspace schema (${schema.source.label}): ${schema.source.note}`);
    if (changed) {
      log.info(
        `Workspace schema: ${schema.tables.length} tables, ${schema.functions.length} functions from ${schema.source.label}.`,
      );
      this._onDidChange.fire(schema);
    }
  }

  dispose(): void {
    this.inFlight?.abort();
    this.disposables.forEach((d) => d.dispose());
  }
}
