/**
 * Group numbers for rows whose combined key ids are few but spread over a wide span: summarize's
 * direct table (one slot per possible id) costs its whole span to allocate and fill on every run,
 * 2 MB for 4,000 rows of `summarize by Computer, Port, Protocol`. Here an open-addressing table sized
 * to the rows holds the ids seen. Group numbers follow first appearance, as with the direct table.
 */
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

/** Above this many possible ids per row the direct table costs more than hashing the rows. */
const DIRECT_SPAN_PER_ROW = 16;

/** Whether `span` possible ids over `n` rows are better hashed than looked up in a direct table. */
export function hashBeatsDirectTable(span: number, n: number): boolean {
  return span > 4096 && span > DIRECT_SPAN_PER_ROW * n;
}

/**
 * Writes each row's group into `groupOf` and each new group's first row into `firstRows`; `ids` holds
 * every row's combined key id, each within 0 … 2^31−1.
 */
export function hashedGroups(
  ids: Int32Array,
  n: number,
  groupOf: Int32Array,
  firstRows: number[],
  ctx: ExecContext,
): void {
  // At most half full: probes stay short.
  let bits = 4;
  while (1 << bits < 2 * n) {
    bits++;
  }
  const mask = (1 << bits) - 1;
  const shift = 32 - bits;
  const keys = new Int32Array(1 << bits).fill(-1);
  const groups = new Int32Array(1 << bits);
  for (let start = 0; start < n; start += CHECK_INTERVAL) {
    ctx.check();
    const end = Math.min(n, start + CHECK_INTERVAL);
    for (let i = start; i < end; i++) {
      const id = ids[i]!;
      // Fibonacci hashing: the top bits of the id times 2^32/φ spread neighbouring ids apart.
      let h = Math.imul(id, 0x9e3779b1) >>> shift;
      let k = keys[h]!;
      while (k !== id && k !== -1) {
        h = (h + 1) & mask;
        k = keys[h]!;
      }
      if (k === -1) {
        keys[h] = id;
        groups[h] = firstRows.length;
        firstRows.push(i);
      }
      groupOf[i] = groups[h]!;
    }
  }
}

/**
 * The same for combined ids up to 2^53 (many keys, or keys of many values), in place of a Map from id to
 * group: the table starts small and doubles as groups appear, so it holds only the ids seen. `onGroup`
 * is told each new group's number (memory accounting).
 */
export function hashedWideGroups(
  ids: Float64Array,
  n: number,
  groupOf: Int32Array,
  firstRows: number[],
  ctx: ExecContext,
  onGroup: (group: number) => void,
): void {
  let bits = 10;
  let keys = new Float64Array(1 << bits).fill(-1);
  let groups = new Int32Array(1 << bits);
  for (let start = 0; start < n; start += CHECK_INTERVAL) {
    ctx.check();
    const end = Math.min(n, start + CHECK_INTERVAL);
    for (let i = start; i < end; i++) {
      const id = ids[i]!;
      let h = wideSlot(id, bits);
      const mask = (1 << bits) - 1;
      let k = keys[h]!;
      while (k !== id && k !== -1) {
        h = (h + 1) & mask;
        k = keys[h]!;
      }
      if (k === -1) {
        const g = firstRows.length;
        onGroup(g);
        keys[h] = id;
        groups[h] = g;
        firstRows.push(i);
        groupOf[i] = g;
        if (2 * (g + 1) > 1 << bits) {
          // Over half full: twice the room, every id placed again.
          const oldKeys = keys;
          const oldGroups = groups;
          bits++;
          keys = new Float64Array(1 << bits).fill(-1);
          groups = new Int32Array(1 << bits);
          const m = (1 << bits) - 1;
          for (let s = 0; s < oldKeys.length; s++) {
            const key = oldKeys[s]!;
            if (key !== -1) {
              let t = wideSlot(key, bits);
              while (keys[t] !== -1) {
                t = (t + 1) & m;
              }
              keys[t] = key;
              groups[t] = oldGroups[s]!;
            }
          }
        }
      } else {
        groupOf[i] = groups[h]!;
      }
    }
  }
}

/** The home slot of an id below 2^53 in a table of 2^bits slots: both 32-bit halves mixed, top bits kept. */
function wideSlot(id: number, bits: number): number {
  const low = id >>> 0;
  const high = (id / 4294967296) | 0;
  return Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> (32 - bits);
}
