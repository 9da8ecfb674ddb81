/**
 * User functions, expanded at each call site with arguments bound by name: `let f = (a:long) { … }`
 * and the workspace's stored functions (the Database's functions, which the binder knows as members of
 * the database). A callee that is neither (a built-in, or a function of another database whose body is
 * unknown here) is not expanded.
 *
 * The body lowered is the binder's expansion of this very call (`GetCalledFunctionBody`): the body
 * bound against the call's arguments, so a tabular parameter declared `(Name:string)` but given a
 * table with more columns has all of them (Kusto passes the whole table), and what depends on the
 * argument's columns (`column_names_of(T)`, `project-by-names`, `T | lookup …`) is bound as Kusto
 * binds it. Without an expansion (a recursive call the binder did not expand) a `let` function's own
 * declaration is lowered instead.
 */
import { bridgeItems, kusto } from '../../kql';
import { type LowerContext, Scope, withScope } from './context';
import { lowerExpr } from './expressions';
import { lowerStatement } from './statements';
import { elementsOf, isTabular, kindOf, markExpansion, type Node, nameText, spanOf, textOf } from './syntax';
import type { Expr, Plan } from './types';

const MAX_EXPANSION_DEPTH = 32;

export type Expansion = { readonly k: 'scalar'; readonly expr: Expr } | { readonly k: 'tabular'; readonly plan: Plan };

interface Parameter {
  readonly name: string;
  /** The bound default value, when the parameter has one (read only when the call leaves it out). */
  readonly defaultValue: () => Node | null | undefined;
}

interface Callee {
  readonly params: readonly Parameter[];
  /** The scope the body sees: a `let` function's own; for a stored function only the database. */
  readonly scope: Scope;
  /** The declaration's body, lowered when the binder gave no expansion (let functions only). */
  readonly declared?: Kusto.Language.Syntax.FunctionBody;
  readonly stored: boolean;
}

/**
 * A database's functions by name, the first of a name winning as in the library's `GetFunction`. That
 * is a linear LINQ scan through Bridge per call, and every built-in call (`count()`, `strcat(…)`) asks
 * whether it is a stored function: about a tenth of lowering a small query. A database symbol never
 * changes, and the globals keep one per schema, so this is built once per schema.
 */
const functionsByDatabase = new WeakMap<
  Kusto.Language.Symbols.DatabaseSymbol,
  ReadonlyMap<string, Kusto.Language.Symbols.FunctionSymbol>
>();

function databaseFunctions(
  db: Kusto.Language.Symbols.DatabaseSymbol,
): ReadonlyMap<string, Kusto.Language.Symbols.FunctionSymbol> {
  let byName = functionsByDatabase.get(db);
  if (!byName) {
    const map = new Map<string, Kusto.Language.Symbols.FunctionSymbol>();
    for (const fn of bridgeItems<Kusto.Language.Symbols.FunctionSymbol>(db.Functions, kusto().Symbols.FunctionSymbol)) {
      if (fn.Name != null && !map.has(fn.Name)) {
        map.set(fn.Name, fn);
      }
    }
    byName = map;
    functionsByDatabase.set(db, byName);
  }
  return byName;
}

/** The stored function the symbol is, if it is one of the current database's with a body. */
function storedFunction(
  symbol: Kusto.Language.Symbols.Symbol | null | undefined,
  ctx: LowerContext,
): Kusto.Language.Symbols.FunctionSymbol | undefined {
  const db = ctx.globals.Database;
  if (!symbol?.Name || !db) {
    return undefined;
  }
  const fn = databaseFunctions(db).get(symbol.Name);
  return fn && fn === symbol && fn.Signatures?.getItem(0)?.Body != null ? fn : undefined;
}

function calleeOf(call: Node, ctx: LowerContext): Callee | undefined {
  const symbol = call.ReferencedSymbol;
  const name = symbol?.Name;
  if (!name) {
    return undefined;
  }
  const binding = ctx.scope.get(name);
  if (binding?.k === 'function') {
    const decl = binding.declaration;
    return {
      params: elementsOf<Kusto.Language.Syntax.FunctionParameter>(decl.Parameters?.Parameters).map((p) => ({
        name: nameText(p.NameAndType?.Name),
        defaultValue: () => p.DefaultValue?.Value,
      })),
      scope: binding.scope,
      declared: decl.Body ?? undefined,
      stored: false,
    };
  }
  const stored = storedFunction(symbol, ctx);
  if (!stored) {
    return undefined;
  }
  const signature = stored.Signatures!.getItem(0)!;
  return {
    params: bridgeItems<Kusto.Language.Symbols.Parameter>(signature.Parameters, kusto().Symbols.Parameter).map((p) => ({
      name: p.Name ?? '',
      defaultValue: () => (p.DefaultValue ? boundDefault(p.DefaultValue, call, ctx) : undefined),
    })),
    scope: new Scope(),
    stored: true,
  };
}

/**
 * A stored function's parameter default, bound: the symbol holds it only as parsed text (defaults are
 * constants, so binding it alone as `print <default>` gives its value and type). Its nodes point at the call.
 */
function boundDefault(value: Node, call: Node, ctx: LowerContext): Node | undefined {
  const code = kusto().KustoCode.ParseAndAnalyze(`print ${textOf(value)}`, ctx.globals)!;
  let print: Node | undefined;
  const find = (n: Node | null): void => {
    if (!n || print) return;
    if (kindOf(n) === 'PrintOperator') {
      print = n;
      return;
    }
    for (let i = 0; i < n.ChildCount; i++) find(n.GetChild(i) as Node | null);
  };
  find(code.Syntax);
  const expr = print && elementsOf((print as Kusto.Language.Syntax.PrintOperator).Expressions)[0];
  if (expr) {
    markExpansion(expr, spanOf(call));
  }
  return expr;
}

/**
 * Expands a call of a user function; undefined when the callee is not one (a built-in).
 * `input`, from `T | invoke f(…)`, is bound to the function's first parameter (Kusto: f(T, …)).
 */
export function expandUserFunction(
  call: Node,
  argNodes: readonly Node[],
  ctx: LowerContext,
  input?: Plan,
): Expansion | undefined {
  const callee = calleeOf(call, ctx);
  if (!callee) {
    return undefined;
  }
  const name = call.ReferencedSymbol!.Name!;
  if (ctx.depth >= MAX_EXPANSION_DEPTH) {
    throw ctx.errors.at(
      spanOf(call),
      'KQL-RECURSION',
      `The function '${name}' expands too deeply (recursive functions are not supported).`,
    );
  }
  const expansion = call.GetCalledFunctionBody() as Kusto.Language.Syntax.FunctionBody | null;
  const body = expansion ?? callee.declared;
  if (!body) {
    throw ctx.errors.at(
      spanOf(call),
      'KQL-FUNCTION',
      `The body of the stored function '${name}' does not bind here, so it cannot run (see the Problems panel for the function's errors).`,
    );
  }
  if (expansion) {
    // A stored function's body is not in the query's text: its nodes point at the call.
    markExpansion(expansion, callee.stored ? spanOf(call) : undefined);
  }
  const scope = new Scope(callee.scope);
  bindArguments(callee.params, argNodes, call, name, scope, ctx, input);
  let inner = withScope(ctx, scope, true);
  for (const stmt of elementsOf(body.Statements)) {
    inner = lowerStatement(stmt, inner).ctx;
  }
  const result: Node = body.Expression!;
  if (isTabular(result)) {
    return { k: 'tabular', plan: inner.tabular(result, inner) };
  }
  return { k: 'scalar', expr: lowerExpr(result, inner) };
}

/** `f(len=3, s)`: named arguments go to their parameters, the others fill the rest in order. */
function bindArguments(
  params: readonly Parameter[],
  argNodes: readonly Node[],
  call: Node,
  name: string,
  scope: Scope,
  ctx: LowerContext,
  input: Plan | undefined,
): void {
  const named = new Map<string, Node>();
  const positional: Node[] = [];
  for (const a of argNodes) {
    if (kindOf(a) === 'SimpleNamedExpression') {
      const n = a as Kusto.Language.Syntax.SimpleNamedExpression;
      named.set(nameText(n.Name), n.Expression!);
    } else {
      positional.push(a);
    }
  }
  let nextPositional = 0;
  params.forEach((p, i) => {
    if (input && i === 0) {
      scope.set(p.name, { k: 'tabular', plan: input });
      return;
    }
    const arg = named.get(p.name) ?? positional[nextPositional++] ?? p.defaultValue();
    if (!arg) {
      throw ctx.errors.at(
        spanOf(call),
        'KQL-ARGUMENT',
        `The function '${name}' needs a value for its parameter '${p.name}'.`,
      );
    }
    if (isTabular(arg)) {
      scope.set(p.name, { k: 'tabular', plan: ctx.tabular(arg, ctx) });
    } else {
      scope.set(p.name, { k: 'scalar', expr: lowerExpr(arg, ctx), row: ctx.rowScope });
    }
  });
}

/**
 * A `let` view named by a union wildcard (`union View*`): the binder gives the wildcard a group of
 * symbols and no call to expand, so the view's own declaration is lowered, as for a call the binder
 * did not expand. Undefined when the name is no parameterless `let` function here.
 */
export function expandLetView(name: string, at: Node, ctx: LowerContext): Plan | undefined {
  const binding = ctx.scope.get(name);
  const body = binding?.k === 'function' ? binding.declaration.Body : undefined;
  if (
    !binding ||
    binding.k !== 'function' ||
    !body ||
    elementsOf(binding.declaration.Parameters?.Parameters).length > 0
  ) {
    return undefined;
  }
  if (ctx.depth >= MAX_EXPANSION_DEPTH) {
    throw ctx.errors.at(
      spanOf(at),
      'KQL-RECURSION',
      `The function '${name}' expands too deeply (recursive functions are not supported).`,
    );
  }
  let inner = withScope(ctx, new Scope(binding.scope), true);
  for (const stmt of elementsOf(body.Statements)) {
    inner = lowerStatement(stmt, inner).ctx;
  }
  const result: Node = body.Expression!;
  return isTabular(result) ? inner.tabular(result, inner) : undefined;
}
