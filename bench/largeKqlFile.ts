/**
 * The language server on a user's large, messy `.kql` file, over the real LSP protocol: a file of 2,000
 * queries (about 20,000 lines, CRLF line ends, tabs, non-ASCII names) is opened, then a half query is
 * typed at its end a character at a time. Prints the time to the first and to the complete diagnostics,
 * keystroke → diagnostics (wall and the server's CPU over the same span, read from /proc), and the
 * server's resident memory. Run: `nice npx tsx bench/largeKqlFile.ts [queries] [keystrokes]` (3 unless
 * told; more show what a typing session leaves in the server's memory).
 */
import * as fs from 'node:fs';
import { messyKqlFile } from '../test/e2e/messyKqlFile';
import { startServer } from '../test/server/lspHarness';

const QUERIES = Number(process.argv[2] ?? 2000);
const KEYSTROKES = Number(process.argv[3] ?? 3);

/** The server's user+system CPU in ms and resident memory in MB, from /proc. */
function usage(pid: number): { cpuMs: number; rssMb: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]!;
  return { cpuMs: ticks * 10, rssMb: Number(rss) / 1024 };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]!);
}

async function main() {
  const text = messyKqlFile(QUERIES);
  const lines = text.split('\r\n').length;
  const server = await startServer();
  const pid = server.child.pid!;
  const uri = 'file:///large-messy.kql';
  const t0 = performance.now();
  const u0 = usage(pid);
  // Progress of the first check, from the server's announcements of its early (partial) publications.
  const progress = setInterval(() => {
    const last = server.logs.filter((l) => l.includes('queries checked')).at(-1);
    if (process.env.PROGRESS && last)
      console.log(
        `  ${Math.round(performance.now() - t0)} ms, CPU ${usage(pid).cpuMs - u0.cpuMs} ms, RSS ${usage(pid).rssMb.toFixed(0)} MB: ${last.replace(/.*: /, '')}`,
      );
  }, 5000);
  // The harness's open gives up after a minute; a large file's first check may take longer under load.
  const checked = server.nextDiagnostics(uri, 1_800_000);
  server.open(uri, text).catch(() => undefined);
  await checked;
  if (process.env.LOGS) console.log(server.logs.join('\n'));
  clearInterval(progress);
  const u1 = usage(pid);
  console.log(
    `open ${QUERIES} queries, ${lines} lines, ${(text.length / 1024).toFixed(0)} KB → complete diagnostics: ${Math.round(performance.now() - t0)} ms wall, ${u1.cpuMs - u0.cpuMs} ms CPU, RSS ${u1.rssMb.toFixed(0)} MB`,
  );
  const first = server.logs.find((l) => l.startsWith('First diagnostics sent'));
  if (first) console.log(`  server: ${first}`);

  // Typing at the end: the half query pasted, then keystrokes one at a time, each waiting for the
  // diagnostics that follow it (they come once typing pauses: the 250 ms debounce is included).
  const line = lines - 1;
  const pasted = 'VMConnection | where Com';
  const walls: number[] = [];
  const cpus: number[] = [];
  const typed = 'puter == "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"'.repeat(20);
  const edits: [number, string][] = [
    [0, pasted],
    ...Array.from({ length: KEYSTROKES }, (_, i): [number, string] => [pasted.length + i, typed[i]!]),
  ];
  for (const [character, typed] of edits) {
    const before = usage(pid);
    const sent = performance.now();
    const next = server.nextDiagnostics(uri, 1_800_000);
    server.insert(uri, { line, character }, typed);
    await next;
    walls.push(performance.now() - sent);
    cpus.push(usage(pid).cpuMs - before.cpuMs);
  }
  const listed = (xs: number[]): string =>
    xs.length <= 6 ? xs.map((x) => Math.round(x)).join(', ') : `${listed(xs.slice(0, 4))} … median ${median(xs)}`;
  console.log(
    `paste, then ${KEYSTROKES} keystrokes at the end → diagnostics (250 ms debounce included): wall ${listed(walls)} ms; server CPU ${listed(cpus)} ms; RSS ${usage(pid).rssMb.toFixed(0)} MB`,
  );
  await server.stop();
}

void main();
