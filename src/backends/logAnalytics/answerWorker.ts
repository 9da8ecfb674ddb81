/**
 * Entry of the worker thread that reads a large Log Analytics answer (answerReader.ts) off the extension
 * host's event loop. The text, or its bytes, comes in the first message; the rows go back in batches
 * (ANSWER_BATCH_ROWS), each a message the host takes in one short turn of its loop, then the skeleton.
 * A batch is sent only when the host asks for it: Node delivers every message already queued on a port
 * in one turn, so batches sent all at once would hold the host's loop as long as one big message.
 * One read per worker: the host terminates it when the read is done or cancelled.
 */
import { parentPort } from 'node:worker_threads';
import { RowShapeError, readAnswer } from './answerReader';
import { ANSWER_BATCH_ROWS, type FromAnswerWorker } from './answerWorkerProtocol';
import { segmentsText } from './bodyBytes';

const port = parentPort!;
const send = (m: FromAnswerWorker): void => port.postMessage(m);

/** What is left to send, each sent when the host asks for the next (see answerOffThread.ts). */
const queue: FromAnswerWorker[] = [];

port.once('message', (body: string | Uint8Array[]) => {
  try {
    // Bytes (answerOffThread.ts) are decoded here, off the host's thread.
    const text = typeof body === 'string' ? body : segmentsText(body);
    const answer = readAnswer(text);
    if (answer === undefined) {
      // Text the host never had goes back, for the SDK to report.
      send({ kind: 'unreadable', text: typeof body === 'string' ? undefined : text });
      return;
    }
    answer.rows.forEach((rows, table) => {
      for (let from = 0; from < rows.length; from += ANSWER_BATCH_ROWS) {
        queue.push({ kind: 'rows', table, rows: rows.slice(from, from + ANSWER_BATCH_ROWS) });
      }
    });
    queue.push({ kind: 'done', skeleton: answer.skeleton, tables: answer.rows.length });
    port.on('message', () => {
      const next = queue.shift();
      if (next) {
        send(next);
      }
    });
    send(queue.shift()!);
  } catch (e) {
    if (e instanceof RowShapeError) {
      send({ kind: 'shape', table: e.table, row: e.row, cells: e.cells, columns: e.columns });
    } else {
      send({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }
});
