/**
 * One-line queries a user (or a pasted snippet) can write that might crash, hang or blow up memory:
 * deep nesting, long pipelines, huge literals, explosions, catastrophic regexes, 64-bit edges. Walked
 * by bench/hostileQueries.ts through the `kql` command; the ones that once failed have their own tests.
 */
export interface HostileQuery {
  readonly name: string;
  readonly text: string;
}

const repeat = (s: string, n: number) => s.repeat(n);

export function hostileQueries(): HostileQuery[] {
  return [
    // Parser and binder depth.
    { name: 'parens-10000', text: `print x = ${repeat('(', 10_000)}1${repeat(')', 10_000)}` },
    { name: 'parens-1000', text: `print x = ${repeat('(', 1_000)}1${repeat(')', 1_000)}` },
    { name: 'not-5000', text: `print x = ${repeat('not(', 5_000)}true${repeat(')', 5_000)}` },
    { name: 'plus-100000', text: `print x = 1${repeat(' + 1', 100_000)}` },
    { name: 'where-5000', text: `range x from 1 to 10 step 1${repeat(' | where x > 0', 5_000)}` },
    { name: 'extend-5000', text: `range x from 1 to 10 step 1${repeat(' | extend x = x + 1', 5_000)}` },
    {
      name: 'extend-cols-3000',
      text: `range x from 1 to 10 step 1 | extend ${Array.from({ length: 3000 }, (_, i) => `c${i} = x + ${i}`).join(', ')}`,
    },
    { name: 'line-5MB', text: `print x = 1${repeat(' + 1', 1_250_000)}` },
    { name: 'string-10MB', text: `print strlen("${repeat('a', 10_000_000)}")` },
    {
      name: 'let-2000',
      text: `${Array.from({ length: 2000 }, (_, i) => `let v${i} = ${i === 0 ? '1' : `v${i - 1} + 1`};`).join(' ')} print v1999`,
    },
    { name: 'recursive-function', text: 'let f = (n: long) { f(n - 1) }; print f(10)' },
    { name: 'recursive-tabular', text: 'let T = () { T() | take 1 }; T()' },
    { name: 'mutual-recursion', text: 'let f = (n: long) { g(n) }; let g = (n: long) { f(n) }; print f(1)' },
    // Explosions.
    { name: 'range-1e12', text: 'range x from 1 to 1e12 step 1' },
    { name: 'range-1e12-count', text: 'range x from 1 to 1e12 step 1 | count' },
    { name: 'range-1e9-summarize', text: 'range x from 1 to 1000000000 step 1 | summarize sum(x)' },
    { name: 'mv-expand-range-1e9', text: 'print a = range(1, 1000000000) | mv-expand a | count' },
    {
      name: 'cross-join-1e5',
      text: 'range x from 1 to 100000 step 1 | extend k = 1 | join kind=inner (range y from 1 to 100000 step 1 | extend k = 1) on k | count',
    },
    { name: 'strcat_array-range', text: 'print strlen(strcat_array(range(1, 100000000), ","))' },
    { name: 'strrep-1e9', text: 'print strlen(strrep("a", 1000000000))' },
    { name: 'strrep-nested', text: 'print strlen(strrep(strrep("abcdefghij", 10000), 10000))' },
    {
      name: 'make_list-1e8',
      text: 'range x from 1 to 100000000 step 1 | summarize make_list(x) | project array_length(list_x)',
    },
    {
      name: 'series-huge',
      text: 'print s = range(1, 100000000) | extend t = series_fir(s, dynamic([1,1])) | project array_length(t)',
    },
    { name: 'series-stats-huge', text: 'print s = range(1, 100000000) | extend t = series_stats_dynamic(s)' },
    {
      name: 'make-series-1tick',
      text: 'print t = datetime(2024-01-01) | make-series c = count() default = 0 on t from datetime(2023-01-01) to datetime(2024-01-01) step 1tick',
    },
    {
      name: 'make-series-1ms',
      text: 'print t = datetime(2024-01-01) | make-series c = count() default = 0 on t from datetime(2023-01-01) to datetime(2024-01-01) step 1ms',
    },
    { name: 'parse_json-deep-100000', text: `print d = parse_json('${repeat('[', 100_000)}${repeat(']', 100_000)}')` },
    { name: 'parse_json-deep-obj', text: `print d = parse_json('${repeat('{"a":', 50_000)}1${repeat('}', 50_000)}')` },
    { name: 'todynamic-50MB', text: `print array_length(todynamic('[${repeat('1,', 25_000_000)}1]'))` },
    { name: 'todynamic-strrep', text: `print array_length(todynamic(strcat('[', strrep('1', 20000000, ','), ']')))` },
    { name: 'pack_array-deep', text: `print d = ${repeat('pack_array(', 2000)}1${repeat(')', 2000)}` },
    {
      name: 'tostring-deep-json',
      text: `print d = tostring(parse_json(strcat(strrep('[', 100000), strrep(']', 100000))))`,
    },
    // Regular expressions.
    { name: 'regex-backtrack', text: `print x = "${repeat('a', 50)}b" matches regex "(a+)+$"` },
    { name: 'regex-backtrack-huge', text: `print x = strrep("a", 100000) matches regex "(a+)+$"` },
    { name: 'extract_all-huge', text: 'print n = array_length(extract_all("(a)", strrep("a", 50000000)))' },
    { name: 'replace_regex-empty', text: 'print strlen(replace_regex(strrep("ab", 10000000), "", "x"))' },
    { name: 'replace_regex-empty-small', text: 'print replace_regex("abc", "", "-")' },
    { name: 'regex-huge-pattern', text: `print "a" matches regex "${repeat('(a|b)', 20_000)}"` },
    { name: 'regex-repeat-count', text: 'print "a" matches regex "(((a{1000}){1000}){1000})"' },
    { name: 'format_datetime-long', text: `print format_datetime(now(), "${repeat('yyyy-MM-dd ', 100_000)}")` },
    { name: 'format_timespan-long', text: `print format_timespan(1d, "${repeat('hh:mm:ss ', 100_000)}")` },
    // 64-bit edges.
    { name: 'range-near-2^63', text: 'range x from 9223372036854775800 to 9223372036854775807 step 1' },
    { name: 'range-near-2^63-step2', text: 'range x from 9223372036854775800 to 9223372036854775807 step 2' },
    { name: 'range-near-min', text: 'range x from -9223372036854775807 to -9223372036854775800 step 1' },
    { name: 'range-down-near-min', text: 'range x from -9223372036854775800 to -9223372036854775808 step -3' },
    { name: 'tolong-1e19', text: 'print tolong(1e19), tolong(-1e19), toint(1e19)' },
    { name: 'div-zero', text: 'print 1 / 0, 1.0 / 0, 0.0 / 0, 1 % 0, toint(1) / toint(0)' },
    { name: 'bin-0', text: 'print bin(5, 0), bin(5.0, 0.0), bin(datetime(2024-01-01), 0s)' },
    { name: 'long-overflow', text: 'print 9223372036854775807 + 1, -9223372036854775808 - 1, 9223372036854775807 * 2' },
    { name: 'min-long-div', text: 'print -9223372036854775808 / -1, abs(-9223372036854775808)' },
  ];
}
