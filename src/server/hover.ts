/**
 * Hover and signature help from Kusto.Language: the library's quick info (a column's type and the
 * catalogue's description, a table's schema, a function's signature) and the signatures of the
 * function call around the cursor with the active parameter.
 */
import {
  type Hover,
  MarkupKind,
  type ParameterInformation,
  type SignatureHelp,
  type SignatureInformation,
} from 'vscode-languageserver/node';
import { activeSchema, items, kusto } from '../kql';
import { schemaFunction } from '../schema/workspaceSchema';
import { type AnalyzedBlock, analysedAt } from './blockAnalysis';
import { deadlineToken } from './guards';

/** Quick info as Markdown: the symbol line as KQL code, the description as text. */
export function hoverMarkdown(block: AnalyzedBlock, offset: number, budgetMs = 1000): string | undefined {
  if (!block.service || !analysedAt(block, offset)) {
    return undefined;
  }
  const K = kusto();
  // The editor already shows diagnostics on hover; the library would repeat them.
  const options = K.Editor.QuickInfoOptions.Default!.WithShowDiagnostics(false);
  const info = block.service.GetQuickInfo(offset, options, deadlineToken(budgetMs));
  const text = info?.Text?.trim();
  if (!text) {
    return undefined;
  }
  const [head, ...rest] = text.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n').trim();
  const saved = savedFunctionBody(block, offset);
  return ['```kql', head, '```', ...(body ? ['', body] : []), ...(saved ? ['', '```kql', saved, '```'] : [])].join(
    '\n',
  );
}

/** The body of the saved workspace function named at the offset: what the user needs to see of it. */
function savedFunctionBody(block: AnalyzedBlock, offset: number): string | undefined {
  const token = block.code?.Syntax?.GetTokenAt(offset);
  const name = token?.Text;
  const fn = name ? schemaFunction(activeSchema(), name) : undefined;
  return fn?.body.trim().replace(/^\{\s*([\s\S]*?)\s*\}$/, '$1');
}

export function toHover(markdown: string | undefined): Hover | null {
  return markdown ? { contents: { kind: MarkupKind.Markdown, value: markdown } } : null;
}

/** How a parameter's accepted types read when the library states a kind rather than listing types. */
const KIND_TEXT: Partial<Record<number, string>> = {
  0: 'any',
  2: 'scalar',
  3: 'table',
  6: 'int | long',
  7: 'real | decimal',
  8: 'string | dynamic',
  9: 'string | dynamic',
  10: 'int | long | dynamic',
  11: 'dynamic',
  12: 'dynamic',
  13: 'number',
  14: 'number | bool',
  15: 'summable',
  16: 'orderable',
  23: 'scalar',
  24: 'number',
  25: 'summable',
  26: 'orderable',
  27: 'scalar',
};

function typeNames(p: Kusto.Language.Symbols.Parameter): string {
  const declared = [...items(p.DeclaredTypes)].map((t) => t.Name ?? '').filter(Boolean);
  return declared.length ? declared.join(' | ') : (KIND_TEXT[p.TypeKind as number] ?? '');
}

function signatureInformation(name: string, signature: Kusto.Language.Symbols.Signature): SignatureInformation {
  const parameters: ParameterInformation[] = [];
  let label = `${name}(`;
  let first = true;
  for (const p of items(signature.Parameters)) {
    if (!first) label += ', ';
    first = false;
    const type = typeNames(p);
    const text = `${p.IsOptional ? '[' : ''}${p.Name ?? ''}${type ? `: ${type}` : ''}${p.IsOptional ? ']' : ''}${p.IsRepeatable ? ', ...' : ''}`;
    parameters.push({ label: [label.length, label.length + text.length], documentation: p.Description || undefined });
    label += text;
  }
  label += ')';
  return { label, parameters };
}

/** The function call whose argument list contains the offset (innermost), with the argument index. */
function enclosingCall(
  code: Kusto.Language.KustoCode,
  offset: number,
): { call: Kusto.Language.Syntax.FunctionCallExpression; argument: number } | undefined {
  const K = kusto();
  const token = code.Syntax?.GetTokenAt(Math.max(0, offset - 1)) ?? null;
  let node: Kusto.Language.Syntax.SyntaxElement | null = token;
  while (node) {
    if (node instanceof (K.Syntax.FunctionCallExpression as unknown as new () => object)) {
      const call = node as unknown as Kusto.Language.Syntax.FunctionCallExpression;
      const list = call.ArgumentList;
      const open = list?.OpenParen;
      const close = list?.CloseParen;
      const inside = open && offset > open.TextStart && (!close || close.Width === 0 || offset <= close.TextStart);
      if (inside && list?.Expressions) {
        let argument = 0;
        for (let i = 0; i < list.Expressions.Count; i++) {
          const separator = (list.Expressions.getItem(i) as unknown as Kusto.Language.Syntax.SeparatedElement)
            .Separator;
          if (separator && separator.Width > 0 && separator.TextStart < offset) argument = i + 1;
        }
        return { call, argument };
      }
    }
    node = node.Parent;
  }
  return undefined;
}

export function signatureHelp(block: AnalyzedBlock, offset: number): SignatureHelp | null {
  if (!block.code?.Syntax || !analysedAt(block, offset)) {
    return null;
  }
  const found = enclosingCall(block.code, offset);
  if (!found) {
    return null;
  }
  const symbol = found.call.ReferencedSymbol ?? found.call.Name?.ReferencedSymbol ?? null;
  const fn = symbol as Kusto.Language.Symbols.FunctionSymbol | null;
  const signatures = fn && fn.Signatures ? [...items(fn.Signatures)].filter((s) => !s.IsHidden && !s.IsObsolete) : [];
  if (!fn || !signatures.length) {
    return null;
  }
  const name = fn.Name ?? '';
  const infos = signatures.map((s) => signatureInformation(name, s));
  // Prefer the first signature that accepts this many arguments.
  let active = signatures.findIndex((s) => s.MaxArgumentCount > found.argument);
  if (active < 0) active = 0;
  const sig = signatures[active]!;
  const paramCount = sig.Parameters?.Count ?? 0;
  const activeParameter = sig.HasRepeatableParameters
    ? Math.min(found.argument, Math.max(0, paramCount - 1))
    : found.argument;
  return { signatures: infos, activeSignature: active, activeParameter };
}
