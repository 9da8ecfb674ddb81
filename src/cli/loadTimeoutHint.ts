/**
 * What `kql` adds when --timeout ran out: in a table's load (see LoadTimeoutError), what the user can do
 * about it; in the query, which operator was running (results/stopPoint.ts, as the editor says it).
 */
import { LoadTimeoutError } from '../data/loaders/loadTimeout';
import { QueryTimeoutError } from '../results/errors';
import { describeStop } from '../results/stopPoint';

/** The error's message, with what the user can do about a load that outlasts the timeout; undefined for other errors. */
export function loadTimeoutText(e: unknown, cache: boolean): string | undefined {
  if (!(e instanceof LoadTimeoutError)) {
    return undefined;
  }
  const later = cache ? ' A load that finishes is kept in the load cache, so later runs skip it.' : '';
  return `${e.message} A first load of a large export can take longer than the query; allow more with --timeout SECONDS.${later}`;
}

/** A timeout in the query itself, with the operator it stopped in; undefined for other errors and loads. */
export function queryTimeoutText(e: unknown): string | undefined {
  if (!(e instanceof QueryTimeoutError) || e.stop?.stage !== 'query' || !e.stop.operator) {
    return undefined;
  }
  return `${e.message} ${describeStop(e.stop)}`;
}
