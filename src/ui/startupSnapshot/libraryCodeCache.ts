/**
 * Kusto.Language's V8 code cache in the editor (src/kql/libraryCodeCache.ts): the language server and
 * the engine's worker thread, when they start without a snapshot (desktop VS Code always, code-server
 * until its snapshots are built), compile the library with the cache each made after its own first
 * analysis on an earlier start. Here: where it lives (global storage) and what tells a process to use it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { CODE_CACHE_DIR_ENV, CODE_CACHE_NAME_ENV, CODE_CACHE_TAG_ENV } from '../../protocol/codeCache';

const dirOf = (extension: vscode.ExtensionContext) => path.join(extension.globalStorageUri.fsPath, 'code-cache');

/**
 * The environment that makes the `name` process (`server`, `engine`) load the library with its code cache;
 * empty (load it by `require`, as before) when the start-up caches are turned off.
 */
export function libraryCodeCacheEnv(
  extension: vscode.ExtensionContext,
  config: { readonly startupSnapshot: boolean },
  name: 'server' | 'engine',
): Record<string, string> {
  if (!config.startupSnapshot) return {};
  const version = (extension.extension.packageJSON as { version?: string }).version ?? '0';
  return { [CODE_CACHE_DIR_ENV]: dirOf(extension), [CODE_CACHE_TAG_ENV]: String(version), [CODE_CACHE_NAME_ENV]: name };
}

/** Clear Start-up Cache: deletes every code cache and returns the bytes freed. */
export function clearLibraryCodeCache(extension: vscode.ExtensionContext): number {
  const dir = dirOf(extension);
  let freed = 0;
  try {
    for (const name of fs.readdirSync(dir)) freed += fs.statSync(path.join(dir, name)).size;
  } catch {
    return 0;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return freed;
}
