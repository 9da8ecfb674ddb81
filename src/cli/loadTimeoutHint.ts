/** What `kql` adds when --timeout ran out in a table's load rather than in the query (see LoadTimeoutError). */
import { LoadTimeoutError } from '../data/loaders/loadTimeout';

/** The error's message, with what the user can do about a load that outlasts the timeout; undefined for other errors. */
export function loadTimeoutText(e: unknown, cache: boolean): string | undefined {
  if (!(e instanceof LoadTimeoutError)) {
    return undefined;
  }
  const later = cache ? ' A load that finishes is kept in the load cache, so later runs skip it.' : '';
  return `${e.message} A first load of a large export can take longer than the query; allow more with --timeout SECONDS.${later}`;
}
