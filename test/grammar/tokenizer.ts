/**
 * Loads syntaxes/kql.tmLanguage.json into the same engine VS Code uses (vscode-textmate with the
 * Oniguruma wasm), for the tokenizer tests and bench/grammar.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

export const GRAMMAR_PATH = path.resolve(__dirname, '../../syntaxes/kql.tmLanguage.json');

export interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

let wasmLoaded: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  if (!wasmLoaded) {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    wasmLoaded = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  }
  return wasmLoaded;
}

export async function loadKqlGrammar(grammarPath = GRAMMAR_PATH): Promise<vsctm.IGrammar> {
  await loadWasm();
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'source.kql' ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar('source.kql');
  if (!grammar) {
    throw new Error(`Could not load the KQL grammar from ${grammarPath}`);
  }
  return grammar;
}

/** Tokenizes a whole text line by line, carrying the rule stack (multi-line strings) across lines. */
export function tokenize(grammar: vsctm.IGrammar, text: string): Token[][] {
  let stack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The innermost scope of the token covering `needle`'s first occurrence on the line. */
export function scopeOf(tokens: readonly Token[], needle: string): string | undefined {
  const t = tokens.find((x) => x.text === needle) ?? tokens.find((x) => x.text.includes(needle));
  return t?.scopes[t.scopes.length - 1];
}
