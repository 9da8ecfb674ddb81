/**
 * The results header's word for a cut result: which limit cut it. A result is cut at the row limit or,
 * on the local engine, at the result size limit; the run's warnings say which (their wording is the
 * engine's, src/backends/local/runQuery.ts), and the header must not name the wrong one.
 */
export function truncationNote(warnings: readonly string[]): string {
  return warnings.some((w) => w.includes('(the size limit)'))
    ? 'truncated at the size limit'
    : 'truncated at the row limit';
}
