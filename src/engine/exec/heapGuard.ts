/**
 * A guard on V8's own heap, for what the memory budget's estimates miss. A worker thread that reaches
 * its heap limit can abort the whole process (Node gives the isolate 16 MB of slack to stop), so the
 * query stops well before: past 80% of the heap limit, or with as much outside the heap (typed
 * arrays), once the query itself has grown the heap by a tenth of its limit.
 *
 * What it costs a query is kept to what a tiny one can afford (a query that reads a few hundred rows
 * runs in 5–10 µs): reading V8's statistics costs about 0.4 µs and, on a virtual machine, reading the
 * clock 0.1–0.2 µs, while a query checks at every operator, every 4,096 rows and every megabyte charged.
 */
import { getHeapStatistics } from 'node:v8';
import { formatMegabytes, MemoryLimitError } from './memoryBudget';

/** Share of V8's heap limit past which a query stops: the rest lets it unwind and be collected. */
const HEAP_GUARD_SHARE = 0.8;
/** How often (ms) the heap is looked at, at most. */
const HEAP_GUARD_EVERY_MS = 5;
/** Without a deadline (whose check reads the clock anyway), the clock is read every this many checks. */
const CLOCK_EVERY_CHECKS = 8;

/**
 * Share of the heap limit a query must itself have added before the guard stops it: what was in use
 * when it started may be the garbage of an earlier query (one the guard stopped, say), which V8 frees
 * when it needs the room, and must not fail the small query that follows.
 */
const HEAP_GUARD_GROWTH_SHARE = 0.1;

/**
 * A query starting less than HEAP_GUARD_EVERY_MS after the last reading on this thread takes that
 * reading as its baseline when less than this share of the limit was in use. What was allocated in
 * between is then counted as the query's own growth; for that to stop a query the guard would
 * otherwise let run, more than a fifth of the limit would have had to be allocated within those 5 ms
 * (the query must reach 80% of the limit and have added less than a tenth of it since its start).
 */
const REUSED_BASELINE_SHARE = 0.5;

interface Reading {
  /** Date.now() of the reading. */
  readonly at: number;
  /** Bytes in use on V8's heap and outside it (typed arrays). */
  readonly inUse: number;
  readonly limit: number;
}

/** The last reading on this thread (each worker has its own module state). */
let lastReading: Reading | undefined;

function readHeap(at: number): { readonly reading: Reading; readonly heap: number } {
  const s = getHeapStatistics();
  const external = (s as { external_memory?: number }).external_memory ?? 0;
  lastReading = { at, inUse: s.used_heap_size + external, limit: s.heap_size_limit };
  return { reading: lastReading, heap: s.used_heap_size };
}

/**
 * The guard of a query started at `startedAt` (Date.now()). Call it at each check, with the time when
 * the check has read the clock anyway (for a deadline); without, it reads the clock every few checks.
 */
export function heapGuard(startedAt: number): (now?: number) => void {
  const recent = lastReading;
  const baseline =
    recent &&
    startedAt - recent.at >= 0 &&
    startedAt - recent.at < HEAP_GUARD_EVERY_MS &&
    recent.inUse < recent.limit * REUSED_BASELINE_SHARE
      ? recent.inUse
      : readHeap(startedAt).reading.inUse;
  // The baseline is the first look: a look straight after it could never find the query grown.
  let last = startedAt;
  let checks = 0;
  return (now) => {
    if (now === undefined) {
      if (++checks < CLOCK_EVERY_CHECKS) {
        return;
      }
      checks = 0;
      now = Date.now();
    }
    if (now - last < HEAP_GUARD_EVERY_MS) {
      return;
    }
    last = now;
    const { reading, heap } = readHeap(now);
    const full = heap > reading.limit * HEAP_GUARD_SHARE || reading.inUse - heap > reading.limit;
    if (full && reading.inUse - baseline > reading.limit * HEAP_GUARD_GROWTH_SHARE) {
      throw new MemoryLimitError(
        'The query',
        reading.limit,
        `The query needs more memory than the embedded engine's heap allows (${formatMegabytes(reading.inUse)} in use, limit ${formatMegabytes(reading.limit)}).`,
      );
    }
  };
}
