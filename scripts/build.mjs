// Bundles each part with esbuild: the extension host, the language server, the engine worker and the
// CLI for Node; each webview for the browser. Entries whose source does not exist yet are skipped.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { writeUapRules } from './uapRules.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const nodeEntries = {
  extension: 'src/extension.ts',
  server: 'src/server/main.ts',
  engineWorker: 'src/backends/local/engineWorker.ts',
  csvChunkWorker: 'src/data/loaders/csvChunkWorker.ts',
  laAnswerWorker: 'src/backends/logAnalytics/answerWorker.ts',
  cli: 'src/cli/main.ts',
  // The H3 library on its own, loaded only when a query calls an H3 function (src/engine/functions/h3Library.ts).
  h3: 'node_modules/h3-js/dist/h3-js.js',
  // GeographicLib's geodesics, likewise loaded only for use_spheroid = true (src/engine/functions/geodesicLibrary.ts).
  geodesic: 'node_modules/geographiclib-geodesic/geographiclib-geodesic.min.js',
  // JTS on its own, loaded only when a query clips, unions or buffers shapes (src/engine/functions/geometryLibrary.ts).
  geometry: 'src/engine/functions/geometryLibraryEntry.ts',
  'test/runElectronTests': 'test/electron/runElectronTests.ts',
  'test/electronSuite': 'test/electron/suite.ts',
};
const webEntries = {
  'webview/results': 'webview/results/main.ts',
  'webview/map': 'webview/map/main.ts',
};

// Notebook renderers are loaded by VS Code as ES modules exporting `activate`.
const rendererEntries = {
  'webview/notebookRenderer': 'webview/notebook/main.ts',
};

function existing(entries) {
  return Object.fromEntries(Object.entries(entries).filter(([, src]) => fs.existsSync(path.join(root, src))));
}

const common = {
  absWorkingDir: root,
  bundle: true,
  outdir: 'dist',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

const nodeOptions = {
  ...common,
  entryPoints: existing(nodeEntries),
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // The Kusto library is two global scripts loaded at run time from dist/kusto (see src/kql/kustoLibrary.ts).
  external: ['vscode', '@kusto/language-service-next', '@vscode/test-electron', 'mocha'],
  mainFields: ['module', 'main'],
};

// The map's layout worker is bundled first and handed to the map bundle as text: a webview can start
// workers only from blob: URLs (webview/map/layoutClient.ts).
const layoutWorker = await esbuild.build({
  ...common,
  entryPoints: ['webview/map/layoutWorker.ts'],
  outdir: undefined,
  sourcemap: false,
  write: false,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
});
const layoutWorkerSource = {
  name: 'map-layout-worker-source',
  setup(build) {
    build.onResolve({ filter: /^map-layout-worker-source$/ }, () => ({
      path: 'map-layout-worker-source',
      namespace: 'worker-source',
    }));
    build.onLoad({ filter: /.*/, namespace: 'worker-source' }, () => ({
      contents: layoutWorker.outputFiles[0].text,
      loader: 'text',
    }));
  },
};

const webOptions = {
  ...common,
  entryPoints: existing(webEntries),
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  loader: { '.css': 'text' },
  plugins: [layoutWorkerSource],
};

// The language server's and the engine's startup snapshot entries (src/server/snapshot.ts,
// src/backends/local/engineSnapshot.ts), each built into a snapshot by the
// extension at run time with the extension host's own Node. Minified always: every character of it is
// kept in the snapshot and read back by each start.
const serverSnapshotOptions = {
  ...nodeOptions,
  entryPoints: existing({
    serverSnapshot: 'src/server/snapshot.ts',
    engineSnapshot: 'src/backends/local/engineSnapshot.ts',
  }),
  minify: true,
  sourcemap: false,
};

const rendererOptions = {
  ...webOptions,
  plugins: [],
  entryPoints: existing(rendererEntries),
  format: 'esm',
};

function copyKustoLibrary() {
  const from = path.join(root, 'node_modules/@kusto/language-service-next');
  const to = path.join(root, 'dist/kusto');
  fs.mkdirSync(to, { recursive: true });
  for (const f of ['bridge.min.js', 'Kusto.Language.Bridge.min.js']) {
    fs.copyFileSync(path.join(from, f), path.join(to, f));
  }
}

if (production) {
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
} else if (fs.existsSync(path.join(root, 'dist/cli.snapshot.blob'))) {
  // The kql command's snapshot holds the CLI's code as it was when `npm run build:snapshot` ran; after
  // this build it would run that old code, so it goes (kql starts without it until it is built again).
  for (const f of ['dist/cli.snapshot.blob', 'dist/cli.snapshot.blob.json']) {
    fs.rmSync(path.join(root, f), { force: true });
  }
  console.log(
    'dist/cli.snapshot.blob removed: it held the CLI before this build (`npm run build:snapshot` makes it again)',
  );
}
copyKustoLibrary();
writeUapRules(root, path.join(root, 'dist'));
if (watch) {
  const contexts = await Promise.all([
    esbuild.context(nodeOptions),
    esbuild.context(webOptions),
    esbuild.context(rendererOptions),
    esbuild.context(serverSnapshotOptions),
  ]);
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching…');
} else {
  await Promise.all([
    esbuild.build(nodeOptions),
    esbuild.build(webOptions),
    esbuild.build(rendererOptions),
    esbuild.build(serverSnapshotOptions),
  ]);
}
