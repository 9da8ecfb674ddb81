/** Lowers piped query operators; each family's details live in its own file. */
import type { LowerContext } from './context';
import { lowerEvaluate } from './evaluate';
import { lowerExpr } from './expressions';
import { lowerGraphMatch } from './graphMatch';
import { lowerGraphMarkComponents, lowerGraphToTable } from './graphToTable';
import { lowerInvoke } from './invoke';
import { lowerJoin, lowerLookup } from './join';
import { lowerMakeGraph } from './makeGraph';
import { notLastError } from './multiResult';
import { extendedColumns, positionalColumns } from './outputColumns';
import { lowerPartition } from './partition';
import { lowerProjectByNames } from './projectByNames';
import { lowerReduce } from './reduce';
import { operatorRefusal } from './refusedOperators';
import { lowerRender } from './render';
import { lowerMvApply, lowerMvExpand, lowerParse, lowerParseKv } from './reshape';
import { lowerScan } from './scan';
import { lowerDistinct, lowerMakeSeries, lowerSummarize } from './summarize';
import { elementsOf, kindOf, type Node, nameText, schemaOf, spanOf, typeOf } from './syntax';
import { lowerTopHitters } from './topHitters';
import { lowerTopNested } from './topNested';
import type { Expr, Plan, SortKey } from './types';
import { lowerSearch, lowerUnion } from './union';

export function lowerOperator(op: Node, input: Plan, ctx: LowerContext): Plan {
  const kind = kindOf(op);
  const span = spanOf(op);
  const schema = schemaOf(op);
  switch (kind) {
    case 'FilterOperator': {
      const filter = op as Kusto.Language.Syntax.FilterOperator;
      return { k: 'filter', input, predicate: lowerExpr(filter.Condition!, ctx), span, schema };
    }
    case 'ProjectOperator': {
      const project = op as Kusto.Language.Syntax.ProjectOperator;
      const columns = positionalColumns(elementsOf(project.Expressions), schema, ctx);
      return { k: 'project', input, columns, span, schema };
    }
    case 'ExtendOperator':
    case 'SerializeOperator': {
      // Both declare the same Expressions list (serialize's optional `name = expr` columns).
      const extend = op as Kusto.Language.Syntax.ExtendOperator | Kusto.Language.Syntax.SerializeOperator;
      const columns = extendedColumns(elementsOf(extend.Expressions), input.schema, schema, ctx);
      return kind === 'ExtendOperator'
        ? { k: 'extend', input, columns, span, schema }
        : { k: 'serialize', input, columns, span, schema };
    }
    case 'ProjectAwayOperator':
    case 'ProjectKeepOperator':
    case 'ProjectReorderOperator':
      return { k: 'select', input, sources: schema.map((c) => c.name), span, schema };
    case 'ProjectRenameOperator': {
      const renames = new Map<string, string>();
      const rename = op as Kusto.Language.Syntax.ProjectRenameOperator;
      for (const item of elementsOf(rename.Expressions)) {
        const named = item as Kusto.Language.Syntax.SimpleNamedExpression;
        if (kindOf(item) === 'SimpleNamedExpression') {
          renames.set(nameText(named.Name), named.Expression!.ReferencedSymbol?.Name ?? nameText(named.Expression));
        }
      }
      return { k: 'select', input, sources: schema.map((c) => renames.get(c.name) ?? c.name), span, schema };
    }
    case 'SortOperator': {
      const sort = op as Kusto.Language.Syntax.SortOperator;
      return { k: 'sort', input, keys: sortKeys(elementsOf(sort.Expressions), ctx), span, schema };
    }
    case 'TakeOperator': {
      const take = op as Kusto.Language.Syntax.TakeOperator;
      return { k: 'take', input, count: lowerExpr(take.Expression!, ctx), span, schema };
    }
    case 'SampleOperator': {
      const sample = op as Kusto.Language.Syntax.SampleOperator;
      return { k: 'sample', input, count: lowerExpr(sample.Expression!, ctx), span, schema };
    }
    case 'SampleDistinctOperator': {
      const sample = op as Kusto.Language.Syntax.SampleDistinctOperator;
      return {
        k: 'sampleDistinct',
        input,
        count: lowerExpr(sample.Expression!, ctx),
        value: lowerExpr(sample.OfExpression!, ctx),
        span,
        schema,
      };
    }
    case 'TopOperator': {
      const top = op as Kusto.Language.Syntax.TopOperator;
      return {
        k: 'top',
        input,
        count: lowerExpr(top.Expression!, ctx),
        keys: sortKeys([top.ByExpression!], ctx),
        span,
        schema,
      };
    }
    case 'CountOperator':
      return { k: 'count', input, span, schema };
    case 'SummarizeOperator':
      return lowerSummarize(op, input, ctx);
    case 'DistinctOperator':
      return lowerDistinct(op, input, ctx);
    case 'MakeSeriesOperator':
      return lowerMakeSeries(op, input, ctx);
    case 'TopNestedOperator':
      return lowerTopNested(op, input, ctx);
    case 'JoinOperator':
      return lowerJoin(op, input, ctx);
    case 'LookupOperator':
      return lowerLookup(op, input, ctx);
    case 'UnionOperator':
      return lowerUnion(op, input, ctx);
    case 'SearchOperator':
      return lowerSearch(op, input, ctx);
    case 'MvExpandOperator':
      return lowerMvExpand(op, input, ctx);
    case 'MvApplyOperator':
      return lowerMvApply(op, input, ctx);
    case 'PartitionOperator':
      return lowerPartition(op, input, ctx);
    case 'EvaluateOperator':
      return lowerEvaluate(op, input, ctx);
    case 'ProjectByNamesOperator':
      return lowerProjectByNames(op, input, ctx);
    case 'InvokeOperator':
      return lowerInvoke(op, input, ctx);
    case 'ScanOperator':
      return lowerScan(op, input, ctx);
    case 'ReduceByOperator':
      return lowerReduce(op, input, ctx);
    case 'ParseOperator':
    case 'ParseWhereOperator':
      return lowerParse(op, input, ctx);
    case 'ParseKvOperator':
      return lowerParseKv(op, input, ctx);
    case 'MakeGraphOperator':
      return lowerMakeGraph(op, input, ctx);
    case 'GraphMatchOperator':
    case 'GraphShortestPathsOperator':
      return lowerGraphMatch(op, input, ctx);
    case 'GraphToTableOperator':
      return lowerGraphToTable(op, input, ctx);
    case 'GraphMarkComponentsOperator':
      return lowerGraphMarkComponents(op, input, ctx);
    case 'GetSchemaOperator':
      return { k: 'getschema', input, span, schema };
    case 'RenderOperator':
      return lowerRender(op, input, ctx);
    case 'ForkOperator':
    case 'FacetOperator':
      throw notLastError(op, ctx);
    case 'ConsumeOperator':
      // decodeblocks= only changes how Kusto reads its compressed extents: nothing to do here.
      return { k: 'consume', input, span, schema: [] };
    case 'TopHittersOperator':
      return lowerTopHitters(op, input, ctx);
    case 'AsOperator': {
      // `as X` names the result for the rest of the query (a later `X` reads the same rows).
      const name = nameText((op as Kusto.Language.Syntax.AsOperator).Name);
      const named: Plan = { k: 'shared', id: ctx.nextId(), plan: { k: 'as', input, name, span, schema }, span, schema };
      ctx.scope.set(name, { k: 'tabular', plan: named });
      return named;
    }
  }
  const reason = operatorRefusal(kind);
  if (reason) {
    throw ctx.errors.at(
      span,
      'KQL-UNSUPPORTED',
      `The operator '${operatorName(op)}' is not supported by the embedded engine: ${reason}.`,
    );
  }
  throw ctx.errors.unsupported(op, `The operator '${operatorName(op)}'`);
}

/** The operator's keyword as written ('mv-apply', 'evaluate'…), for messages. */
function operatorName(op: Node): string {
  const first = op.GetFirstToken?.();
  return first?.Text ?? kindOf(op).replace(/Operator$/, '');
}

/** Kusto sorts descending by default; nulls come last when descending and first when ascending. */
export function sortKeys(items: Node[], ctx: LowerContext): SortKey[] {
  return items.map((item): SortKey => {
    let expr: Node = item;
    let descending = true;
    let nullsFirst: boolean | undefined;
    if (kindOf(item) === 'OrderedExpression') {
      const o = item as Kusto.Language.Syntax.OrderedExpression;
      expr = o.Expression!;
      const ordering = o.Ordering;
      if (ordering) {
        const dir = ordering.AscOrDescKeyword?.Text?.toLowerCase();
        if (dir === 'asc') {
          descending = false;
        }
        const nulls = ordering.NullsClause?.FirstOrLastKeyword?.Text?.toLowerCase();
        if (nulls) {
          nullsFirst = nulls === 'first';
        }
      }
    }
    const lowered: Expr = lowerExpr(expr, ctx);
    return { expr: lowered, descending, nullsFirst: nullsFirst ?? !descending };
  });
}

export { typeOf };
