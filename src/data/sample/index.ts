/**
 * The embedded default's data: a deterministic sample workspace of the VM insights tables, generated in
 * memory (no data files). Same seed and same "now" give the same tables, row for row.
 *
 * Each table is generated from the shared model alone (the fleet and its links, cheap to build), never
 * from another table, so a table's rows are the same whether it is built first, last or on its own:
 * `sampleDatabase` builds each table on its first use, `generateSampleWorkspace` builds them all.
 */
import { type BuildControl, Database, type LazyTableEntry } from '../../engine/database';
import type { Table } from '../../engine/table';
import { buildFleet, DEFAULT_SEED, type Fleet } from './fleet';
import {
  generateServiceMapComputer,
  generateServiceMapProcess,
  generateVmComputer,
  generateVmProcess,
} from './inventory';
import { SampleClock } from './time';
import { buildLinks, type Link } from './traffic';
import { generateVmBoundPort } from './vmBoundPort';
import { generateVmConnection } from './vmConnection';

export interface SampleWorkspaceOptions {
  /** The workspace's "now": records cover the 24 hours before it (rounded down to the minute). Default: the current time. */
  readonly now?: Date;
  /** Multiplies VMConnection's rows (about 100,000 at 1) for benchmarks. Default 1. */
  readonly scale?: number;
  readonly seed?: number;
}

/** What every table is generated from. */
export interface SampleModel {
  readonly fleet: Fleet;
  readonly links: readonly Link[];
  readonly clock: SampleClock;
  readonly seed: number;
  readonly scale: number;
}

export interface SampleWorkspace extends SampleModel {
  readonly database: Database;
  readonly tables: readonly Table[];
}

export function sampleModel(options: SampleWorkspaceOptions = {}): SampleModel {
  const seed = options.seed ?? DEFAULT_SEED;
  const fleet = buildFleet(seed);
  // The clock is fixed here, so tables built later still end at the same "now".
  const clock = new SampleClock(options.now ?? new Date());
  return {
    seed,
    scale: Math.max(1, Math.floor(options.scale ?? 1)),
    clock,
    fleet,
    links: buildLinks(fleet, clock.changeMinute()),
  };
}

/** One factory per table, in the workspace's table order; the factories share nothing mutable. */
export function sampleTableFactories(model: SampleModel): LazyTableEntry[] {
  const { seed, fleet, links, clock, scale } = model;
  return [
    { name: 'VMConnection', build: () => generateVmConnection({ seed, fleet, links, clock, scale }) },
    { name: 'VMBoundPort', build: () => generateVmBoundPort(seed, fleet, links, clock) },
    { name: 'ServiceMapComputer_CL', build: () => generateServiceMapComputer(fleet, clock) },
    { name: 'ServiceMapProcess_CL', build: () => generateServiceMapProcess(fleet, links, clock) },
    { name: 'VMComputer', build: () => generateVmComputer(fleet, clock) },
    { name: 'VMProcess', build: () => generateVmProcess(fleet, links, clock) },
  ];
}

/** The sample workspace as a database whose tables are generated on first use (the local backend, the CLI). */
export function sampleDatabase(options: SampleWorkspaceOptions = {}): Database {
  // The fleet and its links are built with the first table: a query that reads no table (`kql 'print 1'`)
  // never pays for them. "now" is fixed here, as when the model was built at once.
  const fixed = { ...options, now: options.now ?? new Date() };
  let factories: LazyTableEntry[] | undefined;
  const factory = (i: number) => (factories ??= sampleTableFactories(sampleModel(fixed)))[i]!;
  return Database.lazy(
    SAMPLE_TABLE_NAMES.map((name, i) => ({
      name,
      build: (control?: BuildControl) => {
        const f = factory(i);
        if (f.name !== name) throw new Error(`Sample table ${i} is ${f.name}, not ${name}`);
        return f.build(control);
      },
    })),
  );
}

/** The sample workspace's tables, in the order sampleTableFactories gives them. */
const SAMPLE_TABLE_NAMES = [
  'VMConnection',
  'VMBoundPort',
  'ServiceMapComputer_CL',
  'ServiceMapProcess_CL',
  'VMComputer',
  'VMProcess',
] as const;

/** The whole sample workspace, every table generated now (tests, benchmarks, docs). */
export function generateSampleWorkspace(options: SampleWorkspaceOptions = {}): SampleWorkspace {
  const model = sampleModel(options);
  const tables = sampleTableFactories(model).map((f) => f.build());
  return { ...model, database: new Database(tables), tables };
}

export { DEFAULT_SEED } from './fleet';
export type { Fleet, FleetMachine, FleetProcess, PortBinding, BindKind } from './fleet';
export type { Link } from './traffic';
