/**
 * Information notes on cross-resource references the editor cannot check: `workspace("x").T`,
 * `app("y").T`, `resource("z").T` where T is not a table of the active schema. The binder accepts
 * such names unbound (never an error, see src/kql/globals.ts); this note says why nothing is checked
 * or completed there, and what runs it: Log Analytics as written, not the local engine.
 */
import { CROSS_RESOURCE_FUNCTIONS } from '../kql';
import { hasTable, type WorkspaceSchema } from '../schema/workspaceSchema';

/** A note at offsets into the block (the shape of blockAnalysis's diagnostics, declared here to keep the two files apart). */
export interface CrossResourceNote {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly severity: 'information';
  readonly code: 'KQL-CROSS-RESOURCE';
}

const CROSS = new Set<string>(CROSS_RESOURCE_FUNCTIONS);

type Token = Kusto.Language.Syntax.SyntaxToken;

/** The text of a string literal token ("x", 'x', @"x"), without quotes; undefined for anything else. */
function literal(token: Token | null): string | undefined {
  const m = /^@?(["'])(.*)\1$/s.exec(token?.Text ?? '');
  return m ? m[2] : undefined;
}

export function crossResourceNotes(code: Kusto.Language.KustoCode, schema: WorkspaceSchema): CrossResourceNote[] {
  const out: CrossResourceNote[] = [];
  let token: Token | null = code.Syntax?.GetFirstToken() ?? null;
  while (token) {
    const fn = token;
    token = token.GetNextToken();
    if (!CROSS.has(fn.Text ?? '') || token?.Text !== '(') continue;
    const argument = token.GetNextToken();
    const target = literal(argument);
    const close = argument?.GetNextToken() ?? null;
    const dot = close?.Text === ')' ? close.GetNextToken() : null;
    if (target === undefined || dot?.Text !== '.') continue;
    let nameToken = dot.GetNextToken();
    let name = nameToken?.Text;
    if (name === '[') {
      // ['My table']
      const quoted = nameToken!.GetNextToken();
      name = literal(quoted);
      nameToken = quoted?.GetNextToken()?.Text === ']' ? quoted.GetNextToken() : null;
    }
    if (!name || !nameToken || !/^[\w ]/.test(name) || hasTable(schema, name)) continue;
    out.push({
      start: fn.TextStart,
      end: nameToken.TextStart + nameToken.Text!.length,
      message: `${name} in ${fn.Text}("${target}") is not in this workspace's schema, so its columns are not checked or completed here. Log Analytics runs it as written; the local engine cannot reach other workspaces or apps.`,
      severity: 'information',
      code: 'KQL-CROSS-RESOURCE',
    });
    token = nameToken.GetNextToken();
  }
  return out;
}
