/**
 * The one HTML page of both webviews (results panel, dependency map), shared by the extension host and
 * the browser benchmark and tests so all load
 * the bundle under the same Content-Security-Policy: scripts only with the nonce (no 'unsafe-eval',
 * no 'unsafe-inline'; Vega runs through its interpreter), styles from the extension or with the nonce,
 * images from the extension or data:/blob: URLs (chart exports), nothing else. A page that lays out in
 * a Web Worker (the map) also gets `worker-src blob:`: webviews start workers only from blob: or data:
 * URLs (the extension's files are another origin), and blob: is the narrower of the two.
 */
export interface PanelHtmlOptions {
  /** The webview's `cspSource` (the origin its resources load from). */
  readonly cspSource: string;
  readonly scriptUri: string;
  /** A fresh random value per page load. */
  readonly nonce: string;
  readonly title: string;
  /** Allow Web Workers started from blob: URLs (the map's layout worker). */
  readonly blobWorkers?: boolean;
}

export function contentSecurityPolicy(cspSource: string, nonce: string, blobWorkers = false): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
    ...(blobWorkers ? ['worker-src blob:'] : []),
  ].join('; ');
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The page every webview loads: an empty #app the bundle fills, under the CSP above. */
export function webviewPageHtml(o: PanelHtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(o.cspSource, o.nonce, o.blobWorkers))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeAttr(o.title)}</title>
</head>
<body>
<div id="app"></div>
<script nonce="${escapeAttr(o.nonce)}" src="${escapeAttr(o.scriptUri)}"></script>
</body>
</html>`;
}

export const resultsPanelHtml = webviewPageHtml;

/** 32 random alphanumerics from a caller-supplied source of random bytes (crypto in both hosts). */
export function makeNonce(randomBytes: (n: number) => Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(32), (b) => alphabet[b % alphabet.length]).join('');
}
