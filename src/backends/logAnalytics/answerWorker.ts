/**
 * Entry of the worker thread that reads a large Log Analytics answer (answerReader.ts) off the extension
 * host's event loop. The text, or its bytes, comes in the first message; the rows go back in batches
 * (ANSWER_BATCH_ROWS), each a message the host takes in one short turn of its loop, then the skeleton.
 * A batch is sent only when the host asks for it: Node delivers every message already queued on a port
 * in one turn, so batches sent all at once would hold the host's loop as long as one big message.
 * One read per worker: the host terminates it when the read is done or cancelled.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ColumnEncoder } from './answerBatchColumns';
import { RowShapeError, readAnswer } from './answerReader';
import { ANSWER_BATCH_ROWS, type BatchEncoding, type FromAnswerWorker } from './answerWorkerProtocol';
import { segmentsText } from './bodyBytes';

const port = parentPort!;
const encoding = ((workerData as { encoding?: BatchEncoding } | undefined)?.encoding ?? 'columns') as BatchEncoding;
const send = (m: FromAnswerWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

/**
 * What is left to send, each sent when the host asks for the next (see answerOffThread.ts). A batch is
 * encoded by column only when sent: the encodings need not all live at once.
 */
const queue: (() => void)[] = [];
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
      const encoder = new ColumnEncoder();
      for (let from = 0; from < rows.length; from += ANSWER_BATCH_ROWS) {
        const batch = rows.slice(from, from + ANSWER_BATCH_ROWS);
        queue.push(() => {
          if (encoding === 'rows') {
            send({ kind: 'rows', table, rows: batch });
            return;
          }
          const moved: ArrayBuffer[] = [];
          const columns = encoder.encode(batch, batch[0]!.length, moved);
          send({ kind: 'columns', table, count: batch.length, columns }, moved);
        });
      }
    });
    queue.push(() => send({ kind: 'done', skeleton: answer.skeleton, tables: answer.rows.length }));
    port.on('message', () => queue.shift()?.());
    queue.shift()!();
  } catch (e) {
    if (e instanceof RowShapeError) {
      send({ kind: 'shape', table: e.table, row: e.row, cells: e.cells, columns: e.columns });
    } else {
      send({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }
});
