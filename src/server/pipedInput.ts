/**
 * Completion in a later pipe segment without re-analysing the query before it. While the user types
 * in `VMConnection | … | where A > 0 and ▮`, the text before the segment's `|` does not change, and
 * all the library needs from it is the table it produces. That table (columns, types, descriptions,
 * serialized or not) comes from the earlier text's own analysis, which the block cache already holds,
 * and is declared under a reserved name, so the library analyses only the `let` statements and
 * `<input> | where A > 0 and ▮`. The items are the same as from the whole block
 * (`test/server/pipedInput.test.ts` compares them over the sample queries) for a fraction of the parse.
 */
import { bridgeItems, DATABASE_NAME, globalsFor, kusto } from '../kql';
import type { BlockAnalyzer } from './blockAnalysis';
import { deadlineToken } from './guards';
import { segmentAt } from './pipeSegments';

/** The reserved name the earlier pipeline's result is declared as. */
export const PIPED_INPUT_NAME = '__ca_piped_input';

/** A segment the library can complete on its own, and how to map offsets back to the block. */
export interface PipedAnalysis {
  readonly service: Kusto.Language.Editor.KustoCodeService;
  /** Offset in the synthetic text of a block offset. */
  toSynthetic(blockOffset: number): number;
  /** Offset in the block of a synthetic offset. */
  toBlock(syntheticOffset: number): number;
}

/** Operators that name or fork the pipeline: the segment then depends on more than the input table. */
const NOT_A_PLAIN_INPUT = new Set(['as', 'fork', 'facet']);

export class PipedInputAnalyzer {
  /** Globals with the input table declared, per text before the segment. */
  private readonly globalsByPrefix = new Map<string, Kusto.Language.GlobalState>();
  private baseTables: Kusto.Language.Symbols.Symbol[] | undefined;

  constructor(
    private readonly blocks: BlockAnalyzer,
    private readonly budgetMs = 2000,
    private readonly capacity = 50,
  ) {}

  /**
   * The segment under `offset` analysed on its own, or undefined when the cursor is in the first
   * segment, in a literal, after `as`/`fork`/`facet`, or the earlier text does not produce a table.
   */
  analyse(blockText: string, offset: number): PipedAnalysis | undefined {
    const split = segmentAt(blockText, offset);
    if (!split || split.earlierOperators.some((op) => NOT_A_PLAIN_INPUT.has(op))) {
      return undefined;
    }
    const prefix = blockText.slice(0, split.pipe).trimEnd();
    const globals = this.globalsFor(prefix);
    if (!globals) {
      return undefined;
    }
    const preamble = blockText.slice(0, split.statementStart);
    const head = `${preamble}${PIPED_INPUT_NAME}\n|`;
    const text = head + blockText.slice(split.pipe + 1, split.segmentEnd);
    const K = kusto();
    const code = K.KustoCode.ParseAndAnalyze(text, globals, deadlineToken(this.budgetMs))!;
    const service = new K.Editor.KustoCodeService.ctor(code);
    const shift = head.length - (split.pipe + 1);
    return {
      service,
      toSynthetic: (blockOffset) => blockOffset + shift,
      toBlock: (syntheticOffset) => syntheticOffset - shift,
    };
  }

  private globalsFor(prefix: string): Kusto.Language.GlobalState | undefined {
    const cached = this.globalsByPrefix.get(prefix);
    if (cached) {
      return cached;
    }
    const analysed = this.blocks.get(prefix);
    const result = analysed.code?.ResultType;
    const K = kusto();
    if (!result || !(result instanceof K.Symbols.TableSymbol)) {
      return undefined;
    }
    const input = (result as Kusto.Language.Symbols.TableSymbol).WithName(PIPED_INPUT_NAME)!;
    const db = new K.Symbols.DatabaseSymbol.$ctor2(DATABASE_NAME, null, [...this.catalogueTables(), input] as never);
    const globals = K.GlobalState.Default!.WithDatabase(db)!;
    this.globalsByPrefix.set(prefix, globals);
    if (this.globalsByPrefix.size > this.capacity) {
      this.globalsByPrefix.delete(this.globalsByPrefix.keys().next().value as string);
    }
    return globals;
  }

  /** The catalogue's table symbols, taken from the default globals so they are the same objects. */
  private catalogueTables(): Kusto.Language.Symbols.Symbol[] {
    if (!this.baseTables) {
      this.baseTables = bridgeItems(globalsFor().Database!.Members, kusto().Symbols.Symbol);
    }
    return this.baseTables;
  }
}
