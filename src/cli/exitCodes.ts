/**
 * The `kql` command's exit statuses, one per kind of failure, so a script can tell a wrong command line
 * from a failing query from missing data. `kql check` uses 1 for a finding that is an error. Ctrl+C
 * gives 130 (128 + SIGINT, as the shell reports it): the command does not catch the signal, since its
 * work is synchronous and the signal ends it at once, and a load cache entry is renamed into place
 * only once whole (LoadCache.put).
 */
export const EXIT_OK = 0;
/** A query failed (syntax, names, a limit, the timeout), or its results could not be written. */
export const EXIT_QUERY_FAILED = 1;
/** The command line is wrong: an unknown option, a bad value, no query, a -f file that cannot be read. */
export const EXIT_USAGE = 2;
/** The --data folder (or file) is missing, cannot be read, or holds no table that loads. */
export const EXIT_DATA = 3;
/** The data the command was pointed at cannot be used: exits with EXIT_DATA. */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}
