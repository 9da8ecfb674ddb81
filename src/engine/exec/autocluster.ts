/**
 * evaluate autocluster([SizeWeight, WeightColumn, NumSeeds, CustomWildcard…]): a few patterns that
 * together describe much of the data, by the Seed-Expand search the reference names.
 *
 * What the reference fixes, and is followed: a pattern's score is the weighted geometric mean of how
 * much of the data it covers (generic) and how many values its rows share (informative), with
 * weights SizeWeight and 1 − SizeWeight; NumSeeds local searches; the output's shape (SegmentId,
 * Count, Percent, then the input's columns holding a value or the wildcard); overlapping patterns
 * that need not cover every row. What it leaves open, chosen here (docs/engine-coverage.md says so):
 * - generic = the pattern's share of the rows' weight; informative = the share of the dimensions it
 *   fixes, not counting those on which every row agrees (they are in every pattern, for nothing);
 * - values held by under 0.5% of the rows are never a pattern's;
 * - a seed is the heaviest distinct row that no pattern found so far matches (so seeds spread out,
 *   and the answer is the same on every run);
 * - expanding a seed climbs from the empty pattern by one move at a time, fixing one more of the
 *   seed's values or freeing one, always the move that raises the score most, until none does;
 * - of the patterns found, best score first, one more general or more specific than one already
 *   taken is dropped. Rows: by score, best first.
 */
import type { Plan } from '../plan/types';
import type { Table } from '../table';
import type { ExecContext } from './context';
import { closure, type Encoded, encode, generalizes, type Pattern, patternTable } from './patternMining';

/**
 * Values held by less than this share of the rows are dropped before the search: a pattern holding
 * one covers at most that share, far below what the score lets through, and dropping them folds
 * rows that differ only in times or ids into one.
 */
const RARE = 0.005;

interface Scored {
  readonly pattern: Pattern;
  readonly weight: number;
  readonly score: number;
}

export function runAutocluster(plan: Extract<Plan, { k: 'patterns' }>, input: Table, ctx: ExecContext): Table {
  const e = encode(
    input,
    plan.options,
    1,
    () => 0,
    ctx,
    (w, totals) => w[0]! >= RARE * totals[0]!,
  );
  const total = e.totals[0]!;
  // A value every row holds tells no cluster from another: it is in every pattern, and not scored.
  const constant = closure(
    e,
    Int32Array.from({ length: e.count }, (_, i) => i),
  );
  const dims = constant.filter((v) => v < 0).length;
  const s = plan.options.sizeWeight;
  const score = (weight: number, fixed: number) =>
    fixed === 0 || weight <= 0 ? 0 : (weight / total) ** s * (fixed / dims) ** (1 - s);
  const weights = e.weights[0]!;
  if (dims === 0) {
    // Every row alike (or none): that one pattern, if it holds any value.
    const one = e.count > 0 && constant.some((v) => v >= 0);
    return patternTable(plan, e, one ? [constant] : [], one ? [[0, Math.round(total), 100]] : []);
  }
  const order = Array.from({ length: e.count }, (_, i) => i).sort((a, b) => weights[b]! - weights[a]! || a - b);
  const found: Scored[] = [];
  for (let seeds = 0; seeds < plan.options.numSeeds; seeds++) {
    ctx.check();
    const seed = order.find((t) => hasValue(e, t) && !found.some((f) => matches(e, f.pattern, t)));
    if (seed === undefined) {
      break;
    }
    const best = expand(e, constant, seed, score, ctx);
    if (!found.some((f) => f.pattern.every((v, d) => v === best.pattern[d]))) {
      found.push(best);
    }
  }
  found.sort((a, b) => b.score - a.score || b.weight - a.weight);
  const kept: Scored[] = [];
  for (const f of found) {
    if (!kept.some((k) => generalizes(k.pattern, f.pattern) || generalizes(f.pattern, k.pattern))) {
      kept.push(f);
    }
  }
  return patternTable(
    plan,
    e,
    kept.map((k) => k.pattern),
    kept.map((k, i) => [i, Math.round(k.weight), (100 * k.weight) / total]),
  );
}

function hasValue(e: Encoded, t: number): boolean {
  return e.ids.some((col) => col[t]! >= 0);
}

function matches(e: Encoded, p: Pattern, t: number): boolean {
  for (let d = 0; d < p.length; d++) {
    if (p[d]! >= 0 && e.ids[d]![t] !== p[d]) {
      return false;
    }
  }
  return true;
}

/**
 * Hill-climbing from the empty pattern over the seed's values. One pass over the tuples prices every
 * move: a tuple matching the pattern counts for each value it shares with the seed (fixing it) and
 * for every freeing; a tuple missing exactly one fixed value counts for freeing that one.
 */
function expand(
  e: Encoded,
  constant: Pattern,
  seed: number,
  score: (w: number, fixed: number) => number,
  ctx: ExecContext,
): Scored {
  const dims = e.ids.length;
  const weights = e.weights[0]!;
  const p = Int32Array.from(constant);
  let fixed = 0;
  let weight = 0;
  let current = 0;
  const fixWeight = new Float64Array(dims);
  const freeWeight = new Float64Array(dims);
  for (;;) {
    ctx.check();
    fixWeight.fill(0);
    freeWeight.fill(0);
    let covered = 0;
    for (let t = 0; t < e.count; t++) {
      let missed = -1;
      let misses = 0;
      for (let d = 0; d < dims && misses < 2; d++) {
        if (p[d]! >= 0 && e.ids[d]![t] !== p[d]) {
          missed = d;
          misses++;
        }
      }
      const w = weights[t]!;
      if (misses === 1) {
        freeWeight[missed] = freeWeight[missed]! + w;
      } else if (misses === 0) {
        covered += w;
        for (let d = 0; d < dims; d++) {
          if (p[d]! >= 0) {
            freeWeight[d] = freeWeight[d]! + w;
          } else if (e.ids[d]![t] === e.ids[d]![seed] && e.ids[d]![seed]! >= 0) {
            fixWeight[d] = fixWeight[d]! + w;
          }
        }
      }
    }
    weight = covered;
    let move = -1;
    let moveScore = current;
    for (let d = 0; d < dims; d++) {
      if (constant[d]! >= 0) {
        continue;
      }
      const candidate =
        p[d]! >= 0 ? score(freeWeight[d]!, fixed - 1) : e.ids[d]![seed]! >= 0 ? score(fixWeight[d]!, fixed + 1) : 0;
      // Strictly better by more than rounding, so the climb always ends.
      if (candidate > moveScore * (1 + 1e-12)) {
        move = d;
        moveScore = candidate;
      }
    }
    if (move < 0) {
      return { pattern: p, weight, score: current };
    }
    if (p[move]! >= 0) {
      p[move] = -1;
      fixed--;
    } else {
      p[move] = e.ids[move]![seed]!;
      fixed++;
    }
    current = moveScore;
  }
}
