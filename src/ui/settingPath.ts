/**
 * A path written in a setting (`kql.local.dataFolder`, `kql.schemaFile`) made absolute as VS Code users
 * expect: `~` is the home folder, `${workspaceFolder}` the first workspace folder and
 * `${workspaceFolder:Name}` the folder of that name (in a multi-root workspace), and a relative path is
 * inside the first workspace folder. A path that cannot be made absolute, or names nothing on disk, is
 * refused with the reason, never resolved against the extension host's current directory.
 */
import * as path from 'node:path';

export interface PathContext {
  /** The workspace's folders, first one first; empty when no folder is open. */
  readonly folders: readonly { readonly name: string; readonly path: string }[];
  readonly home: string;
  /** 'dir', 'file', or undefined when nothing is there. */
  readonly kindOf: (absolute: string) => 'dir' | 'file' | undefined;
}

/** `missing`: the absolute path the setting names, where nothing is (yet). */
export type ResolvedPath = { readonly path: string } | { readonly problem: string; readonly missing?: string };

function expand(written: string, ctx: PathContext): ResolvedPath {
  let text = written;
  if (text === '~' || text.startsWith('~/') || text.startsWith('~\\')) text = ctx.home + text.slice(1);
  let missing: string | undefined;
  text = text.replace(/\$\{workspaceFolder(?::([^}]*))?\}/g, (whole, name: string | undefined) => {
    const folder = name === undefined ? ctx.folders[0] : ctx.folders.find((f) => f.name === name);
    if (!folder) {
      missing ??= name === undefined ? 'no folder is open' : `no workspace folder is called "${name}"`;
      return whole;
    }
    return folder.path;
  });
  if (missing) return { problem: `it names \${workspaceFolder} but ${missing}` };
  if (path.isAbsolute(text)) return { path: path.resolve(text) };
  const root = ctx.folders[0];
  if (!root) return { problem: 'it is a relative path and no folder is open to resolve it against' };
  return { path: path.resolve(root.path, text) };
}

/** The folder or file a path setting names, checked on disk; `want` is what it must be. */
export function resolveSettingPath(written: string, want: 'dir' | 'file', ctx: PathContext): ResolvedPath {
  const resolved = expand(written.trim(), ctx);
  if ('problem' in resolved) return resolved;
  const kind = ctx.kindOf(resolved.path);
  if (kind === want) return resolved;
  if (!kind) return { problem: `${resolved.path} does not exist`, missing: resolved.path };
  return {
    problem: `${resolved.path} is a ${kind === 'dir' ? 'folder' : 'file'}, not a ${want === 'dir' ? 'folder' : 'file'}`,
  };
}
