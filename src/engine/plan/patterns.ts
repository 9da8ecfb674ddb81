/**
 * `declare pattern P = (a:string, …)[path:string] { ("x", …).["p"] = { tabular }; … };` and its
 * invocations `P("x").p`, `P("x").["p"]`, `P("x")` (no path parameter). Kusto.Language binds each
 * invocation to the pattern; the engine lowers the body of the one match whose argument and path values
 * are the invocation's, in the scope the pattern was declared in. The reference gives `*` no special
 * meaning in a pattern (`P("x").["*"]` is one more path, declared or not). An invocation no match
 * declares is the error Kusto gives: "One or more pattern references were not declared. Detected
 * pattern references: [\"P('x').['*']\"]".
 */
import { type AnalyzedQuery, type KqlError, kusto } from '../../kql';
import { type LowerContext, Scope, withScope } from './context';
import { symbolKind } from './expressions';
import { checkVisible } from './restrict';
import { lowerStatement } from './statements';
import { ErrorFactory, elementsOf, kindOf, type Node, nameText, spanOf } from './syntax';
import type { Plan } from './types';

interface Invocation {
  readonly call: Kusto.Language.Syntax.FunctionCallExpression;
  /** The path value, when the invocation has one (`.p` or `.["p"]`). */
  readonly path?: string;
}

/** The pattern invocation a tabular expression is, if it is one. */
function invocationOf(node: Node): Invocation | undefined {
  if (kindOf(node) === 'FunctionCallExpression') {
    return symbolKind(node) === 'Pattern' ? { call: node as Kusto.Language.Syntax.FunctionCallExpression } : undefined;
  }
  if (kindOf(node) !== 'PathExpression') {
    return undefined;
  }
  const path = node as Kusto.Language.Syntax.PathExpression;
  const target = path.Expression!;
  if (kindOf(target) !== 'FunctionCallExpression' || symbolKind(target) !== 'Pattern') {
    return undefined;
  }
  return { call: target as Kusto.Language.Syntax.FunctionCallExpression, path: pathValue(path.Selector!) };
}

/** `.p` or `.["p"]` (the binder resolves both to a symbol named p; an unresolved one keeps its text). */
function pathValue(selector: Node): string {
  if (selector.ReferencedSymbol?.Name) {
    return selector.ReferencedSymbol.Name;
  }
  const bracketed = /^\[\s*(?:'([^']*)'|"([^"]*)")\s*\]$/.exec(nameText(selector));
  return bracketed ? (bracketed[1] ?? bracketed[2]!) : nameText(selector);
}

function argumentValues(call: Kusto.Language.Syntax.FunctionCallExpression): string[] {
  return elementsOf<Kusto.Language.Syntax.Expression>(call.ArgumentList?.Expressions).map((a) =>
    String(a.LiteralValue ?? nameText(a)),
  );
}

/** How Kusto names an invocation in its error: P('x', 'y').['p']. */
function referenceText(invocation: Invocation): string {
  const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const name = invocation.call.ReferencedSymbol?.Name ?? nameText(invocation.call.Name);
  const path = invocation.path === undefined ? '' : `.[${quote(invocation.path)}]`;
  return `${name}(${argumentValues(invocation.call).map(quote).join(', ')})${path}`;
}

function undeclaredError(errors: ErrorFactory, invocations: readonly Invocation[], at: Node): KqlError {
  const refs = [...new Set(invocations.map(referenceText))].map((r) => JSON.stringify(r)).join(', ');
  return errors.at(
    spanOf(at),
    'KQL-PATTERN',
    `One or more pattern references were not declared. Detected pattern references: [${refs}]`,
  );
}

/** Lowers a pattern invocation; undefined when the node is not one. */
export function lowerPatternInvocation(node: Node, ctx: LowerContext): Plan | undefined {
  const invocation = invocationOf(node);
  if (!invocation) {
    return undefined;
  }
  const name = invocation.call.ReferencedSymbol!.Name!;
  const binding = ctx.scope.get(name);
  if (binding?.k !== 'pattern') {
    throw ctx.errors.unsupported(node, `The pattern '${name}'`);
  }
  checkVisible(node, name, false, ctx);
  const declaration = binding.declaration.Pattern;
  if (declaration?.PathParameter && invocation.path === undefined) {
    throw ctx.errors.at(
      spanOf(node),
      'KQL-PATTERN',
      `The pattern '${name}' has a path parameter: give a path, e.g. ${name}(…).Path or ${name}(…).["Path"].`,
    );
  }
  const args = argumentValues(invocation.call);
  const match = elementsOf<Kusto.Language.Syntax.PatternMatch>(declaration?.Patterns).find(
    (m) =>
      sameValues(elementsOf<Kusto.Language.Syntax.Expression>(m.ParameterValues?.Expressions), args) &&
      (m.PathValue?.Value as Kusto.Language.Syntax.Expression | null | undefined)?.LiteralValue === invocation.path,
  );
  if (!match?.Body) {
    throw undeclaredError(ctx.errors, [invocation], node);
  }
  let inner = withScope(ctx, new Scope(binding.scope), true);
  for (const stmt of elementsOf(match.Body.Statements)) {
    inner = lowerStatement(stmt, inner).ctx;
  }
  return inner.tabular(match.Body.Expression!, inner);
}

/**
 * Kusto.Language binds a call to a built-in function even where a pattern of the same name is declared
 * (`app`, as in the reference's examples, is Azure Monitor's app() here): say so rather than run the function.
 */
export function checkPatternShadowed(call: Kusto.Language.Syntax.FunctionCallExpression, ctx: LowerContext): void {
  const name = call.ReferencedSymbol?.Name;
  if (name && symbolKind(call) === 'Function' && ctx.scope.get(name)?.k === 'pattern') {
    throw ctx.errors.at(
      spanOf(call),
      'KQL-PATTERN',
      `'${name}(…)' calls the built-in function ${name}(), which wins over the pattern '${name}' declared in this query (Kusto.Language binds it so); give the pattern another name.`,
    );
  }
}

function sameValues(values: readonly Kusto.Language.Syntax.Expression[], args: readonly string[]): boolean {
  return values.length === args.length && values.every((v, i) => v.LiteralValue === args[i]);
}

/**
 * Kusto's error for invocations no pattern declares, when the binder's first error is at one of them
 * (the binder says "No pattern matches the specified arguments" or that the path is an unknown name).
 */
export function undeclaredPatternError(query: AnalyzedQuery): KqlError | undefined {
  const first = query.diagnostics.find((d) => d.severity === 'error');
  if (!first) {
    return undefined;
  }
  const failed: { invocation: Invocation; node: Node }[] = [];
  const errorKind = kusto().Symbols.SymbolKind.Error;
  const walk = (n: Node | null): void => {
    if (!n) return;
    const invocation = invocationOf(n);
    if (invocation && (n as Kusto.Language.Syntax.Expression).ResultType?.Kind === errorKind) {
      failed.push({ invocation, node: n });
      return;
    }
    for (let i = 0; i < n.ChildCount; i++) {
      const child = n.GetChild(i);
      if (child && !child.IsToken) walk(child as Node);
    }
  };
  walk(query.code.Syntax);
  const at = failed.find((f) => f.node.TextStart <= first.start && first.start < f.node.End);
  return at
    ? undeclaredError(
        new ErrorFactory(query.lines),
        failed.map((f) => f.invocation),
        failed[0]!.node,
      )
    : undefined;
}
