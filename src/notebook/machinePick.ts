/**
 * What Pick Machines… lists, in which order, and what a pick writes into a report's `Computers`
 * parameter. Free of VS Code so the rules are unit-tested: the quick pick in src/ui only draws them.
 */
import { ALL_MACHINES } from './parameters';

export interface MachinePickList {
  /** Picked names the backend listed, in the parameter's order: shown first, ticked. */
  readonly picked: readonly string[];
  /** Picked names the backend did not list (no data in the time range, say): shown and ticked, so kept. */
  readonly unlisted: readonly string[];
  /** Every other listed name, in the backend's order. */
  readonly others: readonly string[];
}

/** The listed names split so the current pick comes first; "*" (all machines) is no name. */
export function machinePickList(listed: readonly string[], current: readonly string[]): MachinePickList {
  const wanted = new Set(current.filter((n) => n !== ALL_MACHINES));
  const known = new Set(listed);
  return {
    picked: [...wanted].filter((n) => known.has(n)),
    unlisted: [...wanted].filter((n) => !known.has(n)),
    others: listed.filter((n) => !wanted.has(n)),
  };
}

/**
 * The pick once the user presses Enter, from what was ticked when it opened (`before`) and what is
 * ticked now (`after`): "All machines" and single machines exclude each other, so machines ticked while
 * "All machines" stayed ticked are the pick (before, the report kept covering every machine and the
 * three ticked ones were silently ignored), and "All machines" ticked anew replaces the machines. Names,
 * with ALL_MACHINES for the "All machines" row.
 */
export function nextMachineSelection(before: readonly string[], after: readonly string[]): string[] {
  const hadAll = before.includes(ALL_MACHINES);
  const hasAll = after.includes(ALL_MACHINES);
  if (hasAll && !hadAll) {
    return [ALL_MACHINES];
  }
  if (hasAll && after.length > 1) {
    return after.filter((n) => n !== ALL_MACHINES);
  }
  return [...after];
}

/**
 * The names to write: none, "All machines" or every listed machine is all machines ("*"), which keeps
 * the report's queries short (2,000 names are ~40 KB of query text in every part sent to Log Analytics).
 */
export function computersFromPick(picked: readonly string[], listed: readonly string[]): string[] {
  if (picked.length === 0 || picked.includes(ALL_MACHINES)) {
    return [ALL_MACHINES];
  }
  const chosen = new Set(picked);
  if (listed.length > 0 && listed.every((n) => chosen.has(n))) {
    return [ALL_MACHINES];
  }
  return [...picked];
}

/** A one-line account of the parameter for the cell's status bar: "All machines", "3 machines: a, b, c". */
export function computersSummary(names: readonly string[], maxChars = 60): string {
  if (names.length === 0 || names.includes(ALL_MACHINES)) {
    return 'All machines';
  }
  const head = `${names.length.toLocaleString('en-US')} machine${names.length === 1 ? '' : 's'}: `;
  let shown = '';
  let count = 0;
  for (const name of names.map(visibleName)) {
    const next = shown === '' ? name : `${shown}, ${name}`;
    if (count > 0 && next.length > maxChars) {
      break;
    }
    shown = next.length > maxChars ? `${next.slice(0, maxChars - 1)}…` : next;
    count++;
  }
  return count < names.length ? `${head}${shown}, …` : `${head}${shown}`;
}

/**
 * A name as status-bar text: control characters and line separators as \uXXXX (they would break the
 * line), and `$(` split so a name such as `$(zap)` shows as text, not as an icon.
 */
function visibleName(name: string): string {
  return name
    .replace(/[\p{Cc}\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\$\(/g, '$\u200b(');
}
