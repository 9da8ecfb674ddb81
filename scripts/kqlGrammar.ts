/**
 * The TextMate grammar of KQL, as data. `gen-snippets.ts` writes it to syntaxes/kql.tmLanguage.json with
 * the function names taken from Kusto.Language and the table and column names from the schema catalogue,
 * so the colours follow the parser and the catalogue instead of a hand-kept copy.
 *
 * Every regex avoids nested unbounded quantifiers and uses atomic groups around digit runs, so no line
 * (a 100k-character string, 50k parentheses) can make Oniguruma backtrack catastrophically.
 */

export interface GrammarLists {
  readonly scalarFunctions: readonly string[];
  readonly aggregateFunctions: readonly string[];
  readonly plugins: readonly string[];
  readonly tables: readonly string[];
  readonly columns: readonly string[];
}

/** Tabular operators and query statements; every one is a keyword of Kusto.Language (a test checks). */
export const TABULAR_OPERATORS: readonly string[] = [
  'as', 'assert-schema', 'consume', 'count', 'datatable', 'distinct', 'evaluate', 'extend', 'externaldata',
  'facet', 'filter', 'find', 'fork', 'getschema', 'graph-mark-components', 'graph-match', 'graph-shortest-paths',
  'graph-to-table', 'graph-where-edges', 'graph-where-nodes', 'invoke', 'join', 'limit', 'lookup', 'macro-expand',
  'make-graph', 'make-series', 'mv-apply', 'mv-expand', 'mvapply', 'mvexpand', 'order', 'parse', 'parse-kv',
  'parse-where', 'partition', 'print', 'project', 'project-away', 'project-keep', 'project-rename',
  'project-reorder', 'range', 'reduce', 'render', 'sample', 'sample-distinct', 'scan', 'search', 'serialize',
  'sort', 'summarize', 'take', 'top', 'top-hitters', 'top-nested', 'union', 'where',
];

/** Statement and clause keywords that are not tabular operators. */
export const OTHER_KEYWORDS: readonly string[] = [
  'alias', 'asc', 'bagexpansion', 'by', 'declare', 'default', 'desc', 'earliest', 'edges', 'first', 'flags',
  'from', 'granny-asc', 'granny-desc', 'isfuzzy', 'kind', 'last', 'latest', 'let', 'nodes', 'nulls', 'of', 'on',
  'pattern', 'query_parameters', 'restrict', 'set', 'step', 'to', 'typeof', 'with', 'with_itemindex',
  'with_match_id', 'with_source', 'with_step_name', 'withsource',
];

/** String, set and range operators spelled as words; each may be negated with `!`. */
export const WORD_OPERATORS: readonly string[] = [
  'between', 'contains', 'contains_cs', 'containscs', 'endswith', 'endswith_cs', 'has', 'has_all', 'has_any',
  'has_cs', 'hasprefix', 'hasprefix_cs', 'hassuffix', 'hassuffix_cs', 'in', 'in~', 'like', 'likecs',
  'matches regex', 'notcontains', 'notcontainscs', 'notlike', 'notlikecs', 'startswith', 'startswith_cs',
];

/** Values of `kind=` (join, union, mv-expand, render, summarize and others). */
export const KIND_VALUES: readonly string[] = [
  'anti', 'array', 'bag', 'default', 'fullouter', 'inner', 'innerunique', 'leftanti', 'leftantisemi',
  'leftouter', 'leftsemi', 'map', 'nonempty', 'outer', 'rightanti', 'rightantisemi', 'rightouter', 'rightsemi',
  'shuffle', 'stacked', 'stacked100', 'unstacked',
];

/** Visualizations of the render operator. */
export const CHART_TYPES: readonly string[] = [
  '3Dchart', 'anomalychart', 'areachart', 'barchart', 'card', 'columnchart', 'graph', 'ladderchart', 'linechart',
  'piechart', 'pivotchart', 'plotly', 'scatterchart', 'stackedareachart', 'table', 'timechart', 'timeline',
  'timepivot', 'treemap',
];

export const SCALAR_TYPES: readonly string[] = [
  'bool', 'boolean', 'date', 'datetime', 'decimal', 'double', 'dynamic', 'float', 'guid', 'int', 'int16',
  'int32', 'int64', 'int8', 'long', 'real', 'string', 'time', 'timespan', 'uint', 'uint16', 'uint32', 'uint64',
  'uint8', 'ulong', 'uniqueid',
];

/** Every suffix Kusto.Language accepts after a number to make a timespan literal (a test checks). */
export const TIMESPAN_SUFFIXES: readonly string[] = [
  'd', 'day', 'days', 'h', 'hr', 'hrs', 'hour', 'hours', 'm', 'min', 'minute', 'minutes', 's', 'sec', 'second',
  'seconds', 'ms', 'milli', 'millis', 'millisec', 'millisecond', 'milliseconds', 'microsec', 'microsecond',
  'microseconds', 'micro', 'micros', 'tick', 'ticks', 'nanosecond', 'nanoseconds',
];

/** Keywords Kusto.Language does not list as functions but that are called like them. */
const CALLABLE_KEYWORDS = ['materialize', 'toscalar', 'table', 'view'];

interface TrieNode {
  end: boolean;
  children: Map<string, TrieNode>;
}

/**
 * The words as one regex shaped like a trie (`count(?:if)?|c(?:os|ot)`), so at each position Oniguruma
 * follows one branch per character instead of trying hundreds of alternatives: it keeps the grammar
 * fast on long lines. Greedy optional tails make the longest word win (`project-away` over `project`).
 */
export function alternation(words: readonly string[]): string {
  const root: TrieNode = { end: false, children: new Map() };
  for (const word of new Set(words)) {
    let node = root;
    for (const ch of word) {
      let next = node.children.get(ch);
      if (!next) {
        next = { end: false, children: new Map() };
        node.children.set(ch, next);
      }
      node = next;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    const branches = [...node.children.keys()].sort().map((ch) => escapeChar(ch) + emit(node.children.get(ch)!));
    if (branches.length === 0) {
      return '';
    }
    if (node.end) {
      // A word ends here and longer ones go on: the tail is optional (one plain character needs no group).
      return branches.length === 1 && branches[0]!.length === 1 ? `${branches[0]}?` : `(?:${branches.join('|')})?`;
    }
    return branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  };
  return emit(root);
}

function escapeChar(ch: string): string {
  if (ch === ' ') {
    return '\\s+';
  }
  return /[.*+?^${}()|[\]\\]/.test(ch) ? `\\${ch}` : ch;
}

type Rule = Record<string, unknown>;

function words(list: readonly string[], name: string, before = '(?<![\\w\\-$])', after = '(?![\\w\\-])'): Rule {
  return { name, match: `${before}(?:${alternation(list)})${after}` };
}

export function buildKqlGrammar(lists: GrammarLists): Rule {
  const suffixes = alternation(TIMESPAN_SUFFIXES);
  const digits = '(?>\\d+)(?:\\.(?>\\d+))?';
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'KQL',
    scopeName: 'source.kql',
    fileTypes: ['kql', 'csl'],
    patterns: [
      { include: '#comments' },
      { include: '#strings' },
      { include: '#datetime-literals' },
      { include: '#let' },
      { include: '#kind' },
      { include: '#render' },
      { include: '#join-sides' },
      { include: '#functions' },
      { include: '#tabular-operators' },
      { include: '#word-operators' },
      { include: '#keywords' },
      { include: '#types' },
      { include: '#constants' },
      { include: '#tables' },
      { include: '#columns' },
      { include: '#numbers' },
      { include: '#operators' },
      { include: '#punctuation' },
    ],
    repository: {
      comments: {
        patterns: [
          {
            name: 'comment.line.double-slash.kql',
            match: '(//).*',
            captures: { 1: { name: 'punctuation.definition.comment.kql' } },
          },
        ],
      },
      strings: {
        patterns: [
          {
            name: 'string.quoted.triple.kql',
            begin: '(\\b[hH])?(```)',
            end: '```',
            beginCaptures: { 1: { name: 'storage.type.string.kql' }, 2: { name: 'punctuation.definition.string.begin.kql' } },
            endCaptures: { 0: { name: 'punctuation.definition.string.end.kql' } },
          },
          {
            name: 'string.quoted.triple.kql',
            begin: '(\\b[hH])?(~~~)',
            end: '~~~',
            beginCaptures: { 1: { name: 'storage.type.string.kql' }, 2: { name: 'punctuation.definition.string.begin.kql' } },
            endCaptures: { 0: { name: 'punctuation.definition.string.end.kql' } },
          },
          verbatim('"', 'double'),
          verbatim("'", 'single'),
          quoted('"', 'double'),
          quoted("'", 'single'),
        ],
      },
      'datetime-literals': {
        patterns: [dateLiteral('datetime', 'datetime'), dateLiteral('timespan|time', 'timespan')],
      },
      let: {
        match: '\\b(let)\\s+([A-Za-z_][\\w]*)',
        captures: {
          1: { name: 'keyword.other.let.kql' },
          2: { name: 'variable.other.declaration.kql' },
        },
      },
      kind: {
        match: `\\b(kind)\\s*(=)\\s*(${alternation(KIND_VALUES)})(?![\\w\\-])`,
        captures: {
          1: { name: 'keyword.other.kql' },
          2: { name: 'keyword.operator.assignment.kql' },
          3: { name: 'constant.language.kind.kql' },
        },
      },
      render: {
        match: `\\b(render)\\s+(${alternation(CHART_TYPES)})\\b`,
        captures: {
          1: { name: 'keyword.control.query.kql' },
          2: { name: 'constant.language.chart.kql' },
        },
      },
      'join-sides': {
        match: '(\\$)(left|right)\\b',
        name: 'variable.language.join.kql',
      },
      functions: {
        patterns: [
          functionRule(lists.aggregateFunctions, 'support.function.aggregate.kql'),
          functionRule([...lists.scalarFunctions, ...CALLABLE_KEYWORDS], 'support.function.scalar.kql'),
          functionRule(lists.plugins, 'support.function.plugin.kql'),
        ],
      },
      'tabular-operators': words(TABULAR_OPERATORS, 'keyword.control.query.kql'),
      'word-operators': {
        patterns: [
          { name: 'keyword.operator.logical.kql', match: '\\b(?:and|or)\\b' },
          {
            name: 'keyword.operator.expression.kql',
            match: `(?<![\\w!])!?(?:${alternation(WORD_OPERATORS)})(?![\\w~\\-])`,
          },
        ],
      },
      keywords: {
        patterns: [
          words(OTHER_KEYWORDS, 'keyword.other.kql'),
          { name: 'keyword.other.hint.kql', match: '\\bhint\\.[A-Za-z_]+' },
        ],
      },
      types: words(SCALAR_TYPES, 'storage.type.kql', '\\b', '\\b'),
      constants: {
        patterns: [
          { name: 'constant.language.boolean.kql', match: '\\b(?:true|True|TRUE|false|False|FALSE)\\b' },
          { name: 'constant.language.null.kql', match: '\\bnull\\b' },
        ],
      },
      tables: words(lists.tables, 'support.class.table.kql', '(?<![\\w$])', '\\b'),
      columns: words(lists.columns, 'support.variable.column.kql', '(?<![\\w$])', '\\b'),
      numbers: {
        patterns: [
          { name: 'constant.numeric.timespan.kql', match: `\\b${digits}(?:${suffixes})\\b` },
          { name: 'constant.numeric.hex.kql', match: '\\b0[xX](?>\\h+)\\b' },
          { name: 'constant.numeric.decimal.kql', match: `\\b${digits}(?:[eE][+\\-]?(?>\\d+))?\\b` },
        ],
      },
      operators: {
        patterns: [
          { name: 'keyword.operator.pipe.kql', match: '\\|' },
          { name: 'keyword.operator.comparison.kql', match: '==|!=|<>|<=|>=|=~|!~|<|>' },
          { name: 'keyword.operator.lambda.kql', match: '=>' },
          { name: 'keyword.operator.assignment.kql', match: '=' },
          { name: 'keyword.operator.range.kql', match: '\\.\\.' },
          { name: 'keyword.operator.arithmetic.kql', match: '[+\\-*/%]' },
        ],
      },
      punctuation: {
        patterns: [
          { name: 'punctuation.section.parens.begin.kql', match: '\\(' },
          { name: 'punctuation.section.parens.end.kql', match: '\\)' },
          { name: 'punctuation.section.brackets.begin.kql', match: '\\[' },
          { name: 'punctuation.section.brackets.end.kql', match: '\\]' },
          { name: 'punctuation.section.braces.begin.kql', match: '\\{' },
          { name: 'punctuation.section.braces.end.kql', match: '\\}' },
          { name: 'punctuation.separator.comma.kql', match: ',' },
          { name: 'punctuation.terminator.statement.kql', match: ';' },
          { name: 'punctuation.separator.colon.kql', match: ':' },
          { name: 'punctuation.accessor.kql', match: '\\.' },
        ],
      },
    },
  };
}

/** `"…"` / `'…'` with backslash escapes; optionally obfuscated with `h`. They cannot span lines. */
function quoted(quote: string, kind: 'double' | 'single'): Rule {
  return {
    name: `string.quoted.${kind}.kql`,
    begin: `(\\b[hH])?(${quote})`,
    end: `(${quote})|$`,
    beginCaptures: { 1: { name: 'storage.type.string.kql' }, 2: { name: 'punctuation.definition.string.begin.kql' } },
    endCaptures: { 1: { name: 'punctuation.definition.string.end.kql' } },
    patterns: [{ name: 'constant.character.escape.kql', match: '\\\\.' }],
  };
}

/** `@"…"` / `@'…'`: no escapes except a doubled quote; optionally obfuscated with `h`. */
function verbatim(quote: string, kind: 'double' | 'single'): Rule {
  return {
    name: `string.quoted.${kind}.verbatim.kql`,
    begin: `(\\b[hH])?(@)(${quote})`,
    end: `(${quote})(?!${quote})|$`,
    beginCaptures: {
      1: { name: 'storage.type.string.kql' },
      2: { name: 'storage.modifier.verbatim.kql' },
      3: { name: 'punctuation.definition.string.begin.kql' },
    },
    endCaptures: { 1: { name: 'punctuation.definition.string.end.kql' } },
    patterns: [{ name: 'constant.character.escape.kql', match: `${quote}${quote}` }],
  };
}

/** `datetime(2019-03-27 10:00)`, `timespan(1.02:03:04)`, `time(1d)`: the inside is one literal. */
function dateLiteral(keywords: string, kind: string): Rule {
  return {
    name: `meta.literal.${kind}.kql`,
    begin: `\\b(${keywords})\\s*(\\()`,
    end: '(\\))|$',
    beginCaptures: { 1: { name: 'storage.type.kql' }, 2: { name: 'punctuation.section.parens.begin.kql' } },
    endCaptures: { 1: { name: 'punctuation.section.parens.end.kql' } },
    contentName: `constant.other.${kind}.kql`,
    patterns: [{ include: '#strings' }],
  };
}

function functionRule(names: readonly string[], name: string): Rule {
  return { name, match: `(?<![\\w\\-$.])(?:${alternation(names)})(?=\\s*\\()` };
}
