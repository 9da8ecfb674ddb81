/**
 * What the SDK's JSON.parse loses from a Log Analytics response, read again from the response text:
 * a long past 2^53 (the REST API writes it as a JSON number with all its digits, which a double
 * rounds), a dynamic value's whole-number reals and big longs (the API sends dynamic values as JSON
 * text, which the SDK parses into plain values: `[1.0]` becomes `[1]`), and datetimes' 100-ns ticks
 * (the SDK makes Date objects, which stop at the millisecond). Each such cell takes the engine's wire
 * form instead: a long as its digits, a dynamic value as its exact JSON text, a datetime as sent.
 * Every cell is read from the text (one parse), converted as the SDK and wireTable would convert it
 * where nothing is lost: not through the SDK's Date objects and back, the most of a large answer's time.
 */

import type { LogsTable } from '@azure/monitor-query-logs';
import { parseKustoJson } from '../../engine/functions/kustoJson';
import { toWire } from '../../engine/wireValues';
import type { ResultTable, WireValue } from '../../results/queryResult';
import { wireColumns, wireDatetime, wireTable, wireValue } from './wireConversion';

/** A dynamic cell's text holding a real token or a long past 2^53 (else JSON.parse is exact). */
const DYNAMIC_MAY_LOSE = /\d[.eE]|\d{16}/;
const SUB_MILLISECOND = /\.\d{4,7}Z?$/;
/**
 * A datetime already in the form wireDatetime(new Date(text)) gives back unchanged: a day up to the
 * 28th (always in its month), a valid time, no fraction or a non-zero millisecond one.
 */
const CANONICAL_DATETIME =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.(?!000)\d{3})?Z$/;

/**
 * The response text with every integer token of 16 or more digits outside strings quoted, so that
 * JSON.parse keeps its digits (`123…789` → `"123…789"`).
 */
export function quoteLongNumbers(text: string): string {
  const parts: string[] = [];
  let from = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i++;
      while (i < n && text.charCodeAt(i) !== 34) {
        i += text.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
      }
      i++;
      continue;
    }
    if ((c >= 48 && c <= 57) || c === 45 /* - */) {
      let j = i + (c === 45 ? 1 : 0);
      while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) {
        j++;
      }
      const digits = j - i - (c === 45 ? 1 : 0);
      // The rest of the token (a fraction, an exponent) belongs to it: such a number is a real.
      let k = j;
      while (k < n && /[0-9.eE+-]/.test(text[k]!)) {
        k++;
      }
      if (digits >= 16 && k === j) {
        parts.push(text.slice(from, i), '"', text.slice(i, j), '"');
        from = j;
      }
      i = k;
      continue;
    }
    i++;
  }
  if (from === 0) {
    return text;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

interface RawTable {
  readonly rows?: unknown[][];
}

/** A long's quoted digits as an exact long: a number when a double holds it, else the digits. */
function exactLong(raw: string): WireValue {
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : raw;
}

/**
 * One cell as the SDK's conversion then wireTable would give it, with what they lose kept: read from
 * the response's own JSON (longs of 16+ digits quoted), so no Date or parsed copy is made on the way.
 */
export function cellFromRaw(raw: unknown, type: string): WireValue {
  if (raw === null || raw === undefined) {
    return null;
  }
  if (typeof raw !== 'string') {
    return wireValue(raw);
  }
  switch (type) {
    case 'long':
    case 'int':
    case 'decimal':
      return /^-?\d+$/.test(raw) ? exactLong(raw) : raw;
    case 'real':
      return /^-?\d+$/.test(raw) ? Number(raw) : raw;
    case 'datetime':
      // The SDK's Date stops at the millisecond: finer ticks stay as sent.
      return SUB_MILLISECOND.test(raw) || CANONICAL_DATETIME.test(raw) ? raw : wireDatetime(new Date(raw));
    case 'dynamic': {
      if (DYNAMIC_MAY_LOSE.test(raw)) {
        try {
          return toWire(parseKustoJson(raw), 'dynamic');
        } catch {
          // Not Kusto's JSON: read as the SDK does below.
        }
      }
      try {
        return wireValue(JSON.parse(raw));
      } catch {
        return raw; // the SDK leaves a dynamic value that is not JSON as its text
      }
    }
    default:
      return raw;
  }
}

/**
 * The result's tables. The SDK's tables (`sdk`) give each table's name and columns. The cells are those
 * answerReader.ts read from the response text (`read`, one array of rows per table), or else read here
 * from the text (`body`): either way what the SDK's parse loses is kept (see above) and no datetime
 * goes to a Date and back, the most of a large answer's time. Without a usable text (or when it
 * disagrees with the SDK's tables) the SDK's cells are converted instead.
 */
export function resultTables(
  sdk: readonly LogsTable[],
  read: readonly (readonly (readonly WireValue[])[])[] | undefined,
  body: string | undefined,
): ResultTable[] {
  if (read !== undefined && read.length === sdk.length) {
    return sdk.map((table, t) => ({ name: table.name, columns: wireColumns(table.columnDescriptors), rows: read[t]! }));
  }
  let raw: { tables?: RawTable[] } | undefined;
  if (body !== undefined) {
    try {
      raw = JSON.parse(/\d{16}/.test(body) ? quoteLongNumbers(body) : body) as { tables?: RawTable[] };
    } catch {
      raw = undefined;
    }
  }
  return sdk.map((table, t) => {
    const rawRows = raw?.tables?.[t]?.rows;
    if (!Array.isArray(rawRows) || rawRows.length !== table.rows.length) {
      return wireTable(table);
    }
    const columns = wireColumns(table.columnDescriptors);
    const types = columns.map((c) => c.type);
    const rows = rawRows.map((rawRow) =>
      Array.isArray(rawRow) ? types.map((type, c) => cellFromRaw(rawRow[c], type)) : types.map(() => null),
    );
    return { name: table.name, columns, rows };
  });
}
