/** Lowers tabular expressions: sources (tables, lets, datatable, print, range…) and piped operators. */
import type { LowerContext } from './context';
import { expandUserFunction } from './functions';
import { lowerFind } from './find';
import { lowerOperator } from './operators';
import { lowerDatatable, lowerPrint, lowerRange } from './sources';
import { symbolKind } from './expressions';
import { lowerSearch, lowerUnion } from './union';
import { elementsOf, kindOf, nameText, schemaOf, spanOf, type Node, textOf } from './syntax';
import type { Plan } from './types';

export function lowerTabular(node: Node, ctx: LowerContext): Plan {
  const kind = kindOf(node);
  const n = node as unknown as Record<string, Node>;
  const span = spanOf(node);
  const schema = schemaOf(node);
  switch (kind) {
    case 'PipeExpression': {
      const input = lowerTabular(n.Expression!, ctx);
      return lowerOperator(n.Operator!, input, ctx);
    }
    case 'ParenthesizedExpression':
      return lowerTabular(n.Expression!, ctx);
    case 'NameReference': {
      const sk = symbolKind(node);
      const name = node.ReferencedSymbol?.Name ?? nameText(node);
      if (sk === 'Variable' || sk === 'Parameter' || sk === '') {
        const b = ctx.scope.get(name);
        if (b?.k === 'tabular') {
          return b.plan;
        }
      }
      if (sk === 'Table') {
        const b = ctx.scope.get(name);
        return b?.k === 'tabular' ? b.plan : { k: 'table', name, span, schema };
      }
      if (sk === 'Function') {
        const e = expandUserFunction(node, [], ctx);
        if (e?.k === 'tabular') {
          return e.plan;
        }
      }
      throw ctx.errors.unsupported(node, `The table reference '${name}'`);
    }
    case 'FunctionCallExpression': {
      const call = node as Kusto.Language.Syntax.FunctionCallExpression;
      const e = expandUserFunction(node, elementsOf(call.ArgumentList?.Expressions), ctx);
      if (e?.k === 'tabular') {
        return e.plan;
      }
      throw ctx.errors.unsupported(node, `The tabular function '${call.ReferencedSymbol?.Name ?? textOf(node)}'`);
    }
    case 'MaterializeExpression':
      return { k: 'shared', id: ctx.nextId(), plan: lowerTabular(n.Expression!, ctx), span, schema };
    case 'DataTableExpression':
      return lowerDatatable(node, ctx);
    case 'PrintOperator':
      return lowerPrint(node, ctx);
    case 'RangeOperator':
      return lowerRange(node, ctx);
    case 'UnionOperator':
      return lowerUnion(node, undefined, ctx);
    case 'SearchOperator':
      return lowerSearch(node, undefined, ctx);
    case 'FindOperator':
      return lowerFind(node, ctx);
  }
  if (ctx.implicitInput && kind.endsWith('Operator')) {
    // `mv-apply … on (top 2 by x | …)`: the subquery's first operator reads the row's expanded subtable.
    return lowerOperator(node, ctx.implicitInput, { ...ctx, implicitInput: undefined });
  }
  throw ctx.errors.unsupported(node, `The tabular expression '${kind.replace(/(Operator|Expression)$/, '')}'`);
}
