/**
 * Array-building and array-reshaping functions: range, repeat, sorting, splitting, shifting,
 * rotating and element-wise iff, plus Jaccard similarity of two sets.
 */
import { canonicalJson } from '../valueText';
import { type DynamicValue, type KqlType, type Value, WholeReal } from '../values';
import { TICKS_PER_HOUR } from '../values';
import { toDynamic } from './convert';
import { scalar } from './define';
import { EvaluationError, UnsupportedError } from './types';
import type { ScalarFunction } from './types';
import { BYTES, chargeMemory } from '../exec/memoryBudget';

/** range() stops at 2^20 elements, as the reference states; repeat() is held to the same size. */
const MAX_ELEMENTS = 1 << 20;

function integerArg(v: Value | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null;
}

/** range(): start, start + step, … while within stop; datetimes and timespans step by 1h unless told. */
function range(types: readonly KqlType[]): (args: readonly Value[]) => Value {
  const elementType: KqlType = types[0] ?? 'long';
  const timeLike = elementType === 'datetime' || elementType === 'timespan';
  return (args) => {
    const [start, stop] = args;
    const step = args.length > 2 ? args[2] : timeLike ? TICKS_PER_HOUR : 1;
    if (
      typeof start !== 'number' ||
      typeof stop !== 'number' ||
      typeof step !== 'number' ||
      !Number.isFinite(start) ||
      !Number.isFinite(stop) ||
      !Number.isFinite(step) ||
      step === 0
    ) {
      return null;
    }
    const count = Math.floor((stop - start) / step) + 1;
    chargeMemory(Math.min(MAX_ELEMENTS, Math.max(0, count)) * BYTES.boxed, 'range()');
    const out: DynamicValue[] = [];
    for (let i = 0; out.length < MAX_ELEMENTS; i++) {
      const v = start + i * step;
      if (step > 0 ? v > stop : v < stop) {
        break;
      }
      out.push(toDynamic(v, elementType));
    }
    return out;
  };
}

/** Sort rank of a mixed array's element: numbers, then strings, then everything else. */
function rank(v: DynamicValue): number {
  return typeof v === 'number' || v instanceof WholeReal ? 0 : typeof v === 'string' ? 1 : 2;
}

/**
 * Element order: the type rank always ascends (numbers before strings, in array_sort_desc too, as the
 * reference lists it for both), the values within a type ascend or descend.
 */
function compareElements(a: DynamicValue, b: DynamicValue, descending: boolean): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) {
    return ra - rb;
  }
  if (descending) {
    [a, b] = [b, a];
  }
  if (ra === 0) {
    return Number(a) - Number(b);
  }
  if (ra === 1) {
    return a! < b! ? -1 : a! > b! ? 1 : 0;
  }
  return 0;
}

/**
 * array_sort_asc/desc(array1[, …, arrayN][, nulls_last]): sorts the first array (nulls last unless the
 * trailing bool says otherwise) and orders the others to match it. Several arrays give several result
 * columns, a tuple in the binder's order; an array whose length differs from the first one's comes back
 * null, as the reference says.
 */
function arraySort(descending: boolean): ScalarFunction['bind'] {
  return (types) => {
    const hasNullsFlag = types.length > 1 && types[types.length - 1] === 'bool';
    const arrayCount = types.length - (hasNullsFlag ? 1 : 0);
    return (args) => {
      const nullsLast = hasNullsFlag && typeof args[arrayCount] === 'boolean' ? (args[arrayCount] as boolean) : true;
      const sorted = sortTogether(args.slice(0, arrayCount), descending, nullsLast);
      return arrayCount === 1 ? sorted[0]! : sorted;
    };
  };
}

function sortTogether(arrays: readonly Value[], descending: boolean, nullsLast: boolean): Value[] {
  const first = arrays[0];
  if (!Array.isArray(first)) {
    return arrays.map(() => null);
  }
  const order = first.map((_v, i) => i);
  const valueRank = (i: number) => (first[i] === null ? (nullsLast ? 1 : -1) : 0);
  // Array.prototype.sort is stable, so equal keys keep their order in every array alike.
  order.sort(
    (i, j) =>
      valueRank(i) - valueRank(j) || (first[i] === null ? 0 : compareElements(first[i]!, first[j]!, descending)),
  );
  return arrays.map((a) => (Array.isArray(a) && a.length === first.length ? order.map((i) => a[i]!) : null));
}

/** array_split(): the slices between the split indices (negative ones count from the end). */
function arraySplit(arr: DynamicValue[], index: Value): DynamicValue[] | null {
  const raw = Array.isArray(index) ? index : [index];
  const cuts: number[] = [];
  for (const i of raw) {
    if (typeof i !== 'number' || !Number.isFinite(i)) {
      return null;
    }
    const at = Math.trunc(i) < 0 ? arr.length + Math.trunc(i) : Math.trunc(i);
    cuts.push(Math.min(arr.length, Math.max(0, at, cuts[cuts.length - 1] ?? 0)));
  }
  const bounds = [0, ...cuts, arr.length];
  return bounds.slice(1).map((end, k) => arr.slice(bounds[k], end));
}

/** The default fill of array_shift_*: "" for an array of strings, null otherwise. */
function defaultFill(arr: readonly DynamicValue[]): DynamicValue {
  return arr.length > 0 && arr.every((v) => typeof v === 'string') ? '' : null;
}

function shift(arr: DynamicValue[], left: number, fill: DynamicValue): DynamicValue[] {
  const n = arr.length;
  return arr.map((_v, i) => {
    const from = i + left;
    return from >= 0 && from < n ? arr[from]! : fill;
  });
}

function rotate(arr: DynamicValue[], left: number): DynamicValue[] {
  const n = arr.length;
  if (n === 0) {
    return [];
  }
  const k = ((left % n) + n) % n;
  return [...arr.slice(k), ...arr.slice(0, k)];
}

function shifter(direction: 1 | -1): ScalarFunction['bind'] {
  return (types) => (args) => {
    const arr = args[0];
    const count = integerArg(args[1]);
    if (!Array.isArray(arr) || count === null) {
      return null;
    }
    const fill = args.length > 2 ? toDynamic(args[2]!, types[2]!) : defaultFill(arr);
    return shift(arr, direction * count, fill);
  };
}

function rotator(direction: 1 | -1): ScalarFunction['bind'] {
  return () => (args) => {
    const count = integerArg(args[1]);
    return Array.isArray(args[0]) && count !== null
      ? rotate(args[0], direction * (count % Math.max(1, args[0].length)))
      : null;
  };
}

/** array_iff(): a true (or non-zero) condition picks when_true; other condition values give null. */
function arrayIff(types: readonly KqlType[]): (args: readonly Value[]) => Value {
  return (args) => {
    const cond = args[0];
    if (!Array.isArray(cond)) {
      return null;
    }
    const pick = (v: Value | undefined, t: KqlType | undefined, i: number): DynamicValue => {
      if (Array.isArray(v)) {
        return v[i] ?? null;
      }
      return v === undefined ? null : toDynamic(v, t ?? 'dynamic');
    };
    return cond.map((c, i) => {
      const truth = typeof c === 'boolean' ? c : typeof c === 'number' ? c !== 0 : null;
      return truth === null ? null : truth ? pick(args[1], types[1], i) : pick(args[2], types[2], i);
    });
  };
}

export const arrayFunctions: ScalarFunction[] = [
  scalar('range', range),
  scalar('repeat', (types) => (args) => {
    const count = integerArg(args[1]);
    if (count === null || count < 0) {
      return null;
    }
    if (count > MAX_ELEMENTS) {
      throw new EvaluationError(
        `repeat(): a count of ${count} exceeds the ${MAX_ELEMENTS} elements an array may hold here.`,
      );
    }
    chargeMemory(count * BYTES.boxed, 'repeat()');
    return Array<DynamicValue>(count).fill(toDynamic(args[0] ?? null, types[0] ?? 'dynamic'));
  }),
  scalar('array_sort_asc', arraySort(false)),
  scalar('array_sort_desc', arraySort(true)),
  scalar('array_split', () => (args) => (Array.isArray(args[0]) ? arraySplit(args[0], args[1] ?? null) : null)),
  scalar('array_shift_left', shifter(1)),
  scalar('array_shift_right', shifter(-1)),
  scalar('array_rotate_left', rotator(1)),
  scalar('array_rotate_right', rotator(-1)),
  scalar('array_iff', arrayIff, ['array_iif']),
  scalar('jaccard_index', () => (args) => {
    const [a, b] = args;
    if (!Array.isArray(a) || !Array.isArray(b)) {
      return null;
    }
    const x = new Set(a.map(canonicalJson));
    const y = new Set(b.map(canonicalJson));
    const union = new Set([...x, ...y]).size;
    const common = [...x].filter((k) => y.has(k)).length;
    // Two empty sets have no union: 0/0, which .NET's double division gives as NaN.
    return union === 0 ? NaN : common / union;
  }),
];
