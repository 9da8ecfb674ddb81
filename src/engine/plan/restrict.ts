/**
 * `restrict access to (V, database().T, database().*, Test*)`: the tables, tabular views and patterns
 * the rest of the query may reference. Kusto.Language binds the statement but does not enforce it, so
 * lowering does. As the reference documents: a bare name is a let/view/pattern or a table/function of
 * the database; a bare wildcard (`*`, `Test*`) matches the names `let` and `declare pattern` declared
 * ("restrict access to (*)" leaves no table visible); `database().*` or `database().VM*` match the
 * current database's tables and stored functions. Scalar `let`s are no tabular entity and stay visible.
 */
import { kusto } from '../../kql';
import { DATABASE_NAME } from '../../kql/globals';
import { type LowerContext, type Restriction, Scope, withScope } from './context';
import { elementsOf, kindOf, type Node, nameText, spanOf, textOf } from './syntax';

type Matcher = (name: string) => boolean;

function wildcard(pattern: string): Matcher {
  if (!pattern.includes('*')) {
    return (name) => name === pattern;
  }
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return (name) => re.test(name);
}

const anyOf =
  (matchers: readonly Matcher[]): Matcher =>
  (name) =>
    matchers.some((m) => m(name));

/** `database()` or `database('<this database>')`: the only database the embedded engine has. */
export function isOwnDatabase(call: Node): boolean {
  if (kindOf(call) !== 'FunctionCallExpression' || call.ReferencedSymbol?.Name !== 'database') {
    return false;
  }
  const args = elementsOf<Kusto.Language.Syntax.Expression>(
    (call as Kusto.Language.Syntax.FunctionCallExpression).ArgumentList?.Expressions,
  );
  return args.length === 0 || (args.length === 1 && args[0]!.LiteralValue === DATABASE_NAME);
}

function isDatabaseEntity(e: Node): boolean {
  const kinds = kusto().Symbols.SymbolKind;
  const kind = e.ReferencedSymbol?.Kind;
  return kind === kinds.Table || kind === kinds.Function;
}

export function lowerRestrict(stmt: Kusto.Language.Syntax.RestrictStatement, ctx: LowerContext): LowerContext {
  if (ctx.scope.restriction) {
    throw ctx.errors.at(
      spanOf(stmt),
      'KQL-RESTRICT',
      'The embedded engine takes one restrict statement per query; this query already has one.',
    );
  }
  const declared: Matcher[] = [];
  const database: Matcher[] = [];
  for (const e of elementsOf<Node>(stmt.Expressions)) {
    if (kindOf(e) === 'PathExpression') {
      const path = e as Kusto.Language.Syntax.PathExpression;
      // Another database's entities are not here to reach: they add nothing visible.
      if (isOwnDatabase(path.Expression!)) {
        database.push(wildcard(textOf(path.Selector).replace(/^\[\s*['"]?|['"]?\s*\]$/g, '')));
      }
      continue;
    }
    const name = e.ReferencedSymbol?.Name ?? nameText(e);
    const written = textOf(e);
    if (written.includes('*')) {
      declared.push(wildcard(written));
    } else if (ctx.scope.get(name) && ctx.scope.get(name)?.k !== 'scalar') {
      declared.push(wildcard(name));
    } else if (isDatabaseEntity(e)) {
      database.push(wildcard(name));
    } else {
      throw ctx.errors.at(
        spanOf(e),
        'KQL-RESTRICT',
        `'${written}' is not a table, view, function or pattern that restrict can give access to.`,
      );
    }
  }
  const restriction: Restriction = {
    before: ctx.scope,
    declared: anyOf(declared),
    database: anyOf(database),
    entities: textOf(stmt),
  };
  return withScope(ctx, new Scope(ctx.scope, restriction));
}

/**
 * Throws unless a reference to `name` (a table or stored function when `stored`, else whatever the scope
 * binds it to) is visible under the restrict statement in force.
 */
export function checkVisible(node: Node, name: string, stored: boolean, ctx: LowerContext): void {
  const r = ctx.scope.restriction;
  if (!r || isVisible(name, stored, ctx)) {
    return;
  }
  throw ctx.errors.at(
    spanOf(node),
    'KQL-RESTRICT',
    `Failed to resolve table or column expression named '${name}': '${r.entities}' leaves it out of what the query may reference.`,
  );
}

/** Whether a restrict statement in force leaves the name visible (`stored`: a table or stored function). */
export function isVisible(name: string, stored: boolean, ctx: LowerContext): boolean {
  const r = ctx.scope.restriction;
  if (!r) {
    return true;
  }
  const binding = stored ? undefined : ctx.scope.get(name);
  // A name declared after the restrict statement is the query's own.
  if (binding && binding !== r.before.get(name)) {
    return true;
  }
  return binding ? r.declared(name) : r.database(name);
}

/** The stored tables visible here (`search` and `find` without `in` read every visible table). */
export function visibleTables(ctx: LowerContext): readonly string[] {
  const r = ctx.scope.restriction;
  return r ? ctx.tableNames.filter((t) => r.database(t)) : ctx.tableNames;
}
