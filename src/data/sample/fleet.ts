/**
 * The sample datacenter: ~30 machines in Azure and on premises, what runs on them and which ports they
 * listen on, built from the specs in fleetSpecs.ts (where the names the seed queries use live; the m-…
 * resource names follow from their GUIDs). Everything else (GUIDs, process ids, PIDs) comes from the
 * seeded PRNG, so one seed always gives the same fleet.
 */
import { Prng } from './random';
import { type BindKind, type MachineSpec, OS, SPECS } from './fleetSpecs';
import type { Software } from './software';

export type { BindKind } from './fleetSpecs';

export interface PortBinding {
  readonly port: number;
  readonly bind: BindKind;
}

export interface FleetProcess {
  /** Short key the traffic model refers to ('sql', 'web', 'ssh', …); unique within a machine. */
  readonly key: string;
  /** Service Map process resource name, p-{hex}. */
  readonly id: string;
  readonly software: Software;
  readonly ports: readonly PortBinding[];
  readonly firstPid: number;
  /** How long before the machine's boot the process pool started: always after boot. */
  readonly startMinutesAfterBoot: number;
}

export interface AzureVm {
  readonly location: string;
  readonly publisher: string;
  readonly offering: string;
  readonly sku: string;
  readonly size: string;
  readonly resourceGroup: string;
  readonly subscriptionId: string;
  readonly vmId: string;
}

export interface FleetMachine {
  readonly name: string;
  readonly guid: string;
  /** Service Map machine resource name, m-{GUID}. */
  readonly resourceName: string;
  readonly fqdn: string;
  readonly os: 'Windows' | 'Linux';
  readonly osFullName: string;
  readonly ips: readonly string[];
  readonly ipv6: readonly string[];
  readonly macs: readonly string[];
  readonly azure?: AzureVm;
  readonly virtualizationState: 'virtual' | 'physical' | 'hypervisor';
  readonly virtualMachineType: string;
  readonly nativeVmId: string | null;
  readonly nativeVmName: string;
  readonly cpus: number;
  readonly cpuSpeedMHz: number;
  readonly memoryMB: number;
  /** Days between boot and the workspace's "now". */
  readonly bootDaysAgo: number;
  readonly timeZone: string;
  readonly processes: readonly FleetProcess[];
}

export interface Fleet {
  readonly tenantId: string;
  readonly subscriptionId: string;
  readonly machines: readonly FleetMachine[];
}

function ipv6For(ip: string): string {
  const [, , c, d] = ip.split('.').map(Number) as [number, number, number, number];
  return `fe80::20d:3aff:fe${(c & 0xff).toString(16).padStart(2, '0')}:${(d & 0xff).toString(16).padStart(2, '0')}1`;
}

function buildMachine(spec: MachineSpec, rng: Prng, subscriptionId: string): FleetMachine {
  const [family, fullName, publisher, offering, sku] = OS[spec.os];
  const guid = spec.guid ?? rng.guid();
  const domain = spec.azure ? 'acme.corp' : 'onprem.acme.corp';
  const azure: AzureVm | undefined = spec.azure && {
    location: spec.azure[0],
    size: spec.azure[1],
    resourceGroup: spec.azure[2],
    publisher,
    offering,
    sku,
    subscriptionId,
    vmId: rng.guid(),
  };
  const state = spec.onPrem?.[0] ?? 'virtual';
  const vmType = spec.onPrem ? spec.onPrem[1] : 'hyperv';
  const processes = spec.procs.map(([key, software, ports], i) => ({
    key,
    id: `p-${rng.hex(40)}`,
    software,
    ports: ports.map(([port, bind]) => ({ port, bind })),
    firstPid: family === 'Windows' ? (i === 2 ? 4 : rng.int(300, 9000) & ~3) : rng.int(400, 32000),
    startMinutesAfterBoot: key === 'curl' ? Math.floor(spec.bootDaysAgo * 1440) - rng.int(30, 600) : rng.int(0, 3),
  }));
  return {
    name: spec.name,
    guid,
    resourceName: `m-${guid}`,
    fqdn: `${spec.name}.${domain}`,
    os: family,
    osFullName: fullName,
    ips: spec.ips,
    ipv6: spec.ips.map(ipv6For),
    macs: spec.ips.map(() => `00-0D-3A-${rng.hex(2)}-${rng.hex(2)}-${rng.hex(2)}`.toUpperCase()),
    azure,
    virtualizationState: state,
    virtualMachineType: vmType,
    nativeVmId: state === 'virtual' ? rng.guid() : null,
    nativeVmName: state === 'virtual' ? (azure ? `${spec.name}_${guid.slice(0, 8)}` : spec.name.toUpperCase()) : '',
    cpus: spec.cpus,
    cpuSpeedMHz: spec.onPrem ? 2600 : rng.pick([2095, 2294, 2394, 2593]),
    memoryMB: spec.memoryGB * 1024 - (family === 'Windows' ? 0 : 312),
    bootDaysAgo: spec.bootDaysAgo,
    timeZone: spec.azure ? 'UTC' : 'UTC-08:00',
    processes,
  };
}

export const DEFAULT_SEED = 20190410;

export function buildFleet(seed = DEFAULT_SEED): Fleet {
  const rng = new Prng(seed);
  const tenantId = rng.guid();
  const subscriptionId = rng.guid();
  return { tenantId, subscriptionId, machines: SPECS.map((s) => buildMachine(s, rng, subscriptionId)) };
}

export function machineNamed(fleet: Fleet, name: string): FleetMachine {
  const m = fleet.machines.find((x) => x.name === name);
  if (!m) {
    throw new Error(`The sample fleet has no machine named ${name}`);
  }
  return m;
}

export function processKeyed(machine: FleetMachine, key: string): FleetProcess {
  const p = machine.processes.find((x) => x.key === key);
  if (!p) {
    throw new Error(`${machine.name} runs no process keyed ${key}`);
  }
  return p;
}

/** The IP a binding listens on in VMBoundPort records with activity. */
export function bindingIp(machine: FleetMachine, bind: BindKind): string {
  return bind === 'loopback' ? '127.0.0.1' : machine.ips[0]!;
}
