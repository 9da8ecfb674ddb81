/**
 * The outcomes of one "Run all", by query position: the panel shows one at a time and lists them all
 * so the user can switch. A single run (no batch position) ends the batch.
 */
import type { BatchPosition, ShowErrorMessage, ShowResultMessage } from '../../src/protocol/messages';

export type Outcome = ShowResultMessage | ShowErrorMessage;

/**
 * What a query is called: the comment that heads it (`// Failed connections by machine`), as files of
 * queries title them, else its first line of KQL.
 */
export function headline(queryText: string, max = 60): string {
  const lines = queryText
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const title = lines[0]?.startsWith('//') ? lines[0].replace(/^\/\/+\s*/, '') : '';
  const line = title || (lines.find((l) => !l.startsWith('//')) ?? queryText.trim());
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The label of an outcome in the list: position, line, query, and rows or what went wrong. */
export function outcomeLabel(o: Outcome, batch: BatchPosition): string {
  const rows = o.type === 'showResult' ? (o.result.tables[0]?.rowCount ?? 0) : 0;
  const what =
    o.type === 'showResult'
      ? `${rows.toLocaleString('en-US')} ${rows === 1 ? 'row' : 'rows'}`
      : { query: 'error', backend: 'failed', cancelled: 'cancelled', timeout: 'timed out' }[o.kind];
  return `${batch.index + 1}/${batch.count} · line ${o.blockStartLine + 1} · ${headline(o.queryText)} · ${what}`;
}

export class RunBatch {
  private count = 0;
  private readonly outcomes = new Map<number, Outcome>();

  /** A run started: its batch position, or none for a single run. */
  started(batch: BatchPosition | undefined): void {
    if (!batch || batch.index === 0 || batch.count !== this.count) {
      this.outcomes.clear();
      this.count = batch?.count ?? 0;
    }
  }

  /**
   * A run ended; returns whether it belongs to a batch. Outcomes may arrive without their `running`
   * message (a reloaded panel is sent only the outcomes), so one from a batch of another size starts
   * that batch.
   */
  finished(o: Outcome): boolean {
    if (!o.batch) {
      this.outcomes.clear();
      this.count = 0;
      return false;
    }
    if (o.batch.count !== this.count) {
      this.outcomes.clear();
      this.count = o.batch.count;
    }
    this.outcomes.set(o.batch.index, o);
    return true;
  }

  /** The outcomes so far, in query order, with their labels; empty outside a batch. */
  entries(): { index: number; label: string; outcome: Outcome }[] {
    return [...this.outcomes.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, outcome]) => ({ index, label: outcomeLabel(outcome, { index, count: this.count }), outcome }));
  }

  get(index: number): Outcome | undefined {
    return this.outcomes.get(index);
  }
}
