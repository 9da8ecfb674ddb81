/** A file that cannot be loaded: says which file, where in it (1-based line and column) and why. */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = 'DataFileError';
  }
}

/** 1-based line and column of an offset in a text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * A problem that refuses the whole file, found while its content streams in (a decompression bomb): the
 * records read before it are dropped too, as when the file was inflated whole before any was read.
 */
export class RefusedFileError extends DataFileError {}
