import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractKeyValues } from '../../src/engine/exec/keyValueText';
import { ticksFromMs } from '../../src/engine/values';
import { run } from './helpers';

const at = (iso: string) => ticksFromMs(Date.parse(iso));

// The examples of the Kusto reference page for parse-kv, with their documented outputs.
describe('parse-kv', () => {
  test('well-defined delimiters, keys in any order, values typed', () => {
    const r = run(String.raw`print str="ThreadId:458745723, Machine:Node001, Text: The service is up, Level: Info"
      | parse-kv str as (Text: string, ThreadId:long, Machine: string) with (pair_delimiter=',', kv_delimiter=':')
      | project-away str`);
    assert.deepEqual(r.columns, ['Text', 'ThreadId', 'Machine']);
    assert.deepEqual(r.types, ['string', 'long', 'string']);
    assert.deepEqual(r.rows, [['The service is up', 458745723, 'Node001']]);
  });

  test('quoted keys and values, with one quote character or an opening/closing pair', () => {
    const expected = [[at('2021-01-01T10:00:54Z'), '10.1.1.123', '10.1.1.124', 125, 'connection aborted']];
    assert.deepEqual(
      run(String.raw`print str='src=10.1.1.123 dst=10.1.1.124 bytes=125 failure="connection aborted" "event time"=2021-01-01T10:00:54'
      | parse-kv str as (['event time']:datetime, src:string, dst:string, bytes:long, failure:string) with (pair_delimiter=' ', kv_delimiter='=', quote='"')
      | project-away str`).rows,
      expected,
    );
    assert.deepEqual(
      run(String.raw`print str='src=10.1.1.123 dst=10.1.1.124 bytes=125 failure=(connection aborted) (event time)=(2021-01-01 10:00:54)'
      | parse-kv str as (['event time']:datetime, src:string, dst:string, bytes:long, failure:string) with (pair_delimiter=' ', kv_delimiter='=', quote='()')
      | project-away str`).rows,
      expected,
    );
  });

  test('escaped quotes inside a quoted value', () => {
    const r =
      run(String.raw`print str='src=10.1.1.123 dst=10.1.1.124 bytes=125 failure="the remote host sent \\"bye!\\"" time=2021-01-01T10:00:54'
      | parse-kv str as (['time']:datetime, src:string, dst:string, bytes:long, failure:string) with (pair_delimiter=' ', kv_delimiter='=', quote='"', escape='\\')
      | project-away str`);
    assert.deepEqual(r.rows, [
      [at('2021-01-01T10:00:54Z'), '10.1.1.123', '10.1.1.124', 125, 'the remote host sent "bye!"'],
    ]);
  });

  test('greedy values run to the next key', () => {
    const q = (greedy: string) =>
      run(`print str='name=John Doe phone=555 5555 city=New York'
      | parse-kv str as (name:string, phone:string, city:string) with (pair_delimiter=' ', kv_delimiter='='${greedy})
      | project-away str`).rows;
    assert.deepEqual(q(''), [['John', '555', 'New']]);
    assert.deepEqual(q(', greedy=true'), [['John Doe', '555 5555', 'New York']]);
  });

  test('without delimiters any non-alphanumeric character separates', () => {
    assert.deepEqual(
      run(`print str="2021-01-01T10:00:34 [INFO] ThreadId:458745723, Machine:Node001, Text: Started"
      | parse-kv str as (Text: string, ThreadId:long, Machine: string) | project-away str`).rows,
      [['Started', 458745723, 'Node001']],
    );
    assert.deepEqual(
      run(String.raw`print str="2021-01-01T10:00:34 [INFO] ThreadId:458745723, Machine:Node001, Text: 'The service \\' is up'"
      | parse-kv str as (Text: string, ThreadId:long, Machine: string) with (quote="'", escape='\\') | project-away str`)
        .rows,
      [["The service ' is up", 458745723, 'Node001']],
    );
  });

  test('a regex with two groups finds keys and values', () => {
    const r =
      run(String.raw`print str=@'["referer url: https://hostname.com/redirect?dest=/?h=1234", "request url: https://hostname.com/?h=1234", "advertiser id: 24fefbca-cf27-4d62-a623-249c2ad30c73"]'
      | parse-kv str as (['referer url']:string, ['request url']:string, ['advertiser id']: guid) with (regex=@'"([\w ]+)\s*:\s*([^"]*)"')
      | project-away str`);
    assert.deepEqual(r.rows, [
      [
        'https://hostname.com/redirect?dest=/?h=1234',
        'https://hostname.com/?h=1234',
        '24fefbca-cf27-4d62-a623-249c2ad30c73',
      ],
    ]);
  });

  test('missing keys and values that do not convert are null, or empty for strings; the first value wins', () => {
    const r = run(
      `print str='a=x b=1 b=2' | parse-kv str as (a:long, b:long, c:string, d:long) with (pair_delimiter=' ', kv_delimiter='=') | project-away str`,
    );
    assert.deepEqual(r.rows, [[null, 1, '', null]]);
  });

  test('a bad regex is an argument error at the with clause', () => {
    assert.throws(
      () => run(`print str='a=1' | parse-kv str as (a:long) with (regex='(')`),
      (e: Error & { code?: string }) => e.code === 'KQL-ARGUMENT' && /regular expression/.test(e.message),
    );
  });

  test('a long text without key/value delimiters completes (a quadratic scan would hit the test timeout)', () => {
    const text = 'x '.repeat(200_000);
    for (const greedy of [false, true]) {
      const found = extractKeyValues(
        text,
        { k: 'delimited', pair: ' ', kv: '=', greedy, quotes: [], escapes: [] },
        new Set(['x']),
      );
      assert.equal(found.size, 0);
    }
    assert.deepEqual(
      [
        ...extractKeyValues(
          `${text}x=1`,
          { k: 'delimited', pair: ' ', kv: '=', greedy: true, quotes: [], escapes: [] },
          new Set(['x']),
        ),
      ],
      [['x', '1']],
    );
  });
});
