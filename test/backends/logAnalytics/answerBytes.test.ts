/**
 * A large answer handed to its reader's worker as bytes (bodyBytes.ts), never made text on the host:
 * through the backend every answer, hostile or not, ends as it does when the text is handed over (the
 * backend's `answerBytesFrom` at 0 against Infinity); the segments keep every byte, across their
 * boundaries too; their buffers are moved, not copied; cancelling a read of bytes ends its worker.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LogAnalyticsOptions } from '../../../src/backends/logAnalytics';
import { readAnswerOffThread } from '../../../src/backends/logAnalytics/answerOffThread';
import { readAnswer } from '../../../src/backends/logAnalytics/answerReader';
import { BodySegments, SEGMENT_BYTES, segmentsText } from '../../../src/backends/logAnalytics/bodyBytes';
import type { Reply } from './loopbackServer';
import { loopbackBackend, useLoopbackServer } from './loopbackServer';

const COLUMNS = [
  { name: 'Computer', type: 'string' },
  { name: 'Bytes', type: 'long' },
  { name: 'Data', type: 'dynamic' },
];

/** Rows with longs past 2^53 and text of 2-, 3- and 4-byte UTF-8 characters. */
function rows(n: number, pad = ''): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const bytes = i % 5 === 0 ? `${9007199254740993n + BigInt(i)}` : String(i);
    out.push(`["vm-é€😀-${i}${pad}",${bytes},"{\\"i\\":${i}}"]`);
  }
  return out;
}

function answer(r: string[], extra = ''): string {
  return `{"tables":[{"name":"PrimaryResult","columns":${JSON.stringify(COLUMNS)},"rows":[${r.join(',')}]}]${extra}}`;
}

const PARTIAL =
  ',"error":{"code":"PartialError","message":"There were some errors when processing your query.","details":[{"code":"EngineError","message":"Partial query failure: Low memory condition (E_LOW_MEMORY_CONDITION)."}]}';

/** In segments as responseSize.ts fills them, from chunks of `chunk` bytes. */
function segmentsOf(text: string, chunk = 65_536): Uint8Array[] {
  const bytes = Buffer.from(text);
  const s = new BodySegments();
  for (let i = 0; i < bytes.length; i += chunk) s.add(bytes.subarray(i, i + chunk));
  assert.equal(s.byteLength, bytes.length);
  return s.take();
}

describe('an answer kept as bytes', () => {
  test('its segments hold every byte, across their boundaries, each from the start of its own buffer', () => {
    // A 4-byte character at the first boundary, split between two chunks.
    const text = `${'a'.repeat(SEGMENT_BYTES - 2)}😀${'é'.repeat(1000)}`;
    const segments = segmentsOf(text, 1_000_003);
    assert.equal(segments.length, 2);
    assert.equal(segmentsText(segments), text);
    for (const s of segments) assert.equal(s.byteOffset, 0);
    assert.equal(new Set(segments.map((s) => s.buffer)).size, 2);
    // A byte order mark, and bytes that are not UTF-8 split at a boundary, decode as Buffer's toString does.
    const odd = Buffer.concat([
      Buffer.from('\ufeff{'),
      Buffer.alloc(SEGMENT_BYTES - 5, 0x61),
      Buffer.from([0xe2, 0x82, 0xff, 0xfe, 0x62]),
    ]);
    const oddSegments = new BodySegments();
    oddSegments.add(odd);
    assert.equal(segmentsText(oddSegments.take()), odd.toString('utf8'));
    const empty = new BodySegments();
    assert.deepEqual(empty.take(), []);
    assert.equal(Buffer.from(empty.peek(10)).length, 0);
  });

  test('read in the worker from bytes: the answer the text gives; the buffers moved, not copied', async () => {
    const text = answer(rows(12_000), PARTIAL);
    const segments = segmentsOf(text);
    const read = await readAnswerOffThread(segments);
    assert.deepEqual(read, readAnswer(text));
    assert.equal(read!.rows[0]![5]![1], '9007199254740998');
    assert.ok(
      segments.every((s) => s.buffer.byteLength === 0),
      'a segment was copied to the worker, not transferred',
    );
  });

  test("bytes the reader cannot take come back as text for the SDK's report", async () => {
    const deep = `{"tables":[{"name":"T","columns":[{"name":"x","type":"dynamic"}],"rows":[[${'['.repeat(200_000)}${']'.repeat(200_000)}]]}]}`;
    let back: string | undefined;
    assert.equal(await readAnswerOffThread(segmentsOf(deep), { unreadable: (t) => (back = t) }), undefined);
    assert.equal(back, deep);
  });

  test('cancelling a read of bytes terminates its worker', async () => {
    const controller = new AbortController();
    let exited: Promise<number> | undefined;
    const read = readAnswerOffThread(segmentsOf(answer(rows(200_000))), {
      signal: controller.signal,
      onWorker: (w) => {
        exited = new Promise((resolve) => w.once('exit', resolve));
        w.once('online', () => controller.abort());
      },
    });
    await assert.rejects(read, (e: unknown) => (e as Error).name === 'AbortError');
    assert.ok(exited, 'a worker was started');
    await exited;
  });
});

describe('through the backend, bytes or text end alike', () => {
  const loopback = useLoopbackServer();

  /** What a run gives (its tables, warnings, partial flag) or its error (kind and words). */
  async function outcome(replies: Reply[], bytes: boolean, extra: Partial<LogAnalyticsOptions> = {}): Promise<unknown> {
    loopback.server.script(replies);
    const backend = loopbackBackend(loopback, {
      answerBytesFrom: bytes ? 0 : Number.POSITIVE_INFINITY,
      ...extra,
    });
    try {
      const r = await backend.run('VMConnection', { rowLimit: 1_000_000 });
      return { tables: r.tables, warnings: r.warnings, partial: r.stats.partial };
    } catch (e) {
      const b = e as { kind?: string; message?: string; status?: number };
      return { kind: b.kind, message: b.message, status: b.status };
    }
  }

  async function same(replies: Reply[], extra: Partial<LogAnalyticsOptions> = {}): Promise<unknown> {
    const asBytes = await outcome(replies, true, extra);
    const asText = await outcome(replies, false, extra);
    assert.deepEqual(asBytes, asText);
    return asBytes;
  }

  test('an answer with exact longs, non-ASCII text and a partial error', async () => {
    const r = (await same([{ status: 200, raw: answer(rows(3000), PARTIAL) }])) as {
      tables: { rows: unknown[][] }[];
      partial: boolean;
    };
    assert.equal(r.tables[0]!.rows.length, 3000);
    assert.equal(r.tables[0]!.rows[5]![1], '9007199254740998');
    assert.equal(r.tables[0]!.rows[1]![0], 'vm-é€😀-1');
    assert.equal(r.partial, true);
  });

  test('hostile bodies: not JSON, JSON cut short, nesting past the stack, a bad row, a huge string', async () => {
    const hostile = [
      '<html>captive portal</html>',
      answer(rows(50)).slice(0, -40),
      `{"tables":[{"name":"T","columns":[{"name":"x","type":"dynamic"}],"rows":[[${'['.repeat(200_000)}${']'.repeat(200_000)}]]}]}`,
      answer([...rows(3), '[1,2]']),
      `{"tables":[{"name":"T","columns":[{"name":"x","type":"string"}],"rows":[["${'a'.repeat(8_000_000)}]]}]}`,
    ];
    for (const raw of hostile) {
      const r = (await same([{ status: 200, raw }])) as { message?: string };
      assert.ok(r.message, `a hostile body gave a result: ${raw.slice(0, 60)}`);
      assert.ok(r.message.length < 2000, 'the whole body is in the message');
    }
    const huge = `{"tables":[{"name":"T","columns":[{"name":"x","type":"string"}],"rows":[["${'a'.repeat(8_000_000)}"]]}]}`;
    const read = (await same([{ status: 200, raw: huge }])) as { tables: { rows: unknown[][] }[] };
    assert.equal((read.tables[0]!.rows[0]![0] as string).length, 8_000_000);
  });

  test('the cap, a connection broken mid-answer and a retried 503 as before', async () => {
    const big = answer(rows(30_000, 'x'.repeat(40)));
    const capped = (await same([{ status: 200, raw: big }], { maxResponseBytes: 1_000_000 })) as { message: string };
    assert.match(capped.message, /larger than 1 MB/);
    const broken = (await same([{ status: 200, raw: big, cutAfterBytes: 1_500_000 }])) as { message: string };
    assert.match(broken.message, /broke while its answer/);
    const retried = (await same(
      [
        { status: 503, raw: 'busy', headers: { 'retry-after': '0' } },
        { status: 200, raw: answer(rows(2000)) },
      ],
      { retry: { maxRetries: 1, retryDelayInMs: 1 } },
    )) as { tables: { rows: unknown[][] }[] };
    assert.equal(retried.tables[0]!.rows.length, 2000);
  });
});
