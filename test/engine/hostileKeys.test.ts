/**
 * Keys that name Object's own members (`__proto__`, `constructor`, `toString`) are data in every bag,
 * whichever function or loader made it: kept, listed by bag_keys, read back as themselves, and never
 * answering a lookup of a key the bag lacks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Database, executeQuery } from '../../src/engine';
import { fromWire } from '../../src/engine/wireValues';
import { loadDataFile } from '../../src/data/loaders';
import { wireTable } from '../../src/backends/logAnalytics/wireConversion';
import { plainBags } from './bagData';
import { run } from './helpers';

const HOSTILE = '{"__proto__":{"x":1},"constructor":2,"toString":3}';

/** Reads back a bag `d` made by the query: its keys, what each key holds, and a key it lacks. */
function probe(made: string, db?: Database): unknown[] {
  const q = `${made} | project k = bag_keys(d), p = d["__proto__"], c = d.constructor, t = d.toString, x = d.x, v = d.valueOf`;
  return run(q, db).rows[0]!;
}
const EXPECTED = [['__proto__', 'constructor', 'toString'], { x: 1 }, 2, 3, null, null];

test('dynamic literals and parse_json/todynamic keep __proto__, constructor and toString as keys', () => {
  assert.deepEqual(probe(`print d = dynamic(${HOSTILE})`), EXPECTED);
  assert.deepEqual(probe(`print d = parse_json('${HOSTILE}')`), EXPECTED);
  assert.deepEqual(probe(`print d = todynamic('${HOSTILE}')`), EXPECTED);
  // A bag the query did not fill answers no key from Object.prototype either.
  assert.deepEqual(
    run('print d = dynamic({}) | project c = d.constructor, t = d["toString"], h = d.hasOwnProperty').rows,
    [[null, null, null]],
  );
});

test('bag_pack, pack_all, bag_merge, bag_set_key, bag_zip, bag_remove_keys keep the keys', () => {
  assert.deepEqual(
    probe('print d = bag_pack("__proto__", dynamic({"x":1}), "constructor", 2, "toString", 3)'),
    EXPECTED,
  );
  assert.deepEqual(
    probe(
      'print d = bag_merge(dynamic({"__proto__":{"x":1}}), dynamic({"constructor":2}), dynamic({"toString":3, "constructor":9}))',
    ),
    EXPECTED,
  );
  assert.deepEqual(
    probe(
      'print d = bag_set_key(bag_set_key(bag_set_key(dynamic({}), "$.__proto__.x", 1), "constructor", 2), "toString", 3)',
    ),
    EXPECTED,
  );
  assert.deepEqual(
    probe('print d = bag_zip(dynamic(["__proto__", "constructor", "toString"]), dynamic([{"x":1}, 2, 3]))'),
    EXPECTED,
  );
  assert.deepEqual(probe(`print d = bag_remove_keys(dynamic({"y":0,${HOSTILE.slice(1)}), dynamic(["y"]))`), EXPECTED);
  const all = run(
    'print ["__proto__"] = dynamic({"x":1}), ["constructor"] = 2, ["toString"] = 3 | project d = pack_all()',
  );
  const packed = all.rows[0]![0] as Record<string, unknown>;
  assert.deepEqual(Object.keys(packed), ['__proto__', 'constructor', 'toString']);
  assert.deepEqual([packed['__proto__'], packed['constructor'], packed['toString']], [{ x: 1 }, 2, 3]);
});

test('make_bag, mv-apply and extract_json keep the keys', () => {
  assert.deepEqual(probe(`print e = dynamic(${HOSTILE}) | mv-expand kind=bag e | summarize d = make_bag(e)`), EXPECTED);
  const applied = run(
    `print b = dynamic(${HOSTILE}) | mv-apply e = b on (summarize d = make_bag(e)) | project k = bag_keys(d)`,
  );
  assert.deepEqual(applied.rows, [[['__proto__', 'constructor', 'toString']]]);
  assert.deepEqual(run(`print e = extract_json("$.__proto__", '${HOSTILE}', typeof(dynamic)) | project x = e.x`).rows, [
    [1],
  ]);
});

test('wire conversions keep the keys: fromWire (exports, the CLI) and Log Analytics cells', () => {
  const back = fromWire(HOSTILE, 'dynamic') as Record<string, unknown>;
  assert.deepEqual(Object.keys(back), ['__proto__', 'constructor', 'toString']);
  assert.equal(Object.getPrototypeOf(back), null);
  const cells = wireTable({
    name: 'T',
    columnDescriptors: [{ name: 'd', type: 'dynamic' }],
    rows: [[JSON.parse(HOSTILE)]],
  } as unknown as Parameters<typeof wireTable>[0]);
  const la = cells.rows[0]![0] as Record<string, unknown>;
  assert.deepEqual(Object.keys(la), ['__proto__', 'constructor', 'toString']);
  assert.equal(Object.getPrototypeOf(la), null);
  assert.deepEqual(plainBags(la['__proto__']), { x: 1 });
});

function file(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-hostile-'));
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
}

test('every loader keeps hostile keys in dynamic cells and hostile column names as columns', () => {
  const csvCell = HOSTILE.replace(/"/g, '""');
  const files = [
    file('T.csv', `n,d\n1,"${csvCell}"\n`),
    file('T.jsonl', `{"n":1,"d":${HOSTILE}}\n`),
    file('T.json', `[{"n":1,"d":${HOSTILE}}]`),
    file(
      'T.json',
      JSON.stringify({
        tables: [
          {
            name: 'T',
            columns: [
              { name: 'n', type: 'long' },
              { name: 'd', type: 'dynamic' },
            ],
            rows: [[1, JSON.parse(HOSTILE)]],
          },
        ],
      }),
    ),
  ];
  for (const f of files) {
    const { table } = loadDataFile(f);
    assert.deepEqual(probe('T | where n == 1', new Database([table])).slice(0, 1), [EXPECTED[0]], f);
    assert.deepEqual(probe('T | where n == 1', new Database([table])), EXPECTED, f);
  }
  // Records whose keys are the hostile names: each is a column with its own values.
  const records = file('T.jsonl', '{"n":1,"__proto__":"p","constructor":"c","toString":"t"}\n{"n":2}\n');
  const { table } = loadDataFile(records);
  assert.deepEqual(table.columns.map((c) => c.name).sort(), ['__proto__', 'constructor', 'n', 'toString']);
  assert.deepEqual(
    table
      .rows()
      .sort((a, b) => Number(a[0]) - Number(b[0]))
      .map((row) => table.columns.map((c, i) => [c.name, row[i]])),
    [
      [
        ['n', 1],
        ['__proto__', 'p'],
        ['constructor', 'c'],
        ['toString', 't'],
      ],
      [
        ['n', 2],
        ['__proto__', ''],
        ['constructor', ''],
        ['toString', ''],
      ],
    ],
  );
  // (A query cannot name a column `__proto__`: Kusto.Language's binder does not resolve that name.)
  const r = executeQuery(
    'T | order by n asc | project n, c = ["constructor"], t = ["toString"]',
    new Database([table]),
  );
  assert.deepEqual(r.tables[0]!.table.rows(), [
    [1, 'c', 't'],
    [2, '', ''],
  ]);
});
