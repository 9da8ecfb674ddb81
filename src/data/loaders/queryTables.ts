/**
 * Which of a folder's tables a query's text may read, found without analysing it (the language
 * library's first analysis costs seconds at start-up, and this runs before every query). It errs on
 * the side of more: a table named anywhere in the text counts, and `union` over a wildcard or
 * `table(…)` with a computed name count as every table. A table counted but not read costs only its
 * load; one read but not counted is an error naming the table, never a wrong answer.
 */

function escapeRegExp(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function tablesNamedIn(query: string, tables: readonly string[]): string[] {
  if (/\bunion\b[^|]*\*/i.test(query) || /\b(table|database|cluster)\s*\(/i.test(query)) {
    return [...tables];
  }
  return namesIn(query, tables);
}

/** Which of `names` occur in the query's text as whole words (anywhere: in strings and comments too). */
export function namesIn(query: string, names: readonly string[]): string[] {
  return names.filter((name) => new RegExp(`(^|[^\\w$])${escapeRegExp(name)}($|[^\\w$])`).test(query));
}
