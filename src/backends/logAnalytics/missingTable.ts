/**
 * A query that reads a table the workspace lacks is refused by the service with a semantic error
 * (SEM0100, "'summarize' operator: Failed to resolve table or column expression named 'VMBoundPort'").
 * For the tables this extension's views and reports read, that is not a mistake in the query but a
 * workspace without that data: the error says which table is missing and what writes it.
 */
import { MissingTableError } from '../../results/errors';
import { CATALOGUE } from '../../schema/catalogue';
import { tableOrigin } from '../../schema/tableOrigins';

const CATALOGUE_TABLES = new Set(CATALOGUE.map((t) => t.name));

/** "Failed to resolve table expression named 'X'", "… table or column expression named 'X'". */
const UNRESOLVED =
  /Failed to resolve (?:table|table or column|scalar or table|table or scalar) expression named '([^']+)'/gi;

/** The catalogue tables the service's messages say it could not resolve, in the order named. */
export function unresolvedCatalogueTables(messages: readonly string[]): string[] {
  const found: string[] = [];
  for (const m of messages) {
    for (const match of m.matchAll(UNRESOLVED)) {
      const name = match[1]!;
      if (CATALOGUE_TABLES.has(name) && !found.includes(name)) found.push(name);
    }
  }
  return found;
}

/** The error for a query the service refused because the workspace lacks catalogue `tables`. */
export function missingTableError(tables: readonly string[], said: string, status: number): MissingTableError {
  const one = tables.length === 1;
  const names = one ? `${tables[0]} table` : `${tables.slice(0, -1).join(', ')} or ${tables[tables.length - 1]} tables`;
  const origins = [...new Set(tables.map(tableOrigin).filter((o): o is string => o !== undefined))];
  const writtenBy = origins.length
    ? ` ${one ? `${tables[0]} is` : 'They are'} written by ${origins.join(' and ')}.`
    : '';
  return new MissingTableError(
    tables,
    `This workspace has no ${names}, which the query reads (Log Analytics said: ${said}).${writtenBy}`,
    status,
  );
}
