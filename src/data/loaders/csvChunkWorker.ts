/**
 * Entry of a worker thread reading one part of a large CSV file (csvChunk.ts). The result goes to the
 * port it was given, its typed arrays transferred, then the shared flag is raised: the thread that
 * started it waits on that flag synchronously (it is inside a query's table load).
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import { chunkBuffers } from './appender';
import { type CsvChunkJob, parseCsvChunk } from './csvChunk';

interface ChunkWorkerData {
  readonly job: CsvChunkJob;
  readonly port: MessagePort;
  readonly flag: SharedArrayBuffer;
  readonly progress: SharedArrayBuffer;
}

const { job, port, flag, progress } = workerData as ChunkWorkerData;
try {
  const result = parseCsvChunk(job, new Float64Array(progress));
  port.postMessage({ result }, [...new Set(result.chunks.flatMap(chunkBuffers))]);
} catch (e) {
  port.postMessage({ error: e instanceof Error ? e.message : String(e) });
}
const done = new Int32Array(flag);
Atomics.store(done, 0, 1);
Atomics.notify(done, 0);
port.close();
