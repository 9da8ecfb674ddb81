/**
 * column_ifexists(name, default): the input's column of that name when it has one, else the default.
 * Which column that is depends on the rows the call runs over, so its row kernel decides; bound without
 * them (as a row-by-row implementation) it can only give the default.
 */
import type { ScalarFunction } from './types';

export const columnIfExists: ScalarFunction = {
  name: 'column_ifexists',
  aliases: ['columnifexists'],
  // It reads a column its arguments only name as text: never folded or moved as if it were constant.
  volatility: 'row',
  bind: () => (args) => args[1] ?? null,
  rowKernel: (call, args, rows) => {
    const name = call.constArgs[0];
    return (typeof name === 'string' ? rows.column(name) : undefined) ?? args[1];
  },
};
