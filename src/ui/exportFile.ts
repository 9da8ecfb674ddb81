/**
 * Writes an export to a file as it is made, without holding its whole text: the pieces go to a hidden
 * file beside the target, which replaces the target only once every piece is written. So a cancelled or
 * failed export (a full disk) leaves no half-written file under the user's name, and a file that was
 * there before (VS Code's save dialog asked before overwriting it) is still whole.
 *
 * No `vscode` here (the panel's glue is exportSave.ts), so this is tested in plain Node.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExportPiece } from '../render/exportData';
import { asSentence } from '../results/sentence';

/**
 * The UTF-8 byte order mark. Excel opens a double-clicked .csv in the system's ANSI code page unless
 * the file starts with it (é would read as Ã©); pandas, Python's csv with encoding utf-8-sig and this
 * extension's own loader (a folder of exports) skip it.
 */
export const UTF8_BOM = '\uFEFF';

/** Text gathered before a write: large writes are fast, and the event loop runs (Cancel) between them. */
const WRITE_CHARS = 1 << 20;

export interface ExportFileOptions {
  /** Text written before the first piece (UTF8_BOM for CSV). */
  readonly prefix?: string;
  /** Asked between pieces; true stops the export and removes what was written. */
  readonly isCancelled?: () => boolean;
  /** Rows written so far, after each write. */
  readonly onProgress?: (rowsDone: number) => void;
}

export type ExportFileOutcome =
  | { readonly kind: 'written'; readonly bytes: number; readonly rows: number }
  | { readonly kind: 'cancelled' };

/** An export that could not be written, with the reason in words and where. */
export class ExportFileError extends Error {}

export async function writeExportFile(
  target: string,
  pieces: Iterable<ExportPiece>,
  options: ExportFileOptions = {},
): Promise<ExportFileOutcome> {
  const partial = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(4).toString('hex')}.partial`,
  );
  const existed = fs.existsSync(target);
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(partial, 'wx');
  } catch (e) {
    throw new ExportFileError(failure(target, e, existed));
  }
  let bytes = 0;
  let rows = 0;
  let done = false;
  try {
    let text = options.prefix ?? '';
    const flush = async () => {
      const buf = Buffer.from(text, 'utf8');
      text = '';
      await handle.write(buf, 0, buf.length);
      bytes += buf.length;
      options.onProgress?.(rows);
    };
    for (const piece of pieces) {
      if (options.isCancelled?.()) {
        return { kind: 'cancelled' };
      }
      text += piece.text;
      rows = piece.rowsDone;
      if (text.length >= WRITE_CHARS) {
        await flush();
      }
    }
    await flush();
    if (options.isCancelled?.()) {
      return { kind: 'cancelled' };
    }
    await handle.close();
    await fs.promises.rename(partial, target);
    done = true;
    return { kind: 'written', bytes, rows };
  } catch (e) {
    throw new ExportFileError(failure(target, e, existed));
  } finally {
    if (!done) {
      await handle.close().catch(() => undefined);
      await fs.promises.rm(partial, { force: true }).catch(() => undefined);
    }
  }
}

/** Why `target` could not be written, in words, and that nothing of it changed. */
function failure(target: string, e: unknown, existed: boolean): string {
  const code = (e as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? `the folder ${path.dirname(target)} cannot be written to (read-only or no permission)`
        : code === 'ENOENT'
          ? `the folder ${path.dirname(target)} does not exist`
          : code === 'EISDIR'
            ? 'it is a folder'
            : e instanceof Error
              ? e.message
              : String(e);
  return `Could not save ${target}: ${asSentence(reason)} ${existed ? 'The file there is unchanged.' : 'No file was written.'}`;
}
