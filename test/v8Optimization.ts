/**
 * Whether V8 optimizes a function when asked to, for probes run with `--allow-natives-syntax` (the optimizer
 * holds of the language server and the `kql` command). Natives syntax sits in Function bodies so that the
 * probes stay TypeScript.
 */
const status = new Function('f', 'return %GetOptimizationStatus(f)') as (f: unknown) => number;
const optimizeNow = new Function(
  'f',
  'x',
  '%PrepareFunctionForOptimization(f); f(x); f(x); %OptimizeFunctionOnNextCall(f); return f(x);',
) as (f: (x: number) => number, x: number) => number;
/** V8's "optimized" bit of %GetOptimizationStatus. */
const OPTIMIZED = 16;

/** Runs `f` hot and asks V8 to optimize it: true when it did, false while the optimizer is held. */
export function optimized(f: (x: number) => number): boolean {
  optimizeNow(f, 1);
  return (status(f) & OPTIMIZED) !== 0;
}
