/**
 * The execution order numbers of runs, counted per notebook as a Jupyter kernel counts them: two
 * notebooks running at once each count their own runs, and a reopened notebook goes on after the
 * highest number its saved cells show instead of starting again at 1 beside them.
 */
export class ExecutionOrders {
  private readonly last = new Map<string, number>();

  /** The number of the next run in `notebook`, above every number `shown` in its cells now. */
  next(notebook: string, shown: Iterable<number | undefined> = []): number {
    let n = this.last.get(notebook) ?? 0;
    for (const s of shown) {
      if (s !== undefined && s > n) {
        n = s;
      }
    }
    this.last.set(notebook, n + 1);
    return n + 1;
  }

  /** A closed notebook counts from its saved numbers again when it is reopened. */
  forget(notebook: string): void {
    this.last.delete(notebook);
  }
}

/**
 * How long a cell's last run took: VS Code's execution timing of a run in this session, else the
 * duration the file saved.
 */
export function runDurationMs(
  timing: { readonly startTime: number; readonly endTime: number } | undefined,
  saved: unknown,
): number | undefined {
  if (timing && timing.endTime >= timing.startTime) {
    return timing.endTime - timing.startTime;
  }
  return typeof saved === 'number' ? saved : undefined;
}
