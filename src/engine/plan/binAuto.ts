/**
 * bin_auto(value): bin() with the size, and bin_at() with the fixed point, that the query's
 * `set query_bin_auto_size=…;` and `set query_bin_auto_at=…;` statements give (reference: the
 * fixed point defaults to 0, i.e. plain bin()). Without a size there is nothing to bin by, and the
 * error says which statement is missing.
 */
import type { LowerContext } from './context';
import type { Expr } from './types';

export const BIN_AUTO_OPTIONS: ReadonlySet<string> = new Set(['query_bin_auto_size', 'query_bin_auto_at']);

export function lowerBinAuto(value: Expr, ctx: LowerContext, type: Expr['type'], span: Expr['span']): Expr {
  const size = ctx.options?.get('query_bin_auto_size');
  if (!size) {
    throw ctx.errors.at(
      span,
      'KQL-ARGUMENT',
      'bin_auto() bins by the size a `set query_bin_auto_size=…;` statement before the query gives (e.g. set query_bin_auto_size=1h;), and this query has none.',
    );
  }
  const at = ctx.options?.get('query_bin_auto_at');
  return at
    ? { k: 'call', name: 'bin_at', args: [value, size, at], type, span }
    : { k: 'call', name: 'bin', args: [value, size], type, span };
}
