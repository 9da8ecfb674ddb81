/** Bundles bench/compare/runner.ts against one checkout's src/, for the benches that load two engines in one process. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

/**
 * Bundles runner.ts with its `../../src/…` imports pointing into `dir`, so the same runner times that
 * checkout's engine and data generator; the output goes under `dir`/dist (bare imports resolve there too).
 */
export function bundleRunner(dir: string): string {
  const runner = path.resolve(__dirname, 'runner.ts');
  const source = fs.readFileSync(runner, 'utf8').replaceAll("from '../../src/", `from '${path.join(dir, 'src')}/`);
  const outfile = path.join(dir, 'dist', 'bench', 'compare-runner.js');
  esbuild.buildSync({
    stdin: { contents: source, loader: 'ts', resolveDir: path.join(dir, 'bench'), sourcefile: 'runner.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external: ['@kusto/language-service-next', 'esbuild'],
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return outfile;
}
