/**
 * estimate_data_size(cols…): the bytes a row's values take. The reference fixes two sizes (a long is 8
 * bytes, a string its length) and one relation (a dynamic value is larger than the same JSON as a
 * string). The rest is this engine's estimate, stated in docs/engine-coverage.md: fixed-width types take their width
 * (bool 1, int 4, long/real/datetime/timespan 8, decimal/guid 16), a string its UTF-8 bytes, a dynamic
 * value its JSON's UTF-8 bytes plus 8 for its header; a null dynamic or empty string takes 0.
 */
import { canonicalJson } from '../valueText';
import type { DynamicValue, KqlType, Value } from '../values';
import { scalar, str } from './define';
import type { ScalarFunction } from './types';

const WIDTH: Partial<Record<KqlType, number>> = {
  bool: 1,
  int: 4,
  long: 8,
  real: 8,
  datetime: 8,
  timespan: 8,
  decimal: 16,
  guid: 16,
};
const DYNAMIC_HEADER = 8;

function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

export function valueSize(v: Value, type: KqlType): number {
  const width = WIDTH[type];
  if (width !== undefined) {
    return width;
  }
  if (v === null || v === undefined) {
    return 0;
  }
  if (type === 'dynamic') {
    return utf8Length(canonicalJson(v as DynamicValue)) + DYNAMIC_HEADER;
  }
  return utf8Length(str(v, type));
}

export const estimateDataSizeFunctions: ScalarFunction[] = [
  scalar('estimate_data_size', (types) => (args) => {
    let total = 0;
    for (let i = 0; i < args.length; i++) {
      total += valueSize(args[i]!, types[i] ?? 'dynamic');
    }
    return total;
  }),
];
