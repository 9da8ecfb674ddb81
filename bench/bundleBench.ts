/**
 * A bench file bundled by esbuild, as the extension bundles the engine (dist/engineWorker.js), for a worker
 * or child that runs it: run from tsx, each module is transpiled on its own and every imported name is read
 * through an export getter, a call per use inside the engine's loops that the product does not pay.
 */
import * as path from 'node:path';
import * as esbuild from 'esbuild';

/** Bundles `file` (a bench's own __filename) into dist/bench/<name>.js and returns that path. */
export function bundleBench(file: string, name: string): string {
  const bundle = path.resolve(`dist/bench/${name}.js`);
  esbuild.buildSync({
    entryPoints: [path.resolve(file)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: bundle,
    external: ['@kusto/language-service-next', '@duckdb/node-api', 'esbuild'],
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return bundle;
}
