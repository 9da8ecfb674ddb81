/**
 * The language server's startup snapshot on disk (no `vscode` here, so it is unit-tested in plain Node):
 * which Nodes can build and use one, the key that ties a blob to the Node, the extension build and the
 * platform it was made by, finding a usable blob (a mismatched or truncated one is deleted), and building
 * one in a low-priority child process, written atomically (temporary file, check run, rename).
 *
 * A blob is only valid for the exact Node binary (and V8 flags) that built it: Node refuses any other and
 * exits at start, which is why the key holds the Node version and the blob is checked once after it is built.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SNAPSHOT_CHECK_ANSWER, SNAPSHOT_CHECK_ENV, SNAPSHOT_KUSTO_DIR_ENV } from '../../protocol/serverSnapshot';

export interface SnapshotRuntime {
  /** process.versions (Electron adds `electron`). */
  readonly versions: NodeJS.ProcessVersions;
  readonly platform: string;
  readonly arch: string;
}

/**
 * Why this runtime cannot build or use a user-land startup snapshot, or undefined when it can. Electron's
 * Node (desktop VS Code) has no `--build-snapshot` / `--snapshot-blob`; Node has had them since 18.8, and
 * the extension requires 20.
 */
export function snapshotUnsupported(runtime: SnapshotRuntime): string | undefined {
  if (runtime.versions.electron) return `Electron ${runtime.versions.electron} cannot start Node from a snapshot`;
  const major = Number(/^(\d+)/.exec(runtime.versions.node)?.[1] ?? 0);
  if (major < 20) return `Node ${runtime.versions.node} is older than 20`;
  return undefined;
}

/** What a blob was built from; two starts may share a blob only when every field is equal. */
export interface SnapshotKeyParts {
  readonly runtime: SnapshotRuntime;
  readonly extensionVersion: string;
  /** The snapshot entry's own text: a rebuilt extension of the same version gets a new blob. */
  readonly entryText: string;
  /** Which process the blob starts (default `server`). */
  readonly name?: string;
  /** V8 flags it is built and started with: V8 refuses a blob under other flags (e.g. another heap cap). */
  readonly flags?: readonly string[];
}

/** A file-name-safe key: Node version, extension version, platform and arch, and the entry's digest. */
export function snapshotKey(parts: SnapshotKeyParts): string {
  const digest = createHash('sha256')
    .update(parts.entryText)
    .update(`\0${(parts.flags ?? []).join(' ')}`)
    .digest('hex')
    .slice(0, 12);
  const { runtime } = parts;
  const raw = `${parts.name ?? 'server'}-${parts.extensionVersion}-node${runtime.versions.node}-${runtime.platform}-${runtime.arch}-${digest}`;
  return raw.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** What is written beside the blob; its size is how a truncated blob is recognised without reading it. */
export interface SnapshotMeta {
  readonly key: string;
  readonly size: number;
  readonly builtAt: string;
  readonly buildMs: number;
}

export const blobPath = (dir: string, key: string) => path.join(dir, `${key}.blob`);
const metaPath = (dir: string, key: string) => path.join(dir, `${key}.json`);

export type SnapshotLog = (message: string) => void;

/** A temporary file this old is a build that died (another window's live build is younger). */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Deletes every file in `dir` except those of `keep`: blobs of other Nodes or extension builds, and
 * temporary files of builds that died.
 */
export function removeOtherSnapshots(dir: string, keep: string | undefined, log: SnapshotLog, now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (keep && (name === `${keep}.blob` || name === `${keep}.json`)) continue;
    const file = path.join(dir, name);
    if (/\.tmp(\.json)?$/.test(name)) {
      const age = now - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? now);
      if (age < STALE_TEMP_MS) continue;
    }
    fs.rmSync(file, { force: true, recursive: true });
    if (name.endsWith('.blob'))
      log(`Removed the start-up snapshot ${name}: it was built for another Node or extension build.`);
  }
}

/**
 * The blob for `key` when it is there whole; otherwise undefined, and whatever of it is there (and every
 * other key's files) is deleted.
 */
export function usableSnapshot(dir: string, key: string, log: SnapshotLog): string | undefined {
  removeOtherSnapshots(dir, key, log);
  const blob = blobPath(dir, key);
  let meta: SnapshotMeta | undefined;
  try {
    meta = JSON.parse(fs.readFileSync(metaPath(dir, key), 'utf8')) as SnapshotMeta;
  } catch {
    meta = undefined;
  }
  const size = fs.existsSync(blob) ? fs.statSync(blob).size : -1;
  if (meta && meta.key === key && meta.size === size && size > 0) return blob;
  if (meta || size >= 0) {
    log(`The start-up snapshot ${path.basename(blob)} is incomplete or does not match its record; deleted.`);
    discardSnapshot(dir, key);
  }
  return undefined;
}

/** Deletes the blob of `key` and its record (a blob Node refused to start from, or the user's Clear). */
export function discardSnapshot(dir: string, key: string): void {
  fs.rmSync(blobPath(dir, key), { force: true });
  fs.rmSync(metaPath(dir, key), { force: true });
}

export interface BuildOptions {
  readonly dir: string;
  readonly key: string;
  /** The Node that builds the blob, which must be the one that will fork the server from it. */
  readonly nodePath: string;
  /** The snapshot entry (dist/serverSnapshot.js). */
  readonly entry: string;
  /** The Kusto library's folder, when it is not the entry's own `kusto/`. */
  readonly kustoDir?: string;
  readonly signal?: AbortSignal;
  /** os.setPriority's value for the builder (19: the lowest); the editor's own work comes first. */
  readonly priority?: number;
  /** V8 flags the blob is built and checked with (those it will be started with). */
  readonly flags?: readonly string[];
}

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runLowPriority(
  nodePath: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  priority: number,
  signal?: AbortSignal,
): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(nodePath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], signal });
    if (child.pid !== undefined) {
      try {
        os.setPriority(child.pid, priority);
      } catch {
        // Not permitted here (some containers): it runs at normal priority.
      }
    }
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-4000)));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Why the last lines of a failed build matter: Node prints the reason there. */
function tail(text: string): string {
  const lines = text
    .trim()
    .split('\n')
    .filter((l) => !/^\(node:\d+\) Warning|^It may still work|^To request support|^\(Use `node/.test(l));
  return lines.slice(-3).join(' ').slice(0, 500);
}

/**
 * Builds the blob for `key` and returns its path. The blob is written to a temporary name, started once
 * in check mode (it must print the check answer), then renamed; the record is written the same way, last,
 * so a reader never sees a record for a half-written blob. Throws with Node's reason on failure.
 */
export async function buildSnapshot(options: BuildOptions): Promise<{ blob: string; meta: SnapshotMeta }> {
  const { dir, key } = options;
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `${key}.${process.pid}.${Date.now()}.tmp`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (options.kustoDir) env[SNAPSHOT_KUSTO_DIR_ENV] = options.kustoDir;
  const priority = options.priority ?? 19;
  const started = Date.now();
  try {
    const built = await runLowPriority(
      options.nodePath,
      [...(options.flags ?? []), '--snapshot-blob', tmp, '--build-snapshot', options.entry],
      env,
      priority,
      options.signal,
    );
    if (built.code !== 0 || !fs.existsSync(tmp)) {
      throw new Error(`the snapshot build exited with ${built.code}: ${tail(built.stderr) || 'no message'}`);
    }
    const checked = await runLowPriority(
      options.nodePath,
      [...(options.flags ?? []), '--snapshot-blob', tmp, options.entry],
      { ...process.env, [SNAPSHOT_CHECK_ENV]: '1' },
      priority,
      options.signal,
    );
    if (checked.code !== 0 || !checked.stdout.includes(SNAPSHOT_CHECK_ANSWER)) {
      throw new Error(
        `a Node started from the new snapshot did not answer (exit ${checked.code}): ${tail(checked.stderr)}`,
      );
    }
    const meta: SnapshotMeta = {
      key,
      size: fs.statSync(tmp).size,
      builtAt: new Date().toISOString(),
      buildMs: Date.now() - started,
    };
    fs.renameSync(tmp, blobPath(dir, key));
    const metaTmp = `${tmp}.json`;
    fs.writeFileSync(metaTmp, JSON.stringify(meta));
    fs.renameSync(metaTmp, metaPath(dir, key));
    return { blob: blobPath(dir, key), meta };
  } finally {
    fs.rmSync(tmp, { force: true });
    fs.rmSync(`${tmp}.json`, { force: true });
  }
}
