/**
 * Forks the language server process itself, synchronously, instead of leaving it to the language
 * client: the client forks only after awaiting a file-system check, which in the start-up trace put the
 * server's start 0.35-0.6 s after the client's start() (the rest of activation ran first). Given a
 * function, vscode-languageclient calls it inside start(), so the process starts at that call. Same
 * transport (IPC) and arguments as the client's TransportKind.ipc; no `vscode` import, so plain-Node
 * tests can drive it.
 */
import { fork, type ChildProcess } from 'node:child_process';
// The client's own IPC reader and writer, from the package it re-exports them from (the client's entry
// imports `vscode`).
import { IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageTransports } from 'vscode-languageclient/node';

export interface ServerFork {
  /** dist/server.js */
  readonly module: string;
  readonly execArgv?: readonly string[];
  readonly env?: Record<string, string>;
  /** Where the server's stdout and stderr go (its output channel): nothing else writes there. */
  readonly output: (text: string) => void;
}

export interface ForkedServer {
  readonly child: ChildProcess;
  readonly transports: MessageTransports;
}

export function forkServer(options: ServerFork): ForkedServer {
  const child = fork(options.module, ['--node-ipc', `--clientProcessId=${process.pid}`], {
    execArgv: [...(options.execArgv ?? [])],
    // As the client does: an Electron extension host's Node runs the child as Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ...options.env },
    silent: true,
  });
  child.stdout?.on('data', (d: Buffer) => options.output(d.toString()));
  child.stderr?.on('data', (d: Buffer) => options.output(d.toString()));
  return { child, transports: { reader: new IPCMessageReader(child), writer: new IPCMessageWriter(child) } };
}

/** Ends a server that did not exit after the client's shutdown and exit (the client does not own it). */
export function endServer(child: ChildProcess, graceMs = 2000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill();
      resolve();
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
