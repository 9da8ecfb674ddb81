/**
 * Go to Definition: where the name under the cursor is declared in its query, as Kusto.Language's
 * related elements say (a `let`, a `declare query_parameters` parameter, a column made by `extend` or
 * `project`, a function's parameter). Names of the schema (tables, columns, stored functions) are declared
 * nowhere in the file, and give no answer.
 */
import { items, kusto } from '../kql';
import { type AnalyzedBlock, analysedAt } from './blockAnalysis';
import { deadlineToken } from './guards';

/** RelatedElementKind.Declaration. */
const DECLARATION = 2;

/** Block offsets of the declaration of the name at `offset`, if the block declares it. */
export function declarationAt(
  block: AnalyzedBlock,
  offset: number,
  budgetMs = 1000,
): { start: number; end: number } | undefined {
  if (!block.service || !analysedAt(block, offset)) return undefined;
  const info = block.service.GetRelatedElements(
    offset,
    kusto().Editor.FindRelatedOptions.None,
    deadlineToken(budgetMs),
  );
  for (const element of items(info?.Elements)) {
    if ((element.Kind as number) === DECLARATION) return { start: element.Start, end: element.End };
  }
  return undefined;
}
