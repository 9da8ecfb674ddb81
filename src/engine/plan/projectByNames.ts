/**
 * `project-by-names`: the columns named by constant strings, as Kusto.Language binds them. The output
 * is the binder's schema; a name the binder could not resolve to an input column is refused.
 */
import type { LowerContext } from './context';
import { schemaOf, spanOf, type Node } from './syntax';
import type { Plan } from './types';

export function lowerProjectByNames(op: Node, input: Plan, ctx: LowerContext): Plan {
  const schema = schemaOf(op);
  const missing = schema.filter((c) => !input.schema.some((x) => x.name === c.name && x.type === c.type));
  if (schema.length === 0 || missing.length > 0) {
    throw ctx.errors.unsupported(op, `project-by-names whose columns are not known before the query runs`);
  }
  return { k: 'select', input, sources: schema.map((c) => c.name), span: spanOf(op), schema };
}
