/**
 * extract_json (extractjson)(jsonPath, text [, typeof(T)]): the value a JSONPath selects in a JSON text.
 * The JSONPath subset is the reference's (jsonpath.md): `$`, `.name`, `['name']` / `["name"]` and `[n]`
 * (0-based); wildcards, recursion, unions and slices are not supported, and a path using them is an
 * error. Without a type the result is the value's text (a string as it is, anything else as JSON);
 * with typeof(T) it is converted to T. A text that is not JSON, or a path that selects nothing,
 * gives the null of the result type.
 */
import { canonicalJson } from '../valueText';
import { type DynamicValue, isDynamicBag, type KqlType, type Value } from '../values';
import { convertValue } from './convert';
import { nullOf, scalar, str } from './define';
import { parseKustoJson } from './kustoJson';
import { EvaluationError, type ScalarFunction } from './types';

type Step = string | number;

const STEP = /\.([A-Za-z_$][\w$-]*)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[\s*(\d+)\s*\]/y;

function parsePath(path: string): Step[] {
  const text = path.trim();
  if (!text.startsWith('$')) {
    throw new EvaluationError(`extract_json(): '${path}' is not a JSONPath: it must start with '$'.`);
  }
  const steps: Step[] = [];
  let at = 1;
  while (at < text.length) {
    STEP.lastIndex = at;
    const m = STEP.exec(text);
    if (!m) {
      throw new EvaluationError(
        `extract_json(): '${path}' uses JSONPath syntax that is not supported (only $, .name, ['name'] and [n]).`,
      );
    }
    steps.push(m[4] !== undefined ? Number(m[4]) : (m[1] ?? (m[2] ?? m[3]!).replace(/\\(.)/g, '$1')));
    at = STEP.lastIndex;
  }
  return steps;
}

function select(value: DynamicValue, steps: readonly Step[]): DynamicValue | undefined {
  let v: DynamicValue | undefined = value;
  for (const s of steps) {
    if (typeof s === 'number') {
      v = Array.isArray(v) ? v[s] : undefined;
    } else {
      v = isDynamicBag(v) && Object.prototype.hasOwnProperty.call(v, s) ? v[s] : undefined;
    }
    if (v === undefined) {
      return undefined;
    }
  }
  return v;
}

function parseJsonText(text: string): DynamicValue | undefined {
  try {
    return parseKustoJson(text);
  } catch {
    return undefined;
  }
}

function asResult(v: DynamicValue | undefined, resultType: KqlType): Value {
  if (v === undefined || v === null) {
    return nullOf(resultType);
  }
  if (resultType === 'string') {
    return typeof v === 'string' ? v : canonicalJson(v);
  }
  return convertValue(v, 'dynamic', resultType);
}

export const extractJsonFunctions: ScalarFunction[] = [
  scalar(
    'extract_json',
    (types, resultType, _ctx, constArgs) => {
      const constant = typeof constArgs[0] === 'string' ? parsePath(constArgs[0]) : null;
      return (args) => {
        const steps = constant ?? parsePath(str(args[0] ?? '', types[0]));
        const source = args[1] ?? null;
        const doc =
          types[1] === 'dynamic' && typeof source !== 'string'
            ? (source as DynamicValue)
            : parseJsonText(str(source ?? '', types[1]));
        return asResult(doc === undefined ? undefined : select(doc, steps), resultType);
      };
    },
    ['extractjson'],
  ),
];
