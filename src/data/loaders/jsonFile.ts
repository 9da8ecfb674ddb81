/**
 * JSON exported from Log Analytics → a raw table. Two shapes: an array of records (the portal's
 * "Export to JSON"), or the REST API's response `{"tables":[{"name","columns":[{"name","type"}],"rows"}]}`.
 */
import { DataFileError, lineColumnAt } from './dataFileError';
import { restColumnType } from './cells';
import type { RawTable } from './rawTable';

function syntaxError(file: string, text: string, e: unknown): DataFileError {
  const message = e instanceof Error ? e.message : String(e);
  const at = /position (\d+)/.exec(message);
  const offset = at ? Number(at[1]) : text.length;
  const { line, column } = lineColumnAt(text, offset);
  const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
  return new DataFileError(file, line, column, `invalid JSON: ${reason}`);
}

/** Offsets of the elements of the array found by following `path` (keys and indexes) from the root. */
export function arrayElementOffsets(text: string, path: readonly (string | number)[]): number[] {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      i += text[i] === '\\' ? 2 : 1;
    }
    i++;
  };
  const readString = (): string => {
    const start = i;
    skipString();
    return JSON.parse(text.slice(start, i)) as string;
  };
  // Walks one value; when depth === path.length and it is an array, records its elements' offsets.
  const walk = (depth: number, out: number[] | undefined): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      while (i < text.length && text[i] !== '}') {
        const key = readString();
        ws();
        i++; // ':'
        walk(depth + 1, depth < path.length && path[depth] === key ? out : undefined);
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (c === '[') {
      i++;
      ws();
      let index = 0;
      while (i < text.length && text[i] !== ']') {
        ws();
        if (out && depth === path.length) {
          out.push(i);
        }
        walk(depth + 1, depth < path.length && path[depth] === index ? out : undefined);
        ws();
        if (text[i] === ',') i++;
        ws();
        index++;
      }
      i++;
    } else if (c === '"') {
      skipString();
    } else {
      while (i < text.length && !/[,\]}\s]/.test(text[i]!)) i++;
    }
  };
  const out: number[] = [];
  walk(0, out);
  return out;
}

function cellPosition(text: string, rowPath: readonly (string | number)[]) {
  let offsets: number[] | undefined;
  return (row: number, _column: number) => {
    offsets ??= arrayElementOffsets(text, rowPath);
    return lineColumnAt(text, offsets[row] ?? 0);
  };
}

export function readJson(file: string, text: string): RawTable {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw syntaxError(file, text, e);
  }
  if (Array.isArray(doc)) {
    return readRecords(file, text, doc);
  }
  if (doc && typeof doc === 'object' && Array.isArray((doc as { tables?: unknown }).tables)) {
    return readRestResponse(file, text, (doc as { tables: unknown[] }).tables);
  }
  throw new DataFileError(file, 1, 1, 'expected an array of records or a Log Analytics response ({"tables": [...]})');
}

function readRecords(file: string, text: string, records: unknown[]): RawTable {
  const names: string[] = [];
  const index = new Map<string, number>();
  const position = cellPosition(text, []);
  records.forEach((r, i) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) {
      const { line, column } = position(i, 0);
      throw new DataFileError(file, line, column, `record ${i + 1} is not an object`);
    }
    for (const key of Object.keys(r)) {
      if (!index.has(key)) {
        index.set(key, names.length);
        names.push(key);
      }
    }
  });
  const rows = records.map((r) => names.map((n) => (r as Record<string, unknown>)[n] ?? null));
  return { columns: names.map((name) => ({ name })), rows, position, notes: [] };
}

function readRestResponse(file: string, text: string, tables: unknown[]): RawTable {
  const table = tables[0] as { name?: unknown; columns?: unknown; rows?: unknown } | undefined;
  const fail = (reason: string): never => {
    throw new DataFileError(file, 1, 1, reason);
  };
  if (!table || typeof table !== 'object') {
    return fail('the response has no tables');
  }
  if (!Array.isArray(table.columns) || !Array.isArray(table.rows)) {
    return fail('tables[0] needs "columns" and "rows" arrays');
  }
  const columns = (table.columns as unknown[]).map((c, i) => {
    const col = c as { name?: unknown; type?: unknown; ColumnName?: unknown; DataType?: unknown; ColumnType?: unknown };
    const name = col?.name ?? col?.ColumnName;
    if (typeof name !== 'string' || name === '') {
      fail(`column ${i + 1} of tables[0] has no name`);
    }
    return { name: name as string, restType: restColumnType(col.type ?? col.ColumnType ?? col.DataType) };
  });
  const position = cellPosition(text, ['tables', 0, 'rows']);
  const rows = table.rows as unknown[];
  rows.forEach((r, i) => {
    if (!Array.isArray(r) || r.length !== columns.length) {
      const { line, column } = position(i, 0);
      throw new DataFileError(file, line, column,
        `row ${i + 1} has ${Array.isArray(r) ? r.length : 'no'} values; the table has ${columns.length} columns`);
    }
  });
  const notes = tables.length > 1 ? [`${file}: only the first of its ${tables.length} tables was loaded`] : [];
  return { columns, rows: rows as unknown[][], position, notes };
}
