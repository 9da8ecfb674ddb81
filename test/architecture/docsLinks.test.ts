// README.md is the Marketplace page and the way into docs/*.md: every relative link and #anchor in them must
// land on a file that exists and, for an anchor, on a heading of that file. A plain scan of the markdown.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { linkTargets, markdownLinks } from './markdownLinks';

const root = path.resolve(__dirname, '../..');

/** The pages this test reads: README.md and every markdown page of docs/. */
function pages(): string[] {
  const docs = fs
    .readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutFences = markdown.replace(/^(```|~~~)[\s\S]*?^\1[^\n]*$/gm, '');
  for (const [, text] of withoutFences.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = text!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** Why `target`, linked from `page`, does not resolve, or undefined when it does. */
function brokenBecause(page: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
    return undefined; // https:, mailto: and the like are outside the repository.
  }
  const [file, anchor] = target.split('#', 2) as [string, string | undefined];
  const resolved = file === '' ? path.join(root, page) : path.resolve(path.dirname(path.join(root, page)), file);
  if (!resolved.startsWith(root + path.sep)) {
    return 'leaves the repository';
  }
  if (!fs.existsSync(resolved)) {
    return `no file ${path.relative(root, resolved)}`;
  }
  if (anchor === undefined) {
    return undefined;
  }
  if (!resolved.endsWith('.md')) {
    return 'an anchor into a file that is not markdown';
  }
  return headingAnchors(fs.readFileSync(resolved, 'utf8')).has(anchor)
    ? undefined
    : `no heading #${anchor} in ${path.relative(root, resolved)}`;
}

test('headingAnchors follows GitHub: punctuation dropped, code kept as text, repeats numbered', () => {
  const anchors = headingAnchors(
    "# The `kql` command\n## Restricted Mode and what a repository's settings can do\n## How to add…\n## Notes\n## Notes\n```\n# not a heading\n```",
  );
  assert.deepEqual(
    [...anchors],
    ['the-kql-command', 'restricted-mode-and-what-a-repositorys-settings-can-do', 'how-to-add', 'notes', 'notes-1'],
  );
});

test('markdownLinks reads links and pictures with their lines, not what code shows', () => {
  const page = [
    '# Title',
    'See the [user guide](docs/user-guide.md#the-editor) and',
    '![a chart](docs/screenshots/chart.png "a title").',
    '`[not](a-link.md)` and a code span over',
    'two lines: `x | summarize',
    '[no](b.md) by y`; then:',
    '',
    '   ```kql',
    '   print x = dynamic([1])[0](y)',
    '   ```',
    '[a URL](https://example.com/x.md), [in page](#title), [mail](mailto:a@b.c)',
  ].join('\n');
  assert.deepEqual(markdownLinks(page), [
    { target: 'docs/user-guide.md#the-editor', image: false, line: 2 },
    { target: 'docs/screenshots/chart.png', image: true, line: 3 },
    { target: 'https://example.com/x.md', image: false, line: 11 },
    { target: '#title', image: false, line: 11 },
    { target: 'mailto:a@b.c', image: false, line: 11 },
  ]);
});

test('every relative link and #anchor of README.md and docs/*.md resolves', () => {
  const broken: string[] = [];
  for (const page of pages()) {
    for (const target of linkTargets(fs.readFileSync(path.join(root, page), 'utf8'))) {
      const why = brokenBecause(page, target);
      if (why !== undefined) {
        broken.push(`${page}: (${target}) ${why}`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

test('the README links to every page of docs/, so none is an orphan', () => {
  const linked = new Set(
    linkTargets(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).map((t) => t.split('#')[0]),
  );
  const orphans = pages().filter((p) => p !== 'README.md' && !linked.has(p));
  assert.deepEqual(orphans, []);
});
