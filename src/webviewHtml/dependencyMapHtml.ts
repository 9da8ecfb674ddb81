/**
 * The dependency map's webview page and its message protocol. The graph travels as JSON text in a
 * non-executable script element (never as script), under a CSP that allows only the nonce'd bundle.
 */
import type { DependencyGraph } from '../render/dependencyGraph';

export interface MapPageOptions {
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly nonce: string;
  readonly title: string;
  readonly graph: DependencyGraph;
}

/** Webview → host: the user clicked a node. */
export interface OpenNodeMessage {
  readonly type: 'openNode';
  readonly id: string;
}

/** Host → webview: a new graph (refresh, other machines). */
export interface GraphMessage {
  readonly type: 'graph';
  readonly graph: DependencyGraph;
  readonly title: string;
}

export function isOpenNodeMessage(m: unknown): m is OpenNodeMessage {
  if (!m || typeof m !== 'object') {
    return false;
  }
  const o = m as Record<string, unknown>;
  return o.type === 'openNode' && typeof o.id === 'string' && o.id.length > 0 && o.id.length < 2000 && Object.keys(o).length === 2;
}

export function mapContentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** JSON that cannot end its script element or open a comment, whatever the names in it. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function dependencyMapHtml(o: MapPageOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(mapContentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(o.title)}</title>
</head>
<body>
<header id="header"><span id="title">${escapeHtml(o.title)}</span><span id="legend"></span></header>
<div id="map" role="img" aria-label="${escapeHtml(o.title)}"></div>
<script type="application/json" id="graph-data">${scriptSafeJson({ graph: o.graph, title: o.title })}</script>
<script nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>`;
}
