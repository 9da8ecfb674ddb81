/**
 * The language server binds a block whose binding throws on graph operators again with some of them
 * blanked (src/kql/graphInputCrash.ts), on every keystroke. The cost of finding which to blank, on blocks
 * of 50 graph operators (one bad at the start, middle or end; five; all fifty) and a small one: CPU time
 * of the whole analysis (the throwing bind included), median of the runs, the strategies taken in turns:
 *   all     every graph operator blanked, one bind more (the first version: hides the valid ones)
 *   linear  one operator at a time in text order: kept unless it makes the bind throw
 *   unbounded  bisection for the first that throws, then the rest whole, else a gallop from the last one
 *          found (throwingOperators.ts), without a budget
 *   search  what ships: the same within REBIND_BUDGET binds, then the undecided rest blanked unchecked
 *
 *   node --import tsx bench/graphRebind.ts      (BENCH_RUNS=n sets the runs per figure; default 5)
 */
import { globalsFor, isCancellation, kusto } from '../src/kql';
import { blankSpans } from '../src/kql/blankSpans';
import { graphOperators } from '../src/kql/graphInputCrash';
import { type BindAttempt, findThrowingOperators } from '../src/kql/throwingOperators';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const good = (i: number) =>
  `let g${i} = VMConnection | make-graph SourceIp --> DestinationIp | graph-match (a)-[e]->(b) where e.BytesSent > ${i} project n = node_id(a);`;
const bad = (i: number) => `let g${i} = VMConnection | graph-match (a)-->(b) project a;`;
const block = (count: number, isBad: (i: number) => boolean) =>
  `${Array.from({ length: count }, (_, i) => (isBad(i) ? bad(i) : good(i))).join('\n')}\nVMConnection | take 1`;

const cases: [string, string][] = [
  ['50 operators, bad 1st', block(50, (i) => i === 0)],
  ['50 operators, bad 25th', block(50, (i) => i === 24)],
  ['50 operators, bad 50th', block(50, (i) => i === 49)],
  ['50 operators, 5 bad', block(50, (i) => i % 10 === 3)],
  ['50 operators, all bad', block(50, () => true)],
  ['2 operators, bad 1st', block(2, (i) => i === 0)],
  [
    "the reference's graph_time_travel, no function",
    'graph_time_travel(datetime(2022-06-01)) | graph-match (e)-[m*2..5]-(b) where e.name == "Bob" project e = e.name',
  ],
];

type Strategy = (
  count: number,
  bind: BindAttempt<Kusto.Language.KustoCode>,
) => { blanked: readonly number[]; unchecked?: readonly number[] };
const strategies: [string, Strategy][] = [
  [
    'all',
    (count, bind) => {
      const all = Array.from({ length: count }, (_, i) => i);
      const r = bind(all);
      if (!r.ok) throw r.error;
      return { blanked: all };
    },
  ],
  [
    'linear',
    (count, bind) => {
      const blanked: number[] = [];
      for (let i = 0; i < count; i++) {
        const later = Array.from({ length: count - i - 1 }, (_, k) => i + 1 + k);
        if (!bind([...blanked, ...later]).ok) blanked.push(i);
      }
      return { blanked };
    },
  ],
  ['unbounded', (count, bind) => findThrowingOperators(count, bind, { binds: Number.POSITIVE_INFINITY })],
  ['search', findThrowingOperators],
];

function analyse(text: string, strategy: Strategy): { blanked: number; unchecked: number; binds: number } {
  const K = kusto();
  const globals = globalsFor();
  try {
    K.KustoCode.ParseAndAnalyze(text, globals, null as never);
    throw new Error('the block bound without throwing: the bench is moot');
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
  }
  const operators = graphOperators(text, globals);
  let binds = 1;
  const bind: BindAttempt<Kusto.Language.KustoCode> = (blanked) => {
    binds++;
    try {
      const spans = blanked.map((i) => operators[i]!);
      return { ok: true, value: K.KustoCode.ParseAndAnalyze(blankSpans(text, spans), globals, null as never)! };
    } catch (error) {
      if (isCancellation(error)) throw error;
      return { ok: false, error };
    }
  };
  const found = strategy(operators.length, bind);
  return { blanked: found.blanked.length, unchecked: found.unchecked?.length ?? 0, binds };
}

const cpuMs = (f: () => void) => {
  const before = process.cpuUsage();
  f();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Warm the library and its JIT on every case once.
for (const [, text] of cases) for (const [, s] of strategies) analyse(text, s);
for (const [name, text] of cases) {
  const times = strategies.map(() => [] as number[]);
  const shape = strategies.map(([, s]) => analyse(text, s));
  for (let r = 0; r < runs; r++) {
    strategies.forEach(([, s], i) => times[i]!.push(cpuMs(() => analyse(text, s))));
  }
  const cells = strategies.map(
    ([label], i) =>
      `${label} ${median(times[i]!).toFixed(0)} ms (${shape[i]!.binds} binds, ${shape[i]!.blanked} blanked` +
      `${shape[i]!.unchecked > 0 ? `, ${shape[i]!.unchecked} of them unchecked` : ''})`,
  );
  console.log(`${name} (${text.length} chars): ${cells.join('; ')}`);
}
