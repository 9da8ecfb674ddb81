/** The map webview's one acquireVsCodeApi() call, typed with the map protocol. */
import type { MapWebviewMessage } from '../../src/protocol/mapMessages';

export interface MapViewState {
  readonly weight?: 'links' | 'bytes';
  readonly externals?: boolean;
}

interface VsCodeApi {
  postMessage(message: MapWebviewMessage): void;
  getState(): MapViewState | undefined;
  setState(state: MapViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;
export function mapApi(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}
