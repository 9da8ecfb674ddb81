/**
 * What writes each table of the catalogue into a workspace, so a message about a missing table can
 * say what would make it appear (a report part that cannot run, a data folder without the file).
 */
const ORIGIN: Readonly<Record<string, string>> = {
  VMConnection: 'VM insights with processes and dependencies (the Dependency agent)',
  VMBoundPort: 'VM insights with processes and dependencies (the Dependency agent)',
  VMComputer: 'VM insights with processes and dependencies (the Dependency agent)',
  VMProcess: 'VM insights with processes and dependencies (the Dependency agent)',
  ServiceMapComputer_CL: 'the Service Map solution',
  ServiceMapProcess_CL: 'the Service Map solution',
};

/** "the Service Map solution" for ServiceMapComputer_CL; undefined for a table not in the catalogue. */
export function tableOrigin(table: string): string | undefined {
  return ORIGIN[table];
}
