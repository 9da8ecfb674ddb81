/**
 * What a generated query (a machine action, a map click, a report) names that the workspace does not
 * have, found by binding it against the active schema with the same analyser as the editor: e.g. a
 * partial export without VMComputer.Ipv4Addresses. Callers open such a query without running it and
 * say which names are missing, instead of failing on click with the engine's error.
 */
import type { WorkspaceSchema } from '../schema/workspaceSchema';
import { analyze } from './analyze';

const UNKNOWN_NAME = /The name '([^']+)' does not refer to any known/;

/** Names the query reads that the schema lacks, in order of first use; empty when it binds. */
export function schemaGaps(query: string, schema: WorkspaceSchema): string[] {
  const names: string[] = [];
  for (const d of analyze(query, { tables: schema.tables }).diagnostics) {
    const name = d.severity === 'error' ? UNKNOWN_NAME.exec(d.message)?.[1] : undefined;
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}
