/**
 * Commands that choose where and over which window queries run: the backend, the time range, the
 * data folder or sample workspace, and the Log Analytics sign-in.
 */
import * as vscode from 'vscode';
import { BackendError } from '../results/errors';
import { isIsoDuration } from '../backends/logAnalytics';
import { checkDatetime } from './datetimeInput';
import { parseInterval, timeRangeLabel } from './timeRangeLabel';
import type { Ctx } from './ctx';
import { signIn } from './microsoftCredential';
import { LoadCache } from '../data/loaders/loadCache';
import * as path from 'node:path';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const TIME_RANGES: readonly { value: string; label: string }[] = [
  { value: 'PT30M', label: 'Last 30 minutes' },
  { value: 'PT1H', label: 'Last hour' },
  { value: 'PT4H', label: 'Last 4 hours' },
  { value: 'PT24H', label: 'Last 24 hours' },
  { value: 'P2D', label: 'Last 48 hours' },
  { value: 'P7D', label: 'Last 7 days' },
  { value: 'query', label: 'Set in query (no time filter added)' },
];

async function askWorkspaceId(ctx: Ctx): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Log Analytics workspace id',
    prompt: "The workspace id (a GUID), from the workspace's Overview page in the Azure portal",
    value: ctx.config.workspaceId,
    ignoreFocusOut: true,
    validateInput: (v) =>
      GUID.test(v.trim()) ? undefined : 'A workspace id is a GUID, e.g. 0b6c1a2e-8f4d-4c3b-9a7e-5d2f1e0c9b8a',
  });
}

async function selectBackend(ctx: Ctx): Promise<void> {
  const current = ctx.config.backend;
  const picked = await vscode.window.showQuickPick(
    [
      {
        label: 'Local engine',
        description: current === 'local' ? '(current)' : '',
        detail: 'The sample workspace or exported files; offline, no account.',
        id: 'local' as const,
      },
      {
        label: 'Log Analytics',
        description: current === 'logAnalytics' ? '(current)' : '',
        detail: 'Your workspace in Azure Monitor, with your Microsoft sign-in.',
        id: 'logAnalytics' as const,
      },
    ],
    { title: 'Select Query Backend' },
  );
  if (!picked) {
    return;
  }
  if (picked.id === 'logAnalytics' && !ctx.config.trusted) {
    const manage = 'Manage Workspace Trust';
    const choice = await vscode.window.showWarningMessage(
      'Log Analytics is off in Restricted Mode: queries of an untrusted workspace run on the local engine only. Trust the workspace to use Log Analytics.',
      manage,
    );
    if (choice === manage) {
      await vscode.commands.executeCommand('workbench.trust.manage');
    }
    return;
  }
  if (picked.id === 'logAnalytics' && !GUID.test(ctx.config.workspaceId)) {
    const id = await askWorkspaceId(ctx);
    if (!id) {
      return;
    }
    await ctx.config.update('logAnalytics.workspaceId', id.trim());
  }
  // BackendManager rebuilds the backend when these settings change.
  await ctx.config.update('backend', picked.id);
}

async function selectTimeRange(ctx: Ctx): Promise<void> {
  const current = ctx.config.timeRangeSetting;
  const preset = TIME_RANGES.some((t) => t.value === current);
  const items = [
    ...TIME_RANGES.map((t) => ({
      label: t.label,
      description: t.value === current ? '(current)' : '',
      value: t.value,
    })),
    {
      label: 'Custom…',
      description: parseInterval(current) ? `(current: ${timeRangeLabel(current)})` : 'from a start to an end datetime',
      value: 'interval',
    },
    {
      label: 'Custom duration…',
      description: !preset && !parseInterval(current) ? `(current: ${current})` : 'ending now, e.g. PT12H or P3D',
      value: 'duration',
    },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Select Time Range' });
  if (!picked) {
    return;
  }
  let value: string | undefined = picked.value;
  if (value === 'duration') {
    const typed = await vscode.window.showInputBox({
      title: 'Custom time range: duration',
      prompt: 'An ISO-8601 duration ending now, e.g. PT12H (12 hours), P3D (3 days), P1DT6H',
      validateInput: (v) => (isIsoDuration(v) ? undefined : 'Not an ISO-8601 duration such as PT12H or P3D'),
    });
    value = typed ? typed.trim().toUpperCase() : undefined;
  } else if (value === 'interval') {
    value = await askInterval(current);
  }
  if (value) {
    await ctx.config.update('timeRange', value);
  }
}

/** Start, then end, each a validated datetime; the result is the setting's `start/end` form. */
async function askInterval(current: string): Promise<string | undefined> {
  const now = new Date();
  const was = parseInterval(current);
  const start = await vscode.window.showInputBox({
    title: 'Custom time range (1/2): start',
    prompt: 'Start datetime, ISO-8601 in UTC, e.g. 2026-12-04T03:00Z (a time without Z or an offset is read as UTC)',
    value: was?.start ?? new Date(now.getTime() - 86_400_000).toISOString().slice(0, 16) + 'Z',
    validateInput: (v) => checkDatetime(v).problem,
  });
  if (!start) return undefined;
  const startIso = checkDatetime(start).iso!;
  const end = await vscode.window.showInputBox({
    title: 'Custom time range (2/2): end',
    prompt: `End datetime after ${startIso}, ISO-8601 in UTC`,
    value: was?.end ?? now.toISOString().slice(0, 16) + 'Z',
    validateInput: (v) => {
      const checked = checkDatetime(v);
      if (checked.problem) return checked.problem;
      return Date.parse(checked.iso!) <= Date.parse(startIso)
        ? `The end must be after the start (${startIso}).`
        : undefined;
    },
  });
  if (!end) return undefined;
  return `${startIso}/${checkDatetime(end).iso!}`;
}

async function useDataFolder(ctx: Ctx): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Query this folder',
    title: 'Folder of files exported from Log Analytics',
  });
  const folder = picked?.[0];
  if (!folder) {
    return;
  }
  await ctx.config.update('local.dataFolder', folder.fsPath);
  await ctx.config.update('backend', 'local');
}

async function useSampleWorkspace(ctx: Ctx): Promise<void> {
  await ctx.config.update('local.dataFolder', '');
  await ctx.config.update('backend', 'local');
}

/** Where the local engine keeps loaded tables of data folders (see src/data/loaders/loadCache.ts). */
export function loadCacheDir(ctx: { extension: vscode.ExtensionContext }): string {
  return path.join(ctx.extension.globalStorageUri.fsPath, 'load-cache');
}

async function clearLoadCache(ctx: Ctx): Promise<void> {
  const freed = new LoadCache(loadCacheDir(ctx)).clear();
  void vscode.window.showInformationMessage(`Cleared the cache of loaded files (${(freed / 1048576).toFixed(1)} MB).`);
}

/**
 * For whoever shows a query's error: offers a new sign-in when Log Analytics refused the current one.
 * Resolves true when the user signed in again.
 */
export async function offerSignInOnAuthError(ctx: Ctx, error: unknown): Promise<boolean> {
  if (!(error instanceof BackendError) || error.kind !== 'auth') {
    return false;
  }
  const choice = await vscode.window.showWarningMessage(signInPrompt(error), 'Sign In');
  return choice === 'Sign In' ? signIn(ctx) : false;
}

/**
 * The notification's words: a refused or insufficient sign-in in one line (the panel, cell or map
 * shows the service's full message), anything else (signed out, a failed sign-in) as it is.
 */
function signInPrompt(error: BackendError): string {
  if (error.status === 401) {
    return 'Log Analytics refused the sign-in (401): sign in again to run queries there.';
  }
  if (error.status === 403) {
    return 'Your account has no read access to this Log Analytics workspace (403): ask its owner for access, or sign in with another account.';
  }
  return error.message;
}

/**
 * For whoever shows a query's error: Log Analytics chosen with no usable workspace id is a setup step,
 * not a dead end, so the message offers to set the id (or go back to the local engine).
 * Resolves true when the user set one.
 */
export async function offerWorkspaceOnConfigError(ctx: Ctx, error: unknown): Promise<boolean> {
  if (
    !(error instanceof BackendError) ||
    error.kind !== 'config' ||
    !/kql\.logAnalytics\.workspaceId/.test(error.message)
  ) {
    return false;
  }
  const set = 'Set Workspace ID…';
  const local = 'Use Local Engine';
  // A 404's message opens with "Log Analytics does not know…": no second "Log Analytics:" before it.
  const said = error.message.startsWith('Log Analytics') ? error.message : `Log Analytics: ${error.message}`;
  const choice = await vscode.window.showWarningMessage(said, set, local);
  if (choice === local) {
    await ctx.config.update('backend', 'local');
    return false;
  }
  const id = choice === set ? await askWorkspaceId(ctx) : undefined;
  if (!id) {
    return false;
  }
  await ctx.config.update('logAnalytics.workspaceId', id.trim());
  return true;
}

export function registerBackendCommands(ctx: Ctx): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('kql.selectBackend', () => selectBackend(ctx)),
    vscode.commands.registerCommand('kql.selectTimeRange', () => selectTimeRange(ctx)),
    vscode.commands.registerCommand('kql.useDataFolder', () => useDataFolder(ctx)),
    vscode.commands.registerCommand('kql.useSampleWorkspace', () => useSampleWorkspace(ctx)),
    vscode.commands.registerCommand('kql.signIn', () => signIn(ctx)),
    vscode.commands.registerCommand('kql.clearLoadCache', () => clearLoadCache(ctx)),
  );
}
