/**
 * Composition root: builds the Ctx and hands it to each feature's register function.
 * Features live in src/ui/; everything they compute comes from the pure layers.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DataSource } from './backends/local/dataSource';
import { EngineProcess } from './backends/local/engineProcess';
import { LocalBackend } from './backends/local/localBackend';
import { traceLine } from './backends/local/startupTrace';
import { registerBackendCommands } from './ui/backendCommands';
import { BackendManager } from './ui/backendManager';
import { Config } from './ui/config';
import type { Ctx } from './ui/ctx';
import { registerDataFolderWatch } from './ui/dataFolderWatch';
import { registerDocumentation } from './ui/documentation';
import { registerLanguageClient, stopLanguageClient } from './ui/languageClient';
import { log } from './ui/log';
import { registerMachinesTree } from './ui/machines';
import { registerDependencyMap } from './ui/map/mapPanel';
import { createLogAnalyticsBackend } from './ui/microsoftCredential';
import { registerNotebooks } from './ui/notebook';
import { registerQueryParameterCommands } from './ui/queryParameterInput';
import { registerQueryRunner } from './ui/queryRunner';
import { registerReports } from './ui/reports';
import { registerSchemaView } from './ui/schemaView';
import { registerSettingsWatch, tellSettingProblem } from './ui/settingsWatch';
import { registerSignInStatus } from './ui/signInStatus';
import { StartupOrder } from './ui/startupOrder';
import { libraryCodeCacheEnv } from './ui/startupSnapshot/libraryCodeCache';
import { ENGINE_SNAPSHOT, ServerSnapshot } from './ui/startupSnapshot/serverSnapshot';
import { registerWalkthrough } from './ui/walkthrough';
import { WorkspaceSchemaProvider } from './ui/workspaceSchemaProvider';

function localSource(config: Config, cacheDir?: string): DataSource {
  // Relative to the first workspace folder, ~ and ${workspaceFolder:Name} expanded (settingPath.ts); a
  // folder that is not there yet is told once and loads when it appears (dataFolderWatch.ts).
  const dir = config.dataFolderPath();
  return dir
    ? { kind: 'folder', dir, cacheDir, recordLimitBytes: config.localRecordLimitMb * 1024 * 1024 }
    : { kind: 'sample' };
}

function createCtx(extension: vscode.ExtensionContext, order: StartupOrder): Ctx {
  const config = new Config(extension.extension.packageJSON.contributes?.configuration, tellSettingProblem);
  extension.subscriptions.push(config);
  // Where the extension host runs on plain Node, the engine starts from a snapshot once one is built.
  const engineSnapshot = new ServerSnapshot(extension, config, ENGINE_SNAPSHOT);
  extension.subscriptions.push(engineSnapshot);
  const backends = new BackendManager(config, {
    local: () => {
      const backend = new LocalBackend({
        source: localSource(config, path.join(extension.globalStorageUri.fsPath, 'load-cache')),
        workerScript: extension.asAbsolutePath('dist/engineWorker.js'),
        workerEnv: libraryCodeCacheEnv(extension, config, 'engine'),
        rowLimit: config.rowLimit,
        timeoutMs: config.localTimeoutMs,
        memoryLimitBytes: config.localMemoryLimitMb * 1024 * 1024,
        resultByteLimit: config.localResultLimitMb * 1024 * 1024,
        onWorkerLost: (why) => log.warn(`The local engine's worker stopped (${why}); the next query starts a new one.`),
        onStartupTrace: (trace) => log.info(traceLine(trace)),
        eagerStartAfter: order.engineMayStart,
        startEngine: (heapMb) => {
          const start = engineSnapshot.forEngine(heapMb);
          if (!start) return undefined;
          log.info('Local engine: started from its start-up snapshot.');
          return new EngineProcess({
            script: extension.asAbsolutePath('dist/engineWorker.js'),
            execArgv: start.execArgv,
            env: { ...process.env, ...start.env },
            onRefused: (why) => engineSnapshot.discard(start, why),
          });
        },
      });
      // Load the data and the Kusto library in the worker now, off the extension host's thread, so the
      // first Run does not pay for them.
      backend.warmUp();
      return backend;
    },
    logAnalytics: () => createLogAnalyticsBackend({ config, extension }),
  });
  const refreshed = new vscode.EventEmitter<void>();
  const schemas = new WorkspaceSchemaProvider({ backends, config, extension });
  extension.subscriptions.push(backends, refreshed, schemas);
  return {
    extension,
    config,
    backends,
    schemas,
    onDidRefreshData: refreshed.event,
    fireDataRefreshed: () => refreshed.fire(),
    subscriptions: extension.subscriptions,
  };
}

export function activate(context: vscode.ExtensionContext): void {
  const started = Date.now();
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('kql.showOutput', () => log.show()),
  );
  registerDocumentation(context);
  try {
    const order = new StartupOrder();
    const ctx = createCtx(context, order);
    registerSettingsWatch(ctx);
    registerBackendCommands(ctx);
    registerSignInStatus(ctx);
    registerLanguageClient(ctx, { activatedAt: started, order });
    void ctx.schemas.refresh();
    registerQueryRunner(ctx);
    registerQueryParameterCommands(ctx);
    const machines = registerMachinesTree(ctx);
    registerDependencyMap(ctx, machines);
    registerNotebooks(ctx);
    registerReports(ctx);
    registerSchemaView(ctx);
    registerWalkthrough(ctx);
    registerDataFolderWatch(ctx, () => {
      const source = localSource(ctx.config);
      return source.kind === 'folder' ? source.dir : undefined;
    });
    log.info(`Connection Analytics activated in ${Date.now() - started} ms`);
  } catch (e) {
    // VS Code does not show activation failures to the user, so we do.
    const message = e instanceof Error ? e.message : String(e);
    log.error(`Activation failed: ${message}`);
    void vscode.window.showErrorMessage(`Connection Analytics could not start: ${message}`);
    throw e;
  }
}

export function deactivate(): Promise<void> {
  // Everything else registered on context.subscriptions is disposed by VS Code.
  return stopLanguageClient();
}
