/** render: kept as result metadata (chart kind and with(…) properties) for the results panel. */
import type { LowerContext } from './context';
import { elementsOf, nameText, schemaOf, spanOf, type Node, textOf } from './syntax';
import type { Plan, RenderSpec } from './types';
import type { Value } from '../values';

const LIST_PROPERTIES = new Set(['ycolumns', 'series', 'anomalycolumns']);

function propertyValue(name: string, text: string): Value | readonly string[] {
  if (LIST_PROPERTIES.has(name)) {
    return text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  }
  if (/^(['"]).*\1$/s.test(text)) {
    return text.slice(1, -1);
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    return Number(text);
  }
  if (text === 'true' || text === 'false') {
    return text === 'true';
  }
  return text;
}

export function lowerRender(op: Node, input: Plan, _ctx: LowerContext): Plan {
  const r = op as Kusto.Language.Syntax.RenderOperator;
  const properties: Record<string, Value | readonly string[]> = {};
  const params = [
    ...elementsOf<Kusto.Language.Syntax.NamedParameter>(r.WithClause?.Properties),
    ...elementsOf<Kusto.Language.Syntax.NamedParameter>(r.Parameters),
  ];
  for (const p of params) {
    const name = nameText(p.Name);
    properties[name] = propertyValue(name, textOf(p.Expression));
  }
  const render: RenderSpec = { visualization: r.ChartType?.Text ?? 'table', properties };
  return { k: 'render', input, render, span: spanOf(op), schema: schemaOf(op) };
}
