/// <reference path="../../webview/map/fcose.d.ts" />
// Bundled by bench/mapLayout.ts for the browser: the layout candidates side by side on one page.
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';

cytoscape.use(dagre);
cytoscape.use(fcose);

const OPTIONS: Record<string, cytoscape.LayoutOptions> = {
  dagre: { name: 'dagre', rankDir: 'LR', animate: false } as cytoscape.LayoutOptions,
  cose: { name: 'cose', animate: false, randomize: true } as cytoscape.LayoutOptions,
  'fcose-default': { name: 'fcose', quality: 'default', animate: false, randomize: true } as cytoscape.LayoutOptions,
  'fcose-draft': { name: 'fcose', quality: 'draft', animate: false, randomize: true } as cytoscape.LayoutOptions,
};

/** Lays the elements out with one candidate and draws them; returns the milliseconds to the first frame. */
(globalThis as unknown as { __layout: unknown }).__layout = (
  elements: cytoscape.ElementDefinition[],
  name: string,
): Promise<number> => {
  const g = globalThis as unknown as {
    document: { getElementById(id: string): { replaceChildren(): void } };
    requestAnimationFrame(f: () => void): void;
  };
  const container = g.document.getElementById('app');
  container.replaceChildren();
  const started = performance.now();
  const cy = cytoscape({
    container: container as unknown as cytoscape.CytoscapeOptions['container'],
    elements,
    layout: OPTIONS[name]!,
    style: [{ selector: 'node', style: { label: 'data(id)' } }],
  });
  cy.fit();
  return new Promise((resolve) =>
    g.requestAnimationFrame(() => {
      const ms = performance.now() - started;
      cy.destroy();
      resolve(ms);
    }),
  );
};
