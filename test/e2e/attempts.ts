/**
 * A scenario that fails runs once more, on a freshly opened workbench, before it counts as failed: on a
 * loaded 2-core CI machine a screen can miss a wait that it meets on the next try (Playwright's own CI
 * default retries likewise). A second failure fails the run. Every retried scenario is written to
 * KQL_E2E_RETRIED (run.sh sets it and prints the list at its end), so a flaky scenario is seen, not hidden.
 *   KQL_E2E_RETRIES=n  how many more attempts a failed scenario gets (default 1; 0 with KQL_E2E_TRACE,
 *                      whose trace chunks belong to one browser context)
 */
import * as fs from 'node:fs';

/** The number of further attempts a failed scenario gets. */
export function retriesAllowed(env: NodeJS.ProcessEnv = process.env): number {
  if (env.KQL_E2E_TRACE) {
    return 0;
  }
  const raw = env.KQL_E2E_RETRIES ?? '1';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`KQL_E2E_RETRIES=${raw} is not a whole number of retries`);
  }
  return n;
}

/** The first line of what an attempt threw, for the log and the list. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 300);
}

/** Notes that scenario `n` failed an attempt and runs again. */
export function recordRetry(
  n: string,
  attempt: number,
  error: unknown,
  file: string | undefined = process.env.KQL_E2E_RETRIED,
): void {
  const line = `scenario ${n}: attempt ${attempt} failed (${firstLine(error)}); retried`;
  console.log(`# ${line}`);
  if (file) {
    fs.appendFileSync(file, `${line}\n`);
  }
}

/**
 * Runs `attempt` within `ms`: a promise that rejects after `ms` if the attempt has not settled. The
 * attempt's own promise is left to settle on its own (its rejection is swallowed): the caller closes the
 * browser context it works in, which ends its waits.
 */
export async function withinTime<T>(ms: number, what: string, attempt: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const running = attempt();
  running.catch(() => undefined);
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no outcome within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}
