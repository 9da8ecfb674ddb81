import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { markdownLinks } from '../architecture/markdownLinks';
import { linkedEntry, unresolvedLinks } from './markdownLinks';
import { manifestPaths, missingEntries, whyForbidden } from './vsixRules';
import { ZipListing } from './zipListing';

const vsix = process.env.KQL_VSIX ?? path.resolve(__dirname, '../../dist-vsix/connection-analytics.vsix');
const notBuilt = fs.existsSync(vsix) ? false : `no VSIX at ${vsix}: run npm run package first`;

describe('VSIX rules', () => {
  test('flag sources, tests, maps and node_modules, and let bundles and assets through', () => {
    const flagged = [
      'extension/src/extension.ts',
      'extension/node_modules/vega/build/vega.js',
      'extension/dist/extension.js.map',
      'extension/test/e2e/run.sh',
      'extension/webview/results/main.ts',
      'extension/dist/test/runElectronTests.js',
      'extension/tsconfig.json',
      'extension/docs/screenshots/e2e-1-highlighting.png',
    ];
    for (const name of flagged) {
      assert.ok(whyForbidden(name), `${name} should be refused`);
    }
    const allowed = [
      'extension/dist/extension.js',
      'extension/dist/webview/results.js',
      'extension/dist/kusto/bridge.min.js',
      'extension/syntaxes/kql.tmLanguage.json',
      'extension/readme.md',
      'extension/media/activity.svg',
      'extension/docs/user-guide.md',
      'extension.vsixmanifest',
    ];
    for (const name of allowed) {
      assert.equal(whyForbidden(name), undefined, `${name} should be allowed`);
    }
  });

  test('let a screenshot through only when README shows it', () => {
    const picture = 'extension/docs/screenshots/e2e-3-chart.png';
    assert.ok(whyForbidden(picture));
    assert.equal(whyForbidden(picture, new Set([picture])), undefined);
    assert.ok(whyForbidden('extension/docs/screenshots/e2e-1-highlighting.png', new Set([picture])));
    assert.ok(whyForbidden('extension/src/extension.ts', new Set(['extension/src/extension.ts'])), 'not a docs file');
  });

  test('name each required file that is missing', () => {
    assert.deepEqual(missingEntries(['extension/package.json', 'extension/README.md']).slice(0, 2), [
      'extension/language-configuration.json',
      'extension/syntaxes/kql.tmLanguage.json',
    ]);
  });

  test('collect the files the manifest refers to', () => {
    const paths = manifestPaths({
      main: './dist/extension.js',
      contributes: {
        languages: [{ configuration: './language-configuration.json', icon: { light: './a.svg', dark: './a.svg' } }],
        grammars: [{ path: './syntaxes/kql.tmLanguage.json' }],
        viewsContainers: { activitybar: [{ icon: 'media/activity.svg' }] },
      },
    });
    assert.deepEqual(paths, [
      'dist/extension.js',
      'language-configuration.json',
      'a.svg',
      'syntaxes/kql.tmLanguage.json',
      'media/activity.svg',
    ]);
  });
});

describe('the packaged VSIX', { skip: notBuilt }, () => {
  const listing = (): ZipListing => new ZipListing(vsix);
  const text = (zip: ZipListing, name: string): string => zip.read(name).toString('utf8');
  const readmeLinked = (zip: ZipListing): Set<string> =>
    new Set(
      markdownLinks(text(zip, 'extension/readme.md'))
        .map((l) => linkedEntry('extension/readme.md', l.target))
        .filter((e): e is string => e !== undefined),
    );

  test('holds no sources, tests, source maps or node_modules', () => {
    const zip = listing();
    const linked = readmeLinked(zip);
    const forbidden = zip.names
      .map((n) => ({ n, why: whyForbidden(n, linked) }))
      .filter((e) => e.why)
      .map((e) => `${e.n} (${e.why})`);
    assert.deepEqual(forbidden, []);
  });

  test('holds the bundles, the Kusto library, the grammar, snippets, language configuration and README', () => {
    assert.deepEqual(missingEntries(listing().names), []);
  });

  test('holds every file its package.json refers to', () => {
    const zip = listing();
    const manifest = JSON.parse(zip.read('extension/package.json').toString('utf8'));
    const names = new Set(zip.names);
    const absent = manifestPaths(manifest).filter((p) => !names.has(`extension/${p}`));
    assert.deepEqual(absent, []);
  });

  // The package has no repository, so vsce leaves relative links as written: they work where the page is
  // read beside its files, in the installed extension's folder (Connection Analytics: Open Documentation).
  test("ships the file of every README link and picture and of every docs page's links", () => {
    const zip = listing();
    const pages = zip.names.filter((n) => n === 'extension/readme.md' || /^extension\/docs\/[^/]+\.md$/.test(n));
    assert.ok(pages.length > 1, `no docs pages in the VSIX: ${pages.join(', ')}`);
    const broken = pages.flatMap((page) =>
      // The docs pages' screenshots stay out (4 MB); README's own pictures must ship.
      unresolvedLinks(zip.names, page, text(zip, page), { images: page === 'extension/readme.md' }),
    );
    assert.deepEqual(broken, []);
  });

  test('ships bundles of real size, not empty files', () => {
    const zip = listing();
    for (const name of [
      'extension/dist/extension.js',
      'extension/dist/server.js',
      'extension/dist/webview/results.js',
    ]) {
      const entry = zip.entries.find((e) => e.name === name);
      assert.ok(entry && entry.size > 1000, `${name} is ${entry?.size ?? 'missing'} bytes`);
    }
  });
});
