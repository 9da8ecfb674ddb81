import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { contentSecurityPolicy, makeNonce, resultsPanelHtml } from '../../src/webviewHtml/resultsPanelHtml';

test('the CSP allows scripts only by nonce and never unsafe-eval or unsafe-inline', () => {
  const csp = contentSecurityPolicy('https://x.vscode-cdn.net', 'abc');
  assert.equal(
    csp,
    "default-src 'none'; script-src 'nonce-abc'; style-src https://x.vscode-cdn.net 'nonce-abc'; img-src https://x.vscode-cdn.net data: blob:; font-src https://x.vscode-cdn.net",
  );
  assert.doesNotMatch(csp, /unsafe/);
});

test('the page loads the bundle with the nonce and escapes the title', () => {
  const html = resultsPanelHtml({
    cspSource: 'vscode-resource:',
    scriptUri: 'https://r/results.js',
    nonce: 'n1',
    title: 'Results: <q>.kql',
  });
  assert.match(html, /<script nonce="n1" src="https:\/\/r\/results.js"><\/script>/);
  assert.match(html, /<title>Results: &lt;q&gt;.kql<\/title>/);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
});

test('nonces are 32 alphanumerics and differ between calls', () => {
  const a = makeNonce((n) => randomBytes(n));
  const b = makeNonce((n) => randomBytes(n));
  assert.match(a, /^[A-Za-z0-9]{32}$/);
  assert.notEqual(a, b);
});

test('only a page that asks for blob: workers may start any, and from nowhere else', () => {
  assert.doesNotMatch(contentSecurityPolicy('https://x.vscode-cdn.net', 'abc'), /worker-src/);
  const csp = contentSecurityPolicy('https://x.vscode-cdn.net', 'abc', true);
  assert.match(csp, /; worker-src blob:$/);
  assert.doesNotMatch(csp, /unsafe|child-src|connect-src/);
});
