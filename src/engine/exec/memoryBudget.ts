/**
 * The memory a query may grow, in bytes. Every operator and function that makes data out of little
 * (mv-expand, joins, summarize groups, range, make_list/make_set/make_bag, strrep, range() and
 * repeat()) charges an estimate of what it builds before or while building it, and the query stops
 * with a KqlError naming the operator and the limit once the total would pass the budget — long
 * before V8 itself runs out, which aborts the whole process for typed arrays and huge arrays.
 *
 * The estimate only ever grows within a query (nothing is credited back), so it errs on the safe side.
 * One query runs at a time per thread, so the running query's budget is module state that functions
 * (which see no execution context) can reach.
 */

/** Default budget: well under a developer machine's memory, far above any sample-workspace query. */
import { getHeapStatistics } from 'node:v8';

export const DEFAULT_MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024;

/** Rough sizes of what the engine stores, in bytes, for the estimates. */
export const BYTES = {
  /** A row index, or a number in a typed-array column. */
  slot: 8,
  /** A value in a boxed (dynamic or mixed) column or array: the pointer and a small object. */
  boxed: 16,
  /** A group of summarize: its key entry in a hash map and its first-row index. */
  group: 64,
  /** Per character of a string (V8 stores two-byte strings as UTF-16). */
  char: 2,
} as const;

/** The query would pass its memory budget; the executor reports it at the operator as a KqlError. */
export class MemoryLimitError extends Error {
  constructor(
    readonly what: string,
    readonly limitBytes: number,
    message?: string,
  ) {
    super(
      message ??
        `${what} needs more memory than the embedded engine's limit of ${formatMegabytes(limitBytes)} for one query.`,
    );
    this.name = 'MemoryLimitError';
  }
}

export function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`;
}

/**
 * Bytes charged between two looks at the query's deadline and cancel flag. Operators look every
 * 4,096 rows, but one row's call of range(), strrep() or make_list() can build megabytes: growth is
 * where the time goes, so growth is where the query is stopped too.
 */
const CHECK_EVERY_BYTES = 1024 * 1024;

export class MemoryBudget {
  private used = 0;
  private sinceCheck = 0;
  /** The running query's deadline and cancel check, called as the charges grow (set by the executor). */
  check: (() => void) | undefined;

  constructor(readonly limitBytes: number = DEFAULT_MEMORY_LIMIT_BYTES) {}

  get usedBytes(): number {
    return this.used;
  }

  /** Whether `bytes` more would still fit. */
  fits(bytes: number): boolean {
    return this.used + bytes <= this.limitBytes;
  }

  charge(bytes: number, what: string): void {
    if (!(bytes >= 0)) {
      return;
    }
    if (this.used + bytes > this.limitBytes) {
      throw new MemoryLimitError(what, this.limitBytes);
    }
    this.used += bytes;
    // Before the caller builds what it charged for: a stopped query does not build it.
    if ((this.sinceCheck += bytes) >= CHECK_EVERY_BYTES) {
      this.sinceCheck = 0;
      this.check?.();
    }
  }
}

let active: MemoryBudget | undefined;

/** Share of V8's heap limit past which a query stops: the rest lets it unwind and be collected. */
const HEAP_GUARD_SHARE = 0.8;
/** How often (ms) the heap is looked at: reading V8's statistics costs about 0.5 µs, a clock read 0.2 µs. */
const HEAP_GUARD_EVERY_MS = 5;

/**
 * Share of the heap limit a query must itself have added before the guard stops it: what was in use
 * when it started may be the garbage of an earlier query (one the guard stopped, say), which V8 frees
 * when it needs the room, and must not fail the small query that follows.
 */
const HEAP_GUARD_GROWTH_SHARE = 0.1;

/** Bytes in use on V8's heap and outside it (typed arrays), as one reading of its statistics gives them. */
function bytesInUse(s: ReturnType<typeof getHeapStatistics>): number {
  return s.used_heap_size + ((s as { external_memory?: number }).external_memory ?? 0);
}

/**
 * A guard on V8's own heap, for what the estimates miss. A worker thread that reaches its heap
 * limit can abort the whole process (Node gives the isolate 16 MB of slack to stop), so the query
 * stops well before: past 80% of the heap limit, or with as much outside the heap (typed arrays),
 * once the query itself has grown the heap by a tenth of its limit.
 *
 * The guard is called with the time of each check (`Date.now()`, read once per check and shared with
 * the deadline: a tiny query checks at every operator, and on a virtual machine a clock read is not free).
 * `startedAt` is when the query started, the time of the baseline reading.
 */
export function heapGuard(startedAt: number): (now: number) => void {
  const baseline = bytesInUse(getHeapStatistics());
  // The baseline is the first look: a look straight after it could never find the query grown, and
  // would double what a tiny query pays for its guard.
  let last = startedAt;
  return (now) => {
    if (now - last < HEAP_GUARD_EVERY_MS) {
      return;
    }
    last = now;
    const s = getHeapStatistics();
    const heap = s.used_heap_size;
    const inUse = bytesInUse(s);
    const full = heap > s.heap_size_limit * HEAP_GUARD_SHARE || inUse - heap > s.heap_size_limit;
    if (full && inUse - baseline > s.heap_size_limit * HEAP_GUARD_GROWTH_SHARE) {
      throw new MemoryLimitError(
        'The query',
        s.heap_size_limit,
        `The query needs more memory than the embedded engine's heap allows (${formatMegabytes(inUse)} in use, limit ${formatMegabytes(s.heap_size_limit)}).`,
      );
    }
  };
}

/** Runs `work` with `budget` as the running query's budget (restoring the previous one after). */
export function withMemoryBudget<T>(budget: MemoryBudget, work: () => T): T {
  const previous = active;
  active = budget;
  try {
    return work();
  } finally {
    active = previous;
  }
}

/** Charges the running query's budget; a no-op outside a query (e.g. constant folding in tests). */
export function chargeMemory(bytes: number, what: string): void {
  active?.charge(bytes, what);
}

/**
 * V8's own "too big" failures (a Map or Set past 2^24 entries, an array or string past its maximum
 * length, an ArrayBuffer that cannot be allocated) as a budget failure of the operator that hit them.
 */
export function asMemoryLimit(e: unknown, what: string): MemoryLimitError | undefined {
  if (e instanceof MemoryLimitError) {
    // The heap guard does not know which operator was running; the executor does.
    return e.what === 'The query' && what !== 'The query'
      ? new MemoryLimitError(what, e.limitBytes, e.message.replace(/^The query/, what))
      : e;
  }
  if (
    e instanceof RangeError &&
    /maximum size|Invalid (string|array|typed array) length|allocation failed|Array buffer/i.test(e.message)
  ) {
    const limit = active?.limitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES;
    return new MemoryLimitError(
      what,
      limit,
      `${what} builds more data than the embedded engine can hold (${e.message}); the query's memory limit is ${formatMegabytes(limit)}.`,
    );
  }
  return undefined;
}

/** A charge taken every `every` items, so hot loops pay one add and one compare per item. */
export class BatchedCharge {
  private pending = 0;

  constructor(
    private readonly bytesPerItem: number,
    private readonly what: string,
    private readonly every = 4096,
  ) {}

  add(): void {
    if (++this.pending >= this.every) {
      this.flush();
    }
  }

  flush(): void {
    if (this.pending > 0) {
      chargeMemory(this.pending * this.bytesPerItem, this.what);
      this.pending = 0;
    }
  }
}
