/** join and lookup: key pairs from `on Col` / `on $left.A == $right.B`, output naming from the binder. */
import type { LowerContext } from './context';
import { elementsOf, kindOf, nameText, schemaOf, spanOf, type Node, textOf } from './syntax';
import type { JoinKind, Plan } from './types';

const JOIN_KINDS = new Set<JoinKind>([
  'innerunique',
  'inner',
  'leftouter',
  'rightouter',
  'fullouter',
  'leftanti',
  'rightanti',
  'leftsemi',
  'rightsemi',
]);
const KIND_ALIASES: Record<string, JoinKind> = {
  anti: 'leftanti',
  leftantisemi: 'leftanti',
  rightantisemi: 'rightanti',
  semi: 'leftsemi',
};

function parameter(params: unknown, name: string): string | undefined {
  for (const p of elementsOf<Kusto.Language.Syntax.NamedParameter>(params)) {
    if (nameText(p.Name).toLowerCase() === name) {
      return p.Expression ? textOf(p.Expression) : undefined;
    }
  }
  return undefined;
}

interface Keys {
  readonly left: string[];
  readonly right: string[];
}

function sideOf(path: Node): 'left' | 'right' | undefined {
  if (kindOf(path) !== 'PathExpression') {
    return undefined;
  }
  const t = textOf((path as Kusto.Language.Syntax.PathExpression).Expression);
  return t === '$left' ? 'left' : t === '$right' ? 'right' : undefined;
}

function columnName(node: Node): string {
  return (
    (kindOf(node) === 'PathExpression'
      ? (node as Kusto.Language.Syntax.PathExpression).Selector!.ReferencedSymbol?.Name
      : node.ReferencedSymbol?.Name) ?? nameText(node)
  );
}

function joinKeys(clause: Node | null | undefined, ctx: LowerContext, op: Node): Keys {
  if (!clause || kindOf(clause) !== 'JoinOnClause') {
    throw ctx.errors.unsupported(clause ?? op, 'A join condition other than `on` column equalities');
  }
  const keys: Keys = { left: [], right: [] };
  for (const e of elementsOf((clause as Kusto.Language.Syntax.JoinOnClause).Expressions)) {
    const kind = kindOf(e);
    if (kind === 'NameReference') {
      keys.left.push(columnName(e));
      keys.right.push(columnName(e));
      continue;
    }
    if (kind === 'EqualExpression') {
      const eq = e as Kusto.Language.Syntax.BinaryExpression;
      const a = sideOf(eq.Left!);
      const b = sideOf(eq.Right!);
      if (a && b && a !== b) {
        const l = a === 'left' ? eq.Left! : eq.Right!;
        const r = a === 'left' ? eq.Right! : eq.Left!;
        keys.left.push(columnName(l));
        keys.right.push(columnName(r));
        continue;
      }
    }
    throw ctx.errors.unsupported(e, `The join condition '${textOf(e)}'`);
  }
  return keys;
}

export function lowerJoin(op: Node, left: Plan, ctx: LowerContext): Plan {
  const j = op as Kusto.Language.Syntax.JoinOperator;
  const kindText = (parameter(j.Parameters, 'kind') ?? 'innerunique').toLowerCase();
  const kind = KIND_ALIASES[kindText] ?? (kindText as JoinKind);
  if (!JOIN_KINDS.has(kind)) {
    throw ctx.errors.unsupported(op, `join kind=${kindText}`);
  }
  const right = ctx.tabular(j.Expression!, ctx);
  const keys = joinKeys(j.ConditionClause, ctx, op);
  return {
    k: 'join',
    kind,
    left,
    right,
    leftKeys: keys.left,
    rightKeys: keys.right,
    span: spanOf(op),
    schema: schemaOf(op),
  };
}

export function lowerLookup(op: Node, left: Plan, ctx: LowerContext): Plan {
  const l = op as Kusto.Language.Syntax.LookupOperator;
  const kindText = (parameter(l.Parameters, 'kind') ?? 'leftouter').toLowerCase();
  if (kindText !== 'leftouter' && kindText !== 'inner') {
    throw ctx.errors.unsupported(op, `lookup kind=${kindText}`);
  }
  const right = ctx.tabular(l.Expression!, ctx);
  const keys = joinKeys(l.LookupClause, ctx, op);
  return {
    k: 'lookup',
    kind: kindText,
    left,
    right,
    leftKeys: keys.left,
    rightKeys: keys.right,
    span: spanOf(op),
    schema: schemaOf(op),
  };
}

export { parameter };
