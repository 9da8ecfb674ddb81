import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedFiles } from '../../scripts/kqlAssets';
import { CATALOGUE, allColumnNames } from '../../src/schema/catalogue';
import { SAMPLE_QUERIES, expandSnippet } from '../../src/schema/sampleQueries';

const root = path.resolve(__dirname, '../..');

describe('generated language assets', () => {
  for (const file of generatedFiles()) {
    test(`${file.path} is up to date (else run npx tsx scripts/gen-snippets.ts)`, () => {
      const committed = fs.readFileSync(path.join(root, file.path), 'utf8');
      assert.ok(committed === file.content, `${file.path} differs from what scripts/gen-snippets.ts generates`);
    });
  }

  test('snippets/kql.json holds every sample query, bodies that expand, prefixes and descriptions', () => {
    const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets/kql.json'), 'utf8')) as Record<
      string,
      { prefix: string; description: string; body: string[] }
    >;
    assert.equal(Object.keys(snippets).length, SAMPLE_QUERIES.length);
    for (const q of SAMPLE_QUERIES) {
      const s = snippets[q.title];
      assert.ok(s, `no snippet for ${q.title}`);
      assert.equal(s.prefix, q.prefix);
      assert.equal(s.description, q.description);
      assert.equal(s.body.join('\n'), q.body);
      assert.doesNotThrow(() => expandSnippet(s.body.join('\n')));
    }
  });

  test('the grammar colours exactly the catalogue tables and columns', () => {
    const grammar = JSON.parse(fs.readFileSync(path.join(root, 'syntaxes/kql.tmLanguage.json'), 'utf8')) as {
      scopeName: string;
      repository: Record<string, { match?: string }>;
    };
    assert.equal(grammar.scopeName, 'source.kql');
    const listed = (rule: string) => {
      const match = grammar.repository[rule]!.match!;
      return match.slice(match.indexOf('(?:') + 3, match.lastIndexOf(')')).split('|').sort();
    };
    assert.deepEqual(listed('tables'), CATALOGUE.map((t) => t.name).sort());
    assert.deepEqual(listed('columns'), allColumnNames().sort());
  });

  test('package.json points at the grammar, snippets and language configuration', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: {
        grammars: { scopeName: string; path: string }[];
        snippets: { path: string }[];
        languages: { configuration: string }[];
      };
    };
    assert.equal(pkg.contributes.grammars[0]!.scopeName, 'source.kql');
    for (const p of [
      pkg.contributes.grammars[0]!.path,
      pkg.contributes.snippets[0]!.path,
      pkg.contributes.languages[0]!.configuration,
    ]) {
      assert.ok(fs.existsSync(path.join(root, p)), `${p} is missing`);
    }
  });
});
