/**
 * What a notebook cell sees: the definitions (`let`, `declare query_parameters`, `set`, `alias`) of the
 * code cells above it, in order, followed by its own text. Later definitions of a name shadow earlier
 * ones, as consecutive `let`s do in one Kusto query, because that is exactly the text Kusto receives.
 * Positions in the combined text map back into the cell by a line offset: the prelude always ends with
 * a newline and holds whole lines.
 */
import { type Definition, definitionsOf, isDefinitionsOnly } from './statements';

export interface ScopedCell {
  /** The text to analyse or run: the prelude, then the cell. */
  readonly text: string;
  /** Lines of prelude before the cell's first line. */
  readonly lineOffset: number;
  /** Characters of prelude before the cell's first character. */
  readonly offset: number;
  /** True when the cell only defines names (nothing to run; it shows what it defines). */
  readonly definitionsOnly: boolean;
  /** Names the cell itself defines. */
  readonly defines: readonly string[];
  /** For each prelude line, the index (among the given cells) of the cell it came from. */
  readonly preludeCells: readonly number[];
}

/** Every word of the text that could name a definition (strings and comments too: keeping one too many is harmless). */
function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const m of text.matchAll(/\[\s*(?:'([^']*)'|"([^"]*)")\s*\]|[A-Za-z_]\w*/g)) {
    words.add(m[1] ?? m[2] ?? m[0]);
  }
  return words;
}

/**
 * Of the definitions above a cell, the ones a run of `own` needs: every `set`, `declare` and `alias`, and
 * each `let` whose name the cell, or a `let` it needs, uses. Kusto binds an unused `let` too, so one that
 * reads a table the workspace lacks (the seed queries' `let ips = materialize(ServiceMapComputer_CL …)`)
 * would stop every cell below it on a workspace without that table, though none of them reads it.
 */
function neededBy(own: string, definitions: readonly Definition[]): Set<Definition> {
  const needed = wordsOf(own);
  const kept = new Set<Definition>();
  for (let i = definitions.length - 1; i >= 0; i--) {
    const d = definitions[i]!;
    if (d.kind !== 'let' || d.names.some((n) => needed.has(n))) {
      kept.add(d);
      for (const w of wordsOf(d.text)) needed.add(w);
    }
  }
  return kept;
}

/**
 * The prelude the cells before `index` give it: one line per definition, each ending in `;`. With
 * `own` (the cell's text, for a run), only the definitions it needs (neededBy).
 */
export function preludeFor(cells: readonly string[], index: number, own?: string): { text: string; cells: number[] } {
  const above = cells
    .slice(0, Math.min(index, cells.length))
    .map((text, i) => ({ i, definitions: definitionsOf(text) }));
  const kept =
    own === undefined
      ? undefined
      : neededBy(
          own,
          above.flatMap((c) => c.definitions),
        );
  const lines: string[] = [];
  const origins: number[] = [];
  for (const { i, definitions } of above) {
    for (const d of definitions) {
      if (kept && !kept.has(d)) continue;
      // Kept on its own lines with blank lines removed: Kusto.Explorer splits queries at blank lines.
      const body = d.text
        .trim()
        .split(/\r?\n/)
        .filter((l) => l.trim() !== '');
      const text = d.terminated ? body.join('\n') : `${body.join('\n')};`;
      const textLines = text.split('\n');
      lines.push(...textLines);
      origins.push(...textLines.map(() => i));
    }
  }
  return { text: lines.length ? `${lines.join('\n')}\n` : '', cells: origins };
}

/**
 * The cell at `index` of a notebook's code cells (their texts in order) with what it sees of the cells
 * above it.
 */
export function scopeCell(
  cells: readonly string[],
  index: number,
  /** For a run: only the definitions above that the cell needs (the editor sees them all). */
  options: { onlyNeeded?: boolean } = {},
): ScopedCell {
  const own = cells[index] ?? '';
  const prelude = preludeFor(cells, index, options.onlyNeeded ? own : undefined);
  return {
    text: prelude.text + own,
    lineOffset: prelude.cells.length,
    offset: prelude.text.length,
    definitionsOnly: isDefinitionsOnly(own),
    defines: definitionsOf(own).flatMap((d) => d.names),
    preludeCells: prelude.cells,
  };
}

/**
 * The cell's text as one query: its blank lines become comment lines, because a cell runs as one query
 * while a document (and the analyser) splits into queries at blank lines. Positions stay the same.
 */
export const cellAsOneQuery = (text: string): string =>
  text.replace(/^[ \t]*(?=\r?\n|$)/gm, (m, offset: number) => (offset === text.length ? m : '//'));

/** "defines: TimeRange, Computers" — what a cell that only defines names shows as its output. */
export function describeDefinitions(names: readonly string[]): string {
  return names.length ? `defines: ${names.join(', ')}` : 'defines no names (set options only)';
}
