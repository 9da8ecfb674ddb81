/**
 * The inventory tables: ServiceMapComputer_CL and VMComputer (one record per machine per hour),
 * ServiceMapProcess_CL and VMProcess (one per TCP-connected process per hour, and one when a process
 * starts inside the window).
 */
import type { Table } from '../../engine/table';
import type { Value } from '../../engine/values';
import {
  ServiceMapComputerSchema,
  ServiceMapProcessSchema,
  VmComputerSchema,
  VmProcessSchema,
} from '../../schema/catalogue';
import { RecordTableWriter } from './columns';
import type { Fleet, FleetMachine, FleetProcess } from './fleet';
import { isMonitored, type Link } from './traffic';
import { machineResourceId, type SampleClock, serviceMapMachineId } from './time';

const HOUR_MS = 3_600_000;
const DEPENDENCY_AGENT_VERSION = '9.10.5.10940';

export function bootMs(clock: SampleClock, machine: FleetMachine): number {
  return Math.floor((clock.nowMs - machine.bootDaysAgo * 86_400_000) / 1000) * 1000;
}

export function processStartMs(clock: SampleClock, machine: FleetMachine, process: FleetProcess): number {
  return bootMs(clock, machine) + process.startMinutesAfterBoot * 60_000 + 7_000;
}

/** When a machine reports within the window: hourly, at a minute of the hour of its own. */
function hourlyReports(clock: SampleClock, machineIndex: number): number[] {
  const offset = ((machineIndex * 7) % 60) * 60_000;
  return Array.from({ length: 24 }, (_, h) => clock.startMs + h * HOUR_MS + offset);
}

/** Processes Service Map inventories: those that listen on a port or hold a connection. */
export function connectedProcesses(machine: FleetMachine, links: readonly Link[]): FleetProcess[] {
  const used = new Set<FleetProcess>();
  for (const l of links) {
    for (const end of [l.client, l.server]) {
      if (isMonitored(end) && end.machine === machine) {
        used.add(end.process);
      }
    }
  }
  return machine.processes.filter((p) => p.ports.length > 0 || used.has(p));
}

/** Report times of a process: hourly from its start, plus its start itself when it started in the window. */
function processReports(clock: SampleClock, machineReports: readonly number[], start: number): number[] {
  const times = machineReports.filter((t) => t >= start);
  if (start >= clock.startMs && start < clock.nowMs) {
    times.unshift(start);
  }
  return times;
}

const json = (v: readonly string[]) => JSON.stringify(v);

/** What every record of a machine shares. Strings are built once per machine: the column builders hash every value they get. */
interface MachineReports {
  readonly machine: FleetMachine;
  readonly reports: readonly number[];
  readonly boot: number;
  readonly resourceId: string;
  readonly serviceMapId: string;
  readonly dnsNames: string[];
  readonly ipv4Json: string;
  readonly ipv6Json: string;
  readonly dnsJson: string;
}

function machineReports(fleet: Fleet, clock: SampleClock): MachineReports[] {
  return fleet.machines.map((machine, index) => {
    const dnsNames = [machine.fqdn];
    return {
      machine,
      reports: hourlyReports(clock, index),
      boot: clock.ticksAt(bootMs(clock, machine)),
      resourceId: machineResourceId(fleet, machine),
      serviceMapId: serviceMapMachineId(fleet, machine),
      dnsNames,
      ipv4Json: json(machine.ips),
      ipv6Json: json(machine.ipv6),
      dnsJson: json(dnsNames),
    };
  });
}

/** Calls `add` for each (machine, report time), in machine order: one record each in the computer tables. */
function forEachMachineReport(fleet: Fleet, clock: SampleClock, add: (m: MachineReports, t: number) => void): void {
  for (const m of machineReports(fleet, clock)) {
    for (const t of m.reports) {
      add(m, t);
    }
  }
}

interface ProcessReport {
  readonly process: FleetProcess;
  readonly startMs: number;
  readonly common: Readonly<Record<string, Value>>;
}

/** Calls `add` for each (machine, connected process, report time), in that order: one record each in the process tables. */
function forEachProcessReport(
  fleet: Fleet,
  links: readonly Link[],
  clock: SampleClock,
  add: (m: MachineReports, p: ProcessReport) => void,
): void {
  for (const m of machineReports(fleet, clock)) {
    const machine = m.machine;
    for (const process of connectedProcesses(machine, links)) {
      const startMs = processStartMs(clock, machine, process);
      const s = process.software;
      for (const t of processReports(clock, m.reports, startMs)) {
        add(m, {
          process,
          startMs,
          common: {
            TimeGenerated: clock.ticksAt(t),
            Computer: machine.name,
            UserName: s.userName,
            UserDomain: s.userDomain,
          },
        });
      }
    }
  }
}

export function generateServiceMapComputer(fleet: Fleet, clock: SampleClock): Table {
  const smc = new RecordTableWriter(ServiceMapComputerSchema);
  forEachMachineReport(fleet, clock, ({ machine, boot, serviceMapId, ipv4Json, ipv6Json, dnsJson }, t) => {
    const azure = machine.azure;
    smc.add({
      TimeGenerated: clock.ticksAt(t),
      Computer: machine.name,
      Type: 'ServiceMapComputer_CL',
      SourceSystem: 'OpsManager',
      ResourceId: serviceMapId,
      ResourceName_s: machine.resourceName,
      ComputerName_s: machine.name,
      Ipv4Addresses_s: ipv4Json,
      Ipv6Addresses_s: ipv6Json,
      DnsNames_s: dnsJson,
      OperatingSystemFamily_s: machine.os,
      OperatingSystemFullName_s: machine.osFullName,
      Bitness_s: '64bit',
      PhysicalMemory_d: machine.memoryMB,
      Cpus_d: machine.cpus,
      CpuSpeed_d: machine.cpuSpeedMHz,
      VirtualizationState_s: machine.virtualizationState,
      VirtualMachineType_s: machine.virtualMachineType,
      VirtualMachineNativeMachineId_g: machine.nativeVmId,
      VirtualMachineName_s: machine.nativeVmName,
      BootTime_t: boot,
      AzureLocation_s: azure?.location ?? '',
      AzureImageOffering_s: azure?.offering ?? '',
      AzureImageSku_s: azure?.sku ?? '',
      AzureImagePublisher_s: azure?.publisher ?? '',
      AzureVMSize_s: azure?.size ?? '',
      AzureResourceGroup_s: azure?.resourceGroup ?? '',
      AzureSubscriptionId_g: azure?.subscriptionId ?? null,
      AzureVmId_g: azure?.vmId ?? null,
    });
  });
  return smc.finish();
}

export function generateVmComputer(fleet: Fleet, clock: SampleClock): Table {
  const vmc = new RecordTableWriter(VmComputerSchema);
  forEachMachineReport(fleet, clock, ({ machine, boot, resourceId, dnsNames }, t) => {
    const azure = machine.azure;
    vmc.add({
      TenantId: fleet.tenantId,
      TimeGenerated: clock.ticksAt(t),
      Computer: machine.name,
      AgentId: machine.guid,
      Machine: machine.resourceName,
      DisplayName: machine.name,
      FullDisplayName: machine.fqdn,
      HostName: machine.name,
      BootTime: boot,
      TimeZone: machine.timeZone,
      Ipv4Addresses: [...machine.ips],
      Ipv4SubnetMasks: machine.ips.map(() => '255.255.255.0'),
      Ipv4DefaultGateways: machine.ips.map((ip) => ip.replace(/\.\d+$/, '.1')),
      Ipv6Addresses: [...machine.ipv6],
      MacAddresses: [...machine.macs],
      DnsNames: dnsNames,
      DependencyAgentVersion: DEPENDENCY_AGENT_VERSION,
      OperatingSystemFamily: machine.os.toLowerCase(),
      OperatingSystemFullName: machine.osFullName,
      Bitness: '64bit',
      PhysicalMemoryMB: machine.memoryMB,
      Cpus: machine.cpus,
      CpuSpeed: machine.cpuSpeedMHz,
      VirtualizationState: machine.virtualizationState,
      VirtualMachineType: machine.virtualMachineType,
      VirtualMachineNativeId: machine.nativeVmId ?? '',
      VirtualMachineNativeName: machine.nativeVmName,
      HostingProvider: azure ? 'azure' : '',
      AzureLocation: azure?.location ?? '',
      AzureSize: azure?.size ?? '',
      AzureImagePublisher: azure?.publisher ?? '',
      AzureImageOffering: azure?.offering ?? '',
      AzureImageSku: azure?.sku ?? '',
      AzureResourceGroup: azure?.resourceGroup ?? '',
      AzureSubscriptionId: azure?.subscriptionId ?? '',
      AzureVmId: azure?.vmId ?? '',
      Type: 'VMComputer',
      _ResourceId: resourceId,
    });
  });
  return vmc.finish();
}

export function generateServiceMapProcess(fleet: Fleet, links: readonly Link[], clock: SampleClock): Table {
  const smp = new RecordTableWriter(ServiceMapProcessSchema);
  forEachProcessReport(fleet, links, clock, ({ machine, serviceMapId }, { process, startMs, common }) => {
    const s = process.software;
    const processResourceId = `${serviceMapId}/processes/${process.id}`;
    smp.add({
      ...common,
      Type: 'ServiceMapProcess_CL',
      SourceSystem: 'OpsManager',
      ResourceId: processResourceId,
      ResourceName_s: process.id,
      MachineResourceName_s: machine.resourceName,
      ExecutableName_s: s.executable,
      StartTime_t: clock.ticksAt(startMs),
      FirstPid_d: process.firstPid,
      Description_s: s.description,
      CompanyName_s: s.company,
      InternalName_s: s.internalName,
      ProductName_s: s.productName,
      ProductVersion_s: s.productVersion,
      FileVersion_s: s.fileVersion,
      CommandLine_s: s.commandLine,
      ExecutablePath_s: s.executablePath,
      WorkingDirectory_s: s.workingDirectory,
    });
  });
  return smp.finish();
}

export function generateVmProcess(fleet: Fleet, links: readonly Link[], clock: SampleClock): Table {
  const vmp = new RecordTableWriter(VmProcessSchema);
  forEachProcessReport(fleet, links, clock, ({ machine, resourceId }, { process, startMs, common }) => {
    const s = process.software;
    vmp.add({
      ...common,
      TenantId: fleet.tenantId,
      AgentId: machine.guid,
      Machine: machine.resourceName,
      Process: process.id,
      ExecutableName: s.executable,
      DisplayName: s.displayName,
      Role: s.role,
      Group: s.group,
      StartTime: clock.ticksAt(startMs),
      FirstPid: process.firstPid,
      Description: s.description,
      CompanyName: s.company,
      InternalName: s.internalName,
      ProductName: s.productName,
      ProductVersion: s.productVersion,
      FileVersion: s.fileVersion,
      ExecutablePath: s.executablePath,
      CommandLine: s.commandLine,
      WorkingDirectory: s.workingDirectory,
      Services: [...s.services],
      Type: 'VMProcess',
      _ResourceId: resourceId,
    });
  });
  return vmp.finish();
}
