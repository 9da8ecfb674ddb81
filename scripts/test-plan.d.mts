// Types of scripts/test-plan.mjs for the TypeScript tests that import it.
export declare const OWN_PROCESS_REASONS: readonly (readonly [string, RegExp])[];
export declare function ownProcessReason(file: string, read?: (file: string) => string | undefined): string | undefined;
export interface TestUnit {
  readonly files: string[];
  readonly weight: number;
  readonly shared: boolean;
}
export declare function planUnits(
  files: readonly string[],
  options: {
    isolate: (file: string) => boolean;
    weights?: Record<string, number>;
    unknownWeight?: number;
    groupSeconds?: number;
    groupFiles?: number;
  },
): TestUnit[];
