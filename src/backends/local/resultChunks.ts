/**
 * A large result crosses from the engine's worker to the extension host in chunks of bounded size
 * rather than as one message: one structured clone of a 64 MB result would need it twice over on
 * the host at once, and the worker could not notice a cancel while it is being copied. The worker
 * sends the result's head (columns, stats, warnings: every table with no rows), then its rows a
 * chunk at a time; the host appends them in order.
 */
import type { QueryResult, ResultTable, WireValue } from '../../results/queryResult';
import { wireBytes } from './resultSize';

export interface ChunkLimits {
  /** Rows per chunk at most. */
  readonly rows: number;
  /** Bytes of wire values per chunk at most (a single larger row still goes, alone). */
  readonly bytes: number;
}

export const DEFAULT_CHUNK_LIMITS: ChunkLimits = { rows: 50_000, bytes: 4 * 1024 * 1024 };

export interface ResultChunk {
  /** Index of the table in the result's `tables`. */
  readonly table: number;
  readonly rows: readonly (readonly WireValue[])[];
}

/** The result without rows: what the host gets first. */
export function resultHead(result: QueryResult): QueryResult {
  return { ...result, tables: result.tables.map((t) => ({ ...t, rows: [] })) };
}

/** The result's rows, table by table, in chunks within the limits. */
export function* resultChunks(result: QueryResult, limits: ChunkLimits = DEFAULT_CHUNK_LIMITS): Generator<ResultChunk> {
  for (let table = 0; table < result.tables.length; table++) {
    const rows = result.tables[table]!.rows;
    let start = 0;
    while (start < rows.length) {
      let end = start;
      let bytes = 0;
      while (end < rows.length && end - start < limits.rows) {
        const row = rows[end]!;
        let rowBytes = 16;
        for (const v of row) {
          rowBytes += wireBytes(v);
        }
        if (end > start && bytes + rowBytes > limits.bytes) {
          break;
        }
        bytes += rowBytes;
        end++;
      }
      yield { table, rows: rows.slice(start, end) };
      start = end;
    }
  }
}

/** Whether the result fits in one chunk, so it can go as a single message. */
export function fitsOneChunk(result: QueryResult, limits: ChunkLimits = DEFAULT_CHUNK_LIMITS): boolean {
  let chunks = 0;
  for (const _chunk of resultChunks(result, limits)) {
    if (++chunks > 1) {
      return false;
    }
  }
  return true;
}

/** The host's side: the head, then each chunk appended to its table. */
export class ResultAssembly {
  private readonly rows: (readonly WireValue[])[][];
  chunks = 0;

  constructor(private readonly head: QueryResult) {
    this.rows = head.tables.map(() => []);
  }

  add(chunk: ResultChunk): number {
    const target = this.rows[chunk.table];
    if (!target) {
      throw new Error(`A result chunk names table ${chunk.table}, which the result does not have.`);
    }
    for (const row of chunk.rows) {
      target.push(row);
    }
    this.chunks++;
    return this.rows.reduce((n, r) => n + r.length, 0);
  }

  finish(): QueryResult {
    const tables: ResultTable[] = this.head.tables.map((t, i) => ({ ...t, rows: this.rows[i]! }));
    return { ...this.head, tables };
  }
}
