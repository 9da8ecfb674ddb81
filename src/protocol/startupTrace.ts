/**
 * The language server's start-up trace: named moments on one clock (Date.now(), the epoch in ms) in the
 * extension host and in the server process, each side logging one line that the e2e benchmark (and
 * bench/lsStartup.ts) reads back and lines up. Why both sides: the wait before the first diagnostics was
 * mostly outside the server's CPU, and only marks on both sides of the connection show where.
 */

/** The prefix of the server's line in its output channel. */
export const SERVER_TRACE_LOG = 'Start-up trace (server, epoch ms):';
/** The prefix of the client's line in the extension's output channel. */
export const CLIENT_TRACE_LOG = 'Start-up trace (client, epoch ms):';

export type TraceMarks = Record<string, number>;

/** Records each named moment once (the first time): later starts of the same step are not start-up. */
export class StartupTrace {
  readonly marks: TraceMarks = {};

  mark(name: string, at = Date.now()): void {
    if (!(name in this.marks)) this.marks[name] = Math.round(at);
  }

  has(name: string): boolean {
    return name in this.marks;
  }

  /** `name=epochMs` pairs in the order they happened. */
  line(prefix: string): string {
    const pairs = Object.entries(this.marks).sort((a, b) => a[1] - b[1]);
    return `${prefix} ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`;
  }
}

/** The marks of the last `prefix` line in `text`, or undefined when there is none. */
export function parseTrace(text: string, prefix: string): TraceMarks | undefined {
  const at = text.lastIndexOf(prefix);
  if (at < 0) return undefined;
  const rest = text.slice(at + prefix.length).split('\n')[0]!;
  const marks: TraceMarks = {};
  for (const m of rest.matchAll(/(\w+)=(\d+)/g)) marks[m[1]!] = Number(m[2]);
  return marks;
}
