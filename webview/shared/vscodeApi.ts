/** The one `acquireVsCodeApi()` call a webview may make, typed with the shared protocol. */
import type { ResultsPanelState, WebviewMessage } from '../../src/protocol/messages';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: ResultsPanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

export function vscodeApi(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}
