/**
 * The little of the `vscode` API a tree data provider touches, for plain-Node tests that load a
 * provider of src/ui/ and count what it tells VS Code. Installed before the provider is required
 * (`require`, not `import`, so it comes after): `require('vscode')` then returns this.
 */
import Module from 'node:module';

type Listener<T> = (value: T) => void;

class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

const noop = (): void => undefined;

export const fakeVscode = {
  EventEmitter,
  TreeItem: class {
    constructor(
      readonly label: string,
      readonly collapsibleState?: number,
    ) {}
  },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ThemeIcon: class {
    constructor(readonly id: string) {}
  },
  ThemeColor: class {
    constructor(readonly id: string) {}
  },
  ProgressLocation: { Notification: 15, Window: 10 },
  window: {
    createOutputChannel: () => ({ trace: noop, debug: noop, info: noop, warn: noop, error: noop, dispose: noop }),
    withProgress: <T>(_options: unknown, task: (p: unknown, t: unknown) => Promise<T>) =>
      task({ report: noop }, { onCancellationRequested: noop }),
    showWarningMessage: async () => undefined,
  },
  commands: { executeCommand: async () => undefined, registerCommand: () => ({ dispose: noop }) },
  workspace: { onDidChangeConfiguration: () => ({ dispose: noop }) },
};

let installed = false;

/** From now on `require('vscode')` in this process returns `fakeVscode`. */
export function installFakeVscode(): void {
  if (installed) return;
  installed = true;
  const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = mod._load;
  mod._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? fakeVscode : load.call(this, request, ...rest);
  };
}
