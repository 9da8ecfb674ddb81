import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, splitQueryBlocks } from '../../src/kql';
import {
  SAMPLE_DEFAULTS,
  SAMPLE_QUERIES,
  expandSnippet,
  findSampleQuery,
  sampleQueryText,
} from '../../src/schema/sampleQueries';

const root = path.resolve(__dirname, '../..');
const seeds = path.resolve(root, '../shared/seeds');

function errorsOf(text: string): string[] {
  return analyze(text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.message} at ${d.range.start.line + 1}:${d.range.start.character + 1}`);
}

describe('every sample query', () => {
  for (const q of SAMPLE_QUERIES) {
    test(`${q.id} parses and binds against the catalogue with no error`, () => {
      assert.deepEqual(errorsOf(sampleQueryText(q)), []);
    });
  }
});

describe('the sample-query list', () => {
  test('has every seed query and at least six workbook queries', () => {
    const seedCount = SAMPLE_QUERIES.filter((q) => q.source !== 'workbook').length;
    const workbooks = SAMPLE_QUERIES.filter((q) => q.source === 'workbook');
    // 27 seed queries, of which 5 appear in both documents and are kept once.
    assert.equal(seedCount, 22);
    assert.ok(workbooks.length >= 6);
    assert.ok(SAMPLE_QUERIES.length >= 31);
  });

  test('names one query after each network workbook of the blog, ending in a render', () => {
    const titles = [
      'Connections overview',
      'Failed connections',
      'TCP traffic',
      'Traffic comparison',
      'Active ports',
      'Open ports',
    ];
    for (const title of titles) {
      const q = SAMPLE_QUERIES.find((s) => s.source === 'workbook' && s.title === `Workbook: ${title}`);
      assert.ok(q, `no workbook query titled ${title}`);
      assert.match(q.body.split('\n').at(-1)!, /^\| render \w+/);
    }
  });

  test('has unique ids, prefixes and titles, and a description for each', () => {
    for (const key of ['id', 'prefix', 'title'] as const) {
      const values = SAMPLE_QUERIES.map((q) => q[key]);
      assert.equal(new Set(values).size, values.length, `duplicate ${key}`);
    }
    for (const q of SAMPLE_QUERIES) {
      assert.ok(q.description.length >= 20, `${q.id} has no real description`);
      assert.match(q.prefix, /^vm-[a-z0-9-]+$/);
      assert.equal(findSampleQuery(q.id), q);
    }
  });

  test('makes computer names, machine ids, the IP and time windows tab stops, never literals', () => {
    const literals = Object.values(SAMPLE_DEFAULTS);
    for (const q of SAMPLE_QUERIES) {
      const outsidePlaceholders = q.body.replace(/\$\{\d+:[^}]*\}/g, '');
      for (const literal of literals) {
        assert.ok(!outsidePlaceholders.includes(literal), `${q.id} hard-codes ${literal}`);
      }
      assert.doesNotMatch(
        outsidePlaceholders,
        /ago\(\s*\d|bin\(TimeGenerated,\s*\d/,
        `${q.id} hard-codes a time window`,
      );
    }
    const defaults = SAMPLE_QUERIES.map(sampleQueryText).join('\n');
    for (const literal of literals) {
      assert.ok(defaults.includes(literal), `no sample query defaults to ${literal}`);
    }
  });

  test('keeps none of the seed typos', () => {
    for (const q of SAMPLE_QUERIES) {
      const text = sampleQueryText(q);
      assert.doesNotMatch(text, /`\s*$/, `${q.id} ends in a stray backtick`);
      assert.doesNotMatch(text, /\\\*/, `${q.id} keeps a markdown escape`);
      assert.doesNotMatch(text, /count\(BytesSent\)|<replace this/, q.id);
    }
  });
});

/** The queries of the seed documents as written there: fenced blocks of the docs, the blog's paragraphs. */
function seedQueries(): string[] {
  const docs = fs.readFileSync(path.join(seeds, 'vm-insights-query-logs.md'), 'utf8');
  const fenced = [...docs.matchAll(/```kusto\n([\s\S]*?)```\n/g)].map((m) => m[1]!);
  const blog = fs.readFileSync(path.join(seeds, 'network-connection-analysis-blog.md'), 'utf8').split('\n');
  const paragraphs: string[] = [];
  for (let i = 0; i < blog.length; i++) {
    if (/^VM(BoundPort|Connection)\s*$/.test(blog[i]!)) {
      const lines = [blog[i]!];
      while (i + 1 < blog.length && /^(\||\/\/)/.test(blog[i + 1]!)) {
        lines.push(blog[++i]!);
      }
      paragraphs.push(lines.join('\n'));
    }
  }
  return [...fenced, ...paragraphs];
}

/** Applies the documented fixes and drops comments and spacing, so only the KQL itself is compared. */
function normalize(kql: string): string {
  return kql
    .replace(/`\s*$/, '')
    .replace(/\\\*/g, '*')
    .replace(/<replace this with a computer name, e\.g\. ‘acme-demo’>/g, '"acme-demo"')
    .replace(/count\(BytesSent\)/g, 'sum(BytesSent)')
    .replace(/count_BytesSent/g, 'sum_BytesSent')
    .replace(/\/\/.*$/gm, '')
    .replace(/\s+/g, '');
}

describe('the seed documents', () => {
  test('all 27 of their queries are in the list, with the typos mended', () => {
    const seeds = seedQueries();
    assert.equal(seeds.length, 27);
    const samples = SAMPLE_QUERIES.map((q) => normalize(sampleQueryText(q)));
    // The blog's link-status query is the docs' one without its time filter; the list keeps the docs' one.
    const withoutTimeFilter = samples.map((s) => s.replace(/\|whereTimeGenerated>=ago\(24hr\)/, ''));
    for (const seed of seeds) {
      const wanted = normalize(seed);
      assert.ok(samples.includes(wanted) || withoutTimeFilter.includes(wanted), `not in the list:\n${seed}`);
    }
  });
});

describe('expandSnippet', () => {
  test('replaces tab stops by their defaults, nested ones too, and drops bare ones', () => {
    assert.equal(expandSnippet('a ${1:x} b ${2:y ${3:z}} $4 ${5} c$0'), 'a x b y z   c');
  });

  test('undoes the snippet escapes and keeps other dollars and braces', () => {
    assert.equal(
      expandSnippet("\\$left.a == \\$right.b, '{\\}', \\\\n, $x {}"),
      "$left.a == $right.b, '{}', \\n, $x {}",
    );
  });

  test('refuses an unterminated placeholder, naming it', () => {
    assert.throws(() => expandSnippet('a ${1:x'), /Unterminated snippet placeholder in: a \$\{1:x/);
  });
});

describe('examples/vm-insights.kql', () => {
  test('splits into one block per sample query, each titled, each free of errors', () => {
    const text = fs.readFileSync(path.join(root, 'examples/vm-insights.kql'), 'utf8');
    const blocks = splitQueryBlocks(text);
    assert.equal(blocks.length, SAMPLE_QUERIES.length);
    blocks.forEach((block, i) => {
      const q = SAMPLE_QUERIES[i]!;
      assert.equal(block.text.split('\n')[0], `// ${q.title}`);
      assert.deepEqual(errorsOf(block.text), [], q.id);
    });
  });
});
