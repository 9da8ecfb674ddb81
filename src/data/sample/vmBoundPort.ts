/**
 * VMBoundPort: the ports the fleet listens on. A port reports a record for every minute it had inbound
 * activity, with the metrics of the connections it accepted (the server ends of the links that target
 * it), and every tenth minute while idle. As the VM insights docs describe: a wildcard bind with
 * activity is reported on the specific IP with IsWildcardBind = true (the 0.0.0.0 record is folded
 * into it), an idle wildcard bind on 0.0.0.0, and ports bound to one interface have IsWildcardBind = false.
 */
import { Table } from '../../engine/table';
import { VmBoundPortSchema } from '../../schema/catalogue';
import { RecordTableWriter } from './columns';
import { bindingIp, type Fleet, type FleetMachine, type FleetProcess, type PortBinding } from './fleet';
import { emptyLinkMinute, isMonitored, type Link, linkMinute, serverSees } from './traffic';
import { machineResourceId, MINUTES_PER_DAY, type SampleClock } from './time';

/** Idle ports report every this many minutes (the agent reports each minute; this keeps the sample small). */
export const IDLE_REPORT_MINUTES = 10;

interface BoundPort {
  readonly machine: FleetMachine;
  readonly process: FleetProcess;
  readonly binding: PortBinding;
  readonly links: readonly Link[];
}

/** A port's constant strings, built once: the column builders hash every value they get. */
interface PortStrings {
  readonly activeIp: string;
  readonly idleIp: string;
  readonly activePortId: string;
  readonly idlePortId: string;
  readonly resourceId: string;
}

export function boundPorts(fleet: Fleet, links: readonly Link[]): BoundPort[] {
  const out: BoundPort[] = [];
  for (const machine of fleet.machines) {
    for (const process of machine.processes) {
      for (const binding of process.ports) {
        const serving = links.filter(
          (l) => isMonitored(l.server) && l.server.process === process && l.port === binding.port,
        );
        out.push({ machine, process, binding, links: serving });
      }
    }
  }
  return out;
}

export function portId(machine: FleetMachine, process: FleetProcess, ip: string, port: number): string {
  return `${machine.resourceName}_${process.id}_${ip}_${port}_tcp`;
}

export function generateVmBoundPort(seed: number, fleet: Fleet, links: readonly Link[], clock: SampleClock): Table {
  const w = new RecordTableWriter(VmBoundPortSchema);
  const ports = boundPorts(fleet, links);
  const strings: PortStrings[] = ports.map((p) => {
    const activeIp = bindingIp(p.machine, p.binding.bind);
    const idleIp = p.binding.bind === 'wildcard' ? '0.0.0.0' : activeIp;
    return {
      activeIp,
      idleIp,
      activePortId: portId(p.machine, p.process, activeIp, p.binding.port),
      idlePortId: portId(p.machine, p.process, idleIp, p.binding.port),
      resourceId: machineResourceId(fleet, p.machine),
    };
  });
  const m = emptyLinkMinute();
  for (let minute = 0; minute < MINUTES_PER_DAY; minute++) {
    const hour = clock.hourOfMinute(minute);
    for (let pi = 0; pi < ports.length; pi++) {
      const p = ports[pi]!;
      const names = strings[pi]!;
      let active = 0;
      let established = 0,
        terminated = 0,
        live = 0,
        sent = 0,
        received = 0,
        responses = 0,
        rtSum = 0;
      let rtMin = Infinity,
        rtMax = 0;
      for (const link of p.links) {
        if (linkMinute(seed, link, 0, minute, hour, m) && serverSees(m)) {
          active++;
          established += m.established;
          terminated += m.terminated;
          live += m.live;
          sent += m.bytesToClient;
          received += m.bytesToServer;
          responses += m.responses;
          if (m.responses > 0) {
            rtSum += m.responseTimeSum;
            rtMin = Math.min(rtMin, m.responseTimeMin);
            rtMax = Math.max(rtMax, m.responseTimeMax);
          }
        }
      }
      if (active === 0 && minute % IDLE_REPORT_MINUTES !== 0) {
        continue;
      }
      const wildcard = p.binding.bind === 'wildcard';
      w.add({
        TenantId: fleet.tenantId,
        TimeGenerated: clock.minuteTicks(minute),
        Computer: p.machine.name,
        AgentId: p.machine.guid,
        Machine: p.machine.resourceName,
        Process: p.process.id,
        ProcessName: p.process.software.executable,
        Ip: active === 0 ? names.idleIp : names.activeIp,
        Port: p.binding.port,
        Protocol: 'tcp',
        IsWildcardBind: wildcard,
        PortId: active === 0 ? names.idlePortId : names.activePortId,
        LinksEstablished: established,
        LinksTerminated: terminated,
        LinksLive: live,
        BytesSent: sent,
        BytesReceived: received,
        Responses: responses,
        ResponseTimeMax: responses > 0 ? rtMax : null,
        ResponseTimeMin: responses > 0 ? rtMin : null,
        ResponseTimeSum: responses > 0 ? rtSum : null,
        SourceSystem: 'Insights',
        Type: 'VMBoundPort',
        _ResourceId: names.resourceId,
      });
    }
  }
  return w.finish();
}
