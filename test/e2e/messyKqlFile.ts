/**
 * A user's large, messy `.kql` file: the sample queries repeated (each copy distinct, so no two blocks
 * share an analysis), about ten lines each, with a BOM, CRLF line ends, tab indentation and non-ASCII
 * text (surrogate pairs, a ZWJ sequence, combining marks) in comments and strings. Used by the
 * end-to-end scenario 85 and `bench/largeKqlFile.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitQueryBlocks } from '../../src/kql/blocks';

const EXAMPLES = path.resolve(__dirname, '../../examples/vm-insights.kql');

export function messyKqlFile(queries: number): string {
  const seeds = splitQueryBlocks(fs.readFileSync(EXAMPLES, 'utf8')).map((b) => b.text);
  const out: string[] = [];
  for (let i = 0; i < queries; i++) {
    const seed = seeds[i % seeds.length]!.replace(/\r?\n {2,}/g, '\n\t');
    out.push(
      `// query ${i}: Straße, 日本, 👩‍💻\n${seed}\n| where ${i} >= 0 // e\u0301\n\t| extend tag_${i} = "ü😀"\n\t| take 1000`,
    );
  }
  return `\uFEFF${out.join('\n\n')}\n`.replace(/\n/g, '\r\n');
}
