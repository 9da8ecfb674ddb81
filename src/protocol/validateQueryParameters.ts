/**
 * Run-time checks for the query parameters request (lsp.ts): the server accepts only a text, and the
 * client only declarations whose offsets lie inside the text it sent, since the Log Analytics backend
 * cuts that text at them.
 */
import type { DeclaredParameter, ParameterDeclaration } from '../kql/parameterDeclaration';
import type { QueryParametersParams } from './lsp';
import type { Validated } from './validate';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (reason: string): Validated<never> => ({ ok: false, reason });

export function validateQueryParametersParams(v: unknown): Validated<QueryParametersParams> {
  return isObj(v) && typeof v.text === 'string' ? { ok: true, value: { text: v.text } } : fail('needs a string "text"');
}

function declaredParameter(v: unknown): DeclaredParameter | undefined {
  if (!isObj(v) || typeof v.name !== 'string' || v.name === '' || typeof v.type !== 'string') {
    return undefined;
  }
  if (v.defaultText !== undefined && typeof v.defaultText !== 'string') {
    return undefined;
  }
  return { name: v.name, type: v.type, ...(v.defaultText !== undefined ? { defaultText: v.defaultText } : {}) };
}

/** The server's answer for `text`: in order, not overlapping, each inside the text. */
export function validateQueryParametersResult(v: unknown, text: string): Validated<ParameterDeclaration[]> {
  if (!isObj(v) || !Array.isArray(v.declarations)) {
    return fail('needs a "declarations" array');
  }
  const out: ParameterDeclaration[] = [];
  let after = 0;
  for (const [i, d] of v.declarations.entries()) {
    if (!isObj(d) || !Number.isInteger(d.start) || !Number.isInteger(d.end) || !Array.isArray(d.parameters)) {
      return fail(`declaration ${i} needs integer "start" and "end" and a "parameters" array`);
    }
    const start = d.start as number;
    const end = d.end as number;
    if (start < after || end < start || end > text.length) {
      return fail(`declaration ${i} (${start}–${end}) is not in order inside the text of ${text.length} characters`);
    }
    const parameters = d.parameters.map(declaredParameter);
    const bad = parameters.indexOf(undefined);
    if (bad >= 0) {
      return fail(
        `declaration ${i}, parameter ${bad}: needs a string "name" and "type", and a string "defaultText" if any`,
      );
    }
    out.push({ start, end, parameters: parameters as DeclaredParameter[] });
    after = end;
  }
  return { ok: true, value: out };
}
