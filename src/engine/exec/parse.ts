/**
 * parse: a pattern of literal text, `*` and typed captures, matched from the start of the value.
 * kind=simple (default) needs every typed capture to convert or the row gets nulls; kind=relaxed nulls
 * only the failed capture; kind=regex treats the literal parts as regular expressions.
 */
import { columnBuilder } from '../column';
import { compileRegex } from '../functions/kqlRegex';
import { parseDynamicText } from '../plan/literals';
import type { ParsePart, Plan } from '../plan/types';
import { Table, type TableColumn } from '../table';
import type { KqlType, Value } from '../values';
import { parseDatetime, parseTimespan, valueToString } from '../valueText';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr } from './expr';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Numbers and bools match only their own text, so `n:long *` stops where the digits do. */
const TYPE_PATTERNS: Partial<Record<KqlType, string>> = {
  int: '([-+]?\\d+)',
  long: '([-+]?\\d+)',
  real: '([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)',
  decimal: '([-+]?(?:\\d+\\.?\\d*|\\.\\d+))',
  bool: '(true|false|True|False|TRUE|FALSE|0|1)',
};

/** The pattern as a matcher returning the captures (index 1 on); kind=regex parts are RE2, as in Kusto. */
export function patternRegex(
  parts: readonly ParsePart[],
  regexMode: boolean,
): (text: string) => readonly (string | undefined)[] | null {
  let src = '^';
  parts.forEach((p, i) => {
    const last = i === parts.length - 1;
    if (p.k === 'text') {
      src += regexMode ? `(?:${p.text})` : escapeRegex(p.text);
    } else if (p.k === 'skip') {
      src += last ? '[\\s\\S]*' : '[\\s\\S]*?';
    } else {
      src += TYPE_PATTERNS[p.type] ?? (last ? '([\\s\\S]*)' : '([\\s\\S]*?)');
    }
  });
  if (regexMode) {
    const re = compileRegex(src);
    return (text) => re.exec(text)?.groups ?? null;
  }
  // Literal parts and lazy captures only: V8's RegExp, without user syntax to backtrack on.
  const native = new RegExp(src);
  return (text) => native.exec(text);
}

/** A captured string as a value of the column's type; undefined when it does not convert. */
export function convertCapture(text: string, type: KqlType): Value | undefined {
  switch (type) {
    case 'string':
      return text;
    case 'int':
    case 'long': {
      const t = text.trim();
      return /^[+-]?\d+$/.test(t) ? Number(t) : undefined;
    }
    case 'real':
    case 'decimal': {
      const t = text.trim();
      const n = Number(t);
      return t !== '' && !Number.isNaN(n) ? n : undefined;
    }
    case 'bool': {
      const t = text.trim().toLowerCase();
      return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : undefined;
    }
    case 'datetime':
      return parseDatetime(text) ?? undefined;
    case 'timespan':
      return parseTimespan(text) ?? undefined;
    case 'guid':
      return /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(text.trim()) ? text.trim().toLowerCase() : undefined;
    case 'dynamic':
      return parseDynamicText(text);
  }
}

export function runParse(plan: P<'parse'>, input: Table, ctx: ExecContext): Table {
  let regex: ReturnType<typeof patternRegex>;
  try {
    regex = patternRegex(plan.pattern, plan.mode === 'regex');
  } catch (e) {
    throw ctx.errors.at(
      plan.span,
      'KQL-REGEX',
      `The parse pattern is not a valid regular expression: ${(e as Error).message}`,
    );
  }
  const captures = plan.pattern.filter((p): p is Extract<ParsePart, { k: 'capture' }> => p.k === 'capture');
  const source = compileExpr(plan.source, input, ctx);
  const sourceType = plan.source.type;
  const builders = captures.map((c) => columnBuilder(c.type, input.rowCount));
  const relaxed = plan.mode === 'relaxed';
  const matched: number[] = [];
  for (let i = 0; i < input.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const v = source(i);
    const text = v === null ? '' : typeof v === 'string' ? v : valueToString(v, sourceType);
    const m = regex(text);
    let values: (Value | undefined)[] | undefined = m
      ? captures.map((c, k) => convertCapture(m[k + 1] ?? '', c.type))
      : undefined;
    if (values && !relaxed && values.some((x) => x === undefined)) {
      values = undefined;
    }
    if (values) {
      matched.push(i);
    }
    captures.forEach((c, k) => builders[k]!.push(values?.[k] ?? (c.type === 'string' ? '' : null)));
  }
  const produced = new Map<string, TableColumn>();
  captures.forEach((c, k) => produced.set(c.name, { name: c.name, column: builders[k]!.finish() }));
  const cols: TableColumn[] = plan.schema.map(
    (s) => produced.get(s.name) ?? { name: s.name, column: input.column(s.name)! },
  );
  const parsed = new Table(cols, input.rowCount, input.name);
  return plan.matchedOnly ? parsed.takeRows(matched) : parsed;
}
