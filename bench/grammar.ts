/**
 * TextMate grammar speed under the engine VS Code uses (vscode-textmate + Oniguruma wasm): a 10,000-line
 * file of the sample queries, then each hostile line of test/grammar/pathologicalLines.ts. Figures are
 * ratios to a reference measured in the same run: the same text under a one-rule grammar (`\w+`), i.e.
 * what the engine costs before our rules add anything. Nothing is asserted; the tokenizer test checks
 * that the hostile lines finish. Run: `npx tsx bench/grammar.ts`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INITIAL, type IGrammar } from 'vscode-textmate';
import { SAMPLE_QUERIES, sampleQueryText } from '../src/schema/sampleQueries';
import { PATHOLOGICAL_LINES } from '../test/grammar/pathologicalLines';
import { loadKqlGrammar } from '../test/grammar/tokenizer';

const FILE_LINES = 10_000;

function sampleFile(): string[] {
  const queries = SAMPLE_QUERIES.map((q) => `// ${q.title}\n${sampleQueryText(q)}\n`)
    .join('\n')
    .split('\n');
  const lines: string[] = [];
  while (lines.length < FILE_LINES) {
    lines.push(...queries.slice(0, FILE_LINES - lines.length));
  }
  return lines;
}

function once(grammar: IGrammar, lines: readonly string[]): { ms: number; tokens: number } {
  let stack = INITIAL;
  let tokens = 0;
  const start = performance.now();
  for (const line of lines) {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    tokens += result.tokens.length;
  }
  return { ms: performance.now() - start, tokens };
}

/**
 * Best of `runs` for our grammar and the reference, alternating so that load from other processes on the
 * machine hits both alike.
 */
function compare(ours: IGrammar, reference: IGrammar, lines: readonly string[], runs = 5) {
  let a = { ms: Infinity, tokens: 0 };
  let b = { ms: Infinity, tokens: 0 };
  for (let r = 0; r < runs; r++) {
    const x = once(ours, lines);
    const y = once(reference, lines);
    a = x.ms < a.ms ? x : a;
    b = y.ms < b.ms ? y : b;
  }
  return { ours: a, reference: b, ratio: a.ms / b.ms };
}

async function referenceGrammar(): Promise<IGrammar> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kql-bench-')), 'reference.json');
  fs.writeFileSync(file, JSON.stringify({ scopeName: 'source.kql', patterns: [{ name: 'word', match: '\\w+' }] }));
  return loadKqlGrammar(file);
}

async function main(): Promise<void> {
  const kql = await loadKqlGrammar();
  const reference = await referenceGrammar();
  const file = sampleFile();
  // Warm both up so the first measurement does not carry JIT and wasm start-up.
  compare(kql, reference, file.slice(0, 500), 1);

  const chars = file.reduce((n, l) => n + l.length + 1, 0);
  const f = compare(kql, reference, file);
  console.log(`grammar: ${FILE_LINES} lines of sample queries (${(chars / 1024).toFixed(0)} KiB), best of 5`);
  console.log(
    `  kql grammar ${f.ours.ms.toFixed(1)} ms (${((FILE_LINES / f.ours.ms) * 1000).toFixed(0)} lines/s, ` +
      `${f.ours.tokens} tokens) | reference ${f.reference.ms.toFixed(1)} ms | ratio ${f.ratio.toFixed(2)}x`,
  );

  console.log('grammar: hostile lines (one line each, best of 3; ratio to the reference on the same line)');
  for (const [name, line] of Object.entries(PATHOLOGICAL_LINES)) {
    const h = compare(kql, reference, [line], 3);
    console.log(
      `  ${name.padEnd(20)} ${String(line.length).padStart(7)} chars  ${h.ours.ms.toFixed(1).padStart(8)} ms` +
        `  ${String(h.ours.tokens).padStart(7)} tokens  ratio ${h.ratio.toFixed(2)}x`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
