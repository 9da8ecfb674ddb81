/**
 * A query's time running out while a table it reads is still loading. The first query over a large
 * export spends its time in the load (a 3 GB CSV takes one to two minutes), and "The query did not
 * finish within 120 s" sent the user looking at the query; the load is cut, so the load cache never
 * gets the table and every run ends the same way. This says which table and how far its load got.
 */
import { QueryCancelledError, QueryTimeoutError, withStop } from '../../results/errors';
import type { LoadControl } from './fileBytes';

const mb = (bytes: number) => (bytes / 1048576).toLocaleString('en-US', { maximumFractionDigits: 1 });

/** How far a load got besides its bytes: the file it is in (0-based: the files done) and the rows taken. */
export interface LoadCounts {
  readonly filesDone: number;
  readonly files: number;
  readonly rows: number;
}

/** Named QueryTimeoutError still (the editor tells a timeout by that name too). */
export class LoadTimeoutError extends QueryTimeoutError {
  constructor(
    timeoutMs: number,
    readonly table: string,
    readonly bytes: number,
    readonly totalBytes: number,
    /** The files read and the rows taken so far, for the editor's words (results/stopPoint.ts). */
    counts?: LoadCounts,
  ) {
    super(
      timeoutMs,
      `The query did not finish within ${Math.round(timeoutMs / 1000)} s: it was still loading ${table} from its files (${mb(bytes)} of ${mb(totalBytes)} MB read).`,
      { stage: 'load', table, bytes, totalBytes, ...counts },
    );
  }
}

/** `control.check`, with a timeout (or cancel) it throws named as the load of `table` (`read()` bytes of `totalBytes`). */
export function loadCheck(
  control: LoadControl,
  table: string,
  read: () => number,
  totalBytes: number,
  counts?: () => LoadCounts,
): (() => void) | undefined {
  const check = control.check;
  if (!check) {
    return undefined;
  }
  return () => {
    try {
      check();
    } catch (e) {
      if (e instanceof QueryTimeoutError && !(e instanceof LoadTimeoutError)) {
        throw new LoadTimeoutError(e.timeoutMs, table, read(), totalBytes, counts?.());
      }
      // A cancel says so in its own words; where it stopped goes with it for the editor.
      if (e instanceof QueryCancelledError) {
        throw withStop(e, { stage: 'load', table, bytes: read(), totalBytes, ...counts?.() });
      }
      throw e;
    }
  };
}
