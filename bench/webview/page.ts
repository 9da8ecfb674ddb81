/**
 * The browser side of the results-webview benchmark: a loopback HTTP server serving the panel's real
 * HTML (same CSP as in VS Code) and the built bundle, plus the VS Code dark-theme variables and an
 * `acquireVsCodeApi` stub, so the bundle runs in Chromium as it does in a webview.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { resultsPanelHtml } from '../../src/webviewHtml/resultsPanelHtml';

/** A subset of VS Code's Dark Modern theme, as VS Code sets it on the webview's <html>. */
const DARK_THEME: Record<string, string> = {
  '--vscode-font-family': "-apple-system, 'Segoe UI', 'Ubuntu', 'Droid Sans', sans-serif",
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': "'Droid Sans Mono', 'monospace', monospace",
  '--vscode-editor-font-size': '13px',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-editor-foreground': '#cccccc',
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-errorForeground': '#f85149',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-editorWidget-border': '#313131',
  '--vscode-editorGroupHeader-tabsBackground': '#181818',
  '--vscode-list-hoverBackground': '#2a2d2e',
  '--vscode-list-activeSelectionBackground': '#04395e',
  '--vscode-list-activeSelectionForeground': '#ffffff',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-input-background': '#313131',
  '--vscode-input-foreground': '#cccccc',
  '--vscode-settings-headerBorder': '#2b2b2b',
  '--vscode-panel-background': '#181818',
  '--vscode-panelTitle-activeForeground': '#cccccc',
  '--vscode-panelTitle-activeBorder': '#0078d4',
  '--vscode-panelTitle-inactiveForeground': '#9d9d9d',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-yellow': '#cca700',
};

/** VS Code's Light Modern, as far as the panel uses it. */
const LIGHT_THEME: Record<string, string> = {
  ...DARK_THEME,
  '--vscode-editor-background': '#ffffff',
  '--vscode-editor-foreground': '#3b3b3b',
  '--vscode-foreground': '#3b3b3b',
  '--vscode-descriptionForeground': '#3b3b3b',
  '--vscode-errorForeground': '#f85149',
  '--vscode-focusBorder': '#005fb8',
  '--vscode-panel-border': '#e5e5e5',
  '--vscode-editorWidget-border': '#c8c8c8',
  '--vscode-editorGroupHeader-tabsBackground': '#f8f8f8',
  '--vscode-list-hoverBackground': '#f2f2f2',
  '--vscode-list-activeSelectionBackground': '#e8e8e8',
  '--vscode-list-activeSelectionForeground': '#000000',
  '--vscode-button-secondaryBackground': '#e5e5e5',
  '--vscode-button-secondaryForeground': '#3b3b3b',
  '--vscode-input-background': '#ffffff',
  '--vscode-input-foreground': '#3b3b3b',
  '--vscode-panel-background': '#f8f8f8',
  '--vscode-panelTitle-activeForeground': '#3b3b3b',
  '--vscode-panelTitle-inactiveForeground': '#3b3b3b',
  '--vscode-textLink-foreground': '#005fb8',
  '--vscode-charts-blue': '#1a85ff',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#388a34',
  '--vscode-charts-red': '#e51400',
  '--vscode-charts-purple': '#652d90',
  '--vscode-charts-yellow': '#bf8803',
};

/** VS Code's Dark High Contrast, as far as the panel uses it. */
const HIGH_CONTRAST_THEME: Record<string, string> = {
  ...DARK_THEME,
  '--vscode-editor-background': '#000000',
  '--vscode-editor-foreground': '#ffffff',
  '--vscode-foreground': '#ffffff',
  '--vscode-descriptionForeground': '#ffffff',
  '--vscode-focusBorder': '#f38518',
  '--vscode-panel-border': '#6fc3df',
  '--vscode-editorWidget-border': '#6fc3df',
  '--vscode-editorGroupHeader-tabsBackground': '#000000',
  '--vscode-list-hoverBackground': '#000000',
  '--vscode-list-activeSelectionBackground': '#000000',
  '--vscode-contrastBorder': '#6fc3df',
  '--vscode-contrastActiveBorder': '#f38518',
  '--vscode-panel-background': '#000000',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-yellow': '#cca700',
};

const THEMES = {
  dark: [DARK_THEME, 'vscode-dark'],
  light: [LIGHT_THEME, 'vscode-light'],
  'high-contrast': [HIGH_CONTRAST_THEME, 'vscode-high-contrast'],
} as const;
export type PageTheme = keyof typeof THEMES;

export interface PageServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `/` (the panel page) and `/results.js` (the built bundle) on 127.0.0.1. */
export async function servePanel(bundlePath: string): Promise<PageServer> {
  const bundle = fs.readFileSync(bundlePath);
  let origin = '';
  const server = http.createServer((req, res) => {
    if (req.url === '/results.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(bundle);
      return;
    }
    const nonce = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(resultsPanelHtml({ cspSource: origin, scriptUri: `${origin}/results.js`, nonce, title: 'Results' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${origin}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Runs in the page before the bundle: the theme variables VS Code would set, an acquireVsCodeApi stub
 * that records posted messages, and a record of CSP violations (there must be none).
 */
export function initScript(themeName: PageTheme = 'dark'): string {
  const [theme, bodyClass] = THEMES[themeName];
  return `
    (() => {
      const theme = ${JSON.stringify(theme)};
      window.__posted = [];
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
      let state;
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.__posted.push(m),
        getState: () => state,
        setState: (s) => { state = s; },
      });
      document.addEventListener('DOMContentLoaded', () => {
        for (const [k, v] of Object.entries(theme)) document.documentElement.style.setProperty(k, v);
        document.body.classList.add(${JSON.stringify(bodyClass)});
      });
      // What VS Code does with a host message: the typed arrays' buffers are moved, not copied.
      window.__postHost = (message) => {
        const buffers = new Set();
        const walk = (v) => {
          if (ArrayBuffer.isView(v)) buffers.add(v.buffer);
          else if (Array.isArray(v)) v.forEach(walk);
          else if (v && typeof v === 'object') Object.values(v).forEach(walk);
        };
        walk(message);
        window.postMessage(message, '*', [...buffers]);
      };
      // Typed arrays cross from Node as { __typed, base64 } (see pageJson); this makes them again.
      window.__revive = (json) => JSON.parse(json, (_k, v) => {
        if (v && typeof v === 'object' && typeof v.__typed === 'string') {
          const bytes = Uint8Array.from(atob(v.base64), (c) => c.charCodeAt(0));
          const Type = { Float64Array, Uint8Array, Uint32Array, BigInt64Array }[v.__typed];
          return new Type(bytes.buffer, 0, bytes.byteLength / Type.BYTES_PER_ELEMENT);
        }
        return v;
      });
    })();`;
}

/** JSON for a message holding typed arrays; the page's `__revive` turns it back into one. */
export function pageJson(message: unknown): string {
  return JSON.stringify(message, (_k, v: unknown) =>
    ArrayBuffer.isView(v)
      ? { __typed: v.constructor.name, base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') }
      : v,
  );
}

export function bundlePath(root: string): string {
  return path.join(root, 'dist/webview/results.js');
}
