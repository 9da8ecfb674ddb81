/**
 * What one run of the local engine has done so far, from the load progress it reported and the result
 * it was sending, so that a timeout or cancel can say where it stopped (results/stopPoint.ts). The
 * engine worker keeps one per query (it knows best); the extension host keeps one too, for a worker that
 * did not answer in time and was ended (then only its last reports are known).
 */
import type { LoadProgress } from '../../data/loaders/fileBytes';
import { QueryCancelledError, QueryTimeoutError, withStop } from '../../results/errors';
import type { LoadStop, StopPoint } from '../../results/stopPoint';

const finished = (p: LoadProgress) => p.filesDone >= p.files && p.bytes >= p.totalBytes;

export class RunJournal {
  /** Each table's last load report, in the order the tables began loading. */
  private readonly loads = new Map<string, LoadProgress>();
  private sending: { rows: number; totalRows: number } | undefined;

  noteLoad(p: LoadProgress): void {
    this.loads.delete(p.table);
    this.loads.set(p.table, p);
  }

  /** The query had finished: its result is being sent, `rows` of `totalRows` so far. */
  noteSending(rows: number, totalRows: number): void {
    this.sending = { rows, totalRows };
  }

  /** The table still loading, as far as the reports tell: the last one begun, unless it finished. */
  private unfinishedLoad(): LoadStop | undefined {
    const last = [...this.loads.values()].at(-1);
    return last && !finished(last) ? { stage: 'load', ...last } : undefined;
  }

  /** Nothing loading: the result was being sent, or the query ran after its loads; unknown before any report. */
  private afterLoads(): StopPoint | undefined {
    if (this.sending) return { stage: 'result', ...this.sending };
    return this.loads.size ? { stage: 'query' } : undefined;
  }

  /**
   * `e` with where the run stopped, when it is a timeout or cancel: the stop the engine named (a load's
   * counts completed from its last report), else what the journal saw; with the tables that had loaded.
   */
  stopOf<E>(e: E): E {
    if (!(e instanceof QueryTimeoutError || e instanceof QueryCancelledError)) {
      return e;
    }
    let stop: StopPoint | undefined = e.stop ?? this.unfinishedLoad() ?? this.afterLoads();
    if (!stop) return e;
    if (stop.stage === 'load') {
      const last = this.loads.get(stop.table);
      // A load error without counts (a Parquet pre-load): the files and rows of its last report.
      if (last && stop.files === undefined) {
        stop = { ...stop, filesDone: last.filesDone, files: last.files, rows: last.rows };
      }
    }
    const stoppedTable = stop.stage === 'load' ? stop.table : undefined;
    const loaded = [...this.loads.values()].filter((p) => p.table !== stoppedTable && finished(p)).map((p) => p.table);
    if (loaded.length) stop = { ...stop, loaded };
    if (!e.stop) return withStop(e, stop);
    // The engine's own stop, completed: a new error of the same kind.
    return e instanceof QueryTimeoutError
      ? (withStop(new QueryTimeoutError(e.timeoutMs, e.message), stop) as E)
      : (withStop(new QueryCancelledError(e.message), stop) as E);
  }
}
