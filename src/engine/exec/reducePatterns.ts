/**
 * The grouping behind `reduce by Expr [with threshold=T, characters=C]`: strings that differ only in
 * some of their terms become one pattern, those terms written `*`.
 *
 * The reference describes the outcome, not the algorithm (it cites Vaarandi's SLCT, whose support
 * threshold works the other way round from the documented examples: there a *smaller* threshold gives
 * fewer, wider groups). What this does, chosen to give the reference's runnable examples:
 *  - terms are the runs between separators: the characters of C when given, else every character that
 *    is not an ASCII letter or digit;
 *  - values with the same number of terms are compared position by position; a position is a wildcard
 *    when it holds more than one distinct term and more distinct terms than T × the number of such
 *    values (T = 0.001 over "MachineLearningX0…9" ×1000 makes the digit a wildcard; T = 0.9 keeps ten
 *    groups; with C = "Z", "foo" is the same in all of "fooZ1…10" and the numbers vary);
 *  - a wildcard swallows the non-blank separators just before it ("MachineLearningX4" gives
 *    "MachineLearning*", as documented), and adjacent wildcards merge;
 *  - a value whose every term is a wildcard has no pattern: such values are counted together as
 *    "others", with an empty representative, as in the reference's default-characters example.
 * Groups come in the order of their first value, "others" last; the representative is that first value.
 */

export interface ReduceOptions {
  readonly threshold: number;
  /** The separator characters; undefined for the default (everything but ASCII letters and digits). */
  readonly characters: string | undefined;
}

export const OTHERS = 'others';

interface Split {
  /** separators[i] precedes terms[i]; separators[terms.length] is the tail. */
  readonly separators: string[];
  readonly terms: string[];
}

function separatorTest(characters: string | undefined): (c: string) => boolean {
  if (characters !== undefined) {
    const set = new Set(characters);
    return (c) => set.has(c);
  }
  return (c) => !/^[A-Za-z0-9]$/.test(c);
}

function split(text: string, isSeparator: (c: string) => boolean): Split {
  const separators: string[] = [];
  const terms: string[] = [];
  let sep = '';
  let term = '';
  for (const c of text) {
    if (isSeparator(c)) {
      if (term !== '') {
        terms.push(term);
        term = '';
      }
      sep += c;
    } else {
      if (term === '') {
        separators.push(sep);
        sep = '';
      }
      term += c;
    }
  }
  if (term !== '') {
    terms.push(term);
  }
  separators.push(sep);
  return { separators, terms };
}

/** Which positions vary, per number of terms. */
function wildcardPositions(splits: readonly Split[], threshold: number): Map<number, boolean[]> {
  const byLength = new Map<number, { rows: number; distinct: Set<string>[] }>();
  for (const s of splits) {
    const n = s.terms.length;
    let group = byLength.get(n);
    if (!group) {
      group = { rows: 0, distinct: Array.from({ length: n }, () => new Set<string>()) };
      byLength.set(n, group);
    }
    group.rows++;
    s.terms.forEach((t, i) => group!.distinct[i]!.add(t));
  }
  const out = new Map<number, boolean[]>();
  for (const [n, g] of byLength) {
    out.set(
      n,
      g.distinct.map((d) => d.size > 1 && d.size > threshold * g.rows),
    );
  }
  return out;
}

function patternOf(s: Split, wild: readonly boolean[]): string | undefined {
  if (s.terms.length > 0 && wild.every((w) => w)) {
    return undefined;
  }
  let out = '';
  let afterWildcard = false;
  s.terms.forEach((term, i) => {
    const sep = s.separators[i]!;
    if (!wild[i]) {
      out += sep + term;
    } else if (!afterWildcard) {
      out += `${sep.replace(/\S/g, '')}*`;
    }
    afterWildcard = wild[i]!;
  });
  return out + s.separators[s.terms.length]!;
}

/** The pattern of each value, undefined for the values that go to "others". */
export function reducePatterns(values: readonly string[], options: ReduceOptions): (string | undefined)[] {
  const isSeparator = separatorTest(options.characters);
  const splits = values.map((v) => split(v, isSeparator));
  const wild = wildcardPositions(splits, options.threshold);
  return splits.map((s) => patternOf(s, wild.get(s.terms.length)!));
}

export interface ReducedGroup {
  readonly pattern: string;
  readonly count: number;
  readonly representative: string;
}

export interface Reduction {
  /** The groups in the order of their first value, "others" last. */
  readonly groups: readonly ReducedGroup[];
  /** The index in `groups` of each value's group. */
  readonly groupOf: Int32Array;
}

/** The groups `reduce` outputs and the group of each value (for kind=source). */
export function reduce(values: readonly string[], options: ReduceOptions): Reduction {
  const patterns = reducePatterns(values, options);
  const index = new Map<string, number>();
  const groups: { pattern: string; count: number; representative: string }[] = [];
  const groupOf = new Int32Array(values.length);
  const othersRows: number[] = [];
  patterns.forEach((p, i) => {
    if (p === undefined) {
      othersRows.push(i);
      return;
    }
    let g = index.get(p);
    if (g === undefined) {
      g = groups.length;
      index.set(p, g);
      groups.push({ pattern: p, count: 0, representative: values[i]! });
    }
    groups[g]!.count++;
    groupOf[i] = g;
  });
  if (othersRows.length > 0) {
    for (const i of othersRows) {
      groupOf[i] = groups.length;
    }
    groups.push({ pattern: OTHERS, count: othersRows.length, representative: '' });
  }
  return { groups, groupOf };
}
