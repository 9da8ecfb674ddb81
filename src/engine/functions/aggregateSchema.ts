/**
 * buildschema(): the minimal schema admitting every value of a dynamic column, in the reference's
 * shape: a scalar type name ("long", "double", "string", "bool"), a bag of property schemas, or
 * {"`indexer`": schema} for an array's elements; where values disagree, the alternatives in order of
 * first appearance (["long", "string"]). Nulls admit nothing and are skipped.
 */
import { type DynamicValue, WholeReal } from '../values';
import type { AggregateFunction, AggregateImpl } from './types';
import { newRecord } from '../../results/jsonData';

const INDEXER = '`indexer`';

/** Alternatives of one position: at most one bag, one array and one of each scalar type. */
interface Alternatives {
  order: (string | 'bag' | 'array')[];
  bag: Map<string, Alternatives> | null;
  array: Alternatives | null;
}

function empty(): Alternatives {
  return { order: [], bag: null, array: null };
}

function scalarType(v: DynamicValue): string | null {
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 'long' : 'double';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    default:
      return v instanceof WholeReal ? 'double' : null;
  }
}

function admit(s: Alternatives, v: DynamicValue): void {
  if (v === null || v === undefined) {
    return;
  }
  if (Array.isArray(v)) {
    if (s.array === null) {
      s.array = empty();
      s.order.push('array');
    }
    for (const e of v) {
      admit(s.array, e);
    }
    return;
  }
  if (typeof v === 'object' && !(v instanceof WholeReal)) {
    if (s.bag === null) {
      s.bag = new Map();
      s.order.push('bag');
    }
    for (const [k, x] of Object.entries(v)) {
      let property = s.bag.get(k);
      if (property === undefined) {
        property = empty();
        s.bag.set(k, property);
      }
      admit(property, x);
    }
    return;
  }
  const t = scalarType(v);
  if (t !== null && !s.order.includes(t)) {
    s.order.push(t);
  }
}

function render(s: Alternatives): DynamicValue {
  const out: DynamicValue[] = s.order.map((kind) => {
    if (kind === 'bag') {
      const bag = newRecord<DynamicValue>();
      for (const [k, property] of s.bag!) {
        bag[k] = render(property);
      }
      return bag;
    }
    if (kind === 'array') {
      return Object.assign(newRecord<DynamicValue>(), { [INDEXER]: render(s.array!) });
    }
    return kind;
  });
  // An empty array's elements or an all-null property admit nothing: no schema constrains them.
  return out.length === 0 ? null : out.length === 1 ? out[0]! : out;
}

function schemaBuilder(): AggregateImpl<Alternatives> {
  return {
    init: empty,
    step: (s, args) => {
      admit(s, (args[0] ?? null) as DynamicValue);
      return s;
    },
    result: (s) => render(s),
  };
}

export const schemaAggregates: AggregateFunction[] = [
  { name: 'buildschema', bind: () => schemaBuilder() as AggregateImpl },
];
