/**
 * Stored functions from a data folder's `.kql` files (Kusto's `.create-or-alter function` commands):
 * read with their parameters, docstring and folder, called by the folder's queries, re-read on refresh,
 * and a command that cannot be read is a warning naming file, line and column.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { openDataFolder } from '../../src/data/loaders';
import { closingBracket, functionsInText } from '../../src/data/loaders/functionFiles';
import { executeQuery } from '../../src/engine';

const SCRIPT = `// Exported from the cluster
.create-or-alter function with (docstring = "Bytes sent per host", folder = @"Network\\Hosts")
SentBy(minBytes:long = 0) {
    Conn
    | where Bytes >= minBytes and Note != "it's } not the end"
    | summarize sent = sum(Bytes) by Host
}

.create function ifnotexists Busiest(T:(Host:string, sent:long), n:long) { T | top n by sent }

.alter function ['Odd Name']() { print x = 1 }
`;

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-functions-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

const CONN = 'Host,Bytes,Note\nweb1,100,a\nweb1,50,b\ndb1,300,c\n';

test('the commands of a script: name, parameters, body, docstring and folder', () => {
  const { functions, warnings } = functionsInText(SCRIPT, 'f.kql');
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    functions.map((f) => [f.name, f.parameters, f.description, f.group]),
    [
      ['SentBy', 'minBytes:long = 0', 'Bytes sent per host', 'Network\\Hosts'],
      ['Busiest', 'T:(Host:string, sent:long), n:long', '', 'Functions'],
      ['Odd Name', '', '', 'Functions'],
    ],
  );
  assert.match(functions[0]!.body, /^\{\n {4}Conn[\s\S]*by Host\n\}$/);
});

test('brackets inside strings and comments do not close a body', () => {
  const t = '{ x = "}" // }\n, y = @\'c:\\}\' }';
  assert.equal(closingBracket(t, 0), t.length);
  assert.equal(closingBracket('{ "unclosed }', 0), -1);
  // A literal left unclosed on its line ends there, as the lexer ends it: the next line's } closes.
  assert.equal(closingBracket('{ x = "a\n}', 0), 10);
});

test("a folder's queries call its stored functions, plainly and with invoke", () => {
  const dir = folder({ 'Conn.csv': CONN, 'network.kql': SCRIPT, 'notes.kql': 'Conn | take 1' });
  const opened = openDataFolder(dir);
  assert.deepEqual(opened.warnings, []);
  assert.deepEqual(
    opened.database.functions.map((f) => f.name),
    ['SentBy', 'Busiest', 'Odd Name'],
  );
  const rows = (q: string) => executeQuery(q, opened.database).tables[0]!.table.rows();
  assert.deepEqual(rows('SentBy | order by Host asc'), [
    ['db1', 300],
    ['web1', 150],
  ]);
  assert.deepEqual(rows('SentBy(200)'), [['db1', 300]]);
  assert.deepEqual(rows('SentBy() | invoke Busiest(1)'), [['db1', 300]]);
});

test('a command that cannot be read is a warning with file, line and column; the others still load', () => {
  const dir = folder({
    'Conn.csv': CONN,
    'bad.kql': '.create function Broken(x:long { x }\n.create function Good() { Conn }',
  });
  const opened = openDataFolder(dir);
  assert.deepEqual(
    opened.database.functions.map((f) => f.name),
    ['Good'],
  );
  assert.deepEqual(opened.warnings, [
    `${path.join(dir, 'bad.kql')}:1:24: the parameters of Broken are not closed; the function is left out`,
  ]);
});

test('refresh reads the function files again', () => {
  const dir = folder({ 'Conn.csv': CONN });
  const opened = openDataFolder(dir);
  assert.throws(() => executeQuery('Hosts()', opened.database));
  fs.writeFileSync(path.join(dir, 'hosts.kql'), '.create-or-alter function Hosts() { Conn | distinct Host }');
  opened.refresh();
  assert.equal(executeQuery('Hosts() | count', opened.database).tables[0]!.table.rows()[0]![0], 2);
});
