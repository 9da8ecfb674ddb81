/**
 * ipv4_lookup / ipv6_lookup over a prefix index, against a plain hash `join` on the same data.
 * 200,000 input addresses; the lookup tables:
 *  - 10,000 single addresses: as a string key of `join kind=inner` (the reference), and as /32
 *    networks of ipv4_lookup (the same matches, so the figures compare like for like);
 *  - 10,000 /24 networks with 100 /16 ones above them (two prefix lengths, nested);
 *  - 1,000 /24 networks, to show the cost barely grows with the table (a search, not a scan);
 *  - 10,000 /48 IPv6 networks for ipv6_lookup over IPv6 addresses.
 * Every figure is rows of input per second, median of the runs, the cases taken in turns.
 *
 *   node --import tsx bench/ipLookup.ts      (BENCH_RUNS=n sets the runs per figure; default 5)
 */
import { Database, Table } from '../src/engine';
import { timeInTurns } from './queriesInTurns';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const INPUT_ROWS = 200_000;

/** A deterministic pseudo-random sequence (xorshift), so every run measures the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

function table(name: string, columns: [string, 'string' | 'long'][], rows: unknown[][]): Table {
  return Table.fromRows(
    columns.map(([n, type]) => ({ name: n, type })),
    rows as never,
    name,
  );
}

const next = random(29);
/** The i-th /24 network's first three octets: spread over 10.0.0.0/8 and 172.16.0.0/12. */
const subnet = (i: number): string =>
  i % 2 === 0 ? `10.${(i >> 8) & 255}.${i & 255}` : `172.${16 + ((i >> 8) & 15)}.${i & 255}`;
const addresses = Array.from({ length: 10_000 }, (_, i) => `${subnet(i)}.${1 + (i % 250)}`);
// Half the input hits a listed address, the rest other hosts of the same networks or nothing.
const input = Array.from({ length: INPUT_ROWS }, (_, i) => {
  const k = next() % 10_000;
  return [i, i % 2 === 0 ? addresses[k]! : `${subnet(k)}.${next() % 256}`];
});
const input6 = Array.from({ length: INPUT_ROWS }, (_, i) => [
  i,
  `2001:db8:${(next() % 12_000).toString(16)}:${(next() % 65536).toString(16)}::${(next() % 65536).toString(16)}`,
]);

const db = new Database([
  table(
    'IPs',
    [
      ['id', 'long'],
      ['ip', 'string'],
    ],
    input,
  ),
  table(
    'IPs6',
    [
      ['id', 'long'],
      ['ip', 'string'],
    ],
    input6,
  ),
  table(
    'Hosts',
    [
      ['addr', 'string'],
      ['site', 'string'],
    ],
    addresses.map((a, i) => [a, `s${i}`]),
  ),
  table(
    'Hosts32',
    [
      ['net', 'string'],
      ['site', 'string'],
    ],
    addresses.map((a, i) => [`${a}/32`, `s${i}`]),
  ),
  table(
    'Subnets',
    [
      ['net', 'string'],
      ['site', 'string'],
    ],
    [
      ...Array.from({ length: 10_000 }, (_, i) => [`${subnet(i)}.0/24`, `n${i}`]),
      ...Array.from({ length: 100 }, (_, i) => [`10.${i}.0.0/16`, `b${i}`]),
    ],
  ),
  table(
    'Subnets1k',
    [
      ['net', 'string'],
      ['site', 'string'],
    ],
    Array.from({ length: 1_000 }, (_, i) => [`${subnet(i)}.0/24`, `n${i}`]),
  ),
  table(
    'Subnets6',
    [
      ['net', 'string'],
      ['site', 'string'],
    ],
    Array.from({ length: 10_000 }, (_, i) => [`2001:db8:${i.toString(16)}::/48`, `v${i}`]),
  ),
]);

const cases: [string, string][] = [
  ['join kind=inner on the address (reference)', 'IPs | join kind=inner (Hosts) on $left.ip == $right.addr | count'],
  ['ipv4_lookup, the same 10,000 addresses as /32', 'IPs | evaluate ipv4_lookup(Hosts32, ip, net) | count'],
  ['ipv4_lookup, 10,000 /24 + 100 /16 networks', 'IPs | evaluate ipv4_lookup(Subnets, ip, net) | count'],
  ['ipv4_lookup, 1,000 /24 networks', 'IPs | evaluate ipv4_lookup(Subnets1k, ip, net) | count'],
  ['ipv6_lookup, 10,000 /48 networks', 'IPs6 | evaluate ipv6_lookup(Subnets6, ip, net) | count'],
];

const { medians, answers: counts } = timeInTurns(
  db,
  cases.map(([, query]) => query),
  runs,
);
const reference = medians[0]!;
console.log(`IP lookups, ${INPUT_ROWS.toLocaleString('en')} input rows (median of ${runs}, in turns):`);
cases.forEach(([label], k) => {
  const ms = medians[k]!;
  const rate = (INPUT_ROWS / ms) * 1000;
  console.log(
    `  ${label.padEnd(48)} ${(rate / 1e6).toFixed(2).padStart(6)} M rows/s  ${(ms / reference).toFixed(2).padStart(6)}× the join's time  (${ms.toFixed(0)} ms, ${String(counts[k])} rows)`,
  );
});
