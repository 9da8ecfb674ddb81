/** scan: declared columns, steps with their conditions and assignments (see exec/scan.ts). */
import type { LowerContext, ScanLowering } from './context';
import { lowerExpr } from './expressions';
import { parameter } from './join';
import { literalValue } from './literals';
import { elementsOf, nameText, schemaOf, spanOf, typeOf, type Node } from './syntax';
import type { Plan, ScanStep } from './types';

export function lowerScan(op: Node, input: Plan, ctx: LowerContext): Plan {
  const s = op as Kusto.Language.Syntax.ScanOperator;
  if (s.OrderByClause) {
    throw ctx.errors.unsupported(s.OrderByClause, 'scan order by');
  }
  if (s.PartitionByClause) {
    throw ctx.errors.unsupported(s.PartitionByClause, 'scan partition by');
  }
  const declared = elementsOf<Kusto.Language.Syntax.FunctionParameter>(s.DeclareClause?.Declarations).map((p) => {
    const type = typeOf(p.NameAndType!.Name!);
    const node = p.DefaultValue?.Value;
    // The binder leaves a declared default untyped: read the literal as the declared type.
    const fallback = node ? literalValue(node, type) : type === 'string' ? '' : null;
    if (fallback === undefined) {
      throw ctx.errors.at(spanOf(node!), 'KQL-ARGUMENT', 'The default of a scan column must be a literal.');
    }
    return { name: nameText(p.NameAndType!.Name), type, fallback };
  });
  const stepNodes = elementsOf<Kusto.Language.Syntax.ScanStep>(s.Steps);
  const scan: ScanLowering = { steps: new Map(stepNodes.map((st, i) => [nameText(st.Name), i])), refs: new Map() };
  const inner: LowerContext = { ...ctx, scan };
  const steps = stepNodes.map((st): ScanStep => {
    if (st.OptionalKeyword) {
      throw ctx.errors.unsupported(st.OptionalKeyword, 'An optional scan step');
    }
    const output = (st.ScanStepOutput?.OutputKind?.Text ?? 'all').toLowerCase();
    if (output !== 'all' && output !== 'none' && output !== 'last') {
      throw ctx.errors.unsupported(st.ScanStepOutput!, `scan step output=${output}`);
    }
    const assignments = elementsOf<Kusto.Language.Syntax.ScanAssignment>(st.ComputationClause?.Assignments).map((f) => {
      return { name: nameText(f.Name), expr: lowerExpr(f.Expression!, inner) };
    });
    return { name: nameText(st.Name), output, condition: lowerExpr(st.Condition!, inner), assignments };
  });
  const schema = schemaOf(op);
  // Kusto.Language's schema always ends in the match id column (`match_id` unless with_match_id names it).
  const matchId = parameter(s.Parameters, 'with_match_id') ?? schema[schema.length - 1]!.name;
  return {
    k: 'scan',
    input,
    declared,
    steps,
    matchId,
    stateRefs: [...scan.refs].map(([name, r]) => ({ name, ...r })),
    span: spanOf(op),
    schema,
  };
}
