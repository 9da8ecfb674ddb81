/**
 * evaluate ipv4_lookup(LookupTable, SourceIPv4Key, IPv4LookupKey [, ExtraKey1 … ExtraKeyN]
 * [, return_unmatched]) and ipv6_lookup(LookupTable, SourceIPv6Key, IPv6LookupKey [, return_unmatched]).
 * Extra keys are columns both tables hold; return_unmatched is the last argument, a constant bool,
 * by position or by name. The output schema is the binder's.
 */
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { elementsOf, kindOf, type Node, nameText, schemaOf, spanOf, typeOf } from './syntax';
import type { Plan } from './types';

export function lowerIpLookup(
  name: 'ipv4_lookup' | 'ipv6_lookup',
  call: Kusto.Language.Syntax.FunctionCallExpression,
  input: Plan,
  ctx: LowerContext,
  op: Node,
): Plan {
  const args = elementsOf<Kusto.Language.Syntax.Expression>(call.ArgumentList?.Expressions);
  if (args.length < 3) {
    throw ctx.errors.at(
      spanOf(call),
      'KQL-ARGUMENT',
      `${name} takes the lookup table, the input's address column and the lookup table's network column.`,
    );
  }
  const lookup = ctx.tabular(args[0]!, ctx);
  const columnOf = (node: Kusto.Language.Syntax.Expression): string => node.ReferencedSymbol?.Name ?? nameText(node);
  const lookupKey = columnOf(args[2]!);
  if (!lookup.schema.some((c) => c.name === lookupKey)) {
    throw ctx.errors.at(
      spanOf(args[2]!),
      'KQL-ARGUMENT',
      `${name}: '${lookupKey}' is not a column of the lookup table.`,
    );
  }
  let rest = args.slice(3);
  let returnUnmatched = false;
  const last = rest[rest.length - 1];
  if (last && (kindOf(last) === 'SimpleNamedExpression' || typeOf(last) === 'bool')) {
    const valueNode =
      kindOf(last) === 'SimpleNamedExpression'
        ? (last as Kusto.Language.Syntax.SimpleNamedExpression).Expression!
        : last;
    const value = lowerExpr(valueNode, ctx);
    if (value.k !== 'literal' || (value.value !== null && typeof value.value !== 'boolean')) {
      throw ctx.errors.at(spanOf(valueNode), 'KQL-ARGUMENT', `${name}: return_unmatched must be a constant bool.`);
    }
    returnUnmatched = value.value === true;
    rest = rest.slice(0, -1);
  }
  const extraKeys = rest.map((node) => {
    const key = columnOf(node);
    const missing = [input, lookup].find((t) => !t.schema.some((c) => c.name === key));
    if (kindOf(node) !== 'NameReference' || missing) {
      throw ctx.errors.at(
        spanOf(node),
        'KQL-ARGUMENT',
        `${name}: an extra key is the name of a column both the input and the lookup table hold; '${key}' is not a column of the ${missing === lookup ? 'lookup table' : 'input'}.`,
      );
    }
    return key;
  });
  return {
    k: 'ipLookup',
    input,
    lookup,
    family: name === 'ipv4_lookup' ? 'ipv4' : 'ipv6',
    source: lowerExpr(args[1]!, ctx),
    lookupKey,
    extraKeys,
    returnUnmatched,
    span: spanOf(op),
    schema: schemaOf(op),
  };
}
