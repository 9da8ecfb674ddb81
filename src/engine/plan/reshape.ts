/** mv-expand (and the old mvexpand … to typeof()) and parse: operators that reshape column values. */

import type { KeyValueMode } from '../exec/keyValueText';
import { compileRegex } from '../functions/kqlRegex';
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { parameter } from './join';
import { elementsOf, kindOf, type Node, nameText, schemaOf, spanOf, textOf, typeOf } from './syntax';
import type { ColumnDef, NamedExpr, ParsePart, Plan } from './types';

/** mv-expand and mv-apply share these parts. */
type ExpandingOperator = Kusto.Language.Syntax.MvExpandOperator | Kusto.Language.Syntax.MvApplyOperator;

/** The columns mv-expand and mv-apply expand: `[Name =] ArrayExpression [to typeof(T)]`. */
function expandedColumns(m: ExpandingOperator, ctx: LowerContext, what: string): NamedExpr[] {
  const columns: NamedExpr[] = [];
  for (const item of elementsOf<Kusto.Language.Syntax.MvExpandExpression | Kusto.Language.Syntax.MvApplyExpression>(
    m.Expressions,
  )) {
    const e: Node = item.Expression!;
    if (kindOf(e) === 'SimpleNamedExpression') {
      const named = e as Kusto.Language.Syntax.SimpleNamedExpression;
      columns.push({ name: nameText(named.Name), expr: lowerExpr(named.Expression!, ctx) });
    } else {
      const expr = lowerExpr(e, ctx);
      if (expr.k !== 'column') {
        throw ctx.errors.unsupported(e, `${what} of an unnamed expression`);
      }
      columns.push({ name: expr.name, expr });
    }
    // `to typeof(t)`: the expanded values are converted to t; the binder's type of the item says which.
    const last = columns[columns.length - 1]!;
    columns[columns.length - 1] = { name: last.name, expr: { ...last.expr, type: typeOf(item) } as NamedExpr['expr'] };
  }
  return columns;
}

export function lowerMvExpand(op: Node, input: Plan, ctx: LowerContext): Plan {
  const m = op as Kusto.Language.Syntax.MvExpandOperator;
  const columns = expandedColumns(m, ctx, 'mv-expand');
  const limitNode = m.RowLimitClause?.RowLimit;
  const limitExpr = limitNode ? lowerExpr(limitNode, ctx) : undefined;
  // The legacy `mvexpand` stops at 128 rows per input row unless told otherwise.
  const legacy = textOf(op).startsWith('mvexpand');
  const limit =
    limitExpr?.k === 'literal' && typeof limitExpr.value === 'number' ? limitExpr.value : legacy ? 128 : undefined;
  // `kind=array` (or the older `bagexpansion=array`): bags expand to [key, value] arrays.
  const kind = (parameter(m.Parameters, 'kind') ?? parameter(m.Parameters, 'bagexpansion'))?.trim().toLowerCase();
  const bagsAsArrays = kind === 'array';
  const schema = schemaOf(op);
  // The index column is the binder's last one: over an existing column of the same name it is made
  // unique (ix → ix1), as Kusto.Language declares it, and the input column keeps its values.
  const itemIndex =
    parameter(m.Parameters, 'with_itemindex') !== undefined ? schema[schema.length - 1]?.name : undefined;
  return { k: 'mvExpand', input, columns, limit, itemIndex, bagsAsArrays, span: spanOf(op), schema };
}

/**
 * mv-apply: the subquery's implicit input is the expanded subtable, declared as a shared plan the
 * executor fills in per input row. Its schema is mv-expand's: expanded columns replace same-named
 * input columns in place, new names come after, and the item index last.
 */
export function lowerMvApply(op: Node, input: Plan, ctx: LowerContext): Plan {
  const m = op as Kusto.Language.Syntax.MvApplyOperator;
  if (m.ContextIdClause) {
    throw ctx.errors.unsupported(m.ContextIdClause, 'mv-apply with_contextid');
  }
  const span = spanOf(op);
  const columns = expandedColumns(m, ctx, 'mv-apply');
  const limitExpr = m.RowLimitClause?.RowLimit ? lowerExpr(m.RowLimitClause.RowLimit, ctx) : undefined;
  const limit = limitExpr?.k === 'literal' && typeof limitExpr.value === 'number' ? limitExpr.value : undefined;
  let itemIndex = parameter(m.Parameters, 'with_itemindex');
  const expandedSchema: ColumnDef[] = [...input.schema];
  for (const c of columns) {
    const at = expandedSchema.findIndex((s) => s.name === c.name);
    if (at >= 0) {
      expandedSchema[at] = { name: c.name, type: c.expr.type };
    } else {
      expandedSchema.push({ name: c.name, type: c.expr.type });
    }
  }
  if (itemIndex) {
    // As mv-expand: a name already taken gets the first free numeric suffix (ix → ix1).
    let unique = itemIndex;
    for (let n = 1; expandedSchema.some((c) => c.name === unique); n++) {
      unique = `${itemIndex}${n}`;
    }
    itemIndex = unique;
    expandedSchema.push({ name: itemIndex, type: 'long' });
  }
  const rowsId = ctx.nextId();
  const placeholder: Plan = { k: 'datatable', rows: [], span, schema: expandedSchema };
  const rows: Plan = { k: 'shared', id: rowsId, plan: placeholder, span, schema: expandedSchema };
  const expand = { k: 'mvExpand', input, columns, limit, itemIndex, span, schema: expandedSchema } as const;
  const subquery = ctx.tabular(m.Subquery!.Expression!, { ...ctx, implicitInput: rows });
  return { k: 'mvApply', input, expand, subquery, rowsId, span, schema: schemaOf(op) };
}

/** parse-kv: the keys to extract and how pairs are delimited (exec/keyValueText.ts does the finding). */
export function lowerParseKv(op: Node, input: Plan, ctx: LowerContext): Plan {
  const p = op as Kusto.Language.Syntax.ParseKvOperator;
  const keys: ColumnDef[] = elementsOf<Kusto.Language.Syntax.NameAndTypeDeclaration>(p.Keys?.Columns).map((decl) => {
    const name = decl.Name!;
    return { name: nameText(name), type: typeOf(name) };
  });
  const settings = new Map<string, (string | boolean)[]>();
  for (const param of elementsOf<Kusto.Language.Syntax.NamedParameter>(p.WithClause?.Properties)) {
    const value = param.Expression ? lowerExpr(param.Expression, ctx) : undefined;
    if (value?.k !== 'literal' || (typeof value.value !== 'string' && typeof value.value !== 'boolean')) {
      throw ctx.errors.at(spanOf(param), 'KQL-ARGUMENT', 'A parse-kv setting must be a constant string or bool.');
    }
    const name = nameText(param.Name).toLowerCase();
    settings.set(name, [...(settings.get(name) ?? []), value.value]);
  }
  const text = (name: string): string | undefined => {
    const v = settings.get(name)?.[0];
    return typeof v === 'string' ? v : undefined;
  };
  const quoting = {
    quotes: (settings.get('quote') ?? [])
      .map(String)
      .filter((q) => q.length > 0)
      .map((q) => [q[0]!, q.length > 1 ? q[1]! : q[0]!] as const),
    escapes: (settings.get('escape') ?? []).map(String).filter((e) => e.length > 0),
  };
  const regex = text('regex');
  const pair = text('pair_delimiter');
  const kv = text('kv_delimiter');
  let mode: KeyValueMode;
  if (regex !== undefined) {
    try {
      mode = { k: 'regex', regex: compileRegex(regex) };
    } catch (e) {
      throw ctx.errors.at(spanOf(p.WithClause!), 'KQL-ARGUMENT', (e as Error).message);
    }
  } else if (pair !== undefined || kv !== undefined) {
    if (!pair || !kv) {
      throw ctx.errors.at(
        spanOf(op),
        'KQL-ARGUMENT',
        'parse-kv needs both pair_delimiter and kv_delimiter, neither of them empty.',
      );
    }
    mode = { k: 'delimited', pair, kv, greedy: settings.get('greedy')?.[0] === true, ...quoting };
  } else {
    mode = { k: 'loose', ...quoting };
  }
  return {
    k: 'parseKv',
    input,
    source: lowerExpr(p.Expression!, ctx),
    keys,
    mode,
    span: spanOf(op),
    schema: schemaOf(op),
  };
}

export function lowerParse(op: Node, input: Plan, ctx: LowerContext): Plan {
  // parse-where has the same syntax (Kusto.Language's ParseWhereOperator) and drops the rows that fail.
  const p = op as Kusto.Language.Syntax.ParseOperator;
  const where = kindOf(op) === 'ParseWhereOperator';
  const name = where ? 'parse-where' : 'parse';
  const mode = (parameter(p.Parameters, 'kind') ?? 'simple').toLowerCase();
  if (mode !== 'simple' && mode !== 'regex' && (mode !== 'relaxed' || where)) {
    // The reference gives parse kind=simple, regex and relaxed, and parse-where only the first two.
    throw ctx.errors.at(
      spanOf(op),
      'KQL-UNSUPPORTED',
      `${name} kind=${mode}: ${name} takes kind=simple or kind=regex${where ? '' : ' or kind=relaxed'}.`,
    );
  }
  const flags = parameter(p.Parameters, 'flags')?.trim() ?? '';
  if (!/^[Uims]*$/.test(flags) || (flags !== '' && mode !== 'regex')) {
    throw ctx.errors.at(
      spanOf(op),
      'KQL-PARSE-FLAGS',
      `${name} flags=${flags}: flags go with kind=regex and are among U (ungreedy), i (case-insensitive), m (multi-line) and s (. matches a newline).`,
    );
  }
  const pattern: ParsePart[] = [];
  for (const part of elementsOf(p.Patterns)) {
    const kind = kindOf(part);
    if (kind === 'StarExpression') {
      pattern.push({ k: 'skip' });
    } else if (kind === 'NameAndTypeDeclaration') {
      const nt = part as Kusto.Language.Syntax.NameAndTypeDeclaration;
      pattern.push({ k: 'capture', name: nameText(nt.Name), type: typeOf(nt.Name!) });
    } else if (kind === 'NameDeclaration') {
      pattern.push({ k: 'capture', name: nameText(part), type: 'string' });
    } else {
      const e = lowerExpr(part, ctx);
      if (e.k !== 'literal' || typeof e.value !== 'string') {
        throw ctx.errors.unsupported(part, 'A parse pattern element other than a string, a column or *');
      }
      pattern.push({ k: 'text', text: e.value });
    }
  }
  return {
    k: 'parse',
    input,
    source: lowerExpr(p.Expression!, ctx),
    pattern,
    mode,
    flags,
    where,
    span: spanOf(op),
    schema: schemaOf(op),
  };
}
