/** The sample workspace's clock and resource ids shared by its generators. */
import { ticksFromMs } from '../../engine/values';
import type { Fleet, FleetMachine } from './fleet';

export const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;

/** The last 24 hours before a minute-aligned "now": minute 0 starts exactly 24 h before it. */
export class SampleClock {
  readonly nowMs: number;
  readonly startMs: number;

  constructor(now: Date) {
    this.nowMs = Math.floor(now.getTime() / MS_PER_MINUTE) * MS_PER_MINUTE;
    this.startMs = this.nowMs - MINUTES_PER_DAY * MS_PER_MINUTE;
  }

  minuteTicks(minute: number): number {
    return ticksFromMs(this.startMs + minute * MS_PER_MINUTE);
  }

  /** The UTC hour of day the minute falls in. */
  hourOfMinute(minute: number): number {
    return new Date(this.startMs + minute * MS_PER_MINUTE).getUTCHours();
  }

  /**
   * The minute of the UTC midnight inside the window, where the sample's change happens ("yesterday"
   * before it, "today" after); the window's middle when "now" is itself a midnight.
   */
  changeMinute(): number {
    const day = 86_400_000;
    const midnight = Math.floor(this.nowMs / day) * day;
    return midnight > this.startMs && midnight < this.nowMs
      ? (midnight - this.startMs) / MS_PER_MINUTE
      : MINUTES_PER_DAY / 2;
  }

  ticksAt(ms: number): number {
    return ticksFromMs(ms);
  }
}

/** The Azure resource id of a machine: a VM for Azure machines, an Arc machine for on-premises ones. */
export function machineResourceId(fleet: Fleet, machine: FleetMachine): string {
  return machine.azure
    ? `/subscriptions/${fleet.subscriptionId}/resourcegroups/${machine.azure.resourceGroup}/providers/microsoft.compute/virtualmachines/${machine.name}`
    : `/subscriptions/${fleet.subscriptionId}/resourcegroups/acme-onprem-rg/providers/microsoft.hybridcompute/machines/${machine.name}`;
}

/** The Service Map resource id of a machine within the workspace. */
export function serviceMapMachineId(fleet: Fleet, machine: FleetMachine): string {
  return `/subscriptions/${fleet.subscriptionId}/resourceGroups/acme-monitor-rg/providers/Microsoft.OperationalInsights/workspaces/acme-insights/features/serviceMap/machines/${machine.resourceName}`;
}
