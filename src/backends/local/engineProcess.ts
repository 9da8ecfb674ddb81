/**
 * The engine in a child process started from its V8 startup snapshot (Kusto.Language initialised and
 * its first analyses done at build time), behind the same interface LocalBackend drives a worker thread
 * through. A worker thread cannot start from a user-land snapshot (Node refuses `--snapshot-blob` in a
 * worker's execArgv), so without this each editor start paid the library's start-up (4–5 s of CPU)
 * before its first Run. Differences from the worker, each handled here or by LocalBackend:
 *  - no shared memory: the run's cancel flag is not sent, and a cancelled run ends the process (a new one
 *    starts from the snapshot in about half a second);
 *  - the heap cap is `--max-old-space-size`, part of the snapshot's V8 flags (it is built with the same);
 *  - a process that exits before saying it is ready was refused by Node (another Node, a damaged blob):
 *    `onRefused` is told, so the owner deletes the blob and starts worker threads from then on. Not when
 *    a signal sent from outside ended it (`kill -9`, the OOM killer, a shutdown): that says nothing of
 *    the blob, and deleting it would cost every later start in the window the library's start-up.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { ENGINE_PROCESS_READY, type WorkerRequest, type WorkerResponse } from './workerProtocol';

/** What LocalBackend needs of the engine's thread or process; a worker_threads Worker is one. */
export interface EngineChannel {
  postMessage(message: WorkerRequest): void;
  terminate(): unknown;
  on(event: 'message', listener: (message: WorkerResponse) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** `signal`: what ended a process from outside (a worker thread has none). */
  on(event: 'exit', listener: (code: number | null, signal?: NodeJS.Signals | null) => void): unknown;
  ref(): void;
  unref(): void;
  /** False for a process: it cannot see a SharedArrayBuffer flag, so a cancel must stop it at once. */
  readonly sharesMemory?: boolean;
}

export interface EngineProcessOptions {
  /** The engine's entry (dist/engineWorker.js); with a blob, Node runs the snapshot's main instead. */
  readonly script: string;
  /** Node's options: `--snapshot-blob <blob>` and the V8 flags it was built with (Node refuses it under others). */
  readonly execArgv: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** The process exited before it was ready: Node would not start from the blob. */
  readonly onRefused?: (why: string) => void;
}

/** A request as it crosses to a process: a SharedArrayBuffer cannot be serialised for another process. */
export function forProcess(message: WorkerRequest): WorkerRequest {
  if (message.type !== 'run' || message.cancel === undefined) return message;
  const { cancel: _shared, ...rest } = message;
  return rest;
}

/**
 * Signals only another process sends; Node itself ends with an exit code, or with SIGABRT, SIGSEGV and
 * the like when V8 cannot read a blob, and those still count as a refusal.
 */
const FROM_OUTSIDE: ReadonlySet<string> = new Set(['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP']);

/** How long an error of the engine's process waits for the process's exit (see forwardError). */
const ERROR_GRACE_MS = 2_000;

function endedFromOutside(signal: NodeJS.Signals | null): boolean {
  return signal !== null && FROM_OUTSIDE.has(signal);
}

export class EngineProcess implements EngineChannel {
  readonly sharesMemory = false;
  private readonly child: ChildProcess;
  private ready = false;
  private stderr = '';

  constructor(private readonly options: EngineProcessOptions) {
    this.child = fork(options.script, [], {
      execArgv: [...options.execArgv],
      env: options.env ?? process.env,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-2000)));
    this.child.on('message', (m: { type?: string }) => {
      if (m?.type === ENGINE_PROCESS_READY) this.ready = true;
    });
    this.child.once('exit', (code, signal) => {
      this.exited = true;
      if (!this.ready && !this.killed && !endedFromOutside(signal)) {
        const why = this.stderr.trim().split('\n').slice(-2).join(' ') || `exit ${code ?? signal}`;
        this.options.onRefused?.(why);
      }
    });
  }

  private killed = false;
  private exited = false;

  /**
   * A send to a process that is dying fails ('error', EPIPE) before its 'exit' arrives; told at once, the
   * owner would start a replacement before the exit could say whether Node refused the blob (a second
   * process from a damaged blob, CI run 36). So an error waits for the process's exit, which reports the
   * loss, and is passed on only if no exit comes within ERROR_GRACE_MS (a process that never started, or
   * a channel that failed while the process lives on).
   */
  private forwardError(e: Error, listener: (e: Error) => void): void {
    if (this.exited) {
      return;
    }
    const timer = setTimeout(() => {
      if (!this.exited) listener(e);
    }, ERROR_GRACE_MS);
    timer.unref();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  postMessage(message: WorkerRequest): void {
    this.child.send(forProcess(message));
  }

  terminate(): void {
    this.killed = true;
    this.child.kill('SIGKILL');
  }

  on(event: 'message', listener: (message: WorkerResponse) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'exit', listener: (code: number | null, signal?: NodeJS.Signals | null) => void): this;
  on(event: 'message' | 'error' | 'exit', listener: (...args: never[]) => void): this {
    if (event === 'message') {
      this.child.on('message', (m: { type?: string }) => {
        if (m?.type !== ENGINE_PROCESS_READY) (listener as (m: WorkerResponse) => void)(m as WorkerResponse);
      });
    } else if (event === 'exit') {
      this.child.on('exit', (code, signal) =>
        (listener as (code: number | null, signal: NodeJS.Signals | null) => void)(code, signal),
      );
    } else {
      this.child.on('error', (e: Error) => this.forwardError(e, listener as (e: Error) => void));
    }
    return this;
  }

  // The extension host may end while the engine idles: an idle process keeps nothing alive.
  ref(): void {
    this.child.ref();
    this.child.channel?.ref();
  }

  unref(): void {
    this.child.unref();
    this.child.channel?.unref();
  }
}
