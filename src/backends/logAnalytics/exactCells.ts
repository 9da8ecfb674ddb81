/**
 * What the SDK's JSON.parse loses from a Log Analytics response, read again from the response text:
 * a long past 2^53 (the REST API writes it as a JSON number with all its digits, which a double
 * rounds), a dynamic value's whole-number reals and big longs (the API sends dynamic values as JSON
 * text, which the SDK parses into plain values: `[1.0]` becomes `[1]`), and datetimes' 100-ns ticks
 * (the SDK makes Date objects, which stop at the millisecond). Each such cell takes the engine's wire
 * form instead: a long as its digits, a dynamic value as its exact JSON text, a datetime as sent.
 * Every other cell keeps the SDK's conversion.
 */
import { parseKustoJson } from '../../engine/functions/kustoJson';
import { toWire } from '../../engine/wireValues';
import type { ResultTable, WireValue } from '../../results/queryResult';

/** Anything the SDK's parse may have changed: 16 digits in a row, a 4th fractional digit, a `.0`. */
const MAY_LOSE = /\d{16}|\.\d{4}|\d\.0/;
/** A dynamic cell's text holding a real token or a long past 2^53 (else JSON.parse is exact). */
const DYNAMIC_MAY_LOSE = /\d[.eE]|\d{16}/;
const SUB_MILLISECOND = /\.\d{4,7}Z?$/;

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

function exactCell(raw: unknown, sdk: WireValue, type: string): WireValue {
  switch (type) {
    case 'long':
    case 'int':
    case 'decimal':
      // A quoted long: its digits (the wire form of an exact long) when past 2^53, else the number.
      if (typeof raw === 'string' && /^-?\d+$/.test(raw)) {
        const n = Number(raw);
        return Number.isSafeInteger(n) ? n : raw;
      }
      return sdk;
    case 'real':
      return typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : sdk;
    case 'dynamic':
      if (typeof raw === 'string' && DYNAMIC_MAY_LOSE.test(raw)) {
        try {
          return toWire(parseKustoJson(raw), 'dynamic');
        } catch {
          return sdk;
        }
      }
      return sdk;
    case 'datetime':
      return typeof raw === 'string' && SUB_MILLISECOND.test(raw) ? raw : sdk;
    default:
      return sdk;
  }
}

/**
 * The SDK's tables (already in wire form) with the cells it could not read exactly replaced from the
 * response body. A body that cannot hold such a cell, or that does not parse, leaves them as they are.
 */
export function exactTables(body: string | undefined, tables: readonly ResultTable[]): ResultTable[] {
  if (body === undefined || !MAY_LOSE.test(body)) {
    return [...tables];
  }
  let raw: { tables?: RawTable[] };
  try {
    raw = JSON.parse(quoteLongNumbers(body)) as { tables?: RawTable[] };
  } catch {
    return [...tables];
  }
  return tables.map((table, t) => {
    const rawRows = raw.tables?.[t]?.rows;
    if (!Array.isArray(rawRows) || rawRows.length !== table.rows.length) {
      return table;
    }
    const types = table.columns.map((c) => c.type);
    const rows = table.rows.map((row, r) => {
      const rawRow = rawRows[r];
      return Array.isArray(rawRow) ? row.map((cell, c) => exactCell(rawRow[c], cell, types[c]!)) : row;
    });
    return { ...table, rows };
  });
}
