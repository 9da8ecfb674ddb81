/**
 * The generated KQL language assets, as file contents: snippets, the examples file, the TextMate grammar
 * and the grammar test of every sample query. `gen-snippets.ts` writes them; a test regenerates them and
 * fails when a committed copy is out of date.
 */
import { CATALOGUE, allColumnNames } from '../src/schema/catalogue';
import { SAMPLE_QUERIES, sampleQueryText, snippetBody, type SampleQuery } from '../src/schema/sampleQueries';
import { kusto } from '../src/kql';
import { buildKqlGrammar, TABULAR_OPERATORS, type GrammarLists } from './kqlGrammar';
import { seedGrammarTest } from './seedGrammarTest';

export interface GeneratedFile {
  /** Relative to the repository root. */
  readonly path: string;
  readonly content: string;
}

interface SnippetEntry {
  prefix: string;
  description: string;
  body: string[];
}

export function snippetsJson(queries: readonly SampleQuery[] = SAMPLE_QUERIES): string {
  const snippets: Record<string, SnippetEntry> = {};
  for (const q of queries) {
    snippets[q.title] = { prefix: q.prefix, description: q.description, body: snippetBody(q).split('\n') };
  }
  return `${JSON.stringify(snippets, null, 2)}\n`;
}

/** Every query with its defaults filled, after a `// title` line, one blank line between queries. */
export function examplesKql(queries: readonly SampleQuery[] = SAMPLE_QUERIES): string {
  return `${queries.map((q) => `// ${q.title}\n${sampleQueryText(q)}`).join('\n\n')}\n`;
}

function names(list: unknown): string[] {
  const bridge = (globalThis as unknown as { Bridge: { toArray(l: unknown): { Name: string }[] } }).Bridge;
  // Names starting with "__" are the library's internal helpers, never written by users.
  return bridge.toArray(list).map((f) => f.Name).filter((n) => !n.startsWith('__'));
}

/** Function names from Kusto.Language itself (including obsolete ones users still paste, like makeset). */
export function grammarLists(): GrammarLists {
  const K = kusto();
  return {
    scalarFunctions: names(K.Functions.All),
    aggregateFunctions: names(K.Aggregates.All),
    plugins: names(K.PlugIns.All),
    tables: CATALOGUE.map((t) => t.name),
    columns: allColumnNames(),
  };
}

export function grammarJson(lists: GrammarLists = grammarLists()): string {
  return `${JSON.stringify(buildKqlGrammar(lists), null, 2)}\n`;
}

export function generatedFiles(): GeneratedFile[] {
  const lists = grammarLists();
  return [
    { path: 'snippets/kql.json', content: snippetsJson() },
    { path: 'examples/vm-insights.kql', content: examplesKql() },
    { path: 'syntaxes/kql.tmLanguage.json', content: grammarJson(lists) },
    {
      path: 'test/grammar/sample-queries.kql',
      content: seedGrammarTest(SAMPLE_QUERIES, {
        tables: lists.tables,
        columns: lists.columns,
        aggregateFunctions: lists.aggregateFunctions,
        scalarFunctions: lists.scalarFunctions,
        operators: TABULAR_OPERATORS,
      }),
    },
  ];
}
