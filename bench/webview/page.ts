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
export function initScript(): string {
  return `
    (() => {
      const theme = ${JSON.stringify(DARK_THEME)};
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
        document.body.classList.add('vscode-dark');
      });
    })();`;
}

export function bundlePath(root: string): string {
  return path.join(root, 'dist/webview/results.js');
}
