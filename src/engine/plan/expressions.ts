/** Lowers bound scalar expressions into plan expressions. */
import { type KqlError, kusto } from '../../kql';
import { lowerBagPackColumns } from './bagPackColumns';
import { lowerBinAuto } from './binAuto';
import { type LowerContext, scanStateColumn } from './context';
import { lowerCurrentDatabase } from './currentDatabase';
import { isConstantExpr, readsNoRow } from './exprFacts';
import { literalValue } from './literals';
import { lowerPackAll } from './packAll';
import { lowerStarArguments } from './starArguments';
import { lowerStarComparison } from './starComparison';
import { elementsOf, isTabular, kindOf, type Node, nameText, schemaOf, spanOf, textOf, typeOf } from './syntax';
import type { Expr, Span } from './types';
import { expandUserFunction } from './userFunctions';

const LIST_KINDS = new Set([
  'InExpression',
  'InCsExpression',
  'NotInExpression',
  'NotInCsExpression',
  'HasAnyExpression',
  'HasAllExpression',
]);

let symbolKindNames: Map<number, string> | undefined;

/** The SymbolKind name of what a name refers to ('Table', 'Column', 'Function', …); '' when nothing. */
export function symbolKind(node: Node): string {
  const sym = node.ReferencedSymbol;
  if (!sym) {
    return '';
  }
  if (!symbolKindNames) {
    // A Bridge.NET enum is a plain name → number object at run time (no reverse mapping): reverse it once.
    symbolKindNames = new Map();
    for (const [name, v] of Object.entries(kusto().Symbols.SymbolKind)) {
      if (typeof v === 'number' && !symbolKindNames.has(v)) {
        symbolKindNames.set(v, name);
      }
    }
  }
  return symbolKindNames.get(sym.Kind) ?? '';
}

export function lowerExpr(node: Node, ctx: LowerContext): Expr {
  if (ctx.graph) {
    const g = ctx.graph(node, ctx);
    if (g) {
      return g;
    }
  }
  const kind = kindOf(node);
  const span = spanOf(node);
  const type = typeOf(node);
  switch (kind) {
    case 'ParenthesizedExpression':
      return lowerExpr((node as Kusto.Language.Syntax.ParenthesizedExpression).Expression!, ctx);
    case 'NameReference':
      return lowerName(node, ctx);
    case 'PathExpression':
      return lowerPath(node, ctx);
    case 'ElementExpression': {
      const element = node as Kusto.Language.Syntax.ElementExpression;
      const selector: Node = element.Selector!;
      const key =
        kindOf(selector) === 'BracketedExpression'
          ? (selector as Kusto.Language.Syntax.BracketedExpression).Expression!
          : selector;
      return { k: 'index', target: lowerExpr(element.Expression!, ctx), key: lowerExpr(key, ctx), type, span };
    }
    case 'FunctionCallExpression':
      return lowerCall(node as Kusto.Language.Syntax.FunctionCallExpression, ctx);
    case 'ToScalarExpression': {
      // toscalar(1 + 2): a scalar argument is its own value (Kusto binds it as a plain expression).
      const inner: Node = (node as Kusto.Language.Syntax.ToScalarExpression).Expression!;
      if (!isTabular(inner)) {
        const value = lowerExpr(inner, ctx);
        if (isConstantExpr(value) || !readsNoRow(value)) {
          return value;
        }
        // toscalar(new_guid()), toscalar(rand()): computed once, so every row sees the same value (the
        // reference's example); as a one-row print it runs once a query, as a toscalar() of a table does.
        const schema = [{ name: 'print_0', type }];
        const plan = { k: 'print' as const, columns: [{ name: 'print_0', expr: value }], span, schema };
        return { k: 'scalarQuery', plan, type, span };
      }
      return { k: 'scalarQuery', plan: ctx.tabular(inner, { ...ctx, rowScope: { opener: 'toscalar' } }), type, span };
    }
    case 'UnaryMinusExpression':
    case 'UnaryPlusExpression':
      return {
        k: 'unary',
        op: kind,
        operand: lowerExpr((node as Kusto.Language.Syntax.PrefixUnaryExpression).Expression!, ctx),
        type,
        span,
      };
    case 'BetweenExpression':
    case 'NotBetweenExpression': {
      const between = node as Kusto.Language.Syntax.BetweenExpression;
      const couple = between.Right!;
      return {
        k: 'between',
        negated: kind === 'NotBetweenExpression',
        value: lowerExpr(between.Left!, ctx),
        low: lowerExpr(couple.First!, ctx),
        high: lowerExpr(couple.Second!, ctx),
        type,
        span,
      };
    }
    case 'PackExpression':
      return { k: 'packAll', ignoreNullEmpty: false, type, span };
    case 'TypeOfLiteralExpression': {
      // A type argument (extract(…, typeof(int))): the binder already typed the call's result from
      // it, so the function only sees the type's name.
      const name = /^\s*typeof\s*\(\s*(.*?)\s*\)\s*$/is.exec(textOf(node))?.[1] ?? textOf(node).trim();
      return { k: 'literal', value: name.toLowerCase(), type: 'string', span };
    }
  }
  // The binary kinds (and search's Column:term) keep their operands in Left and Right.
  const n = node as Kusto.Language.Syntax.BinaryExpression;
  if (kind === 'SearchExpression') {
    // search Column:"term" — the term matched in that one column.
    const column = n.Left!.ReferencedSymbol?.Name ?? nameText(n.Left);
    const term = n.Right!.LiteralValue;
    return { k: 'searchTerm', term: typeof term === 'string' ? term : textOf(n.Right), column, type, span };
  }
  if (ctx.search && kind === 'StringLiteralExpression' && type === 'bool') {
    return {
      k: 'searchTerm',
      term: String((node as Kusto.Language.Syntax.Expression).LiteralValue ?? ''),
      column: undefined,
      type,
      span,
    };
  }
  if ((node as Kusto.Language.Syntax.Expression).IsLiteral || kind === 'DynamicExpression') {
    const value = literalValue(node, type);
    if (value !== undefined) {
      return { k: 'literal', value, type, span };
    }
  }
  if (LIST_KINDS.has(kind)) {
    const list = (node as Kusto.Language.Syntax.InExpression).Right!.Expressions;
    const items = elementsOf(list).map((item): Expr => {
      if (isTabular(item)) {
        const plan = ctx.tabular(item, { ...ctx, rowScope: { opener: 'in' } });
        return { k: 'tableColumn', plan, type: typeOf(item), span: spanOf(item) };
      }
      return lowerExpr(item, ctx);
    });
    return { k: 'list', op: kind, left: lowerExpr(n.Left!, ctx), items, type, span };
  }
  if (n.Left && kindOf(n.Left) === 'StarExpression') {
    return lowerStarComparison(n, ctx);
  }
  if (n.Left && n.Right && kind.endsWith('Expression')) {
    return { k: 'binary', op: kind, left: lowerExpr(n.Left, ctx), right: lowerExpr(n.Right, ctx), type, span };
  }
  throw ctx.errors.unsupported(node, `The expression '${short(node)}' (${kind})`);
}

function short(node: Node): string {
  const t = textOf(node).replace(/\s+/g, ' ');
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

function lowerName(node: Node, ctx: LowerContext): Expr {
  const span = spanOf(node);
  const type = typeOf(node);
  const sk = symbolKind(node);
  const name = node.ReferencedSymbol?.Name ?? nameText(node);
  if (sk === 'Column') {
    if (ctx.partitionKey && node.ReferencedSymbol === ctx.partitionKey.symbol) {
      return { ...ctx.partitionKey.value, span };
    }
    return { k: 'column', name, type, span };
  }
  if (sk === 'Variable' || sk === 'Parameter') {
    const b = ctx.scope.get(name);
    if (b?.k === 'scalar') {
      if (b.row !== ctx.rowScope && !isConstantExpr(b.expr)) {
        throw outsideRowScope(span, b.expr, name, ctx);
      }
      return b.expr;
    }
    if (b?.k === 'tabular') {
      throw ctx.errors.at(span, 'KQL-TYPE', `'${name}' is a tabular expression where a scalar is expected.`);
    }
  }
  if (sk === 'Function') {
    // A function called without parentheses, e.g. a zero-argument user function.
    const expanded = expandUserFunction(node, [], ctx);
    if (expanded?.k === 'scalar') {
      return expanded.expr;
    }
  }
  throw ctx.errors.unsupported(node, `The name '${name}'`);
}

/**
 * A subquery (toscalar(), `in (T)`) runs once, not per row, so a function's parameter bound to a value
 * of the calling row means nothing inside it. Kusto refuses it with this error (reference, toscalar()'s
 * Limitations); without it the parameter's column would be read from the subquery's own rows.
 */
function outsideRowScope(span: Span, expr: Expr, name: string, ctx: LowerContext): KqlError {
  const what = expr.k === 'column' ? expr.name : name;
  return ctx.errors.at(
    span,
    'KQL-SCOPE',
    `'${ctx.rowScope?.opener ?? 'toscalar'}': can't use '${what}' as it is defined outside its row-context scope (a subquery is computed once, not for each row: join the tables instead).`,
  );
}

function lowerPath(node: Node, ctx: LowerContext): Expr {
  const path = node as Kusto.Language.Syntax.PathExpression;
  const target: Node = path.Expression!;
  const selector: Node = path.Selector!;
  const step = ctx.scan && kindOf(target) === 'NameReference' ? ctx.scan.steps.get(nameText(target)) : undefined;
  if (step !== undefined) {
    // `s1.Col` in a scan step: the value of Col in the state of step s1.
    const column = nameText(selector);
    const name = scanStateColumn(step, column);
    ctx.scan!.refs.set(name, { step, column });
    return { k: 'column', name, type: typeOf(node), span: spanOf(node) };
  }
  const targetType = (target as Kusto.Language.Syntax.Expression).ResultType;
  // $left.Col / $right.Col: the binder resolves the selector to the column itself.
  if (targetType && targetType.Kind === kusto().Symbols.SymbolKind.Tuple) {
    return {
      k: 'column',
      name: selector.ReferencedSymbol?.Name ?? nameText(selector),
      type: typeOf(node),
      span: spanOf(node),
    };
  }
  // `d.[expr]`: the key is the bracket's expression (a literal or a variable); `d.name` names the key.
  const bracketed =
    kindOf(selector) === 'BracketedExpression'
      ? (selector as Kusto.Language.Syntax.BracketedExpression).Expression
      : undefined;
  const key: Expr = bracketed
    ? lowerExpr(bracketed, ctx)
    : { k: 'literal', value: nameText(selector), type: 'string', span: spanOf(selector) };
  return { k: 'index', target: lowerExpr(target, ctx), key, type: typeOf(node), span: spanOf(node) };
}

function lowerCall(node: Kusto.Language.Syntax.FunctionCallExpression, ctx: LowerContext): Expr {
  const span = spanOf(node);
  const type = typeOf(node);
  const name = node.ReferencedSymbol?.Name ?? nameText(node.Name);
  const argNodes = elementsOf(node.ArgumentList?.Expressions);
  const user = expandUserFunction(node, argNodes, ctx);
  if (user) {
    if (user.k === 'scalar') {
      return user.expr;
    }
    throw ctx.errors.at(span, 'KQL-TYPE', `'${name}' returns a table where a scalar is expected.`);
  }
  const fn = node.ReferencedSymbol as Kusto.Language.Symbols.FunctionSymbol | null;
  if (fn && ctx.globals.IsAggregateFunction(fn)) {
    if (ctx.aggregate) {
      return ctx.aggregate(node);
    }
    throw ctx.errors.at(
      span,
      'KQL-AGGREGATE',
      `The aggregate function '${name}' can only be used in summarize, make-series or top-nested.`,
    );
  }
  // Of the window functions (functions/windowFunctions.ts), these three become plan nodes of their own.
  if (name === 'row_number' || name === 'prev' || name === 'next') {
    return lowerWindowCall(name, argNodes, ctx, type, span);
  }
  if (name === 'pack_all') {
    return lowerPackAll(node, argNodes, type, span);
  }
  if (name === 'bin_auto' && argNodes[0]) {
    return lowerBinAuto(lowerExpr(argNodes[0], ctx), ctx, type, span);
  }
  if (name === 'bag_pack_columns') {
    return lowerBagPackColumns(argNodes, (a) => lowerExpr(a, ctx), ctx.errors, type, span);
  }
  if (name === 'column_names_of' && argNodes[0] && isTabular(argNodes[0])) {
    // The names are the binder's schema of the table, known before anything runs.
    return { k: 'literal', value: schemaOf(argNodes[0]).map((c) => c.name), type, span };
  }
  if (name === 'current_database') {
    return lowerCurrentDatabase(ctx, type, span);
  }
  if (name === 'estimate_data_size') {
    return { k: 'call', name, args: lowerStarArguments(node, argNodes, ctx, (a) => lowerExpr(a, ctx)), type, span };
  }
  const args = argNodes.map((a) => lowerExpr(a, ctx));
  if (name === 'assert') {
    checkConstantAssert(args, ctx);
  }
  return { k: 'call', name, args, type, span };
}

/**
 * assert() with a constant condition fails when the query is analysed, before any row: the reference's
 * example fails although the `where` before it leaves no row (and the optimizer would fold the filters
 * into `false and assert(…)`, which never calls it). The message is the function's own.
 */
function checkConstantAssert(args: readonly Expr[], ctx: LowerContext): void {
  const [condition, message] = args;
  if (condition?.k === 'literal' && condition.value !== true) {
    const text = message?.k === 'literal' && typeof message.value === 'string' ? message.value : '';
    throw ctx.errors.at(condition.span, 'KQL-EVALUATION', `assert() has failed with message: '${text}'`);
  }
}

function lowerWindowCall(name: string, args: Node[], ctx: LowerContext, type: Expr['type'], span: Expr['span']): Expr {
  if (name === 'row_number') {
    if (args[1]) {
      // With a restart condition the number depends on earlier rows: see functions/windowFunctions.ts.
      return { k: 'call', name, args: args.map((a) => lowerExpr(a, ctx)), type, span };
    }
    return { k: 'rowNumber', start: args[0] ? lowerExpr(args[0], ctx) : undefined, type, span };
  }
  const offsetExpr = args[1] ? lowerExpr(args[1], ctx) : undefined;
  if (offsetExpr && (offsetExpr.k !== 'literal' || typeof offsetExpr.value !== 'number')) {
    throw ctx.errors.at(offsetExpr.span, 'KQL-ARGUMENT', `The offset of ${name}() must be a constant.`);
  }
  const offset = offsetExpr ? (offsetExpr as { value: number }).value : 1;
  return {
    k: 'shift',
    offset: name === 'prev' ? -offset : offset,
    expr: lowerExpr(args[0]!, ctx),
    fallback: args[2] ? lowerExpr(args[2], ctx) : undefined,
    type,
    span,
  };
}
