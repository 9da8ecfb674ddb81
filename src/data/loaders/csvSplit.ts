/**
 * A large CSV file read on all the machine's cores: the file is cut into parts at line ends, this
 * thread reads the first part (the header's) while worker threads read the others (csvChunk.ts), and
 * the parts' columns are appended in file order (strings' codes remapped to one dictionary).
 *
 * A cut is only guessed to be a record's start: a quoted field may hold line ends. So each part reads
 * on past its end to the end of its last record, and the next part is taken only when it started
 * exactly there; otherwise (the cut fell inside a quoted field) the rest of the file is read here, from
 * where the last good part ended. Records, warnings and line numbers are those of a one-thread read.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import type { KqlType } from '../../engine/values';
import type { ColumnAppender } from './columnAppenders';
import { type CsvChunkJob, type CsvChunkResult, PROGRESS_BYTES, PROGRESS_ROWS, parseCsvChunk } from './csvChunk';
import { type CsvRecordSink, CsvScanner, fieldText, UnterminatedQuoteError } from './csvScanner';
import { AppendRecords, appendCsvFile, headerNames, scanCsvRange } from './csvTable';
import { type FileWarnings, isGzip, startsUtf16, WARNING_LIMIT } from './fileBytes';
import { recordLimit } from './recordLimit';
import { openRegular } from './regularFile';

/** Smaller files are read on one thread: a worker's start-up would cost more than it saves. */
export const SPLIT_MIN_BYTES = 32 << 20;
/** Each part at least this large. */
const PART_MIN_BYTES = 16 << 20;
/** How far past a guessed cut a line end is looked for before the cut is given up. */
const CUT_SEARCH_BYTES = 1 << 20;
/** A worker that reads nothing for this long (from its start) is taken as gone: a crash sends no message, and the rest of the file is read here. */
const STALL_MS = 30_000;

/** The table's side of a split read: its columns' types, which are kept, which were inferred. */
export interface CsvSplitColumns {
  readonly types: readonly KqlType[];
  readonly keep: readonly boolean[];
  readonly inferred: readonly string[];
}

export interface RunningPart {
  /** Bytes read and rows so far. */
  progress(): { bytes: number; rows: number };
  /** The part's result, `tick` called while waiting (progress, cancellation); undefined when its thread failed. */
  wait(tick: () => void): CsvChunkResult | undefined;
  stop(): void;
}

/** Starts the reading of a part: on a worker thread, or (tests) on this one. */
export type PartRunner = (job: CsvChunkJob) => RunningPart;

export interface SplitOptions {
  readonly runner?: PartRunner;
  /** Where to guess the cuts (tests); else evenly over the data. */
  readonly cuts?: readonly number[];
}

/** The built worker script beside the bundle (dist/), or the source under tests; undefined when absent. */
function workerScript(): string | undefined {
  const candidates = [
    path.join(__dirname, 'csvChunkWorker.js'),
    path.join(__dirname, '..', 'csvChunkWorker.js'),
    path.join(__dirname, 'csvChunkWorker.ts'),
  ];
  return candidates.find((c) => fs.existsSync(c));
}

/** How many parts to read the file in: 1 (one thread) for small, compressed or UTF-16 files, one core, or no worker script. */
export function csvParts(file: string, size: number): number {
  if (isGzip(file) || size < SPLIT_MIN_BYTES || startsUtf16(file)) {
    return 1;
  }
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  // KQL_LOAD_THREADS sets the threads (1: every file on one thread). Otherwise only cores left idle
  // are used: on a busy machine (Linux shares the CPU per session) a second thread of ours gets no
  // more CPU, so it only adds the parts' merging (measured in docs/benchmarks.md, loading exported files).
  const asked = Math.floor(Number(process.env.KQL_LOAD_THREADS));
  const threads = asked >= 1 ? Math.min(asked, cores) : 1 + Math.floor(Math.max(0, cores - os.loadavg()[0]!));
  if (threads < 2 || !workerScript()) {
    return 1;
  }
  return Math.max(1, Math.min(threads, 8, Math.floor(size / PART_MIN_BYTES)));
}

/** The header's column names, and the offset and line of the first record after it. */
interface DataStart {
  readonly header: string[];
  readonly offset: number;
  readonly line: number;
}

class FirstTwo implements CsvRecordSink {
  header: string[] | undefined;
  second: { offset: number; line: number } | undefined;
  broken = false;
  record(buf: Buffer, start: Int32Array, end: Int32Array, escaped: Uint8Array, n: number, at: number, line: number) {
    if (!this.header) {
      this.header = headerNames(Array.from({ length: n }, (_, k) => fieldText(buf, start[k]!, end[k]!, escaped[k]!)));
    } else {
      this.second ??= { offset: at, line };
    }
  }
  bad(): void {
    this.broken ||= !this.header;
  }
}

function readAt(fd: number, at: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  return buf.subarray(0, fs.readSync(fd, buf, 0, length, at));
}

/** Where the data starts; undefined when the head of the file does not show it (read on one thread). */
function dataStart(fd: number): DataStart | undefined {
  const buf = readAt(fd, 0, 1 << 18);
  const from = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const sink = new FirstTwo();
  try {
    new CsvScanner().scan(buf, from, buf.length, false, sink);
  } catch {
    return undefined;
  }
  return sink.header && sink.second && !sink.broken ? { header: sink.header, ...sink.second } : undefined;
}

/**
 * Each part's start after the first: just past the first line end at or after each guessed cut,
 * increasing, after `data`, before `size`. A cut with no line end near it is left out.
 */
export function partStarts(fd: number, data: number, size: number, guesses: readonly number[]): number[] {
  const starts: number[] = [];
  for (const guess of guesses) {
    let at = Math.max(guess, data, (starts[starts.length - 1] ?? 0) + 1) - 1;
    const limit = Math.min(size, at + CUT_SEARCH_BYTES);
    while (at < limit) {
      const bytes = readAt(fd, at, Math.min(1 << 16, limit - at));
      const lf = bytes.indexOf(10);
      if (lf >= 0) {
        const start = at + lf + 1;
        if (start > data && start < size) {
          starts.push(start);
        }
        break;
      }
      at += bytes.length;
    }
  }
  return starts;
}

/** A part read by a worker thread, waited for synchronously (the caller is inside a table's load). */
function threadPart(job: CsvChunkJob): RunningPart {
  // Required when first used, not when this module loads: `kql`'s startup snapshot is built with the
  // module loaded, and a worker_threads required then starts workers that never run their script.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MessageChannel, receiveMessageOnPort, Worker } = require('node:worker_threads') as typeof WorkerThreads;
  const script = workerScript()!;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const shared = new Float64Array(new SharedArrayBuffer(16));
  const { port1, port2 } = new MessageChannel();
  const source = script.endsWith('.ts') ? `require('tsx/cjs');require(${JSON.stringify(script)});` : script;
  const worker = new Worker(source, {
    eval: script.endsWith('.ts'),
    // Not the parent's flags: `kql` runs from a startup snapshot (--snapshot-blob), whose main the
    // worker would run instead of its script.
    execArgv: [],
    workerData: { job, port: port2, flag: flag.buffer, progress: shared.buffer },
    transferList: [port2],
  });
  worker.unref();
  return {
    progress: () => ({ bytes: shared[PROGRESS_BYTES]!, rows: shared[PROGRESS_ROWS]! }),
    wait: (tick) => {
      let seen = -1;
      let since = Date.now();
      while (Atomics.load(flag, 0) === 0) {
        Atomics.wait(flag, 0, 0, 200);
        tick();
        if (shared[PROGRESS_BYTES] !== seen) {
          seen = shared[PROGRESS_BYTES]!;
          since = Date.now();
        } else if (Date.now() - since > STALL_MS) {
          return undefined;
        }
      }
      const m = receiveMessageOnPort(port1)?.message as { result?: CsvChunkResult } | undefined;
      return m?.result;
    },
    stop: () => {
      port1.close();
      void worker.terminate();
    },
  };
}

/** A part read on this thread when waited for (tests: the merging logic without threads). */
export const inThreadPart: PartRunner = (job) => {
  let bytes = 0;
  let rows = 0;
  return {
    progress: () => ({ bytes, rows }),
    wait: () => {
      const r = parseCsvChunk(job);
      bytes = r.end - job.start;
      rows = r.rows;
      return r;
    },
    stop: () => {},
  };
};

/**
 * Appends the rows of a CSV file read in parts on several threads; as `appendCsvFile` (same rows,
 * warnings, line numbers), which it falls back to when the file's head does not allow a split.
 */
export function appendCsvFileSplit(
  file: string,
  names: readonly string[],
  appenders: readonly ColumnAppender[],
  warnings: FileWarnings,
  inferredNote: (column: number, reason: string) => string,
  onWindow: (bytesRead: number, rows: number) => void,
  size: number,
  parts: number,
  columns: CsvSplitColumns,
  options: SplitOptions = {},
): number {
  const oneThread = () => appendCsvFile(file, names, appenders, warnings, inferredNote, onWindow, size);
  let fd: number;
  try {
    fd = openRegular(file);
  } catch {
    return oneThread();
  }
  let head: DataStart | undefined;
  let starts: number[] = [];
  try {
    head = dataStart(fd);
    if (head) {
      const guesses =
        options.cuts ??
        Array.from(
          { length: parts - 1 },
          (_, k) => head!.offset + Math.floor(((size - head!.offset) * (k + 1)) / parts),
        );
      starts = partStarts(fd, head.offset, size, guesses);
    }
  } finally {
    fs.closeSync(fd);
  }
  if (!head || starts.length === 0) {
    return oneThread();
  }
  const header = head.header;
  const jobs: CsvChunkJob[] = starts.map((start, k) => ({
    file,
    start,
    stopAt: starts[k + 1] ?? Infinity,
    bytes: (starts[k + 1] ?? size) - start,
    header,
    names,
    types: columns.types,
    keep: columns.keep,
    inferred: columns.inferred,
    warningLimit: WARNING_LIMIT,
    recordLimit: recordLimit(),
  }));
  const running = jobs.map(options.runner ?? threadPart);
  const warn = (base: number) => (line: number, rest: string) => warnings.add(`${file}:${base + line - 1}:${rest}`);
  let rows = 0;
  // Parts before `k` are merged (their rows are in `rows`).
  let k = 0;
  const report = (read: number, ownRows: number) => {
    const others = running.slice(k).map((r) => r.progress());
    onWindow(read + others.reduce((a, p) => a + p.bytes, 0), rows + ownRows + others.reduce((a, p) => a + p.rows, 0));
  };
  try {
    const scanner = new CsvScanner();
    const sink = new AppendRecords(file, appenders, names, warn(1), inferredNote);
    let end: number;
    try {
      end = scanCsvRange(file, scanner, sink, appenders, 0, starts[0]!, size, report);
    } catch (e) {
      if (e instanceof UnterminatedQuoteError) {
        warnings.add(`${file}:${e.line}: ${e.message}; the rest of the file from that line is skipped`);
        return sink.rows;
      }
      throw e;
    }
    rows = sink.rows;
    let line = scanner.line;
    for (; k < jobs.length && end === jobs[k]!.start; k++) {
      const r = running[k]!.wait(() => report(end, 0));
      if (!r) {
        break;
      }
      r.chunks.forEach((c, j) => appenders[j]!.appendChunk(c));
      for (const w of r.warnings) {
        warn(line)(w.line, w.rest);
      }
      warnings.skip(r.moreWarnings);
      rows += r.rows;
      if (r.unterminated) {
        warn(line)(r.unterminated.line, r.unterminated.rest);
        return rows;
      }
      line += r.lines;
      end = r.end;
    }
    if (k < jobs.length) {
      // A cut inside a quoted field (or a part that failed): the rest of the file on this thread.
      for (const r of running.slice(k)) {
        r.stop();
      }
      const rest = new CsvScanner();
      rest.line = line;
      const tail = new AppendRecords(file, appenders, names, warn(1), inferredNote);
      tail.useHeader(header);
      const before = rows;
      try {
        scanCsvRange(file, rest, tail, appenders, end, Infinity, size - end, (read, r) =>
          onWindow(end + read, before + r),
        );
      } catch (e) {
        if (!(e instanceof UnterminatedQuoteError)) {
          throw e;
        }
        warnings.add(`${file}:${e.line}: ${e.message}; the rest of the file from that line is skipped`);
      }
      rows += tail.rows;
    }
    return rows;
  } finally {
    for (const r of running) {
      r.stop();
    }
  }
}
