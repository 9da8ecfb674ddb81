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

/** Up to this many items the list is written at once; a longer one in slices while the page is idle. */
const AT_ONCE = 1000;
/** How long one slice may hold the page's thread, in ms. */
const SLICE_MS = 8;

/**
 * Writes the list for what `cy` draws into `host`. A large drawing's list is written in slices between
 * frames and inputs (each link's colour asks cytoscape for its style), and put in place once whole, so
 * a reader never sees half of it. Returns a function that stops an unfinished list.
 */
export function describeShown(cy: cytoscape.Core, host: HTMLElement): () => void {
  const label = (id: string): string => String(cy.getElementById(id).data('label') ?? id);
  const nodes = cy.nodes().toArray();
  const edges = cy.edges().toArray();
  const total = nodes.length + edges.length;
  const items: HTMLLIElement[] = [];
  let next = 0;
  const describeNext = (): void => {
    const i = next++;
    if (i < nodes.length) {
      items.push(nodeItem(nodes[i]!, label));
    } else {
      items.push(edgeItem(edges[i - nodes.length]!, label));
    }
  };
  const place = (): void => {
    if (total > items.length) {
      const more = document.createElement('li');
      more.textContent = `and ${total - items.length} more`;
      items.push(more);
    }
    host.replaceChildren(...items);
  };
  const limit = Math.min(total, MAX_ITEMS);
  if (limit <= AT_ONCE) {
    while (next < limit) {
      describeNext();
    }
    place();
    return () => undefined;
  }
  let stopped = false;
  const slice = (): void => {
    if (stopped || cy.destroyed()) {
      return;
    }
    const until = performance.now() + SLICE_MS;
    while (next < limit && performance.now() < until) {
      describeNext();
    }
    if (next < limit) {
      setTimeout(slice, 0);
    } else {
      place();
    }
  };
  setTimeout(slice, 0);
  return () => {
    stopped = true;
  };
}

function nodeItem(n: cytoscape.NodeSingular, label: (id: string) => string): HTMLLIElement {
  const parent = n.data('parent') as string | undefined;
  return item(
    `${n.data('kind')} ${n.data('label')}${parent ? ` in ${label(parent)}` : ''}${n.data('seed') ? ' (focus)' : ''}`,
    { id: n.id(), kind: String(n.data('kind')), label: String(n.data('label')), parent: parent ?? '' },
  );
}

function edgeItem(e: cytoscape.EdgeSingular, label: (id: string) => string): HTMLLIElement {
  const change = (e.data('change') as string | undefined) ?? '';
  return item(
    `link ${label(e.data('source'))} → ${label(e.data('target'))}: ${e.data('links')} links, ${e.data('failed')} failed${change ? `, ${change}` : ''}`,
    {
      source: String(e.data('source')),
      target: String(e.data('target')),
      change,
      failing: e.data('failing') ? 'true' : '',
      color: flat(String(e.style('line-color'))),
    },
  );
}

function item(text: string, data: Record<string, string>): HTMLLIElement {
  const li = document.createElement('li');
  li.textContent = text;
  Object.assign(li.dataset, data);
  return li;
}
