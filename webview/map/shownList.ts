/**
 * The map is a canvas, which screen readers cannot read: this visually hidden list says what is drawn,
 * every node (kind, label, what holds it) and every link (direction, counts, change), with the colour
 * each link is drawn in so "coloured as the legend says" can be checked against the legend.
 */
import type cytoscape from 'cytoscape';

/** Past this many items the list ends with a count: a screen reader user searches instead. */
const MAX_ITEMS = 3000;

function flat(color: string): string {
  return color.replace(/\s+/g, '');
}

export function describeShown(cy: cytoscape.Core, host: HTMLElement): void {
  const items: HTMLLIElement[] = [];
  const item = (text: string, data: Record<string, string>): void => {
    const li = document.createElement('li');
    li.textContent = text;
    Object.assign(li.dataset, data);
    items.push(li);
  };
  const label = (id: string): string => String(cy.getElementById(id).data('label') ?? id);
  cy.nodes().forEach((n) => {
    const parent = n.data('parent') as string | undefined;
    item(
      `${n.data('kind')} ${n.data('label')}${parent ? ` in ${label(parent)}` : ''}${n.data('seed') ? ' (focus)' : ''}`,
      {
        id: n.id(),
        kind: String(n.data('kind')),
        label: String(n.data('label')),
        parent: parent ?? '',
      },
    );
  });
  cy.edges().forEach((e) => {
    const change = (e.data('change') as string | undefined) ?? '';
    item(
      `link ${label(e.data('source'))} → ${label(e.data('target'))}: ${e.data('links')} links, ${e.data('failed')} failed${change ? `, ${change}` : ''}`,
      {
        source: String(e.data('source')),
        target: String(e.data('target')),
        change,
        failing: e.data('failing') ? 'true' : '',
        color: flat(String(e.style('line-color'))),
      },
    );
  });
  const shown = items.slice(0, MAX_ITEMS);
  if (items.length > shown.length) {
    const more = document.createElement('li');
    more.textContent = `and ${items.length - shown.length} more`;
    shown.push(more);
  }
  host.replaceChildren(...shown);
}
