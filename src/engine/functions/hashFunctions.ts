/** hash_sha256/hash_sha1/hash_md5: lower-case hex of the UTF-8 text of the value. */
import { createHash } from 'node:crypto';
import type { KqlType, Value } from '../values';
import { formatDatetimeInDynamic } from '../valueText';
import { scalar, str } from './define';
import type { ScalarFunction } from './types';

/** The text a hash is taken of; datetimes in the full form with 7 fraction digits, as the reference's examples hash them. */
export function hashText(v: Value, type: KqlType | undefined): string {
  if (type === 'datetime' && typeof v === 'number') {
    return formatDatetimeInDynamic(v);
  }
  return str(v, type);
}

function digest(name: string, algorithm: string): ScalarFunction {
  return scalar(name, (types) => (args) => {
    const v = args[0];
    if (v === null || v === undefined) {
      return '';
    }
    return createHash(algorithm).update(hashText(v, types[0]), 'utf8').digest('hex');
  });
}

export const hashFunctions: ScalarFunction[] = [
  digest('hash_sha256', 'sha256'),
  digest('hash_sha1', 'sha1'),
  digest('hash_md5', 'md5'),
];
