/**
 * What the extension host runs for a Run with typed parameters — the declarations, the missing values,
 * the check of each value as it is typed (a wrong datetime and timespan, then right ones), the values
 * sent, and for Log Analytics the query with the values as literals — loads no Kusto.Language when the
 * language server answers. Checked in a fresh process with a
 * spy on module loading and on the library's global, and against the same path with no server, where
 * the host must load it: so the spy is seen to catch the load, and the first half cannot pass by accident.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { declaredParameterLiteral } from '../../src/engine/parameterLiteral';
import { parameterDeclarations } from '../../src/kql/queryParameters';

const ROOT = path.resolve(__dirname, '../..');
const QUERY =
  'declare query_parameters(since:datetime, window:timespan, who:string);\nVMConnection | where TimeGenerated between (since .. window) and Computer == who';
/** What the user types into each box, in order: a wrong value first, then a right one. */
const TYPED = [
  { text: 'last tuesday', type: 'datetime' },
  { text: '2024-05-01 10:00', type: 'datetime' },
  { text: '5 fortnights', type: 'timespan' },
  { text: '1.12:00:00', type: 'timespan' },
  { text: 'web"01', type: 'string' },
];

/** The run path in a fresh process; `serverAnswers` false: no server is running. */
function runPath(serverAnswers: boolean) {
  // The server's answers as the real one gives them, computed here (this process may load the library).
  const declarations = parameterDeclarations(QUERY);
  const readings = Object.fromEntries(
    TYPED.map((v) => [`${v.type}:${v.text}`, declaredParameterLiteral(v.text, v.type)]),
  );
  const script = `
    const Module = require('node:module');
    const loads = [];
    const load = Module._load;
    Module._load = function (request, ...rest) {
      if (/Kusto\\.Language|bridge(\\.min)?\\.js$/.test(request)) loads.push(request.split(/[\\\\/]/).pop());
      return load.call(this, request, ...rest);
    };
    const { declarationsFor } = require('./src/ui/parameterDeclarationSource');
    const { valueProblemFor } = require('./src/ui/parameterValueSource');
    const { literalsFor } = require('./src/ui/parameterValueSource');
    const { declaredParameters, missingValues, valuesFor } = require('./src/ui/parameterValues');
    const { withParameterLets } = require('./src/backends/logAnalytics/parameterLets');
    const serverAnswers = ${serverAnswers};
    const declarations = ${JSON.stringify(declarations)};
    const readings = ${JSON.stringify(readings)};
    const notes = [];
    const note = (line) => notes.push(line);
    const askDeclarations = () => (serverAnswers ? Promise.resolve({ declarations }) : undefined);
    const askValues = (values) =>
      serverAnswers ? Promise.resolve({ readings: values.map((v) => readings[v.type + ':' + v.text]) }) : undefined;
    (async () => {
      const declared = await declarationsFor(${JSON.stringify(QUERY)}, askDeclarations, note);
      const asked = missingValues(declared, {}).map((p) => p.name + ':' + p.type);
      const problems = [];
      for (const v of ${JSON.stringify(TYPED)}) problems.push((await valueProblemFor(v.text, v.type, askValues, note)) ?? null);
      const sent = valuesFor(declared, { since: '2024-05-01 10:00', window: '1.12:00:00', who: 'web"01' });
      // Log Analytics: the values go into the query as literals, read by the server too.
      const literals = await literalsFor(declaredParameters(declared), sent, askValues, note);
      const query = withParameterLets(${JSON.stringify(QUERY)}, sent, declared, literals);
      console.log(JSON.stringify({ asked, problems, sent, query, notes: notes.length, loads, kusto: typeof globalThis.Kusto }));
    })();`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as {
    asked: string[];
    problems: (string | null)[];
    sent: Record<string, string>;
    query: string;
    notes: number;
    loads: string[];
    kusto: string;
  };
}

test('a Run with typed parameters loads no Kusto.Language in the host when the server answers; without one it does', () => {
  const withServer = runPath(true);
  const withoutServer = runPath(false);
  for (const run of [withServer, withoutServer]) {
    assert.deepEqual(run.asked, ['since:datetime', 'window:timespan', 'who:string']);
    assert.match(run.problems[0] ?? '', /^Not a datetime: expected a date and time/);
    assert.equal(run.problems[1], null);
    assert.match(run.problems[2] ?? '', /^Not a timespan: expected a duration/);
    assert.deepEqual(run.problems.slice(3), [null, null]);
    assert.deepEqual(run.sent, { since: '2024-05-01 10:00', window: '1.12:00:00', who: 'web"01' });
    assert.equal(
      run.query.split('\n')[0],
      'let since = datetime(2024-05-01T10:00:00Z); let window = timespan(1.12:00:00); let who = "web\\"01";',
    );
  }
  assert.deepEqual(
    { notes: withServer.notes, loads: withServer.loads, kusto: withServer.kusto },
    {
      notes: 0,
      loads: [],
      kusto: 'undefined',
    },
  );
  // The same path without a server: the host parses, the log says so, and the spy sees the library load.
  assert.ok(withoutServer.notes >= 2, `${withoutServer.notes} log lines`);
  assert.ok(withoutServer.loads.includes('Kusto.Language.Bridge.min.js'), withoutServer.loads.join(', '));
  assert.equal(withoutServer.kusto, 'object');
});
