/** Synthetic fleets for the map benchmarks: the same rows for the same sizes, run after run. */
import type { MapGraphMessage } from '../../src/protocol/mapMessages';
import { buildFleetGraph, type FleetConnection } from '../../src/render/fleetGraph';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PORTS = [443, 80, 1433, 5432, 6379, 9092, 8080, 389, 53, 22];

/** A fleet: machines on 10.x, each with 10 processes; 70% of connections to other machines, the rest to the internet. */
export function fleet(machines: number, connections: number): FleetConnection[] {
  const r = rng(machines * 7919 + connections);
  const rows: FleetConnection[] = [];
  for (let i = 0; i < connections; i++) {
    const m = Math.floor(r() * machines);
    const p = Math.floor(r() * 10);
    const internal = r() < 0.7;
    const target = Math.floor(r() * machines);
    const port = PORTS[Math.floor(r() * PORTS.length)]!;
    rows.push({
      machine: `m-${m}`,
      computer: `host-${String(m).padStart(3, '0')}`,
      process: `m-${m}/p-${p}`,
      processName: `proc-${p}`,
      remoteIp: internal
        ? `10.${target >> 8}.${target & 255}.10`
        : `${20 + Math.floor(r() * 200)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`,
      port,
      protocol: 'tcp',
      remoteMachine: internal ? `m-${target}` : '',
      remoteComputer: internal ? `host-${String(target).padStart(3, '0')}` : '',
      bytesSent: Math.floor(r() * 1e6),
      bytesReceived: Math.floor(r() * 1e7),
      linksEstablished: 1 + Math.floor(r() * 100),
      linksFailed: r() < 0.05 ? Math.floor(r() * 20) : 0,
      maliciousIps: [],
      threats: [],
    });
  }
  return rows;
}

/** The host's message for a synthetic fleet, as the map page receives it. */
export function fleetMessage(machines: number, connections: number): MapGraphMessage {
  const graph = buildFleetGraph(fleet(machines, connections));
  const range = { start: '2026-11-22T12:00:00.000Z', end: '2026-11-23T12:00:00.000Z' };
  return { type: 'mapGraph', title: `${machines} machines`, graph, mode: 'fleet', focus: [], range, window: range };
}
