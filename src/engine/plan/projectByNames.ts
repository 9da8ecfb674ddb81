/**
 * `project-by-names`: the columns named by strings, wildcard patterns, dynamic arrays of names and
 * column_names_of(T), in the order named or matched, as Kusto.Language binds them (names matching no
 * column are left out, as the reference says). Inside a user function the binder's expansion of the
 * call sees through parameters to the call's arguments, so a name passed in resolves too.
 *
 * Names computed while the query runs (`toscalar(…)`, a subquery, any other expression) are refused,
 * with Kusto's reason: the reference says its ColumnSpecifier accepts no subquery or scalar expression
 * such as toscalar(). Two other designs were weighed and left: a plan node whose columns are known only
 * when it runs would leave every operator after it, the optimizer and the editor without the schema
 * they are built on; evaluating the scalar while preparing would run part of the query before it is
 * planned, make the plan uncachable by its text, and answer queries that Kusto itself rejects.
 */
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { elementsOf, schemaOf, spanOf, type Node } from './syntax';
import type { Plan } from './types';

export function lowerProjectByNames(op: Node, input: Plan, ctx: LowerContext): Plan {
  for (const spec of elementsOf((op as Kusto.Language.Syntax.ProjectByNamesOperator).Expressions)) {
    // What the binder reads names from lowers to a literal: a string, an array, column_names_of(T).
    if (lowerExpr(spec, ctx).k !== 'literal') {
      throw ctx.errors.at(
        spanOf(spec),
        'KQL-SEMANTIC',
        'project-by-names takes column names, patterns, dynamic arrays of names or column_names_of(T), known ' +
          'before the query runs; Kusto does not accept toscalar(), a subquery or another expression here.',
      );
    }
  }
  const schema = schemaOf(op);
  const missing = schema.filter((c) => !input.schema.some((x) => x.name === c.name && x.type === c.type));
  if (schema.length === 0 || missing.length > 0) {
    throw ctx.errors.unsupported(op, `project-by-names that keeps none of its input's columns`);
  }
  return { k: 'select', input, sources: schema.map((c) => c.name), span: spanOf(op), schema };
}
