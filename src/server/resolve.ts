/** Documentation for a completion item the user selects: the active schema's words for columns and tables. */
import { MarkupKind, type CompletionItem } from 'vscode-languageserver/node';
import { activeSchema, globalsFor, items } from '../kql';
import { schemaFunction, schemaTable } from '../schema/workspaceSchema';
import type { CompletionData } from './completion';

function columnDocs(name: string): string | undefined {
  const found = activeSchema().tables.flatMap((t) =>
    t.columns.filter((c) => c.name === name).map((c) => ({ table: t.name, column: c })),
  );
  if (!found.length) return undefined;
  const byDescription = new Map<string, string[]>();
  for (const f of found) {
    const key = `${f.column.type}\u0000${f.column.description}`;
    byDescription.set(key, [...(byDescription.get(key) ?? []), f.table]);
  }
  return [...byDescription]
    .map(([key, tables]) => {
      const [type, description] = key.split('\u0000');
      return `\`${name}: ${type}\` (${tables.join(', ')})\n\n${description}`;
    })
    .join('\n\n---\n\n');
}

function functionDocs(name: string): string | undefined {
  const saved = schemaFunction(activeSchema(), name);
  if (saved) return savedFunctionMarkdown(saved);
  const fn = globalsFor().GetFunction(name) ?? globalsFor().GetAggregate(name);
  if (!fn) return undefined;
  const signatures = [...items(fn.Signatures)]
    .filter((s) => !s.IsHidden && !s.IsObsolete)
    .map((s) => {
      const params = [...items(s.Parameters)].map((p) => (p.IsOptional ? `[${p.Name}]` : p.Name)).join(', ');
      return `${name}(${params})`;
    });
  return signatures.length ? ['```kql', ...signatures, '```', fn.Description ?? ''].join('\n').trim() : undefined;
}

export function resolveCompletion(item: CompletionItem): CompletionItem {
  const data = item.data as CompletionData | undefined;
  if (!data || typeof data.name !== 'string') return item;
  let docs: string | undefined;
  if (data.kind === 13) docs = columnDocs(data.name);
  else if (data.kind === 14) docs = schemaTable(activeSchema(), data.name)?.description;
  else if (data.kind >= 15 && data.kind <= 18) docs = functionDocs(data.name);
  if (docs) item.documentation = { kind: MarkupKind.Markdown, value: docs };
  return item;
}

/** A saved workspace function as hover and completion show it: its declaration and body as KQL. */
export function savedFunctionMarkdown(fn: {
  name: string;
  parameters: string;
  body: string;
  description: string;
}): string {
  const body = fn.body.trim().replace(/^\{\s*([\s\S]*?)\s*\}$/, '$1');
  return [
    '```kql',
    `${fn.name}(${fn.parameters}) {`,
    ...body.split(/\r?\n/).map((l) => `    ${l}`),
    '}',
    '```',
    fn.description,
  ]
    .join('\n')
    .trim();
}
