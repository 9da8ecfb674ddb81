/**
 * A Run's query parameter declarations come from the language server; when it cannot answer (not
 * running, failed, malformed or late), the host parses the text itself and says why in the log.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parameterDeclarations } from '../../src/kql/queryParameters';
import { type AskServer, declarationsFor } from '../../src/ui/parameterDeclarationSource';

const QUERY = 'declare query_parameters(minCpus:long, since:datetime = ago(1d));\nVMComputer | where Cpus >= minCpus';
const FROM_SERVER = [{ start: 0, end: 64, parameters: [{ name: 'fromServer', type: 'long' }] }];

function recorder() {
  const notes: string[] = [];
  return { notes, note: (line: string) => notes.push(line) };
}

test("the server's declarations are used as they are, with nothing logged", async () => {
  const asked: string[] = [];
  const ask: AskServer = (text) => {
    asked.push(text);
    return Promise.resolve({ declarations: FROM_SERVER });
  };
  const { notes, note } = recorder();
  assert.deepEqual(await declarationsFor(QUERY, ask, note), FROM_SERVER);
  assert.deepEqual(asked, [QUERY]);
  assert.deepEqual(notes, []);
});

test('a query that cannot declare parameters asks nobody', async () => {
  const { notes, note } = recorder();
  const ask: AskServer = () => assert.fail('the server was asked');
  assert.deepEqual(await declarationsFor('VMComputer | take 1', ask, note), []);
  assert.deepEqual(notes, []);
});

test('without an answer from the server, the host parses the text, and the log says why', async () => {
  const parsed = parameterDeclarations(QUERY);
  assert.equal(parsed[0]!.parameters[0]!.name, 'minCpus');
  const cases: [AskServer, RegExp][] = [
    [() => undefined, /the language server is not running/],
    [() => Promise.reject(new Error('Connection got disposed.')), /request failed \(Connection got disposed\.\)/],
    [() => Promise.resolve({ declarations: 'none' }), /answer is malformed \(needs a "declarations" array\)/],
    [
      () => Promise.resolve({ declarations: [{ start: 0, end: QUERY.length + 1, parameters: [] }] }),
      /answer is malformed \(declaration 0 \(0–\d+\) is not in order inside the text/,
    ],
    [
      () => Promise.resolve({ declarations: [{ start: 0, end: 10, parameters: [{ name: 'a' }] }] }),
      /declaration 0, parameter 0: needs a string "name" and "type"/,
    ],
    [() => new Promise<unknown>(() => undefined), /did not answer within 0\.05 s/],
  ];
  for (const [ask, why] of cases) {
    const { notes, note } = recorder();
    assert.deepEqual(await declarationsFor(QUERY, ask, note, 50), parsed);
    assert.equal(notes.length, 1);
    assert.match(notes[0]!, /^Query parameters read in the extension host \(loads Kusto\.Language here\): /);
    assert.match(notes[0]!, why);
  }
});
