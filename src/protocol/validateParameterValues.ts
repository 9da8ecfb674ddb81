/**
 * Run-time checks for the parameter values request (lsp.ts). The server accepts only a list of texts with
 * type names. The client accepts only one reading per value asked, each a reason or a literal that is
 * exactly one literal of the asked type as src/engine/parameterLiteral.ts writes it: the literal may be
 * put into a query's text, so an answer that could carry query text with it is refused, not trusted.
 */
import { parameterType } from '../schema/parameterTypes';
import type { KqlType } from '../schema/types';
import type { ParameterValueAsked, ParameterValueReading, ParameterValuesParams } from './lsp';
import type { Validated } from './validate';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (reason: string): Validated<never> => ({ ok: false, reason });

export function validateParameterValuesParams(v: unknown): Validated<ParameterValuesParams> {
  if (!isObj(v) || !Array.isArray(v.values)) {
    return fail('needs a "values" array');
  }
  const values: ParameterValueAsked[] = [];
  for (const [i, a] of v.values.entries()) {
    if (!isObj(a) || typeof a.text !== 'string' || typeof a.type !== 'string') {
      return fail(`value ${i} needs a string "text" and "type"`);
    }
    values.push({ text: a.text, type: a.type });
  }
  return { ok: true, value: { values } };
}

/** A KQL string literal as kqlString writes it: quoted, escapes only, no line break inside. */
const STRING = String.raw`"(?:[^"\\\u0000-\u001f\u2028\u2029]|\\.)*"`;
const NUMBER = String.raw`-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|nan|\+inf|inf)`;

/** What parameterLiteral writes for a value of each type (`null` being every type's null). */
const LITERAL_SHAPES: Record<KqlType, RegExp> = {
  bool: /^bool\((?:true|false|null)\)$/,
  int: /^int\((?:-?\d+|null)\)$/,
  long: /^long\((?:-?\d+|null)\)$/,
  real: new RegExp(String.raw`^real\((?:${NUMBER}|null)\)$`),
  decimal: new RegExp(String.raw`^decimal\((?:${NUMBER}|null)\)$`),
  datetime: /^datetime\((?:\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{7})?Z|null)\)$/,
  timespan: /^(?:-?timespan\((?:\d+\.)?\d\d:\d\d:\d\d(?:\.\d{7})?\)|timespan\(null\))$/,
  guid: /^guid\((?:[0-9a-fA-F]{8}-?(?:[0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}|null)\)$/,
  dynamic: new RegExp(String.raw`^(?:parse_json\(${STRING}\)|dynamic\(null\))$`),
  string: new RegExp(`^${STRING}$`),
};

/** Whether `literal` is one literal of the declared type name `declaredType`, as parameterLiteral writes it. */
export function isParameterLiteral(literal: string, declaredType: string): boolean {
  const type = parameterType(declaredType);
  return type !== undefined && LITERAL_SHAPES[type].test(literal);
}

/** The server's answer to `asked`: one reading per value, in order. */
export function validateParameterValuesResult(
  v: unknown,
  asked: readonly ParameterValueAsked[],
): Validated<ParameterValueReading[]> {
  if (!isObj(v) || !Array.isArray(v.readings) || v.readings.length !== asked.length) {
    return fail(`needs a "readings" array of ${asked.length}`);
  }
  const out: ParameterValueReading[] = [];
  for (const [i, r] of v.readings.entries()) {
    const type = asked[i]!.type;
    if (isObj(r) && typeof r.problem === 'string' && r.literal === undefined) {
      out.push({ problem: r.problem });
    } else if (isObj(r) && typeof r.literal === 'string' && r.problem === undefined) {
      if (!isParameterLiteral(r.literal, type)) {
        return fail(`reading ${i} is not one ${type} literal`);
      }
      out.push({ literal: r.literal });
    } else {
      return fail(`reading ${i} needs either a string "literal" or a string "problem"`);
    }
  }
  return { ok: true, value: out };
}
