/**
 * The dependency map webview: draws the host's DependencyGraph with cytoscape and a layered (dagre)
 * layout, machines → processes → remote endpoints left to right. Failed and malicious links and
 * endpoints take the theme's error colour; edge width follows bytes. Clicking a node asks the host to
 * open that node's query.
 */
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import type { DependencyGraph } from '../../src/render/dependencyGraph';
import type { GraphMessage, OpenNodeMessage } from '../../src/webviewHtml/dependencyMapHtml';
import css from './map.css';

interface VsCodeApi {
  postMessage(message: OpenNodeMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

cytoscape.use(dagre);
const vscode = acquireVsCodeApi();
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';

const style = document.createElement('style');
style.nonce = nonce;
style.textContent = css;
document.head.appendChild(style);
// Cytoscape adds this stylesheet itself unless it exists; ours carries the nonce the CSP asks for.
const cytoscapeSheet = document.createElement('style');
cytoscapeSheet.id = '__________cytoscape_stylesheet';
cytoscapeSheet.nonce = nonce;
cytoscapeSheet.textContent = '.__________cytoscape_container { position: relative; }';
document.head.prepend(cytoscapeSheet);

function themeColor(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

function palette() {
  return {
    fg: themeColor('--vscode-foreground', '#cccccc'),
    bg: themeColor('--vscode-editor-background', '#1e1e1e'),
    error: themeColor('--vscode-errorForeground', '#f48771'),
    machine: themeColor('--vscode-charts-blue', '#3794ff'),
    process: themeColor('--vscode-charts-purple', '#b180d7'),
    endpoint: themeColor('--vscode-charts-green', '#89d185'),
    edge: themeColor('--vscode-editorLineNumber-foreground', '#858585'),
    font: themeColor('--vscode-font-family', 'sans-serif'),
  };
}

function styles(p: ReturnType<typeof palette>): cytoscape.StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)', color: p.fg, 'font-family': p.font, 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4,
        'text-wrap': 'ellipsis', 'text-max-width': '160px', 'background-color': p.endpoint, 'border-width': 1, 'border-color': p.bg,
        width: 22, height: 22,
      },
    },
    { selector: 'node[kind = "machine"]', style: { shape: 'round-rectangle', 'background-color': p.machine, width: 34, height: 26 } },
    { selector: 'node[kind = "machine"][?seed]', style: { 'border-width': 3, 'border-color': p.fg } },
    { selector: 'node[kind = "process"]', style: { shape: 'ellipse', 'background-color': p.process } },
    { selector: 'node[kind = "endpoint"]', style: { shape: 'diamond' } },
    { selector: 'node[?failed], node[?malicious]', style: { 'border-width': 3, 'border-color': p.error } },
    { selector: 'node[?malicious]', style: { 'background-color': p.error } },
    {
      selector: 'edge',
      style: {
        width: 'data(width)', 'line-color': p.edge, 'target-arrow-color': p.edge, 'target-arrow-shape': 'triangle',
        'curve-style': 'bezier', label: 'data(label)', 'font-size': 9, color: p.fg, 'text-rotation': 'autorotate',
        'text-background-color': p.bg, 'text-background-opacity': 0.8, 'text-background-padding': '1px', opacity: 0.85,
      },
    },
    { selector: 'edge[kind = "runs"]', style: { 'line-style': 'dashed', 'target-arrow-shape': 'none', width: 1.5 } },
    { selector: 'edge[kind = "connects"][linksFailed > 0], edge[kind = "connects"][?malicious]', style: { 'line-color': p.error, 'target-arrow-color': p.error, opacity: 1 } },
    { selector: 'node:selected', style: { 'overlay-opacity': 0.15, 'overlay-color': p.fg } },
  ];
}

function legend(p: ReturnType<typeof palette>, graph: DependencyGraph): void {
  const el = document.getElementById('legend')!;
  el.replaceChildren();
  const item = (color: string, text: string): void => {
    const span = document.createElement('span');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = color;
    span.append(swatch, text);
    el.append(span);
  };
  item(p.machine, 'machine');
  item(p.process, 'process');
  item(p.endpoint, 'remote endpoint');
  item(p.error, 'failed or malicious');
  const note = document.createElement('span');
  note.textContent = `${graph.nodes.length} nodes, ${graph.edges.length} links` + (graph.omittedEndpoints ? `; ${graph.omittedEndpoints} lighter endpoints left out` : '') + ' · click a node to open its query';
  el.append(note);
}

let cy: cytoscape.Core | undefined;

function draw(graph: DependencyGraph, title: string): void {
  document.getElementById('title')!.textContent = title;
  const container = document.getElementById('map')!;
  cy?.destroy();
  cy = undefined;
  container.replaceChildren();
  const p = palette();
  legend(p, graph);
  if (graph.nodes.length === 0) {
    const empty = document.createElement('div');
    empty.id = 'empty';
    empty.textContent = 'No outbound connections in this time range.';
    container.append(empty);
    return;
  }
  cy = cytoscape({
    container,
    elements: [
      ...graph.nodes.map((n) => ({ group: 'nodes' as const, data: { ...n } })),
      ...graph.edges.map((e) => ({ group: 'edges' as const, data: { ...e } })),
    ],
    style: styles(p),
    layout: { name: 'dagre', rankDir: 'LR', nodeSep: 26, rankSep: 150, edgeSep: 10, animate: false } as cytoscape.LayoutOptions,
    wheelSensitivity: 0.3,
    minZoom: 0.1,
    maxZoom: 4,
  });
  cy.on('tap', 'node', (event) => {
    vscode.postMessage({ type: 'openNode', id: String(event.target.id()) });
  });
  cy.on('mouseover', 'node', (event) => {
    container.title = String(event.target.data('detail') ?? '');
  });
  cy.on('mouseout', 'node', () => {
    container.title = '';
  });
}

function isGraphMessage(m: unknown): m is GraphMessage {
  const o = m as Partial<GraphMessage> | null;
  return !!o && o.type === 'graph' && typeof o.title === 'string' && !!o.graph && Array.isArray(o.graph.nodes) && Array.isArray(o.graph.edges);
}

let current: { graph: DependencyGraph; title: string } | undefined;
const initial = document.getElementById('graph-data')?.textContent;
if (initial) {
  current = JSON.parse(initial) as { graph: DependencyGraph; title: string };
  draw(current.graph, current.title);
}
window.addEventListener('message', (event: MessageEvent) => {
  if (isGraphMessage(event.data)) {
    current = { graph: event.data.graph, title: event.data.title };
    draw(current.graph, current.title);
  }
});
// VS Code swaps the body's theme class; redraw in the new colours.
new MutationObserver(() => {
  if (current) {
    draw(current.graph, current.title);
  }
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });
