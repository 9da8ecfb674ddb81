/**
 * Log Analytics takes no parameter values: a query's `declare query_parameters` goes to the service as
 * `let` statements of the user's values. The rewritten query must mean what the engine gives the same
 * query with the values as parameters, keep its lines, and let no value add query text.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { withParameterLets } from '../../../src/backends/logAnalytics/parameterLets';
import { KqlError } from '../../../src/kql';
import { parameterDeclarations } from '../../../src/kql/queryParameters';
import { run } from '../../engine/helpers';

const QUERY = `// machines of one name
declare query_parameters(
  who:string,
  minBytes:long = 60,
  since:datetime);
T
| where Computer == who and BytesSent >= minBytes and TimeGenerated >= since
| project Computer, BytesSent`;

function failure(query: string, values: Record<string, string>): KqlError {
  try {
    withParameterLets(query, values);
  } catch (e) {
    assert.ok(e instanceof KqlError, `a KqlError, not ${String(e)}`);
    return e;
  }
  assert.fail('the query was rewritten');
}

describe('declare query_parameters as lets for Log Analytics', () => {
  test('the lets give the rows the engine gives for the same values as parameters', () => {
    const values = { who: 'web01', since: '2024-01-01T00:05:00Z' };
    const sent = withParameterLets(QUERY, values);
    assert.doesNotMatch(sent, /declare|query_parameters/);
    assert.match(sent, /let who = "web01"; let minBytes = long\(60\); let since = datetime\(2024-01-01T00:05:00Z\)/);
    assert.deepEqual(run(sent).rows, run(QUERY, undefined, { parameters: values }).rows);
    assert.deepEqual(run(sent).rows, [['web01', 100]]);
    // A value given for a parameter with a default wins, as a request's does.
    assert.deepEqual(run(withParameterLets(QUERY, { ...values, minBytes: '101' })).rows, []);
  });

  test('each line stays where it was, so the service names the editor’s lines', () => {
    const sent = withParameterLets(QUERY, { who: 'web01', since: '2024-01-01' });
    const lines = sent.split('\n');
    assert.equal(lines.length, QUERY.split('\n').length);
    assert.equal(lines[0], '// machines of one name');
    assert.equal(lines.indexOf('T'), QUERY.split('\n').indexOf('T'));
  });

  test('a query without the statement goes as it is; several statements are each replaced', () => {
    assert.equal(withParameterLets('T | take 1', { who: 'x' }), 'T | take 1');
    const two = 'declare query_parameters(a:long);\ndeclare query_parameters(b:string = "x");\nprint a, b';
    assert.equal(withParameterLets(two, { a: '1' }), 'let a = long(1);\nlet b = "x";\nprint a, b');
  });

  test("a bracketed name stays one name: ['a name']", () => {
    const sent = withParameterLets("declare query_parameters(['a name']:long); print ['a name']", { 'a name': '3' });
    assert.deepEqual(run(sent).rows, [[3]]);
  });

  test('a missing or malformed value is an error at the statement saying which and why', () => {
    const missing = failure(QUERY, { who: 'web01' });
    assert.match(missing.message, /The query parameter 'since' has no value here/);
    assert.equal(missing.range.start.line, 1);
    const bad = failure(QUERY, { who: 'web01', since: 'yesterday' });
    assert.match(
      bad.message,
      /The value given for the query parameter 'since' is not a datetime literal \(Not a datetime/,
    );
    assert.match(bad.message, /"yesterday"/);
  });

  test('hostile values stay one string: quotes, `;`, newlines, `| take`, very long', () => {
    const hostile = [
      'web01" or Computer != "',
      "web01' or Computer != '",
      'web01"; T | take 100; print "',
      'web01\n| take 100',
      'web01\\" | take 100 //',
      `${'x'.repeat(200_000)}"`,
    ];
    for (const who of hostile) {
      const sent = withParameterLets(QUERY, { who, since: '2000-01-01' });
      // Only the declaration's text changed, and the value in it is one string literal of the same text.
      assert.equal(run(sent).rows.length, 0, JSON.stringify(who.slice(0, 40)));
      assert.deepEqual(run(`${sent.split('\nT\n')[0]}\nprint who`).rows, [[who]]);
    }
    const tail = QUERY.slice(QUERY.indexOf('\nT\n'));
    assert.ok(withParameterLets(QUERY, { who: hostile[2]!, since: '2000-01-01' }).endsWith(tail));
  });

  test('a value for another type that tries to bring query text is refused, not sent', () => {
    for (const since of ['2024-01-01) | take 100 | where (true', '2024-01-01; T | take 100', 'now()']) {
      assert.match(failure(QUERY, { who: 'web01', since }).message, /is not a datetime literal/);
    }
  });

  test('declarations the caller gives are used as they are: the query is not parsed for them', () => {
    const declarations = parameterDeclarations(QUERY);
    const given = withParameterLets(QUERY, { who: 'web01', since: '2024-01-01' }, declarations);
    assert.equal(given, withParameterLets(QUERY, { who: 'web01', since: '2024-01-01' }));
    // A given declaration that says otherwise than the text wins: what was given is what is used.
    const other = [{ ...declarations[0]!, parameters: [{ name: 'who', type: 'string', defaultText: '"db01"' }] }];
    assert.match(withParameterLets(QUERY, {}, other), /^\/\/ machines of one name\nlet who = "db01"\n\n\n;\nT\n/);
    assert.equal(withParameterLets(QUERY, {}, []), QUERY, 'no declarations given: none replaced');
  });

  test('literals given for the values go in as they are; one that is not one literal of its type is read again', () => {
    const declarations = parameterDeclarations(QUERY);
    const values = { who: 'web01', since: '2024-01-01T00:05:00Z' };
    const given = { minBytes: 'long(61)', since: 'datetime(2024-01-01T00:05:00Z)' };
    const sent = withParameterLets(QUERY, values, declarations, given);
    assert.match(sent, /let who = "web01"; let minBytes = long\(61\); let since = datetime\(2024-01-01T00:05:00Z\)/);
    for (const bad of ['long(60); print 1', 'datetime(2024-01-01T00:05:00Z)', '60']) {
      const again = withParameterLets(QUERY, values, declarations, { minBytes: bad });
      assert.match(again, /let minBytes = long\(60\);/, bad);
    }
  });

  test('with the declarations given, a run of string parameters never loads Kusto.Language', () => {
    // In a fresh process: this one has the library loaded by the other tests.
    const root = path.resolve(__dirname, '../../..');
    const script = `
      const { withParameterLets } = require('./src/backends/logAnalytics/parameterLets');
      const query = 'declare query_parameters(who:string, os:string = "linux");\\nprint who, os';
      const declarations = [{ start: 0, end: 57, parameters: [{ name: 'who', type: 'string' }, { name: 'os', type: 'string', defaultText: '"linux"' }] }];
      console.log(JSON.stringify({ sent: withParameterLets(query, { who: 'web"01' }, declarations), kusto: typeof globalThis.Kusto }));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      sent: 'let who = "web\\"01"; let os = "linux";\nprint who, os',
      kusto: 'undefined',
    });
  });
});
