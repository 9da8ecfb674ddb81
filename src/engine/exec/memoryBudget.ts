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
 * Looks at the running query's deadline and cancel flag now: for a function whose one call can take
 * long on one row (parse_user_agent over a long text), where operators look only every 4,096 rows.
 * A no-op outside a query.
 */
export function checkQueryProgress(): void {
  active?.check?.();
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
