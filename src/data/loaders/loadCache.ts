/**
 * Loaded tables kept on disk in the engine's own column layout, so reopening the same export reads
 * the columns back instead of parsing the files again: number columns are the Float64Array bytes
 * themselves (viewed in place, not decoded), string columns their dictionary codes and the
 * dictionary's UTF-8 text. One file per table, named by a hash of the table's files' paths, sizes and
 * modification times (and this layout's version and the catalogue's types), so an entry whose files
 * changed is never read and is rebuilt; the least recently used entries are deleted past a size bound.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BoolColumn, type Column, DynamicColumn, NumberColumn, StringColumn } from '../../engine/column';
import { parseKustoJson } from '../../engine/functions/kustoJson';
import { Table } from '../../engine/table';
import type { DynamicValue, KqlType } from '../../engine/values';
import { dynamicJson } from '../../engine/valueText';
import { findTable } from '../../schema/catalogue';
import { recordLimit } from './recordLimit';
import type { ColumnSpec, SourceFile } from './tableSource';

// 04: datetimes count ticks from the engine's datetime base (not 1970); longs past 2^53 keep an exact section.
// 05: dynamic values written exactly (whole-number reals, longs past 2^53); older files are rebuilt.
const MAGIC = 'KQLCOL05';
const EXT = '.kqlcache';
export const DEFAULT_CACHE_BYTES = 4 * 1024 ** 3;

type Section = readonly [offset: number, length: number];

interface CachedColumn {
  readonly name: string;
  readonly type: KqlType;
  readonly values?: Section;
  readonly nulls?: Section;
  /** A long column's exact values (BigInt64), where some are past 2^53. */
  readonly exact?: Section;
  readonly codes?: Section;
  readonly dictOffsets?: Section;
  readonly dictText?: Section;
  readonly json?: Section;
}

interface Header {
  readonly key: string;
  readonly name: string;
  readonly rowCount: number;
  readonly columns: readonly CachedColumn[];
  readonly inferred: readonly string[];
  readonly warnings: readonly string[];
}

export interface CachedTable {
  readonly table: Table;
  readonly warnings: readonly string[];
}

export class LoadCache {
  constructor(
    readonly dir: string,
    readonly maxBytes = DEFAULT_CACHE_BYTES,
  ) {}

  /** The entry's key: what a table is loaded from and how. */
  key(name: string, files: readonly SourceFile[]): string {
    const catalogue = findTable(name)?.columns.map((c) => `${c.name}:${c.type}`) ?? [];
    // The record limit too: a table loaded without a record past it is loaded again when the limit is raised.
    const what = JSON.stringify([
      MAGIC,
      name,
      catalogue,
      files.map((f) => [path.resolve(f.path), f.size, f.mtimeMs]),
      recordLimit(),
    ]);
    return crypto.createHash('sha256').update(what).digest('hex').slice(0, 40);
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}${EXT}`);
  }

  private readHeader(fd: number): { header: Header; dataStart: number } | undefined {
    const head = Buffer.alloc(16);
    if (fs.readSync(fd, head, 0, 16, 0) !== 16 || head.toString('latin1', 0, 8) !== MAGIC) {
      return undefined;
    }
    const length = head.readUInt32LE(8);
    const json = Buffer.alloc(length);
    fs.readSync(fd, json, 0, length, 16);
    return { header: JSON.parse(json.toString('utf8')) as Header, dataStart: align(16 + length) };
  }

  /** The columns of a cached table, reading only its entry's header; undefined when there is no valid entry. */
  schema(name: string, files: readonly SourceFile[]): { columns: ColumnSpec[]; inferred: string[] } | undefined {
    const key = this.key(name, files);
    let fd: number;
    try {
      fd = fs.openSync(this.file(key), 'r');
    } catch {
      return undefined;
    }
    try {
      const h = this.readHeader(fd)?.header;
      return h && h.key === key
        ? { columns: h.columns.map((c) => ({ name: c.name, type: c.type })), inferred: [...h.inferred] }
        : undefined;
    } catch {
      return undefined;
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The cached table, or undefined when there is none (or it cannot be read: it is then rebuilt). */
  read(name: string, files: readonly SourceFile[]): CachedTable | undefined {
    const key = this.key(name, files);
    const file = this.file(key);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      return undefined;
    }
    try {
      if (bytes.toString('latin1', 0, 8) !== MAGIC) {
        return undefined;
      }
      const length = bytes.readUInt32LE(8);
      const header = JSON.parse(bytes.toString('utf8', 16, 16 + length)) as Header;
      if (header.key !== key) {
        return undefined;
      }
      // Typed-array views need 8-byte alignment of the underlying buffer.
      const base = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes);
      const dataStart = align(16 + length);
      const columns = header.columns.map((c) => ({
        name: c.name,
        column: readColumn(base, dataStart, c, header.rowCount),
      }));
      const now = new Date();
      fs.utimesSync(file, now, now); // Most recently used: evicted last.
      return { table: new Table(columns, header.rowCount, header.name), warnings: header.warnings };
    } catch {
      return undefined;
    }
  }

  /** Stores a loaded table; failures (a full disk, a read-only folder) only cost the next load its speed. */
  write(
    name: string,
    files: readonly SourceFile[],
    table: Table,
    inferred: readonly string[],
    warnings: readonly string[],
  ): void {
    const key = this.key(name, files);
    const parts: Buffer[] = [];
    let offset = 0;
    const section = (buf: Buffer): Section => {
      const at = offset;
      parts.push(buf);
      const padded = align(buf.length);
      if (padded > buf.length) {
        parts.push(Buffer.alloc(padded - buf.length));
      }
      offset += padded;
      return [at, buf.length];
    };
    const view = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const columns: CachedColumn[] = table.columns.map(({ name: colName, column }) => {
      if (column instanceof NumberColumn) {
        return {
          name: colName,
          type: column.type,
          values: section(view(column.values)),
          nulls: column.nulls && section(view(column.nulls)),
          exact: column.exact instanceof BigInt64Array ? section(view(column.exact)) : undefined,
        };
      }
      if (column instanceof BoolColumn) {
        return {
          name: colName,
          type: column.type,
          values: section(view(column.values)),
          nulls: column.nulls && section(view(column.nulls)),
        };
      }
      if (column instanceof StringColumn) {
        const offsets = new Float64Array(column.dict.length + 1);
        let total = 0;
        column.dict.forEach((s, i) => {
          offsets[i] = total;
          total += Buffer.byteLength(s);
        });
        offsets[column.dict.length] = total;
        const text = Buffer.allocUnsafe(total);
        column.dict.forEach((s, i) => text.write(s, offsets[i]!));
        return {
          name: colName,
          type: column.type,
          codes: section(view(column.codes)),
          dictOffsets: section(view(offsets)),
          dictText: section(text),
        };
      }
      // Dynamic values as a dictionary of JSON texts: most repeat (`[]`, the same few names), and each
      // distinct text is parsed once on reading.
      const codes = new Int32Array(column.length);
      const texts: string[] = [];
      const index = new Map<string, number>();
      for (let i = 0; i < column.length; i++) {
        const text = dynamicJson(column.get(i) as DynamicValue);
        let code = index.get(text);
        if (code === undefined) {
          code = texts.length;
          texts.push(text);
          index.set(text, code);
        }
        codes[i] = code;
      }
      return {
        name: colName,
        type: column.type,
        codes: section(view(codes)),
        json: section(Buffer.from(JSON.stringify(texts))),
      };
    });
    const header: Header = { key, name: table.name ?? name, rowCount: table.rowCount, columns, inferred, warnings };
    const json = Buffer.from(JSON.stringify(header));
    const head = Buffer.alloc(16);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(json.length, 8);
    const pad = Buffer.alloc(align(16 + json.length) - 16 - json.length);
    const target = this.file(key);
    const temp = `${target}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      const fd = fs.openSync(temp, 'w');
      try {
        for (const b of [head, json, pad, ...parts]) {
          fs.writeSync(fd, b);
        }
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, target);
      this.evict(target);
    } catch {
      fs.rmSync(temp, { force: true });
    }
  }

  /**
   * Deletes the least recently used entries until the cache fits its bound (never `keep`), and the
   * half-written entries of writers that are gone (a `kql` stopped by Ctrl+C as it wrote one).
   */
  evict(keep?: string): void {
    let entries: { file: string; size: number; used: number }[];
    try {
      const names = fs.readdirSync(this.dir);
      for (const f of names.filter(abandoned)) {
        fs.rmSync(path.join(this.dir, f), { force: true });
      }
      entries = names
        .filter((f) => f.endsWith(EXT))
        .map((f) => {
          const file = path.join(this.dir, f);
          const st = fs.statSync(file);
          return { file, size: st.size, used: st.mtimeMs };
        });
    } catch {
      return;
    }
    let total = entries.reduce((a, e) => a + e.size, 0);
    for (const e of entries.sort((a, b) => a.used - b.used)) {
      if (total <= this.maxBytes) {
        break;
      }
      if (e.file !== keep) {
        fs.rmSync(e.file, { force: true });
        total -= e.size;
      }
    }
  }

  /** Deletes every entry; returns how many bytes were freed. */
  clear(): number {
    let freed = 0;
    try {
      for (const f of fs.readdirSync(this.dir)) {
        if (f.endsWith(EXT) || f.endsWith('.tmp')) {
          const file = path.join(this.dir, f);
          freed += fs.statSync(file).size;
          fs.rmSync(file, { force: true });
        }
      }
    } catch {
      // No cache folder: nothing to clear.
    }
    return freed;
  }
}

/** A temporary entry (`<key>.kqlcache.<pid>.tmp`, see put) whose writing process no longer runs. */
function abandoned(name: string): boolean {
  const pid = /\.(\d+)\.tmp$/.exec(name)?.[1];
  if (pid === undefined) {
    return false;
  }
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (e) {
    // EPERM: the process runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function align(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/** Section offsets count from `dataStart`, the first 8-byte boundary after the header. */
/**
 * A corrupt or forged entry's code past its dictionary would be a missing value the engine never expects
 * (undefined as a string): such an entry is not read (read() throws it away and the table is rebuilt).
 */
function checkCodes(codes: Int32Array, lowest: number, distinct: number): void {
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code < lowest || code >= distinct) {
      throw new Error(`row ${i + 1}: code ${code} outside the column's ${distinct} values`);
    }
  }
}

function readColumn(bytes: Buffer, dataStart: number, c: CachedColumn, rows: number): Column {
  const at = (s: Section) => bytes.byteOffset + dataStart + s[0];
  if (c.codes && c.json) {
    // Rows with the same text share one value: column values are never changed once built.
    const codes = new Int32Array(bytes.buffer, at(c.codes), rows);
    const texts = JSON.parse(
      bytes.toString('utf8', dataStart + c.json[0], dataStart + c.json[0] + c.json[1]),
    ) as string[];
    const distinct = texts.map((t) => parseKustoJson(t));
    checkCodes(codes, 0, distinct.length);
    const values: DynamicValue[] = new Array(rows);
    for (let i = 0; i < rows; i++) {
      values[i] = distinct[codes[i]!]!;
    }
    return new DynamicColumn(values);
  }
  if (c.codes && c.dictOffsets && c.dictText) {
    const codes = new Int32Array(bytes.buffer, at(c.codes), rows);
    const offsets = new Float64Array(bytes.buffer, at(c.dictOffsets), c.dictOffsets[1] / 8);
    const textStart = dataStart + c.dictText[0];
    const dict: string[] = new Array(offsets.length - 1);
    for (let i = 0; i < dict.length; i++) {
      dict[i] = bytes.toString('utf8', textStart + offsets[i]!, textStart + offsets[i + 1]!);
    }
    // A negative code is an empty string (a null guid).
    checkCodes(codes, Number.MIN_SAFE_INTEGER, dict.length);
    return new StringColumn(c.type as 'string' | 'guid', codes, dict);
  }
  const nulls = c.nulls && new Uint8Array(bytes.buffer, at(c.nulls), rows);
  if (c.type === 'bool') {
    return new BoolColumn(new Uint8Array(bytes.buffer, at(c.values!), rows), nulls);
  }
  const exact = c.exact && new BigInt64Array(bytes.buffer, at(c.exact), rows);
  return new NumberColumn(c.type, new Float64Array(bytes.buffer, at(c.values!), rows), nulls, exact);
}
