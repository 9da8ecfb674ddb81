/**
 * Whether the data folder is there, and which folder it is: a file watcher is set on a folder, so it
 * sees nothing of a folder that does not exist yet (the export job has not run), nor of one created again
 * or renamed into place after the watch began. A cheap check of the folder's identity (device and inode)
 * every few seconds tells the watch when to start again. No vscode here, so it is tested in plain Node.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** 'missing', 'not a folder', or the folder's device:inode. */
export type FolderIdentity = string;

type Stat = (p: string) => { isDirectory(): boolean; dev: number; ino: number } | undefined;

const statOf: Stat = (p) => fs.statSync(p, { throwIfNoEntry: false });

export function folderIdentity(dir: string, stat: Stat = statOf): FolderIdentity {
  const st = stat(dir);
  if (!st) return 'missing';
  return st.isDirectory() ? `${st.dev}:${st.ino}` : 'not a folder';
}

/** What happened to the folder since the last look, in words for the log; undefined when nothing did. */
export class FolderPresence {
  private last: FolderIdentity;

  constructor(
    readonly dir: string,
    private readonly stat: Stat = statOf,
  ) {
    this.last = folderIdentity(dir, stat);
  }

  get exists(): boolean {
    return this.last !== 'missing' && this.last !== 'not a folder';
  }

  check(): string | undefined {
    const now = folderIdentity(this.dir, this.stat);
    const was = this.last;
    if (now === was) return undefined;
    this.last = now;
    if (now === 'missing') return 'was deleted or renamed';
    if (now === 'not a folder') return 'is now a file';
    return was === 'missing' || was === 'not a folder' ? 'was created' : 'was replaced by another folder';
  }
}

/**
 * The file system's root or the home folder itself: a recursive watch there would follow every file of
 * the machine or the user (VS Code's watcher has to walk it all), so it is not watched.
 */
export function tooWideToWatch(dir: string, home: string): boolean {
  const resolved = path.resolve(dir);
  return resolved === path.parse(resolved).root || resolved === path.resolve(home);
}
