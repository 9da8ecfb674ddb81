/** The time range setting in words, for the status bar, the tree's description and the results header. */

const UNITS: Record<string, [string, string]> = {
  D: ['day', 'days'], H: ['hour', 'hours'], M: ['minute', 'minutes'], W: ['week', 'weeks'],
};

/** `PT30M` → "Last 30 minutes", `P7D` → "Last 7 days", `query` → "Time range set in query". */
export function timeRangeLabel(setting: string): string {
  if (setting === 'query') return 'Time range set in query';
  const simple = /^P(?:T(\d+)([HM])|(\d+)([DW]))$/.exec(setting.toUpperCase());
  if (simple) {
    const n = Number(simple[1] ?? simple[3]);
    const [one, many] = UNITS[simple[2] ?? simple[4]!]!;
    if (n === 1) return `Last ${one}`;
    return `Last ${n} ${many}`;
  }
  return `Last ${setting}`;
}
