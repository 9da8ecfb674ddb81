/** The map's colours (VS Code theme variables) and cytoscape styles; the legend shows the same colours. */
import type cytoscape from 'cytoscape';
import { themeVariable } from '../shared/dom';
import { opaqueOver } from './opaqueColour';

function color(name: string, fallback: string): string {
  return themeVariable(name).trim() || fallback;
}

export function palette() {
  const bg = color('--vscode-editor-background', '#1e1e1e');
  // Links and their legend entries share these colours: opaque, since cytoscape drops an alpha.
  const line = (name: string, fallback: string): string => opaqueOver(color(name, fallback), bg);
  return {
    fg: color('--vscode-foreground', '#cccccc'),
    bg,
    error: line('--vscode-errorForeground', '#f48771'),
    failed: line('--vscode-charts-orange', '#d18616'),
    added: line('--vscode-charts-green', '#89d185'),
    worse: line('--vscode-charts-yellow', '#cca700'),
    vanished: line('--vscode-disabledForeground', '#8b8b8b'),
    machine: color('--vscode-charts-blue', '#3794ff'),
    process: color('--vscode-charts-purple', '#b180d7'),
    group: color('--vscode-charts-green', '#89d185'),
    edge: line('--vscode-editorLineNumber-foreground', '#858585'),
    font: color('--vscode-font-family', 'sans-serif'),
    /** Set by high-contrast themes only: the large map's labels get this outline (labelLayer.ts). */
    contrastBorder: themeVariable('--vscode-contrastBorder').trim(),
  };
}
export type Palette = ReturnType<typeof palette>;

/** An arrow's colour, wherever on the link it is drawn (large graphs draw it halfway). */
function arrow(c: string): { 'target-arrow-color': string; 'mid-target-arrow-color': string } {
  return { 'target-arrow-color': c, 'mid-target-arrow-color': c };
}

/**
 * The map's styles; `large` graphs draw haystack links: a curved link costs its control points and
 * their intersections with both nodes, 2–3× a haystack link's drawing (1,000 links, bench/map/profileMap.ts).
 */
export function mapStyles(
  p: Palette,
  large = false,
  labels: { scale: number; maxWidth: number } = { scale: 1, maxWidth: 260 },
): cytoscape.StylesheetJson {
  // A narrow map's labels drawn larger than their own size, so the screen shows them legibly (labelFit.ts).
  const k = labels.scale;
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        color: p.fg,
        'font-family': p.font,
        'font-size': 13 * k,
        'text-valign': 'bottom',
        'text-margin-y': 4 * k,
        'text-wrap': 'ellipsis',
        'text-max-width': `${labels.maxWidth}px`,
        'background-color': p.group,
        'border-width': 1,
        'border-color': p.bg,
        'text-background-color': p.bg,
        'text-background-opacity': 0.7,
        'text-background-padding': '1px',
        width: 22,
        height: 22,
        'min-zoomed-font-size': 7,
      },
    },
    // A large map's labels are placed and drawn by labelLayer.ts, legible at every zoom and never on
    // top of each other; cytoscape draws none (it also spends no frame time on them).
    ...(large ? [{ selector: 'node', style: { label: '' } } as const] : []),
    {
      selector: 'node[kind = "machine"]',
      style: { shape: 'round-rectangle', 'background-color': p.machine, width: 38, height: 28 },
    },
    {
      selector: 'node[kind = "machine"][?expanded]',
      style: {
        'background-opacity': 0.12,
        'border-width': 2,
        'border-color': p.machine,
        'text-valign': 'top',
        'text-margin-y': -4 * k,
        padding: '14px',
        'font-weight': 'bold',
      },
    },
    {
      selector: 'node[kind = "process"]',
      style: { shape: 'ellipse', 'background-color': p.process, 'font-size': 12 * k },
    },
    { selector: 'node[kind = "group"]', style: { shape: 'hexagon', width: 30, height: 26 } },
    {
      selector: 'node[kind = "group"][?expanded]',
      style: {
        'background-opacity': 0.1,
        'border-width': 2,
        'border-color': p.group,
        'text-valign': 'top',
        padding: '12px',
      },
    },
    { selector: 'node[kind = "endpoint"]', style: { shape: 'diamond', 'font-size': 12 * k } },
    { selector: 'node[?malicious]', style: { 'border-width': 3, 'border-color': p.error } },
    { selector: 'node[?seed]', style: { 'border-width': 4, 'border-color': p.fg } },
    {
      selector: 'node[kind = "endpoint"][?malicious], node[kind = "group"][?malicious]',
      style: { 'background-color': p.error },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'line-color': p.edge,
        ...arrow(p.edge),
        'target-arrow-shape': 'triangle',
        'arrow-scale': 1.1,
        'curve-style': 'bezier',
        opacity: 0.8,
      },
    },
    // Large graphs: haystack links (no control points, no intersections with the nodes' shapes),
    // the direction shown by an arrow halfway; a link into an open machine or group, which haystack
    // cannot end on, stays straight.
    ...(large
      ? [
          {
            selector: 'edge',
            style: {
              'curve-style': 'haystack',
              'haystack-radius': 0,
              'target-arrow-shape': 'none',
              'mid-target-arrow-shape': 'triangle',
            },
          } as const,
          {
            selector: 'edge[?open]',
            style: { 'curve-style': 'straight', 'target-arrow-shape': 'triangle', 'mid-target-arrow-shape': 'none' },
          } as const,
        ]
      : []),
    {
      selector: 'edge[?failing]',
      style: { 'line-color': p.failed, ...arrow(p.failed), 'line-style': 'dashed', opacity: 1 },
    },
    {
      selector: 'edge[?malicious]',
      style: { 'line-color': p.error, ...arrow(p.error), 'line-style': 'solid', opacity: 1 },
    },
    {
      selector: 'edge[change = "new"]',
      style: { 'line-color': p.added, ...arrow(p.added), 'line-style': 'solid', opacity: 1 },
    },
    {
      selector: 'edge[change = "worse"]',
      style: { 'line-color': p.worse, ...arrow(p.worse), 'line-style': 'dashed', opacity: 1 },
    },
    {
      selector: 'edge[change = "vanished"]',
      style: { 'line-color': p.vanished, ...arrow(p.vanished), 'line-style': 'dotted', opacity: 0.9 },
    },
    { selector: ':selected', style: { 'overlay-opacity': 0.2, 'overlay-color': p.fg, 'overlay-padding': 4 } },
    { selector: 'node.match', style: { 'border-width': 4, 'border-color': p.fg } },
    // A label that would overlap a more important one on a narrow map: named by the tooltip instead.
    { selector: 'node.quiet', style: { 'text-opacity': 0, 'text-background-opacity': 0 } },
  ];
}
