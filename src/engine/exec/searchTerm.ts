/**
 * A bare search term of the `search` operator (or `* has "x"`): true when any column's value matches it,
 * case-insensitively. Kusto's wildcards: "*x*" contains, "x*" has-prefix, "*x" has-suffix, else has (term).
 */
import { bindBinaryOperator } from '../functions';
import type { Table } from '../table';
import type { Value } from '../values';
import { valueToString } from '../valueText';
import { columnReader } from './columnReader';
import type { ExecContext } from './context';

function matcherFor(term: string): { op: string; needle: string } {
  const starts = term.startsWith('*');
  const ends = term.endsWith('*') && term.length > 1;
  const needle = term.replace(/^\*+|\*+$/g, '');
  if (starts && ends) {
    return { op: 'ContainsExpression', needle };
  }
  if (ends) {
    return { op: 'HasPrefixExpression', needle };
  }
  if (starts) {
    return { op: 'HasSuffixExpression', needle };
  }
  return { op: 'HasExpression', needle };
}

/**
 * `explicitOp`: `* has "x"`, the operator applied as written to each column (no wildcards in the term);
 * columns are read as search reads them, the reference equating `search "err"` with `where * has "err"`.
 */
export function compileSearchTerm(
  term: string,
  column: string | undefined,
  table: Table,
  _ctx: ExecContext,
  explicitOp?: string,
): (row: number) => Value {
  const { op, needle } = explicitOp ? { op: explicitOp, needle: term } : matcherFor(term);
  const impl = bindBinaryOperator(op, 'string', 'string', 'bool');
  if (needle === '' && !explicitOp) {
    return () => true;
  }
  const cols = table.columns
    .filter((c) => column === undefined || c.name === column)
    .map((c) => ({ read: columnReader(c.column), type: c.column.type }));
  return (row) => {
    for (const c of cols) {
      const v = c.read(row);
      if (v === null || v === '') {
        continue;
      }
      const text = c.type === 'string' ? (v as string) : valueToString(v, c.type);
      if (impl(text, needle) === true) {
        return true;
      }
    }
    return false;
  };
}
