/**
 * Completion without re-analysing the text before the cursor's statement or pipe segment.
 *
 * While the user types in `let a = …; let b = …; VMConnection | … | where A > 0 and ▮`, neither the
 * `let` statements above nor the pipeline before the segment's `|` change. Two things stand in for them:
 * - The `let` statements' symbols, as the analysis of the text before the statement bound them, are
 *   declared as ambient symbols. Kusto binds those in a scope around the query's, as it binds the
 *   query's own lets, so the statement sees the same names with the same types.
 * - In a later pipe segment, the earlier pipeline's result table (columns, types, descriptions,
 *   serialized or not), from the earlier text's own analysis, is declared under a reserved name. In
 *   a `let x = T | … | ▮` statement that pipeline is the let's value, and `let x = ` is kept.
 * The library then analyses `<input> | where A > 0 and ▮`, or the cursor's statement alone. The items
 * are the same as from the whole block (`test/server/statementAnalysis.test.ts` compares them over the
 * sample queries) for a fraction of the parse. The earlier texts' analyses come from the block cache,
 * which keeps them while they do not change.
 */
import { activeBaseGlobals, bridgeItems, DATABASE_NAME, globalsFor, globalsWithAmbient, items, kusto } from '../kql';
import type { BlockAnalyzer } from './blockAnalysis';
import { deadlineToken } from './guards';
import { type StatementSplit, statementAt } from './pipeSegments';

/** The reserved name the earlier pipeline's result is declared as. */
export const PIPED_INPUT_NAME = '__ca_piped_input';

/** A part of a block the library can complete on its own, and how to map offsets back to the block. */
export interface LocalAnalysis {
  /** The synthetic text's analysis, parsed on first use. */
  readonly service: Kusto.Language.Editor.KustoCodeService;
  /** `segment`: a later pipe segment after the input table; `statement`: the cursor's statement. */
  readonly kind: 'segment' | 'statement';
  /** The text the library analyses: the segment after the input table's name, or the statement. */
  readonly text: string;
  /**
   * Everything else the library's answer depends on, as text: the input table's schema (columns, their
   * types, descriptions and examples, whether it is serialized) and the preamble the lets come from.
   * Two requests with equal `context` and `text` get the same answer, whatever query they are in.
   */
  readonly context: string;
  /** Offset in the synthetic text of a block offset. */
  toSynthetic(blockOffset: number): number;
  /** Offset in the block of a synthetic offset. */
  toBlock(syntheticOffset: number): number;
}

/** The globals a segment is analysed with, and whether they declare the block's preamble. */
interface PipedInput {
  readonly globals: Kusto.Language.GlobalState;
  /** What the globals declare, as text (see `LocalAnalysis.context`). */
  readonly context: string;
  /** The preamble's `let` symbols are ambient symbols, so its text is left out. */
  readonly preambleDeclared: boolean;
  /** In a `let` statement's pipeline, the text from the statement's start to its value (`let x = `). */
  readonly letHead: string;
}

/** Operators that name or fork the pipeline: the segment then depends on more than the input table. */
const NOT_A_PLAIN_INPUT = new Set(['as', 'fork', 'facet']);

/**
 * The symbols the `let` statements before `statementStart` declare, as the block's analysis bound
 * them. Undefined when the text before holds anything else (`declare`, `set`, directives, another
 * query), which must then be analysed as text.
 */
function preambleLetSymbols(
  code: Kusto.Language.KustoCode,
  statementStart: number,
): Kusto.Language.Symbols.Symbol[] | undefined {
  const K = kusto();
  const root = code.Syntax;
  if (!(root instanceof K.Syntax.QueryBlock)) {
    return undefined;
  }
  const block = root as Kusto.Language.Syntax.QueryBlock;
  if ((block.Directives?.Count ?? 0) > 0) {
    return undefined;
  }
  const symbols: Kusto.Language.Symbols.Symbol[] = [];
  for (const element of items(block.Statements)) {
    const statement = (element as unknown as Kusto.Language.Syntax.SeparatedElement$1<Kusto.Language.Syntax.Statement>)
      .Element;
    if (!statement || statement.TextStart >= statementStart) {
      break;
    }
    if (!(statement instanceof K.Syntax.LetStatement)) {
      return undefined;
    }
    const symbol = (statement as Kusto.Language.Syntax.LetStatement).Name?.ReferencedSymbol;
    if (!symbol) {
      return undefined;
    }
    symbols.push(symbol);
  }
  return symbols;
}

/**
 * The table a `let` statement's pipeline yields so far, when the text ends in `let x = <pipeline>` and
 * that statement starts at or after `statementStart`; with the offset its value starts at.
 */
function letPipeline(
  code: Kusto.Language.KustoCode,
  statementStart: number,
): { table: Kusto.Language.Symbols.TableSymbol; valueStart: number } | undefined {
  const K = kusto();
  const root = code.Syntax;
  if (!(root instanceof K.Syntax.QueryBlock)) {
    return undefined;
  }
  const statements = [...items((root as Kusto.Language.Syntax.QueryBlock).Statements)];
  const last = (
    statements[statements.length - 1] as unknown as
      | Kusto.Language.Syntax.SeparatedElement$1<Kusto.Language.Syntax.Statement>
      | undefined
  )?.Element;
  if (!(last instanceof K.Syntax.LetStatement) || last.TextStart < statementStart) {
    return undefined;
  }
  const value = (last as Kusto.Language.Syntax.LetStatement).Expression;
  const type = value?.ResultType;
  return value && type instanceof K.Symbols.TableSymbol
    ? { table: type as Kusto.Language.Symbols.TableSymbol, valueStart: value.TextStart }
    : undefined;
}

/** The input table as completion sees it: its flags and each column's name, type, description and examples. */
function tableSignature(table: Kusto.Language.Symbols.TableSymbol): string {
  const K = kusto();
  const columns = [...items(table.Columns)].map((c) =>
    [
      c.Name,
      K.Symbols.DebugDisplay.GetText$2(c.Type),
      c.Description ?? '',
      [...items(c.Examples)].join('\u0003'),
      c.IsHidden ? 1 : 0,
    ].join('\u0002'),
  );
  return [
    table.IsSerialized ? 1 : 0,
    table.IsSorted ? 1 : 0,
    table.IsOpen ? 1 : 0,
    table.Description ?? '',
    ...columns,
  ].join('\u0001');
}

/** Keeps at most `capacity` entries, dropping the least recently added. */
function remember<V>(map: Map<string, V>, key: string, value: V, capacity: number): V {
  map.set(key, value);
  if (map.size > capacity) {
    map.delete(map.keys().next().value as string);
  }
  return value;
}

export class StatementAnalyzer {
  /** Globals with the input table declared, per text before the segment. */
  private readonly inputByPrefix = new Map<string, PipedInput>();
  /** Globals with the preamble's lets declared (undefined: the preamble is not only lets), per preamble. */
  private readonly letsByPreamble = new Map<string, Kusto.Language.GlobalState | undefined>();
  private baseTables: Kusto.Language.Symbols.Symbol[] | undefined;

  constructor(
    private readonly blocks: BlockAnalyzer,
    private readonly budgetMs = 2000,
    private readonly capacity = 50,
  ) {}

  /**
   * The cursor's pipe segment analysed after the earlier pipeline's table, or else the cursor's
   * statement analysed after the earlier statements' lets; undefined when neither applies (the first
   * statement's first segment, a preamble that is not only lets, an earlier pipeline with no table).
   */
  analyse(
    blockText: string,
    offset: number,
    split: StatementSplit = statementAt(blockText, offset),
  ): LocalAnalysis | undefined {
    if (split.inCode && split.pipe >= 0 && !split.earlierOperators.some((op) => NOT_A_PLAIN_INPUT.has(op))) {
      const input = this.inputFor(blockText.slice(0, split.pipe).trimEnd(), split.statementStart);
      if (input) {
        const preamble = input.preambleDeclared ? '' : blockText.slice(0, split.statementStart);
        const head = `${preamble}${input.letHead}${PIPED_INPUT_NAME}\n|`;
        return this.analyseText(
          'segment',
          head + blockText.slice(split.pipe + 1, split.segmentEnd),
          input,
          head.length - (split.pipe + 1),
        );
      }
    }
    // Before the statement's first token, the library's context is the `;` before it: keep the block.
    if (split.statementStart > 0 && split.tokenBefore) {
      const preamble = blockText.slice(0, split.statementStart);
      const globals = this.letsFor(preamble);
      if (globals) {
        return this.analyseText(
          'statement',
          blockText.slice(split.statementStart, split.statementEnd),
          { globals, context: `lets\u0000${preamble}` },
          -split.statementStart,
        );
      }
    }
    return undefined;
  }

  private analyseText(
    kind: LocalAnalysis['kind'],
    text: string,
    input: Pick<PipedInput, 'globals' | 'context'>,
    shift: number,
  ): LocalAnalysis {
    const budgetMs = this.budgetMs;
    let service: Kusto.Language.Editor.KustoCodeService | undefined;
    return {
      get service() {
        if (!service) {
          const K = kusto();
          service = new K.Editor.KustoCodeService.ctor(
            K.KustoCode.ParseAndAnalyze(text, input.globals, deadlineToken(budgetMs))!,
          );
        }
        return service;
      },
      kind,
      text,
      context: input.context,
      toSynthetic: (blockOffset) => blockOffset + shift,
      toBlock: (syntheticOffset) => syntheticOffset - shift,
    };
  }

  private inputFor(prefix: string, statementStart: number): PipedInput | undefined {
    const cached = this.inputByPrefix.get(prefix);
    if (cached) {
      return cached;
    }
    const earlier = this.blocks.get(prefix);
    const code = earlier.code;
    // With graph operators blanked, the earlier pipeline's table is typed without them: not its result.
    if (!code || earlier.graphErrors) {
      return undefined;
    }
    const K = kusto();
    const result = code.ResultType;
    // The query's pipeline, or else the pipeline of the `let` statement the cursor is in.
    const pipeline =
      result instanceof K.Symbols.TableSymbol
        ? { table: result as Kusto.Language.Symbols.TableSymbol, letHead: '' }
        : (() => {
            const inLet = letPipeline(code, statementStart);
            return inLet && { table: inLet.table, letHead: prefix.slice(statementStart, inLet.valueStart) };
          })();
    if (!pipeline) {
      return undefined;
    }
    const table = pipeline.table.WithName(PIPED_INPUT_NAME)!;
    const schema = tableSignature(table);
    const db = new K.Symbols.DatabaseSymbol.$ctor2(DATABASE_NAME, null, [...this.catalogueTables(), table] as never);
    // The active schema's functions (saved, cross-resource) stay in scope beside the piped input.
    let globals = activeBaseGlobals().WithDatabase(db)!;
    const lets = preambleLetSymbols(code, statementStart);
    if (lets?.length) {
      globals = globals.WithAmbientSymbols(lets as never)!;
    }
    // Declared lets stand for the preamble's text, which the synthetic text then leaves out.
    const context = lets !== undefined ? `${schema}\u0000${prefix.slice(0, statementStart)}` : schema;
    return remember(
      this.inputByPrefix,
      prefix,
      { globals: globals.WithCache()!, context, preambleDeclared: lets !== undefined, letHead: pipeline.letHead },
      this.capacity,
    );
  }

  private letsFor(preamble: string): Kusto.Language.GlobalState | undefined {
    if (this.letsByPreamble.has(preamble)) {
      return this.letsByPreamble.get(preamble);
    }
    const earlier = this.blocks.get(preamble);
    const code = earlier.graphErrors ? undefined : earlier.code;
    const lets = code ? preambleLetSymbols(code, preamble.length) : undefined;
    const globals = lets?.length ? globalsWithAmbient(lets) : undefined;
    return remember(this.letsByPreamble, preamble, globals, this.capacity);
  }

  /** The active schema's table symbols, taken from its globals so they are the same objects. */
  private catalogueTables(): Kusto.Language.Symbols.Symbol[] {
    if (!this.baseTables) {
      this.baseTables = bridgeItems(globalsFor().Database!.Members, kusto().Symbols.Symbol);
    }
    return this.baseTables;
  }
}
