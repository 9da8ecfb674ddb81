/**
 * What the VSIX may and must hold. The bundles in dist/ already contain every source file and npm
 * dependency they use, so sources, tests, source maps and node_modules in the package are dead weight
 * (and sources/maps leak nothing useful to users). The docs/ pages ship because README links to them;
 * of docs/screenshots only the pictures README shows. Entry names are as vsce writes them: under
 * `extension/`, with README.md stored as `extension/readme.md`.
 */

/**
 * Why an entry must not ship, or undefined when it may. `readmeLinked`: the entries README's links and
 * pictures lead to (docs/ files other than the pages may ship only as one of those).
 */
export function whyForbidden(entry: string, readmeLinked: ReadonlySet<string> = new Set()): string | undefined {
  const name = entry.replace(/^extension\//, '');
  if (name.startsWith('docs/') && !/^docs\/[^/]+\.md$/.test(name) && !readmeLinked.has(entry)) {
    return 'docs other than the pages and the pictures README shows';
  }
  const rules: [RegExp, string][] = [
    [/(^|\/)node_modules\//, 'node_modules (the bundles contain their dependencies)'],
    [/^src\//, 'sources'],
    [/^webview\//, 'webview sources (dist/webview holds the bundles)'],
    [/^(test|tests|bench|scripts|\.ci|\.github|\.vscode|\.vscode-test|dist-vsix)\//, 'tests, benchmarks or scripts'],
    [/^dist\/test\//, 'test bundles'],
    [/\.(ts|mts|cts|tsx)$/, 'TypeScript sources'],
    [/\.map$/, 'source maps'],
    [/(^|\/)tsconfig[^/]*\.json$/, 'TypeScript configuration'],
    [/^package-lock\.json$/, 'the lock file'],
    [/(^|\/)\.git\//, 'git metadata'],
    [/\.vsix$/, 'a VSIX inside the VSIX'],
  ];
  for (const [pattern, why] of rules) {
    if (pattern.test(name)) {
      return why;
    }
  }
  return undefined;
}

/** Files the extension cannot work without: each is loaded by path at run time or by the manifest. */
export const REQUIRED_ENTRIES: readonly string[] = [
  'extension/package.json',
  'extension/readme.md',
  'extension/language-configuration.json',
  'extension/syntaxes/kql.tmLanguage.json',
  'extension/snippets/kql.json',
  'extension/dist/extension.js',
  'extension/dist/server.js',
  'extension/dist/engineWorker.js',
  // Loaded by path on a query's first H3 call (src/engine/functions/h3Library.ts).
  'extension/dist/h3.js',
  // Loaded by path on a query's first use_spheroid = true (src/engine/functions/geodesicLibrary.ts).
  'extension/dist/geodesic.js',
  // Loaded by path on a query's first clipping, union or buffer call (src/engine/functions/geometryLibrary.ts).
  'extension/dist/geometry.js',
  // Read by path on a query's first parse_user_agent call (src/engine/functions/userAgentRules.ts).
  'extension/dist/uap-regexes.json',
  'extension/dist/webview/results.js',
  'extension/dist/webview/notebookRenderer.js',
  'extension/reports/connections-overview.kqlnb',
  'extension/dist/kusto/bridge.min.js',
  'extension/dist/kusto/Kusto.Language.Bridge.min.js',
  // README's Documentation table links every page; the Open Documentation command shows them.
  'extension/docs/user-guide.md',
];

/** Required entries absent from `entries` (README's name is matched case-insensitively). */
export function missingEntries(entries: readonly string[]): string[] {
  const present = new Set(entries.map((e) => e.toLowerCase()));
  return REQUIRED_ENTRIES.filter((r) => !present.has(r.toLowerCase()));
}

/** Every file path package.json's manifest refers to, relative to the extension root. */
/** A walkthrough step's media: a picture (one, or one per theme kind), a markdown page or an SVG. */
export interface WalkthroughMedia {
  readonly image?: string | { light?: string; dark?: string; hc?: string; hcLight?: string };
  readonly markdown?: string;
  readonly svg?: string;
}

export function walkthroughMediaPaths(media: WalkthroughMedia): (string | undefined)[] {
  const image = typeof media.image === 'string' ? [media.image] : Object.values(media.image ?? {});
  return [...image, media.markdown, media.svg];
}

export function manifestPaths(manifest: {
  main?: string;
  icon?: string;
  contributes?: {
    languages?: { configuration?: string; icon?: { light?: string; dark?: string } }[];
    grammars?: { path: string }[];
    snippets?: { path: string }[];
    viewsContainers?: Record<string, { icon?: string }[]>;
    walkthroughs?: { steps: { media: WalkthroughMedia }[] }[];
  };
}): string[] {
  const c = manifest.contributes ?? {};
  const paths = [
    manifest.main,
    manifest.icon,
    ...(c.languages ?? []).flatMap((l) => [l.configuration, l.icon?.light, l.icon?.dark]),
    ...(c.grammars ?? []).map((g) => g.path),
    ...(c.snippets ?? []).map((s) => s.path),
    ...Object.values(c.viewsContainers ?? {}).flatMap((list) => list.map((v) => v.icon)),
    ...(c.walkthroughs ?? []).flatMap((w) => w.steps.flatMap((s) => walkthroughMediaPaths(s.media))),
  ];
  return [...new Set(paths.filter((p): p is string => typeof p === 'string' && p !== ''))].map((p) =>
    p.replace(/^\.\//, ''),
  );
}
