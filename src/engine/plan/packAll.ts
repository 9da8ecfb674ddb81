/**
 * pack_all([ignore_null_empty]): a bag of the row's columns. Which columns is the binder's answer, not
 * the executor's: in `extend y = 2, b = pack_all()` the row pack_all sees is the extend's input, without
 * y, though the executor has already added y when it evaluates b. So the plan names the columns of the
 * input of the operator the call sits in, as Kusto.Language bound it.
 */
import { literalValue } from './literals';
import { kindOf, schemaOf, typeOf, type Node } from './syntax';
import type { Expr } from './types';

/** The input of the query operator that holds `node`: the left side of its pipe. */
export function operatorInput(node: Node): Node | undefined {
  for (let p = node.Parent as Node | null; p; p = p.Parent as Node | null) {
    const parent = p.Parent as Node | null;
    const pipe =
      parent && kindOf(parent) === 'PipeExpression' ? (parent as Kusto.Language.Syntax.PipeExpression) : undefined;
    if (pipe && pipe.Operator === p) {
      return pipe.Expression ?? undefined;
    }
  }
  return undefined;
}

export function lowerPackAll(node: Node, args: readonly Node[], type: Expr['type'], span: Expr['span']): Expr {
  const flag = args[0] ? literalValue(args[0], typeOf(args[0])) : false;
  const input = operatorInput(node);
  const columns = input ? schemaOf(input).map((c) => c.name) : undefined;
  return { k: 'packAll', ignoreNullEmpty: flag === true, columns, type, span };
}
