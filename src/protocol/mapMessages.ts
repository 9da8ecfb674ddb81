/**
 * The messages the host and the dependency-map webview exchange, declared once for both bundles and
 * checked at run time on arrival (validateMapWebviewMessage on the host, validateMapHostMessage in the
 * webview). The webview never sends query text: only ids of what it shows and windows as instants.
 */
import type { FleetGraph } from '../render/fleetGraph';
import type { MapMode } from '../render/fleetView';
import type { DiffRow } from '../render/mapDiff';

export interface MapTimeWindow {
  /** ISO-8601 UTC instants, start inclusive, end exclusive. */
  readonly start: string;
  readonly end: string;
}

// Host → webview.
export interface MapLoadingMessage {
  readonly type: 'mapLoading';
  readonly note: string;
}
export interface MapGraphMessage {
  readonly type: 'mapGraph';
  readonly title: string;
  readonly graph: FleetGraph;
  /** Focus mode on these machine ids when the map was asked for some machines; fleet mode otherwise. */
  readonly mode: MapMode;
  readonly focus: readonly string[];
  /** The whole time range the slider steps through, and the window drawn. */
  readonly range: MapTimeWindow;
  readonly window: MapTimeWindow;
  /** Said in place of the drawing when the window holds no connection (why: the data ends before it). */
  readonly empty?: string;
  /** When two windows are compared: the rows of the diff query and the windows. */
  readonly diff?: {
    readonly before: MapTimeWindow;
    readonly after: MapTimeWindow;
    readonly rows: readonly DiffRow[];
    /** What was not compared and why (a table the workspace lacks), shown above the table. */
    readonly notes?: readonly string[];
  };
}
export interface MapErrorMessage {
  readonly type: 'mapError';
  readonly message: string;
}
export type MapHostMessage = MapLoadingMessage | MapGraphMessage | MapErrorMessage;

// Webview → host.
export interface MapReadyMessage {
  readonly type: 'ready';
}
/** Open the query behind a node (machine, process, endpoint) beside the map. */
export interface MapOpenNodeMessage {
  readonly type: 'openNode';
  readonly id: string;
}
/** Draw another window of the range (the time slider). */
export interface MapSetWindowMessage {
  readonly type: 'setWindow';
  readonly window: MapTimeWindow;
}
/** Compare two windows; `after` is drawn. */
export interface MapCompareMessage {
  readonly type: 'compare';
  readonly before: MapTimeWindow;
  readonly after: MapTimeWindow;
}
export interface MapClearCompareMessage {
  readonly type: 'clearCompare';
}
export interface MapExportDiffMessage {
  readonly type: 'exportDiff';
  readonly format: 'csv' | 'json';
}
/** Open the diff query in an editor, to read, change or run it on another backend. */
export interface MapShowDiffQueryMessage {
  readonly type: 'showDiffQuery';
}
export type MapWebviewMessage =
  | MapReadyMessage
  | MapOpenNodeMessage
  | MapSetWindowMessage
  | MapCompareMessage
  | MapClearCompareMessage
  | MapExportDiffMessage
  | MapShowDiffQueryMessage;
