/**
 * Which parts of "what changed" a backend can compare. A workspace or data folder without VMBoundPort,
 * or without both process tables, still compares its connections; the left-out part is named with the
 * table and the file or feature that would provide it, where before the whole compare failed. Pure.
 */
import type { QueryBackend } from '../../backends/queryBackend';
import { missingTables, missingTablesText, PORT_TABLES, PROCESS_TABLES } from '../machines/missingTables';
import type { DiffParts } from './mapDiffQuery';

export interface DiffPlan {
  readonly parts: DiffParts;
  /** One sentence per part left out, for the diff's header. */
  readonly notes: string[];
}

export async function diffPlan(
  backend: Pick<QueryBackend, 'id' | 'label' | 'schema'>,
  signal?: AbortSignal,
): Promise<DiffPlan> {
  const missing = (await missingTables(backend, [...PORT_TABLES, ...PROCESS_TABLES], signal)) ?? [];
  const ports = !PORT_TABLES.every((t) => missing.includes(t));
  const processes = !PROCESS_TABLES.every((t) => missing.includes(t));
  return {
    parts: { ports, processes },
    notes: [
      ...(ports ? [] : [missingTablesText('listening ports compared', [...PORT_TABLES], backend)]),
      ...(processes ? [] : [missingTablesText('processes compared', [...PROCESS_TABLES], backend)]),
    ],
  };
}
