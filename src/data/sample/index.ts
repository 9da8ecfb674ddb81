/**
 * The embedded default's data: a deterministic sample workspace of the VM insights tables, generated in
 * memory (no data files). Same seed and same "now" give the same tables, row for row.
 */
import { Database } from '../../engine/database';
import type { Table } from '../../engine/table';
import { buildFleet, DEFAULT_SEED, type Fleet } from './fleet';
import { generateInventory } from './inventory';
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

export interface SampleWorkspace {
  readonly database: Database;
  readonly tables: readonly Table[];
  /** The model the tables were generated from, for tests and the docs. */
  readonly fleet: Fleet;
  readonly links: readonly Link[];
  readonly clock: SampleClock;
  readonly seed: number;
}

export function generateSampleWorkspace(options: SampleWorkspaceOptions = {}): SampleWorkspace {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = Math.max(1, Math.floor(options.scale ?? 1));
  const clock = new SampleClock(options.now ?? new Date());
  const fleet = buildFleet(seed);
  const links = buildLinks(fleet);
  const inventory = generateInventory(fleet, links, clock);
  const tables = [
    generateVmConnection({ seed, fleet, links, clock, scale }),
    generateVmBoundPort(seed, fleet, links, clock),
    inventory.serviceMapComputer,
    inventory.serviceMapProcess,
    inventory.vmComputer,
    inventory.vmProcess,
  ];
  return { database: new Database(tables), tables, fleet, links, clock, seed };
}

export { DEFAULT_SEED } from './fleet';
export type { Fleet, FleetMachine, FleetProcess, PortBinding, BindKind } from './fleet';
export type { Link } from './traffic';
