/**
 * Runs the map's layouts in a Web Worker so the page stays responsive (scrolling, the toolbar, the
 * progress note) while a large graph is placed. The worker's bundle is embedded as text and started
 * from a blob: URL — a webview may start workers only from blob: or data: URLs (the CSP allows
 * `worker-src blob:` for the map page only). A newer layout replaces one still running. If no worker
 * can be started, the caller lays out on the page as before.
 */
import workerSource from 'map-layout-worker-source';
import type { LayoutReply, LayoutRequest, Position } from './layoutJob';

type Pending = { job: number; resolve(p: Record<string, Position>): void; reject(e: Error): void };

export class LayoutClient {
  private worker: Worker | undefined;
  private url: string | undefined;
  private pending: Pending | undefined;
  private broken = false;

  /** False when workers cannot start here (no Worker, or a CSP that forbids blob: workers). */
  get available(): boolean {
    return !this.broken && typeof Worker === 'function' && workerSource.length > 0;
  }

  /**
   * Starts the worker before the first graph arrives, so loading and compiling its bundle (cytoscape
   * and fcose) overlaps the host's query instead of delaying the first layout.
   */
  warm(): void {
    if (this.available) {
      try {
        this.start();
      } catch {
        // Not startable here: the first layout runs on the page.
      }
    }
  }

  /** Positions for every node of the request; rejects if a newer request replaced this one. */
  layOut(req: LayoutRequest): Promise<Record<string, Position>> {
    if (this.pending) {
      // The running layout is for a view nobody will see: stop it rather than wait for it.
      this.pending.reject(new Error('replaced'));
      this.pending = undefined;
      this.stop();
    }
    const worker = this.start();
    return new Promise((resolve, reject) => {
      this.pending = { job: req.job, resolve, reject };
      worker.postMessage(req);
    });
  }

  private start(): Worker {
    if (this.worker) {
      return this.worker;
    }
    this.url ??= URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    let worker: Worker;
    try {
      worker = new Worker(this.url, { name: 'map-layout' });
    } catch (error) {
      this.broken = true;
      throw error;
    }
    worker.onmessage = (e: MessageEvent<LayoutReply>) => {
      const p = this.pending;
      if (!p || p.job !== e.data.job) {
        return;
      }
      this.pending = undefined;
      if (e.data.ok) {
        p.resolve(e.data.positions);
      } else {
        p.reject(new Error(e.data.error));
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      // A worker that fails to load (CSP) says so only here; the page falls back to its own thread.
      this.broken = true;
      this.pending?.reject(new Error(e.message || 'the layout worker failed to start'));
      this.pending = undefined;
      this.stop();
    };
    this.worker = worker;
    return worker;
  }

  private stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }
}
