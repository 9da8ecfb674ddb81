/**
 * A `.kqlnb` notebook as the CLI runs it: its code cells in order, each with the definitions of the
 * cells above it, titled by the markdown cell above it, errors placed at file:cell N:line:col.
 */
import type { KqlError } from '../kql';
import {
  describeCellError,
  describeDefinitions,
  NotebookFormatError,
  placeCellError,
  readNotebook,
  scopeCell,
} from '../notebook';
import { UsageError } from './args';
import type { QueryUnit } from './queryUnit';

function heading(markdown: string | undefined): string | undefined {
  const first = markdown?.split(/\r?\n/).find((l) => l.trim() !== '');
  return first?.replace(/^#+\s*/, '').trim() || undefined;
}

export function notebookUnits(text: string, file: string): QueryUnit[] {
  let cells;
  try {
    cells = readNotebook(text).cells;
  } catch (e) {
    throw new UsageError(`${file}: ${e instanceof NotebookFormatError ? e.message : String(e)}`);
  }
  const code: string[] = [];
  const numbers: number[] = [];
  const titles: (string | undefined)[] = [];
  cells.forEach((c, i) => {
    if (c.kind === 'code' && c.language === 'kql') {
      code.push(c.source);
      numbers.push(i + 1);
      const above = cells[i - 1];
      titles.push(above?.kind === 'markdown' ? heading(above.source) : undefined);
    }
  });
  if (code.length === 0) {
    throw new UsageError(`${file} holds no KQL cell.`);
  }
  return code.map((_, i) => {
    const scoped = scopeCell(code, i, { onlyNeeded: true });
    const number = numbers[i]!;
    const describe = (e: KqlError): string => {
      const place = placeCellError(scoped, i, e.range);
      const where = place.inOwnCell ? `${file}:cell ${number}:` : `${file}:cell ${number}: `;
      return `${where}${describeCellError(place, e.message, (k) => numbers[k]!)}`;
    };
    const title = `cell ${number}${titles[i] ? `: ${titles[i]}` : ''}`;
    return {
      text: scoped.text,
      title,
      lineOffset: 0,
      file,
      describe,
      notebookCell: true,
      ...(scoped.definitionsOnly ? { defines: describeDefinitions(scoped.defines) } : {}),
    };
  });
}
