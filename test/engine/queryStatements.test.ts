/**
 * The query statements beside `let`: `declare query_parameters`, `declare pattern`, `alias database`
 * and `restrict access to`, from the Kusto reference's pages and examples (StormEvents and the help
 * cluster's tables become the small test database's T and Machines).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { executeQuery } from '../../src/engine';
import { KqlError } from '../../src/kql';
import { run, smallDatabase, ticks } from './helpers';

/** The KqlError a query fails with (the test fails when it runs). */
function failure(query: string, parameters?: Record<string, string>): KqlError {
  try {
    run(query, smallDatabase(), { parameters });
  } catch (e) {
    assert.ok(e instanceof KqlError, `a KqlError, not ${String(e)}`);
    return e;
  }
  assert.fail(`the query ran: ${query}`);
}

/** Where an error starts, as the 0-based offset into the query. */
function offsetOf(query: string, part: string): number {
  const at = query.indexOf(part);
  assert.ok(at >= 0, `${part} is in the query`);
  return at;
}

describe('declare query_parameters', () => {
  test("a parameter takes its default when the request gives no value (the reference's maxInjured example)", () => {
    const q =
      'declare query_parameters(maxBytes:long = 150);\nT | where BytesSent > maxBytes | project Computer, BytesSent';
    assert.deepEqual(run(q).rows, [
      ['db01', 300],
      ['db01', 200],
    ]);
  });

  test("the request's value wins over the default", () => {
    const q = 'declare query_parameters(maxBytes:long = 150); T | where BytesSent > maxBytes | count';
    assert.deepEqual(run(q, smallDatabase(), { parameters: { maxBytes: '60' } }).rows, [[3]]);
    // Each set of values is its own plan: the cached plan of the first run does not answer the second.
    assert.deepEqual(run(q, smallDatabase(), { parameters: { maxBytes: '250' } }).rows, [[1]]);
    assert.deepEqual(run(q).rows, [[2]]);
  });

  test("values are read as literals of the declared type (the reference's REST example: birthday, courses)", () => {
    const r = run(
      'declare query_parameters(birthday:datetime, courses:dynamic); print birthday, courses',
      smallDatabase(),
      {
        parameters: { birthday: 'datetime(1990-05-11)', courses: "dynamic(['Java', 'C++'])" },
      },
    );
    assert.deepEqual(r.rows, [[ticks('1990-05-11T00:00:00Z'), ['Java', 'C++']]]);
    assert.deepEqual(r.types, ['datetime', 'dynamic']);
    // Without the type's name, as the SDKs often send them.
    const bare = run(
      'declare query_parameters(d:datetime, t:timespan, n:long, x:real, b:bool); print d, t, n, x, b',
      smallDatabase(),
      {
        parameters: { d: '2024-01-01 10:00', t: '1h', n: '-7', x: '2', b: 'true' },
      },
    );
    assert.deepEqual(bare.rows, [[ticks('2024-01-01T10:00:00Z'), 36_000_000_000, -7, 2, true]]);
    assert.deepEqual(bare.types, ['datetime', 'timespan', 'long', 'real', 'bool']);
  });

  test('a string value is its text as it is: quotes and operators in it stay text', () => {
    const r = run('declare query_parameters(who:string); T | where Computer == who | count', smallDatabase(), {
      parameters: { who: 'web01" or 1==1 or "' },
    });
    assert.deepEqual(r.rows, [[0]]);
    const text = run('declare query_parameters(who:string); print who', smallDatabase(), {
      parameters: { who: `it's "quoted"; T | count` },
    });
    assert.deepEqual(text.rows, [[`it's "quoted"; T | count`]]);
  });

  test('a value that is not one literal of the type is an error at the parameter, not a query', () => {
    const q = 'declare query_parameters(n:long); print n';
    for (const value of ['abc', '1; T | count', '1.5', 'long(abc)', '1 + 2']) {
      const e = failure(q, { n: value });
      assert.equal(e.code, 'KQL-PARAMETER');
      assert.equal(e.start, offsetOf(q, 'n:long'));
      assert.match(e.message, /not a long literal/);
    }
    assert.match(failure('declare query_parameters(d:datetime); print d', { d: 'soon' }).message, /not a datetime/);
  });

  test('a parameter with neither a default nor a value is an error at the parameter saying so', () => {
    const q = 'declare query_parameters(threshold:long, label:string = "x");\nT | where BytesSent > threshold';
    const e = failure(q);
    assert.equal(e.code, 'KQL-PARAMETER');
    assert.equal(e.start, offsetOf(q, 'threshold:long'));
    assert.equal(e.range.start.line, 0);
    assert.match(e.message, /'threshold' has no value here/);
    assert.match(e.message, /kql --param threshold=/);
  });

  test('a dynamic parameter cannot have a default (as the reference says, like user functions)', () => {
    const q = 'declare query_parameters(tags:dynamic = dynamic(["a"])); print tags';
    const e = failure(q);
    assert.equal(e.start, offsetOf(q, '= dynamic'));
    assert.match(e.message, /cannot have a default value/);
  });

  test('a default takes the declared type: a long literal for a real is a real', () => {
    const r = run('declare query_parameters(ratio:real = 1, n:int = 2); print ratio, gettype(ratio), n, gettype(n)');
    assert.deepEqual(r.rows, [[1, 'real', 2, 'int']]);
  });

  test('the statements after it, functions among them, see the parameters', () => {
    const q = 'declare query_parameters(n:long = 2); let firstN = () { T | take n }; firstN() | count';
    assert.deepEqual(run(q).rows, [[2]]);
    assert.deepEqual(run(q, smallDatabase(), { parameters: { n: '4' } }).rows, [[4]]);
  });
});

describe('declare pattern', () => {
  test("the reference's simple pattern maps a state to its capital", () => {
    const q = `declare pattern country = (name:string)[state:string]
{
  ("USA").["New York"] = { print Capital = "Albany" };
  ("USA").["Washington"] = { print Capital = "Olympia" };
  ("Canada").["Alberta"] = { print Capital = "Edmonton" };
};
country("Canada").Alberta`;
    assert.deepEqual(run(q).rows, [['Edmonton']]);
  });

  test("the reference's scoped pattern, used in a union", () => {
    const q = `declare pattern App = (applicationId:string)[scope:string]
{
    ('a1').['Data']    = { range x from 1 to 5 step 1 | project App = "App #1", Data    = x };
    ('a1').['Metrics'] = { range x from 1 to 5 step 1 | project App = "App #1", Metrics = rand() };
    ('a2').['Data']    = { range x from 1 to 5 step 1 | project App = "App #2", Data    = 10 - x };
    ('a3').['Metrics'] = { range x from 1 to 5 step 1 | project App = "App #3", Metrics = rand() };
};
union App('a2').Data, App('a1').Metrics`;
    const r = run(q);
    assert.deepEqual(r.columns, ['App', 'Data', 'Metrics']);
    assert.deepEqual(
      r.rows.slice(0, 5).map((row) => row.slice(0, 3)),
      [9, 8, 7, 6, 5].map((d) => ['App #2', d, null]),
    );
    for (const row of r.rows.slice(5)) {
      assert.equal(row[0], 'App #1');
      assert.equal(row[1], null);
      assert.ok(typeof row[2] === 'number' && row[2] >= 0 && row[2] < 1, `a rand() metric: ${row[2]}`);
    }
    assert.equal(r.rows.length, 10);
  });

  test("the reference's invocation forms name the same match (normalization)", () => {
    const q = `declare pattern ap = (applicationId:string)[eventType:string]
{
    ("ApplicationX").["StopEvents"] = { T | where Direction == "inbound" };
    ("ApplicationX").["StartEvents"] = { T | where Direction == "outbound" };
};
union
  ap("ApplicationX").StartEvents,
  ap('ApplicationX').StartEvents,
  ap("ApplicationX").['StartEvents'],
  ap("ApplicationX").["StartEvents"]
| summarize count() by Computer
| order by Computer asc`;
    assert.deepEqual(run(q).rows, [
      ['db01', 4],
      ['web01', 4],
      ['web02', 4],
    ]);
  });

  test("no wildcards: a '*' path is one more path, and an undeclared one is Kusto's error", () => {
    const q = `declare pattern ap = (applicationId:string)[eventType:string]
{
    ("ApplicationX").["StopEvents"] = { T | where Direction == "inbound" };
    ("ApplicationX").["StartEvents"] = { T | where Direction == "outbound" };
};
union ap("ApplicationX").["*"]
| count`;
    const e = failure(q);
    assert.equal(e.code, 'KQL-PATTERN');
    assert.equal(
      e.message,
      `One or more pattern references were not declared. Detected pattern references: ["ap('ApplicationX').['*']"]`,
    );
    assert.equal(e.start, offsetOf(q, 'ap("ApplicationX").["*"]'));
    // A '*' in a definition matches only the path '*'.
    const star = 'declare pattern p = (a:string)[b:string] { ("x").["*"] = { print v = 1 }; }; p("x").other';
    assert.match(failure(star).message, /Detected pattern references: \["p\('x'\)\.\['other'\]"\]/);
  });

  test("an empty pattern's invocation is the undeclared reference the middle tier reads", () => {
    const q = 'declare pattern map_ip_to_longlat;\nmap_ip_to_longlat("10.10.10.10")';
    assert.equal(
      failure(q).message,
      `One or more pattern references were not declared. Detected pattern references: ["map_ip_to_longlat('10.10.10.10')"]`,
    );
    const unknownArgument = 'declare pattern m = (a:string) { ("x") = { print v = 1 }; }; union m("x"), m("y")';
    assert.match(failure(unknownArgument).message, /\["m\('y'\)"\]$/);
  });

  test("the reference's defined pattern without a path, and one of two arguments", () => {
    const q = `declare pattern map_ip_to_longlat = (address:string)
{
  ("10.10.10.10") = { print Lat=37.405992, Long=-122.078515 };
};
map_ip_to_longlat("10.10.10.10")`;
    const r = run(q);
    assert.deepEqual(r.columns, ['Lat', 'Long']);
    assert.deepEqual(r.rows, [[37.405992, -122.078515]]);
    const two = `declare pattern m = (a:string, b:string) { ("x", "y") = { print v = 1 }; ("x", "z") = { print v = 2 }; };
m("x", "z")`;
    assert.deepEqual(run(two).rows, [[2]]);
  });

  test('a body sees the lets declared before the pattern', () => {
    const q = `let big = T | where BytesSent >= 200;
declare pattern traffic = (size:string) { ("big") = { big | project Computer, BytesSent }; };
traffic("big")`;
    assert.deepEqual(run(q).rows, [
      ['db01', 300],
      ['db01', 200],
    ]);
  });

  test('a pattern with a path parameter invoked without a path is an error saying so', () => {
    for (const q of [
      'declare pattern p = (a:string)[b:string] { ("x").["y"] = { print v = 1 }; }; union p("x")',
      'declare pattern p = (a:string)[b:string] { ("x").["y"] = { print v = 1 }; };\np("x")',
    ]) {
      const e = failure(q);
      assert.equal(e.start, offsetOf(q, 'p("x")'));
      assert.match(e.message, /has a path parameter/);
    }
  });

  test("a pattern named after a built-in function (the reference's `app`) says the function wins", () => {
    const q = 'declare pattern app = (a:string)[b:string] { ("x").["y"] = { print v = 1 }; }; app("x").y';
    const e = failure(q);
    assert.equal(e.code, 'KQL-PATTERN');
    assert.match(e.message, /calls the built-in function app\(\), which wins over the pattern 'app'/);
  });
});

describe('alias database', () => {
  test("the reference's alias names the one database here: database('alias').T is the local T", () => {
    const q =
      'alias database samplesAlias = cluster("https://help.kusto.windows.net").database("Samples");\ndatabase("samplesAlias").T | summarize count(), sum(BytesSent)';
    assert.deepEqual(run(q).rows, [[5, 650]]);
  });

  test("an alias name with spaces, in brackets (the reference's second example)", () => {
    const q =
      'alias database ["Samples Database Alias"] = cluster("https://help.kusto.windows.net").database("Samples");\ndatabase("Samples Database Alias").Machines | count';
    assert.deepEqual(run(q).rows, [[3]]);
  });

  test("a table the database lacks, through the alias, is the binder's error at it", () => {
    const q = 'alias database a = cluster("c").database("d"); database("a").StormEvents | count';
    const e = failure(q);
    assert.equal(e.start, offsetOf(q, 'StormEvents'));
    assert.match(e.message, /StormEvents/);
  });

  test('database().T and database("VMInsights").T are the local tables', () => {
    assert.deepEqual(run('database().T | count').rows, [[5]]);
    assert.deepEqual(run('database("VMInsights").Machines | where OS == "Linux" | count').rows, [[2]]);
  });

  test("another cluster's database without an alias is not here, and the error says so", () => {
    const q = 'cluster("c").database("d").T | count';
    const e = failure(q);
    assert.equal(e.code, 'KQL-DATABASE');
    assert.equal(e.start, 0);
    assert.match(e.message, /only one the embedded engine has/);
  });
});

describe('restrict access to', () => {
  test('a listed table stays visible; any other is an error at its reference', () => {
    assert.deepEqual(run('restrict access to (T); T | count').rows, [[5]]);
    const q = 'restrict access to (T);\nMachines | count';
    const e = failure(q);
    assert.equal(e.code, 'KQL-RESTRICT');
    assert.equal(e.start, offsetOf(q, 'Machines'));
    assert.equal(e.range.start.line, 1);
    assert.match(e.message, /^Failed to resolve table or column expression named 'Machines'/);
  });

  test("the reference's logical model: a view over a table is visible, the table itself is not", () => {
    const model =
      'let RestrictedData = view () { T | where Computer == "web01" };\nrestrict access to (RestrictedData);\n';
    assert.deepEqual(run(`${model}RestrictedData | summarize sum(BytesSent)`).rows, [[150]]);
    const e = failure(`${model}T | count`);
    assert.match(e.message, /named 'T'/);
    assert.match(failure(`${model}union RestrictedData, T | count`).message, /named 'T'/);
    assert.match(failure(`${model}print n = toscalar(Machines | count)`).message, /named 'Machines'/);
    assert.match(failure(`${model}table("T") | count`).message, /named 'T'/);
  });

  test('a bare * leaves the lets and views, and no table', () => {
    const model = 'let Test1 = () { print x = 1 }; let Test2 = () { print y = 1 };\nrestrict access to (*);\n';
    assert.deepEqual(run(`${model}union Test1, Test2`).rows, [
      [1, null],
      [null, 1],
    ]);
    assert.match(failure(`${model}T | count`).message, /named 'T'/);
  });

  test('database().* leaves every table and no let; database().M* the tables it matches', () => {
    assert.deepEqual(run('restrict access to (database().*); Machines | count').rows, [[3]]);
    assert.match(failure('let X = T | take 1; restrict access to (database().*); X').message, /named 'X'/);
    assert.deepEqual(run('restrict access to (database().M*); Machines | count').rows, [[3]]);
    assert.match(failure('restrict access to (database().M*); T | count').message, /named 'T'/);
    assert.deepEqual(run('restrict access to (database().T); T | count').rows, [[5]]);
  });

  test('what the query declares after the restrict is its own, and its body sees the restriction', () => {
    assert.deepEqual(run('restrict access to (T); let Y = T | take 2; Y | count').rows, [[2]]);
    assert.match(failure('restrict access to (T); let Y = Machines | take 2; Y').message, /named 'Machines'/);
    assert.deepEqual(run('restrict access to (T); let f = (t:(Computer:string)) { t | count }; f(T)').rows, [[5]]);
  });

  test('search without `in` reads only the visible tables', () => {
    const r = run('restrict access to (Machines); search "web01" | summarize count() by $table');
    assert.deepEqual(r.rows, [['Machines', 1]]);
  });

  test('an entity that is no table, view, function or pattern is an error at it', () => {
    const q = 'let n = 5; restrict access to (n); print n';
    // A scalar let is no tabular entity; the binder takes it, the engine says what restrict lists.
    const e = failure(q);
    assert.equal(e.code, 'KQL-RESTRICT');
  });
});

test('executeQuery takes parameters beside the plan cache and the optimizer', () => {
  const q = 'declare query_parameters(who:string = "web01"); T | where Computer == who | count';
  for (const optimize of [true, false]) {
    const r = executeQuery(q, smallDatabase(), { optimize, parameters: { who: 'db01' } });
    assert.deepEqual(r.tables[0]!.table.rows(), [[2]]);
  }
});
