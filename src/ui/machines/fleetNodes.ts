/**
 * The machines tree's nodes as plain data: what each kind of node holds, and the four groups a
 * machine opens into. machinesModel.ts loads them; nodeView.ts says how each is shown.
 */
import type { ConnectionDirection } from './fleetQueries';
import type { DependencyRow, MachineRow, PortRow, ProcessRow } from './fleetRows';

export type GroupKind = 'processes' | 'ports' | 'outbound' | 'inbound';

interface NodeBase {
  readonly id: string;
  readonly parent: FleetNode | undefined;
}
export interface MachineNode extends NodeBase {
  readonly kind: 'machine';
  readonly row: MachineRow;
  /** Another machine's computer name differs from this one's only in case (WEB-01, web-01). */
  readonly namesake?: boolean;
}
export interface GroupNode extends NodeBase {
  readonly kind: 'group';
  readonly group: GroupKind;
  readonly machine: MachineRow;
}
/** Loopback binds, kept apart from the ports other machines can reach. */
export interface LoopbackGroupNode extends NodeBase {
  readonly kind: 'loopback';
  readonly ports: readonly PortRow[];
  readonly machine: MachineRow;
}
export interface ProcessNode extends NodeBase {
  readonly kind: 'process';
  readonly row: ProcessRow;
  readonly machine: MachineRow;
}
export interface PortNode extends NodeBase {
  readonly kind: 'port';
  readonly row: PortRow;
  readonly machine: MachineRow;
}
export interface DependencyNode extends NodeBase {
  readonly kind: 'dependency';
  readonly direction: ConnectionDirection;
  readonly row: DependencyRow;
  readonly machine: MachineRow;
}
/** An empty group, a failed query: said in the tree rather than in a pop-up. */
export interface MessageNode extends NodeBase {
  readonly kind: 'message';
  readonly text: string;
  /** The whole story when `text` is its short form (the service's message behind a sign-in note). */
  readonly detail?: string;
  readonly error: boolean;
  /**
   * 'signIn' when the backend needs a (new) sign-in: the item runs kql.signIn; 'selectTimeRange' when
   * the time range hides every record: the item opens the time range picker.
   */
  readonly action?: 'signIn' | 'selectTimeRange';
  /**
   * Set on the machines level's only node when the view has nothing to list and a welcome text with
   * buttons (package.json's viewsWelcome) says what to do better than one item: the tree shows it instead.
   */
  readonly welcome?: MachinesWelcome;
}

/**
 * Why the Machines view is empty, as its `kql.machinesWelcome` context value: no machine in the time
 * range (and no newer record outside it), data without any of the tables machines are listed from,
 * a Log Analytics backend that needs a sign-in, or a data folder that does not exist yet.
 */
export const MACHINES_WELCOMES = ['noMachines', 'noData', 'signIn', 'noFolder'] as const;
export type MachinesWelcome = (typeof MACHINES_WELCOMES)[number];

/** The context key package.json's viewsWelcome for kql.machines reads: a MachinesWelcome, or ''. */
export const MACHINES_WELCOME_CONTEXT = 'kql.machinesWelcome';

export type FleetNode =
  | MachineNode
  | GroupNode
  | LoopbackGroupNode
  | ProcessNode
  | PortNode
  | DependencyNode
  | MessageNode;

export type IconId =
  | 'vm'
  | 'server-process'
  | 'plug'
  | 'arrow-circle-right'
  | 'arrow-circle-left'
  | 'lock'
  | 'gear'
  | 'globe'
  | 'vm-connect'
  | 'info'
  | 'error'
  | 'warning'
  | 'shield'
  | 'debug-disconnect';

/** Why a node is flagged: a malicious remote (shield, error colour) or failed links (warning colour). */
export type NodeFlag = 'malicious' | 'failed';

/** What a TreeItem needs; `warning` means the ThemeIcon 'warning' in the theme's warning colour. */
export interface NodeView {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip: string;
  /**
   * What a screen reader says on the row: its kind first ("Machine web-01, Linux, 10.0.0.4"), then any
   * warning. Without it VS Code reads the tooltip, whose first line is only the name.
   */
  readonly ariaLabel: string;
  readonly icon: IconId;
  readonly warning: boolean;
  /** Set with `warning`: which of the two it is, so each has its own icon. */
  readonly flag?: NodeFlag;
  readonly contextValue: string;
  readonly collapsible: boolean;
}

/** The branches under a machine, in the order the tree shows them. */
export const GROUPS: readonly { group: GroupKind; label: string; icon: IconId }[] = [
  { group: 'processes', label: 'Processes', icon: 'server-process' },
  { group: 'ports', label: 'Bound ports', icon: 'plug' },
  { group: 'outbound', label: 'Outbound dependencies', icon: 'arrow-circle-right' },
  { group: 'inbound', label: 'Inbound clients', icon: 'arrow-circle-left' },
];
