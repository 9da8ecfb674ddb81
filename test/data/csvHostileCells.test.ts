/**
 * A VMConnection CSV export with hostile cells, loaded into typed columns and compared with the values
 * written out by hand: the loader's shortcuts (the scanner's byte classes, the byte-keyed dictionaries
 * of string and dynamic columns, the cell-above check) must give what decoding every cell gives. The
 * hostile rows come after many ordinary ones, so the dictionaries are full and taking hits when they
 * arrive, and each hostile cell comes twice, so its second copy goes through whatever the first left.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadDataFile } from '../../src/data/loaders';
import { Int64 } from '../../src/engine/int64';
import { Database, executeQuery } from '../../src/engine';
import { Table } from '../../src/engine/table';
import { ticksFromMs, WholeReal } from '../../src/engine/values';

const LONG = `/subscriptions/0000/resourcegroups/rg/providers/microsoft.compute/virtualmachines/${'v'.repeat(300)}`;
const RESOURCE = (vm: string) =>
  `/subscriptions/114063b5-5c36-49f3-af97-3e02bd52267a/resourcegroups/acme-web-rg/providers/microsoft.compute/virtualmachines/${vm}`;

const HEADER =
  'TimeGenerated [UTC],Computer,ConnectionId,RemoteDnsQuestions,BytesSent,RemoteLatitude,Severity,_ResourceId';

/** A record's bytes, and its expected values in the order of HEADER. */
interface Row {
  readonly text: string | Buffer;
  readonly values: readonly unknown[];
}

const T0 = Date.parse('2026-11-22T12:00:00Z');
const ticks = ticksFromMs;
/** A bag as the loader makes one: without a prototype. */
const bag = (o: object) => Object.assign(Object.create(null) as object, o);

function ordinary(i: number): Row {
  const computer = ['acme-demo', 'acme-sql01', 'acme-app01'][Math.floor(i / 7) % 3]!;
  const dns = i % 3 === 0 ? '[]' : `"[""${computer}.acme.corp""]"`;
  return {
    text: `2026-11-22T12:00:00Z,${computer},c-${i.toString(16).padStart(8, '0')},${dns},${i * 3},47.61,,${RESOURCE(computer)}`,
    values: [
      ticks(T0),
      computer,
      `c-${i.toString(16).padStart(8, '0')}`,
      i % 3 === 0 ? [] : [`${computer}.acme.corp`],
      i * 3,
      47.61,
      null,
      RESOURCE(computer),
    ],
  };
}

const BAD_UTF8 = Buffer.concat([Buffer.from('ab'), Buffer.from([0xff, 0xfe]), Buffer.from('cd')]);

const HOSTILE: Row[] = [
  // Quotes: doubled inside, a quoted empty, a field that is only a quote.
  {
    text: '2026-11-22T12:01:00Z,"say ""hi""","""",\'[]\',1,-0.5,3,"a,b"',
    values: [ticks(T0 + 60_000), 'say "hi"', '"', "'[]'", 1, -0.5, 3, 'a,b'],
  },
  // Empty (unquoted) and quoted-empty cells of each kind, the last one ending at the line end: strings
  // are "", the rest null.
  { text: ',"",,"","",,"",', values: [null, '', '', null, null, null, null, ''] },
  // Embedded line ends, LF and CRLF, inside quotes.
  {
    text: '2026-11-22T12:02:00Z,"two\nlines","cr\r\nlf","[""x\\ny""]",2,1e3,0,"\n"',
    values: [ticks(T0 + 120_000), 'two\nlines', 'cr\r\nlf', ['x\ny'], 2, 1000, 0, '\n'],
  },
  // Non-ASCII, and a string the dictionary holds as a prefix of this one.
  {
    text: '2026-11-22T12:03:00Z,Ünïcode 東京 🚀,acme-demoX,"{""k"":""é"",""n"":[1,2.0,12345678901234567]}",3,0,5,acme-demo',
    values: [
      ticks(T0 + 180_000),
      'Ünïcode 東京 🚀',
      'acme-demoX',
      bag({ k: 'é', n: [1, new WholeReal(2), new Int64(12345678901234567n)] }),
      3,
      0,
      5,
      'acme-demo',
    ],
  },
  // A cell longer than the dictionaries keep, and text in a dynamic column that is not JSON.
  {
    text: `2026-11-22T12:04:00Z,${LONG},${LONG},not json,4,-90,1,${LONG}`,
    values: [ticks(T0 + 240_000), LONG, LONG, 'not json', 4, -90, 1, LONG],
  },
  // Invalid UTF-8 in a string (kept as U+FFFD, warned on each row) and a dynamic cell.
  {
    text: Buffer.concat([
      Buffer.from('2026-11-22T12:05:00Z,'),
      BAD_UTF8,
      Buffer.from(',x,'),
      BAD_UTF8,
      Buffer.from(',5,1,2,y'),
    ]),
    values: [ticks(T0 + 300_000), 'ab\uFFFD\uFFFDcd', 'x', 'ab\uFFFD\uFFFDcd', 5, 1, 2, 'y'],
  },
  // Bytes above and below a comma next to the scanner's stops: spaces, tabs, '+', '!', '#'.
  {
    text: '2026-11-22T12:06:00Z, a\tb ,+!#$%&()*+,"[ 1 , true , null ]",+6, 2.5 ,7,"+"',
    values: [ticks(T0 + 360_000), ' a\tb ', '+!#$%&()*+', [1, true, null], 6, 2.5, 7, '+'],
  },
];

function csv(rows: readonly Row[]): Buffer {
  const lines: Buffer[] = [Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\r\n`)];
  for (const [k, r] of rows.entries()) {
    lines.push(typeof r.text === 'string' ? Buffer.from(r.text) : r.text, Buffer.from(k % 2 ? '\n' : '\r\n'));
  }
  return Buffer.concat(lines);
}

function load(rows: readonly Row[]): { table: Table; notes: readonly string[]; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-hostile-cells-'));
  const file = path.join(dir, 'VMConnection.csv');
  fs.writeFileSync(file, csv(rows));
  return { ...loadDataFile(file), file };
}

const NAMES = [
  'TimeGenerated',
  'Computer',
  'ConnectionId',
  'RemoteDnsQuestions',
  'BytesSent',
  'RemoteLatitude',
  'Severity',
  '_ResourceId',
];

test('hostile cells after thousands of ordinary rows load as the values they spell, each time they come', () => {
  const rows = [
    ...Array.from({ length: 5000 }, (_, i) => ordinary(i)),
    ...HOSTILE,
    ...Array.from({ length: 50 }, (_, i) => ordinary(i)),
    ...HOSTILE,
    ...HOSTILE.slice().reverse(),
  ];
  const { table, notes, file } = load(rows);
  assert.equal(table.rowCount, rows.length);
  const column = (name: string) => table.columns.find((c) => c.name === name)!.column;
  assert.deepEqual(
    NAMES.map((n) => column(n).type),
    ['datetime', 'string', 'string', 'dynamic', 'long', 'real', 'int', 'string'],
  );
  for (const [r, row] of rows.entries()) {
    NAMES.forEach((name, k) => {
      assert.deepEqual(column(name).get(r), row.values[k], `row ${r + 1}, ${name}`);
    });
  }
  // Each row with invalid UTF-8 in a string column is warned (in a dynamic column it is kept as text).
  const bad = notes.filter((n) => n.includes('invalid UTF-8'));
  assert.equal(bad.length, 3, notes.join('\n'));
  assert.ok(bad.every((n) => n.startsWith(`${file}:`)));
});

test('rows of a dynamic column read from the same text share one value, which queries leave as it was', () => {
  const rows = Array.from({ length: 21 }, (_, i) => ordinary(i * 3 + 1));
  const { table } = load(rows);
  const dns = table.columns.find((c) => c.name === 'RemoteDnsQuestions')!.column;
  const values = rows.map((_, r) => dns.get(r));
  assert.deepEqual(values[1], values[0]);
  // One parsed value for the text, as the load cache gives: test/engine/sharedDynamic.test.ts pins that
  // no function or operator changes a column's value in place.
  assert.equal(new Set(values).size, new Set(values.map((v) => JSON.stringify(v))).size);
  assert.ok(new Set(values).size < 4);
  const before = JSON.stringify(values);
  const db = new Database([new Table(table.columns, table.rowCount, 'L')]);
  executeQuery(
    'L | extend a = array_sort_desc(RemoteDnsQuestions), b = array_reverse(RemoteDnsQuestions) | mv-expand RemoteDnsQuestions',
    db,
  );
  assert.equal(JSON.stringify(rows.map((_, r) => dns.get(r))), before);
});
