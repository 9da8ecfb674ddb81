/**
 * Plugins whose output columns the data decides (bag_unpack and pivot without an output schema): the
 * plan node is built with its columns left open and they are resolved when it runs (exec/
 * runtimeColumns.ts). That is sound only where nothing after the plugin was planned from columns:
 * the operators after it are lowered from Kusto.Language's schema, which is open here, and most of
 * them build their output from that schema. So the plugin runs without a schema when it ends the
 * query's result (a `render` after it passes the table through untouched), and anywhere else stops
 * with an error that says to write the schema. Planning the rest only after the plugin has run was
 * the alternative; it would run part of a query before the rest of it is checked, and make a plan
 * that is no longer a function of the query's text.
 */
import { kindOf, type Node } from './syntax';

/** Whether `op` (an operator in a pipe) ends a result statement of the query, ignoring `| render`. */
export function endsQueryResult(op: Node): boolean {
  let node: Node | null = op.Parent;
  if (!node || kindOf(node) !== 'PipeExpression') {
    return false;
  }
  for (;;) {
    const parent: Node | null = node.Parent;
    if (!parent) {
      return false;
    }
    const kind = kindOf(parent);
    if (kind === 'PipeExpression') {
      const pipe = parent as Kusto.Language.Syntax.PipeExpression;
      if (pipe.Expression !== node || !pipe.Operator || kindOf(pipe.Operator) !== 'RenderOperator') {
        return false;
      }
      node = parent;
      continue;
    }
    return kind === 'ExpressionStatement' && !insideFunction(parent);
  }
}

function insideFunction(node: Node): boolean {
  for (let n: Node | null = node.Parent; n; n = n.Parent) {
    const kind = kindOf(n);
    if (kind === 'FunctionBody' || kind === 'FunctionDeclaration') {
      return true;
    }
  }
  return false;
}

/** The error's wording when the plugin is followed by other operators. */
export function runtimeColumnsRefusal(plugin: 'bag_unpack' | 'pivot', example: string): string {
  return (
    `evaluate ${plugin} without an output schema is not supported by the embedded engine except as the last ` +
    `operator of the query's result, because its columns depend on the data and the operators after it are planned before the ` +
    `data is read. Name the columns after the call, e.g. \`${example}\`.`
  );
}
