/**
 * `reduce [kind=source] by Expr [with threshold=T, characters=C]`. The output columns are the binder's
 * (Kusto.Language types the operator: Pattern, Count, Representative; with kind=source the input's
 * columns and Pattern); the settings must be constants, as Kusto requires.
 */
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { elementsOf, nameText, schemaOf, spanOf, textOf, type Node } from './syntax';
import type { Plan } from './types';

const DEFAULT_THRESHOLD = 0.1;

export function lowerReduce(op: Node, input: Plan, ctx: LowerContext): Plan {
  const r = op as Kusto.Language.Syntax.ReduceByOperator;
  const span = spanOf(op);
  let source = false;
  for (const p of elementsOf<Kusto.Language.Syntax.NamedParameter>(r.Parameters)) {
    if (nameText(p.Name).toLowerCase() === 'kind') {
      source = textOf(p.Expression).toLowerCase() === 'source';
    }
  }
  let threshold = DEFAULT_THRESHOLD;
  let characters: string | undefined;
  for (const p of elementsOf<Kusto.Language.Syntax.NamedParameter>(r.With?.Parameters)) {
    const name = nameText(p.Name).toLowerCase();
    const value = p.Expression ? lowerExpr(p.Expression, ctx) : undefined;
    if (name === 'threshold') {
      if (value?.k !== 'literal' || typeof value.value !== 'number' || !(value.value >= 0 && value.value <= 1)) {
        throw ctx.errors.at(spanOf(p), 'KQL-ARGUMENT', 'The reduce threshold must be a constant real between 0 and 1.');
      }
      threshold = value.value;
    } else if (name === 'characters') {
      if (value?.k !== 'literal' || typeof value.value !== 'string') {
        throw ctx.errors.at(spanOf(p), 'KQL-ARGUMENT', 'The reduce characters must be a constant string.');
      }
      characters = value.value;
    }
  }
  return {
    k: 'reduce',
    input,
    by: lowerExpr(r.Expression!, ctx),
    source,
    threshold,
    characters,
    span,
    schema: schemaOf(op),
  };
}
