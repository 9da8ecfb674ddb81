/**
 * `in`, `!in`, `in~`, `!in~`, `has_any`, `has_all` and `between`.
 *
 * Kusto.Language's kind names: `in` is InExpression, `!in` NotInExpression, `in~` InCsExpression and
 * `!in~` NotInCsExpression (sic: the "Cs" kinds are the case-insensitive operators).
 *
 * The list is passed as evaluated values; dynamic arrays among them are flattened here (Kusto
 * flattens them: `x in (dynamic([1,2]), 3)` is `x in (1, 2, 3)`), so the caller passes the values as
 * they are. The set built from a list is cached while the caller passes the same array object, so a
 * constant list costs one Set for the whole column.
 */
import { hashKey } from '../valueCompare';
import { valueToString } from '../valueText';
import type { KqlType, Value } from '../values';
import { convertValue } from './convert';
import { str } from './define';
import { hasTerm } from './stringMatch';
import { UnsupportedError } from './types';

export type ListImpl = (left: Value, list: readonly Value[]) => Value;

function flatten(list: readonly Value[]): Value[] {
  const out: Value[] = [];
  for (const v of list) {
    if (Array.isArray(v)) {
      out.push(...flatten(v));
    } else {
      out.push(v);
    }
  }
  return out;
}

/** Keys of list values as the left type would hash them; list elements of another representation are converted. */
function listKey(v: Value, leftType: KqlType, caseInsensitive: boolean): string | number {
  if (leftType === 'string' || leftType === 'guid' || caseInsensitive) {
    const s = typeof v === 'string' ? v : valueToString(v, typeof v === 'number' ? 'real' : 'dynamic');
    return caseInsensitive ? s.toLowerCase() : s;
  }
  if (leftType === 'dynamic') {
    return hashKey(v, 'dynamic');
  }
  const c = typeof v === 'string' ? convertValue(v, 'string', leftType) : v;
  return hashKey(c, leftType);
}

function membership(leftType: KqlType, caseInsensitive: boolean, negate: boolean): ListImpl {
  let lastList: readonly Value[] | undefined;
  let set = new Set<string | number>();
  return (left, list) => {
    if (list !== lastList) {
      set = new Set(
        flatten(list)
          .filter((v) => v !== null && v !== undefined)
          .map((v) => listKey(v, leftType, caseInsensitive)),
      );
      lastList = list;
    }
    if (left === null || left === undefined) {
      return negate;
    }
    return set.has(listKey(left, leftType, caseInsensitive)) !== negate;
  };
}

function termAny(leftType: KqlType, all: boolean): ListImpl {
  const has = hasTerm(false);
  return (left, list) => {
    const text = str(left, leftType);
    const needles = flatten(list).map((v) => str(v, typeof v === 'string' ? 'string' : 'dynamic'));
    return all ? needles.every((n) => has(text, n)) : needles.some((n) => has(text, n));
  };
}

export function bindListOperator(kind: string, leftType: KqlType, _resultType: KqlType): ListImpl {
  switch (kind) {
    case 'InExpression':
      return membership(leftType, false, false);
    case 'NotInExpression':
      return membership(leftType, false, true);
    case 'InCsExpression':
      return membership(leftType, true, false);
    case 'NotInCsExpression':
      return membership(leftType, true, true);
    case 'HasAnyExpression':
      return termAny(leftType, false);
    case 'HasAllExpression':
      return termAny(leftType, true);
    default:
      throw new UnsupportedError(`operator ${kind}`);
  }
}

/**
 * `value between (low .. high)`, inclusive. For a datetime or timespan value the high bound may be a
 * timespan meaning `low + high` (`T between (datetime(2019-01-01) .. 1d)`): pass `highType` then.
 * A null value, low or high gives null.
 */
export function bindBetween(
  negated: boolean,
  type: KqlType,
  highType: KqlType = type,
): (value: Value, low: Value, high: Value) => Value {
  const relativeHigh = type === 'datetime' && highType === 'timespan';
  const numeric = type !== 'string' && type !== 'dynamic' && type !== 'guid';
  return (value, low, high) => {
    if (
      value === null ||
      low === null ||
      high === null ||
      value === undefined ||
      low === undefined ||
      high === undefined
    ) {
      return null;
    }
    if (numeric || typeof value === 'number') {
      const v = value as number;
      const lo = typeof low === 'number' ? low : Number(low);
      const hi = relativeHigh ? lo + (high as number) : typeof high === 'number' ? high : Number(high);
      return (v >= lo && v <= hi) !== negated;
    }
    const v = String(value);
    return (v >= String(low) && v <= String(high)) !== negated;
  };
}
