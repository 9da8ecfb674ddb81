import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedFiles } from '../../scripts/kqlAssets';
import { CATALOGUE, allColumnNames } from '../../src/schema/catalogue';
import { SAMPLE_DEFAULTS, SAMPLE_QUERIES, expandSnippet, snippetBody } from '../../src/schema/sampleQueries';
import { sampleModel } from '../../src/data/sample';
import { loadKqlGrammar, scopeOf, tokenize } from '../grammar/tokenizer';

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
      assert.equal(s.body.join('\n'), snippetBody(q));
      assert.doesNotThrow(() => expandSnippet(s.body.join('\n')));
    }
  });

  test('no snippet defaults to a machine, id or address of the sample workspace: they are placeholders', () => {
    const text = fs.readFileSync(path.join(root, 'snippets/kql.json'), 'utf8');
    const machines = sampleModel().fleet.machines;
    assert.ok(machines.length > 20);
    for (const name of [...machines.flatMap((m) => [m.name, m.resourceName]), ...Object.values(SAMPLE_DEFAULTS)]) {
      assert.ok(!text.includes(name), `snippets/kql.json names ${name}`);
    }
    assert.match(text, /Computer == \\"\$\{1:<computer name>\}\\"/);
    // The time windows keep their defaults: they fit any workspace.
    assert.match(text, /ago\(\$\{1:24hr\}\)/);
  });

  test('the grammar colours the catalogue tables and columns, and no other names', async () => {
    const grammar = await loadKqlGrammar();
    const scopeOfWord = (word: string) => scopeOf(tokenize(grammar, `print ${word}`)[0]!, word);
    for (const table of CATALOGUE) {
      assert.equal(scopeOfWord(table.name), 'support.class.table.kql', table.name);
    }
    for (const column of allColumnNames()) {
      assert.equal(scopeOfWord(column), 'support.variable.column.kql', column);
    }
    for (const other of ['VMConnections', 'Computers', 'ResourceName', 'Heartbeat']) {
      assert.equal(scopeOfWord(other), 'source.kql', other);
    }
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
