/**
 * What the library and the engine say about each query (diagnostics, the syntax tree's shape, the first
 * rows or the error), for comparing a process that defers the library's grammar with one that does not.
 * Run as a script it prints the fingerprint of the queries given as JSON in argv[2], in a process where
 * the library builds its grammar first, as it does on its own.
 */
import { runLocalQuery } from '../../src/backends/local/runQuery';
import { sampleDatabase } from '../../src/data/sample';
import { analyze } from '../../src/kql';

export const FINGERPRINT_NOW = '2026-01-01T00:00:00Z';

export function fingerprint(queries: readonly string[]): unknown[] {
  const db = sampleDatabase({ now: new Date(FINGERPRINT_NOW) });
  return queries.map((q) => {
    const a = analyze(q, { tables: db.schemas });
    const kinds: number[] = [];
    a.code.Syntax!.WalkElements((e) => void kinds.push(e.Kind));
    let rows: unknown;
    try {
      rows = runLocalQuery(db, q, { nowMs: Date.parse(FINGERPRINT_NOW) }).tables[0]?.rows.slice(0, 5);
    } catch (e) {
      rows = (e as Error).message;
    }
    return {
      q,
      diagnostics: a.diagnostics.map((d) => [d.code, d.start, d.end, d.message]),
      kinds: kinds.join(','),
      rows,
    };
  });
}

if (require.main === module) {
  // The grammar built by the library's own first parse, before the engine could defer it.
  analyze('print 1');
  process.stdout.write(JSON.stringify(fingerprint(JSON.parse(process.argv[2]!) as string[])));
}
