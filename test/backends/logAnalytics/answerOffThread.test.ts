/**
 * A large answer read in the worker thread (answerOffThread.ts) comes back as the reader on the host's
 * thread gives it, batch after batch and table after table; a bad row is the same RowShapeError, JSON
 * it cannot take (a body cut short, nesting past the stack) is undefined for the SDK to report, and
 * cancelling ends the worker. Through the backend, an answer past the threshold keeps its longs past
 * 2^53 and its partial error.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { readAnswerOffThread } from '../../../src/backends/logAnalytics/answerOffThread';
import { RowShapeError, readAnswer } from '../../../src/backends/logAnalytics/answerReader';
import { ANSWER_BATCH_ROWS } from '../../../src/backends/logAnalytics/answerWorkerProtocol';
import { loopbackBackend, useLoopbackServer } from './loopbackServer';

const COLUMNS = [
  { name: 'At', type: 'datetime' },
  { name: 'Computer', type: 'string' },
  { name: 'Bytes', type: 'long' },
  { name: 'Data', type: 'dynamic' },
];

function rowsText(n: number, from = 0): string[] {
  const rows: string[] = [];
  for (let i = from; i < from + n; i++) {
    const bytes = i % 7 === 0 ? `${9007199254740993n + BigInt(i)}` : String(i);
    rows.push(
      `["2026-12-06T00:00:00.${String(i % 10_000_000).padStart(7, '0')}Z","vm-${i % 13}",${bytes},"{\\"i\\":${i}}"]`,
    );
  }
  return rows;
}

function answer(tables: string[][], extra = ''): string {
  return `{"tables":[${tables
    .map((rows, t) => `{"name":"T${t}","columns":${JSON.stringify(COLUMNS)},"rows":[${rows.join(',')}]}`)
    .join(',')}]${extra}}`;
}

const ALWAYS = { minChars: 0 };

describe('reading an answer in a worker thread', () => {
  test('gives the rows the host thread would, over several batches and tables', async () => {
    // A dynamic value whose keys are Object's own names stays data (no prototype), as on the host.
    const protoKeys =
      '["2026-12-06T00:00:00Z","x",1,"{\\"__proto__\\":{\\"polluted\\":1},\\"toString\\":[{\\"constructor\\":2}]}"]';
    const text = answer([rowsText(ANSWER_BATCH_ROWS * 2 + 17), [], [...rowsText(3, 500), protoKeys]]);
    let worker: Worker | undefined;
    const read = await readAnswerOffThread(text, { ...ALWAYS, onWorker: (w) => (worker = w) });
    assert.ok(worker, 'read in a worker');
    assert.deepEqual(read, readAnswer(text));
    assert.equal(read!.rows[0]!.length, ANSWER_BATCH_ROWS * 2 + 17);
    assert.equal(read!.rows[0]![7]![2], '9007199254741000', 'a long past 2^53 keeps its digits');
    const bag = read!.rows[2]![3]![3] as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(bag), null);
    assert.deepEqual(Object.keys(bag), ['__proto__', 'toString']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('batches sent as row arrays (the way before, for the bench) give the same rows as by column', async () => {
    const text = answer([rowsText(ANSWER_BATCH_ROWS + 3), rowsText(2, 40)]);
    const byColumn = await readAnswerOffThread(text, ALWAYS);
    assert.deepEqual(byColumn, readAnswer(text));
    assert.deepEqual(await readAnswerOffThread(text, { ...ALWAYS, encoding: 'rows' }), byColumn);
  });

  test('a row that does not fit its columns is the same RowShapeError', async () => {
    const text = answer([[...rowsText(2), '[1,2]']]);
    await assert.rejects(readAnswerOffThread(text, ALWAYS), (e: unknown) => {
      assert.ok(e instanceof RowShapeError);
      assert.equal(e.message, 'row 3 of table T0 has 2 cells for its 4 columns');
      return true;
    });
  });

  test('hostile JSON is left to the SDK (undefined), the host unharmed', async () => {
    const deep = `{"tables":[{"name":"T","columns":[{"name":"x","type":"dynamic"}],"rows":[[${'['.repeat(200_000)}${']'.repeat(200_000)}]]}]}`;
    assert.equal(await readAnswerOffThread(deep, ALWAYS), undefined);
    const cut = answer([rowsText(50)]).slice(0, -40);
    assert.equal(await readAnswerOffThread(cut, ALWAYS), undefined);
    const unterminated = `{"tables":[{"name":"T","columns":[{"name":"x","type":"string"}],"rows":[["${'a'.repeat(8_000_000)}]]}]}`;
    assert.equal(await readAnswerOffThread(unterminated, ALWAYS), undefined);
    // A huge string cell is read, not refused.
    const huge = `{"tables":[{"name":"T","columns":[{"name":"x","type":"string"}],"rows":[["${'a'.repeat(8_000_000)}"]]}]}`;
    assert.equal((await readAnswerOffThread(huge, ALWAYS))!.rows[0]![0]![0], 'a'.repeat(8_000_000));
  });

  test('cancelling mid-read terminates the worker', async () => {
    const text = answer([rowsText(300_000)]);
    const controller = new AbortController();
    let exited: Promise<number> | undefined;
    const read = readAnswerOffThread(text, {
      ...ALWAYS,
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

  test('an already cancelled read starts no worker', async () => {
    let started = false;
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      readAnswerOffThread('{"tables":[]}', { ...ALWAYS, signal: controller.signal, onWorker: () => (started = true) }),
      (e: unknown) => (e as Error).name === 'AbortError',
    );
    assert.equal(started, false);
  });
});

describe('a large answer through the backend', () => {
  const loopback = useLoopbackServer();

  test('past the threshold: exact longs and the partial error, as a small answer has them', async () => {
    const rows = rowsText(30_000);
    const partial =
      ',"error":{"code":"PartialError","message":"There were some errors when processing your query.","details":[{"code":"EngineError","message":"Partial query failure: Low memory condition (E_LOW_MEMORY_CONDITION)."}]}';
    const raw = answer([rows], partial);
    assert.ok(raw.length > 1024 * 1024, 'the answer is read in the worker');
    loopback.server.script([{ status: 200, raw }]);
    const result = await loopbackBackend(loopback).run('VMConnection', { rowLimit: 100_000 });
    assert.equal(result.tables[0]!.rows.length, 30_000);
    assert.equal(result.tables[0]!.rows[7]![2], '9007199254741000');
    assert.equal(result.stats.partial, true);
    assert.match(result.warnings.join('\n'), /E_LOW_MEMORY_CONDITION/);
  });
});
