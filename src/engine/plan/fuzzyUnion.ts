/**
 * `union isfuzzy=true` legs whose table the workspace lacks. Kusto leaves such a leg out before it
 * computes the union's schema (and warns, KS205); Kusto.Language binds it anyway, with its columns
 * typed unknown, so the union and every operator after it would carry columns no row has. The engine
 * therefore analyses the query again with those legs blanked out: replaced by spaces, with one of
 * their commas, so every other offset (and every error's line:column) stays where it was.
 */
import { blankSpans } from '../../kql';
import { parameter } from './join';
import { kindOf, type Node, nameText } from './syntax';

/** The table name a leg starts from when the binder could not resolve it: `T`, `(T | …)`. */
export function unresolvedSource(leg: Node): string | undefined {
  let n: Node | null | undefined = leg;
  while (n && (kindOf(n) === 'ParenthesizedExpression' || kindOf(n) === 'PipeExpression')) {
    // Both kinds keep their inner expression (the pipe's input) in Expression.
    n = (n as Kusto.Language.Syntax.ParenthesizedExpression | Kusto.Language.Syntax.PipeExpression).Expression;
  }
  return n && kindOf(n) === 'NameReference' && !n.ReferencedSymbol ? nameText(n) : undefined;
}

interface Separated {
  readonly Element: Node;
  readonly Separator: Kusto.Language.Syntax.SyntaxToken | null;
}

function isFuzzy(union: Kusto.Language.Syntax.UnionOperator): boolean {
  return (parameter(union.Parameters, 'isfuzzy') ?? '').trim().toLowerCase() === 'true';
}

/**
 * Spans to blank in one fuzzy union, unless no leg would be left: everything from its first leg to
 * its last except the legs that stay and one comma after each of them but the last.
 */
function missingLegSpans(union: Kusto.Language.Syntax.UnionOperator): { start: number; end: number }[] {
  const list = union.Expressions;
  const legs: Separated[] = [];
  for (let i = 0; i < (list?.Count ?? 0); i++) {
    const leg = list!.getItem(i) as Kusto.Language.Syntax.SeparatedElement$1<Kusto.Language.Syntax.Expression>;
    legs.push({ Element: leg.Element as Node, Separator: leg.Separator });
  }
  const kept = legs.filter((l) => unresolvedSource(l.Element) === undefined);
  if (kept.length === legs.length || kept.length === 0) {
    return [];
  }
  const keep: { start: number; end: number }[] = [];
  kept.forEach((leg, k) => {
    keep.push({ start: leg.Element.TextStart, end: leg.Element.End });
    const comma = leg.Separator;
    if (k < kept.length - 1 && comma && comma.Width > 0) {
      keep.push({ start: comma.TextStart, end: comma.End });
    }
  });
  const spans: { start: number; end: number }[] = [];
  let at = legs[0]!.Element.TextStart;
  for (const span of keep) {
    if (span.start > at) spans.push({ start: at, end: span.start });
    at = span.end;
  }
  const end = legs[legs.length - 1]!.Element.End;
  if (end > at) spans.push({ start: at, end });
  return spans;
}

const ISFUZZY = /isfuzzy/i;

/** The query text with the missing legs of its fuzzy unions blanked out; undefined when there are none. */
export function withoutMissingFuzzyLegs(code: Kusto.Language.KustoCode): string | undefined {
  // A fuzzy union names its isfuzzy parameter in the query's own text (the walk below visits only
  // that text's tree): without it, the walk over every token of the tree (tens of µs a query
  // through Bridge, on every first run) can find nothing.
  if (!ISFUZZY.test(code.Text ?? '')) {
    return undefined;
  }
  const spans: { start: number; end: number }[] = [];
  code.Syntax?.WalkElements((e) => {
    if (kindOf(e) === 'UnionOperator' && isFuzzy(e as Kusto.Language.Syntax.UnionOperator)) {
      spans.push(...missingLegSpans(e as Kusto.Language.Syntax.UnionOperator));
    }
  });
  if (spans.length === 0) {
    return undefined;
  }
  return blankSpans(code.Text ?? '', spans);
}
