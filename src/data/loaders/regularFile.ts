/**
 * Only regular files are read from a data folder. A named pipe (FIFO), a socket or a device (`/dev/zero`
 * linked as `x.csv`) has no end, or blocks the reading thread until some other process writes: a read
 * of one would hang the load for ever. A link is followed wherever it points (a folder of links to the
 * real exports is common), but what it points to must be a regular file too.
 */
import * as fs from 'node:fs';
import { DataFileError } from './dataFileError';

/** What a directory entry is that is not a regular file or folder, in words; undefined for those two. */
export function oddKind(stats: fs.Stats): string | undefined {
  if (stats.isFile() || stats.isDirectory()) return undefined;
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Why the entry at `file` cannot be read as a file, if it cannot: a link loop, a dangling link, a pipe, a device. */
export function unreadableEntry(file: string): string | undefined {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'a symbolic link that leads round in a loop';
    if (code === 'ENOENT') return `a symbolic link to ${linkTarget(file)}, which does not exist`;
    return `cannot be read: ${(e as Error).message}`;
  }
  const odd = oddKind(stats);
  return odd && `${odd}, not a regular file: reading it could block or never end`;
}

function linkTarget(file: string): string {
  try {
    return fs.readlinkSync(file);
  } catch {
    return 'a path';
  }
}

/** O_NONBLOCK: opening a FIFO for reading waits for a writer without it (Windows has no FIFOs, nor the flag). */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Opens a data file for reading, refusing (a DataFileError naming the file) anything but a regular file:
 * the folder's scan already left such entries out, this guards against one swapped in since.
 */
export function openRegular(file: string): number {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (e) {
    throw new DataFileError(file, 1, 1, `cannot read the file: ${(e as Error).message}`);
  }
  const odd = oddKind(fs.fstatSync(fd));
  if (odd) {
    fs.closeSync(fd);
    throw new DataFileError(file, 1, 1, `${odd}, not a regular file: not read, as reading it could block or never end`);
  }
  return fd;
}

/** The whole of a regular file (openRegular's checks). */
export function readRegular(file: string): Buffer {
  const fd = openRegular(file);
  try {
    return fs.readFileSync(fd);
  } catch (e) {
    throw new DataFileError(file, 1, 1, `cannot read the file: ${(e as Error).message}`);
  } finally {
    fs.closeSync(fd);
  }
}

/** The same checks for an asynchronous reader (Parquet): a file handle of a regular file. */
export async function openRegularAsync(file: string): Promise<fs.promises.FileHandle> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, OPEN_FLAGS);
  } catch (e) {
    throw new DataFileError(file, 1, 1, `cannot read the file: ${(e as Error).message}`);
  }
  const odd = oddKind(await handle.stat());
  if (odd) {
    await handle.close();
    throw new DataFileError(file, 1, 1, `${odd}, not a regular file: not read, as reading it could block or never end`);
  }
  return handle;
}
