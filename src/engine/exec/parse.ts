/**
 * parse and parse-where: a pattern of literal text, `*` and typed captures, matched from the start of the value.
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

/**
 * The pattern as a matcher returning the captures in pattern order. kind=regex parts are RE2, as in
 * Kusto: their own groups may come before a capture, so captures are named groups read by name; a
 * capture that is not a number or bool takes `(.*)`, greedy, and `*` takes `.*?`, which is what the
 * reference's examples return (a string capture runs to the last delimiter, `flags=U` makes it lazy,
 * and without `flags=s` it stops at a newline).
 */
export function patternRegex(
  parts: readonly ParsePart[],
  mode: 'simple' | 'relaxed' | 'regex',
  flags = '',
): (text: string) => readonly (string | undefined)[] | null {
  if (mode === 'regex') {
    return regexModeMatcher(parts, flags);
  }
  return literalMatcher(parts, mode === 'relaxed');
}

/**
 * Literal parts and lazy captures only: V8's RegExp, without user syntax to backtrack on. A typed
 * capture matches only its type's text; with `relaxed` it falls back to any text up to the next
 * delimiter (converted to null later), so a value that is not of its column's type
 * (`totalSlices=nonValidLongValue`) still lets the other columns match, as the reference's example shows.
 */
function literalMatcher(
  parts: readonly ParsePart[],
  relaxed: boolean,
): (text: string) => readonly (string | undefined)[] | null {
  let src = '^';
  parts.forEach((p, i) => {
    const last = i === parts.length - 1;
    const any = last ? '[\\s\\S]*' : '[\\s\\S]*?';
    if (p.k === 'text') {
      src += escapeRegex(p.text);
    } else if (p.k === 'skip') {
      src += any;
    } else {
      const typed = TYPE_PATTERNS[p.type];
      src += typed === undefined ? `(${any})` : relaxed ? `(${typed.slice(1, -1)}|${any})` : typed;
    }
  });
  const native = new RegExp(src);
  return (text) => {
    const m = native.exec(text);
    return m ? m.slice(1) : null;
  };
}

function regexModeMatcher(
  parts: readonly ParsePart[],
  flags: string,
): (text: string) => readonly (string | undefined)[] | null {
  let src = '^';
  let captures = 0;
  for (const p of parts) {
    if (p.k === 'text') {
      src += `(?:${p.text})`;
    } else if (p.k === 'skip') {
      src += '.*?';
    } else {
      const body = TYPE_PATTERNS[p.type]?.slice(1, -1) ?? '.*';
      src += `(?P<parse_${captures++}>${body})`;
    }
  }
  // U (ungreedy) has no RegexFlags field: RE2's inline flag says it; i, m and s go as flags.
  const re = compileRegex(flags.includes('U') ? `(?U)${src}` : src, {
    caseInsensitive: flags.includes('i'),
    multiline: flags.includes('m'),
    dotAll: flags.includes('s'),
  });
  const numbers = Array.from({ length: captures }, (_, k) => re.groupNames.get(`parse_${k}`)!);
  return (text) => {
    const groups = re.exec(text)?.groups;
    return groups ? numbers.map((n) => groups[n]) : null;
  };
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
      // A greedy regex-mode capture keeps the separator's spaces or newline before the next delimiter.
      return parseDatetime(text.trim()) ?? undefined;
    case 'timespan':
      return parseTimespan(text.trim()) ?? undefined;
    case 'guid':
      return /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(text.trim()) ? text.trim().toLowerCase() : undefined;
    case 'dynamic':
      return parseDynamicText(text);
  }
}

export function runParse(plan: P<'parse'>, input: Table, ctx: ExecContext): Table {
  let regex: ReturnType<typeof patternRegex>;
  try {
    regex = patternRegex(plan.pattern, plan.mode, plan.flags);
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
  const builders = captures.map((c) => columnBuilder(c.type, plan.where ? undefined : input.rowCount));
  const relaxed = plan.mode === 'relaxed';
  // parse-where keeps only the rows whose pattern matched and whose captures converted.
  const kept: number[] | undefined = plan.where ? [] : undefined;
  for (let i = 0; i < input.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const v = source(i);
    const text = v === null ? '' : typeof v === 'string' ? v : valueToString(v, sourceType);
    const m = regex(text);
    let values: (Value | undefined)[] | undefined = m
      ? captures.map((c, k) => convertCapture(m[k] ?? '', c.type))
      : undefined;
    if (values && !relaxed && values.some((x) => x === undefined)) {
      values = undefined;
    }
    if (kept) {
      if (!values) {
        continue;
      }
      kept.push(i);
    }
    captures.forEach((c, k) => builders[k]!.push(values?.[k] ?? (c.type === 'string' ? '' : null)));
  }
  const rows = kept ? input.takeRows(kept) : input;
  const produced = new Map<string, TableColumn>();
  captures.forEach((c, k) => produced.set(c.name, { name: c.name, column: builders[k]!.finish() }));
  const cols: TableColumn[] = plan.schema.map(
    (s) => produced.get(s.name) ?? { name: s.name, column: rows.column(s.name)! },
  );
  return new Table(cols, rows.rowCount, input.name);
}
