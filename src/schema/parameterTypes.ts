/**
 * The type names a `declare query_parameters` statement may give a parameter, aliases included, and the
 * scalar type each stands for. No other import: the protocol's checks (shared with the webviews' build)
 * read type names too.
 */
import type { KqlType } from './types';

/** Kusto's scalar type names, as `declare query_parameters` may write them (aliases included). */
const TYPE_NAMES: Record<string, KqlType> = {
  bool: 'bool',
  boolean: 'bool',
  int: 'int',
  long: 'long',
  real: 'real',
  double: 'real',
  decimal: 'decimal',
  datetime: 'datetime',
  date: 'datetime',
  timespan: 'timespan',
  time: 'timespan',
  guid: 'guid',
  uniqueid: 'guid',
  string: 'string',
  dynamic: 'dynamic',
};

/** The KqlType a declared type name stands for, or undefined for a name Kusto has no scalar of. */
export function parameterType(name: string): KqlType | undefined {
  return TYPE_NAMES[name.trim().toLowerCase()];
}
