/**
 * The fuzzer's query generator, shared by the fuzz test (a fixed seed, a few thousand queries) and
 * `npm run bench -- fuzz` (longer runs): seed queries mutated token by token, random pipelines over
 * the catalogue's tables, and resource and regex attacks.
 */
import { Database, Table } from '../../src/engine';
import type { KqlType, Value } from '../../src/engine/values';
import { CATALOGUE } from '../../src/schema/catalogue';
import { SAMPLE_QUERIES, sampleQueryText } from '../../src/schema/sampleQueries';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let random = prng(20240101);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

/** Restarts the choices from `seed`: the same seed gives the same queries. */
export function seedFuzz(seed: number): void {
  random = prng(seed);
}

function sampleValue(type: KqlType, row: number): Value {
  switch (type) {
    case 'bool':
      return row % 3 === 0 ? null : row % 2 === 0;
    case 'int':
    case 'long':
      return row % 7 === 0 ? null : (row * 37) % 1000;
    case 'real':
    case 'decimal':
      return row % 5 === 0 ? null : row * 1.5;
    case 'datetime':
      return 17040672000000000 + row * 36_000_000_000;
    case 'timespan':
      return row * 10_000_000;
    case 'string':
      return pick([
        'acme-demo',
        'admdemo-appsvr',
        '10.229.243.232',
        '127.0.0.1',
        'outbound',
        'inbound',
        'sqlservr',
        '',
      ]);
    case 'guid':
      return row % 2 ? '7f1b1c6a-1234-4c1b-8a8a-123456789abc' : null;
    case 'dynamic':
      return pick([null, ['10.0.0.1', '10.0.0.2'], { a: 1 }, [], 'x']);
  }
}

export const fuzzDatabase = new Database(
  CATALOGUE.map((schema) =>
    Table.fromRows(
      schema.columns,
      Array.from({ length: 40 }, (_, r) => schema.columns.map((c) => sampleValue(c.type, r))),
      schema.name,
    ),
  ),
);

const seeds = SAMPLE_QUERIES.map(sampleQueryText);
const OPERATORS = [
  '| where BytesSent > 1',
  '| summarize count() by Computer',
  '| take 3',
  '| extend x = 1',
  '| project Computer',
  '| order by TimeGenerated',
  '| distinct Computer',
  '| mv-expand RemoteDnsQuestions',
  '| join (VMComputer) on Computer',
  '| union VMBoundPort',
  '| top 2 by BytesSent',
  '| count',
  '| serialize n = row_number()',
  '| getschema',
  '| parse Computer with a "-" b',
  '| make-series count() on TimeGenerated step 1h',
  '| lookup VMComputer on Computer',
  '| project-away Computer',
  '| summarize arg_max(TimeGenerated, *) by Machine',
  '| render timechart',
  '| as X',
  '| evaluate bag_unpack(x)',
  '| search "sql"',
  '| where Computer has_any ("a", "b")',
  '| extend d = todynamic("[1]")[0]',
];
const TOKENS = [
  '|',
  '(',
  ')',
  ',',
  '=',
  '==',
  '"',
  'let',
  'by',
  'on',
  '*',
  '1h',
  'datetime(2024-01-01)',
  'dynamic([1])',
  ';',
  '$left.',
  'kind=inner',
  'null',
  '-1',
  '0x10',
];

function tokens(q: string): string[] {
  return q.split(/(\s+|[|(),=;"])/).filter((t) => t !== '');
}

function mutate(q: string): string {
  const ts = tokens(q);
  const n = 1 + Math.floor(random() * 3);
  for (let k = 0; k < n && ts.length > 0; k++) {
    const i = Math.floor(random() * ts.length);
    switch (Math.floor(random() * 6)) {
      case 0:
        ts.splice(i, 1);
        break;
      case 1:
        ts.splice(i, 0, ts[i]!);
        break;
      case 2: {
        const j = Math.floor(random() * ts.length);
        [ts[i], ts[j]] = [ts[j]!, ts[i]!];
        break;
      }
      case 3:
        ts.splice(i, 0, ` ${pick(TOKENS)} `);
        break;
      case 4:
        ts.splice(i, 0, ` ${pick(OPERATORS)} `);
        break;
      default:
        ts.length = i;
        break;
    }
  }
  return ts.join('');
}

/** Resource and regex attacks: each must end in a result or a KqlError, quickly. */
const PATTERNS = [
  '(a+)+$',
  '(a|aa)*b',
  '(x+x+)+y',
  '(ab)\\\\1',
  '(?=a)b',
  '(?<!a)b',
  '[[:alpha:]]+',
  '\\\\d+',
  '^(\\\\w+\\\\s?)*$',
  '(.*a){12}',
  'a{1000}',
  '(',
  '\\\\pL+',
];
function attack(): string {
  const p = pick(PATTERNS);
  const text = `strcat(strrep("a", ${pick([30, 1000, 20000])}), "!")`;
  switch (Math.floor(random() * 10)) {
    case 0:
      return `print s = ${text} | where s matches regex "${p}"`;
    case 1:
      return `print s = ${text} | extend e = extract("${p}", 0, s), c = countof(s, "${p}", "regex"), r = replace_regex(s, "${p}", "x")`;
    case 2:
      return `print s = ${text} | parse kind=regex s with "${p}" x:string`;
    case 3:
      return `print n = strlen(strrep(strrep(strrep("abcd", 1024), 1024), ${pick([2, 30, 1024])}))`;
    case 4:
      return `range x from 1 to ${pick([1000, 10000000, 100000000])} step 1 | mv-expand y = pack_array(x, x) | count`;
    case 5:
      return `range i from 1 to ${pick([3, 120])} step 1 | mv-expand a = range(1, 1048576) | count`;
    case 6:
      return `range x from 1 to ${pick([1000, 30000000])} step 1 | summarize count() by tostring(x) | count`;
    case 7:
      return `print s = strrep("ab", 20000) | extend h = s has strrep("ab", ${pick([100, 20000])}), c = s contains strrep("b", 40000)`;
    case 8:
      // uap-core's patterns over a long text that many of them look for (parse_user_agent).
      return `print x = parse_user_agent(strcat(${text}, strrep("; Build/ Android Bot iPhone ", ${pick([1, 2000])})), dynamic(["browser", "os", "device"]))`;
    default:
      return `print r = reverse(strrep(strrep("ab", 1024), ${pick([10, 1024])})), s = substring(strrep(strrep("ab", 1024), 1024), 5, 3) | project n = strlen(r), s`;
  }
}

export function fuzzQuery(): string {
  const r = random();
  return r < 0.1 ? attack() : r < 0.64 ? mutate(pick(seeds)) : generated();
}

function generated(): string {
  const table = pick(CATALOGUE).name;
  let q = random() < 0.2 ? `print x = ${pick(['1', '"a"', 'now()', 'dynamic({"a":1})'])}` : table;
  const ops = Math.floor(random() * 6);
  for (let i = 0; i < ops; i++) {
    q += `\n${pick(OPERATORS)}`;
  }
  if (random() < 0.1) {
    const depth = 10 + Math.floor(random() * 60);
    q = `print x = ${'('.repeat(depth)}1${')'.repeat(depth)}`;
  }
  if (random() < 0.1) {
    q = `let a = ${table} | take 5;\n${Array.from({ length: 1 + Math.floor(random() * 6) }, () => 'a | union (a)').join(' | union (')}`;
  }
  return q;
}
