/**
 * Tables named through a database: `database().T`, `database('VMInsights').T`, and `database('a').T`
 * where `alias database a = cluster(…).database(…)`. The embedded engine has one database, this
 * workspace's, so an alias names it: prepare.ts binds the query again with each alias's target read
 * as `database()` (blanked in place, so every offset stays), and a table it has resolves to its own.
 * Any other database (another cluster's, workspace(), app(), resource()) is not here.
 */
import { kusto } from '../../kql';
import type { LowerContext } from './context';
import { checkPatternShadowed } from './patterns';
import { checkVisible } from './restrict';
import { elementsOf, kindOf, type Node, nameText, schemaOf, spanOf, textOf } from './syntax';
import type { Plan } from './types';

/** Lowers `<database>.T`; undefined when the node is no path from a database. */
export function lowerDatabasePath(node: Node, ctx: LowerContext): Plan | undefined {
  if (kindOf(node) !== 'PathExpression') {
    return undefined;
  }
  const path = node as Kusto.Language.Syntax.PathExpression;
  const database = (path.Expression as Kusto.Language.Syntax.Expression).ResultType;
  if (database?.Kind !== kusto().Symbols.SymbolKind.Database) {
    return undefined;
  }
  if (kindOf(path.Expression!) === 'FunctionCallExpression') {
    checkPatternShadowed(path.Expression as Kusto.Language.Syntax.FunctionCallExpression, ctx);
  }
  const selector: Node = path.Selector!;
  const name = selector.ReferencedSymbol?.Name ?? nameText(selector);
  if (database === ctx.globals.Database && ctx.tableNames.includes(name)) {
    checkVisible(node, name, true, ctx);
    return { k: 'table', name, span: spanOf(node), schema: schemaOf(node) };
  }
  throw ctx.errors.at(
    spanOf(node),
    'KQL-DATABASE',
    `'${textOf(node)}' reads another database than this workspace's, the only one the embedded engine has; the query runs as it is on Log Analytics.`,
  );
}

const LOCAL_DATABASE = 'database()';

/**
 * The query's text with every alias statement's target replaced by `database()` and spaces, or
 * undefined when it has no alias to rebind.
 */
export function aliasesToLocalDatabase(code: Kusto.Language.KustoCode): string | undefined {
  const text = code.Text ?? '';
  const block = code.Syntax as Kusto.Language.Syntax.QueryBlock;
  let out = text;
  let changed = false;
  for (const stmt of elementsOf<Node>(block.Statements)) {
    if (kindOf(stmt) !== 'AliasStatement') {
      continue;
    }
    const target = (stmt as Kusto.Language.Syntax.AliasStatement).Expression;
    const width = target ? target.End - target.TextStart : 0;
    if (!target || width < LOCAL_DATABASE.length || textOf(target).replace(/\s/g, '') === LOCAL_DATABASE) {
      continue;
    }
    out = out.slice(0, target.TextStart) + LOCAL_DATABASE.padEnd(width) + out.slice(target.End);
    changed = true;
  }
  return changed ? out : undefined;
}
