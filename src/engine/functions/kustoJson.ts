/**
 * Kusto's JSON dialect: dynamic literals and parse_json() also take single-quoted strings
 * (`dynamic({'a': 'b'})`), which JSON.parse does not. Rewrites them as double-quoted ones first.
 */
import type { DynamicValue } from '../values';
import { parseJsonData } from '../../results/jsonData';

function requote(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      // Copy a double-quoted string as it is.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        j += text[j] === '\\' ? 2 : 1;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "'") {
      let j = i + 1;
      let body = '';
      while (j < text.length && text[j] !== "'") {
        if (text[j] === '\\' && j + 1 < text.length) {
          body += text[j + 1] === "'" ? "'" : text.slice(j, j + 2);
          j += 2;
        } else {
          body += text[j] === '"' ? '\\"' : text[j];
          j++;
        }
      }
      out += `"${body}"`;
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Parses JSON, accepting single-quoted strings; throws SyntaxError for text that is not JSON. */
export function parseKustoJson(text: string): DynamicValue {
  try {
    return parseJsonData(text) as DynamicValue;
  } catch (e) {
    if (!text.includes("'")) {
      throw e;
    }
    return parseJsonData(requote(text)) as DynamicValue;
  }
}
