import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  surroundingPairs: [string, string][];
  folding: { markers: { start: string; end: string } };
  wordPattern: string;
}

const config = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../language-configuration.json'), 'utf8'),
) as LanguageConfiguration;

describe('language-configuration.json', () => {
  test('comments lines with // and pairs every bracket and quote', () => {
    assert.equal(config.comments.lineComment, '//');
    assert.deepEqual(config.brackets, [
      ['(', ')'],
      ['[', ']'],
      ['{', '}'],
    ]);
    const closing = new Map(config.autoClosingPairs.map((p) => [p.open, p.close]));
    for (const [open, close] of [
      ['(', ')'],
      ['[', ']'],
      ['{', '}'],
      ['"', '"'],
      ["'", "'"],
    ]) {
      assert.equal(closing.get(open!), close);
      assert.ok(
        config.surroundingPairs.some(([o, c]) => o === open && c === close),
        `${open} does not surround`,
      );
    }
    // Quotes typed inside a string or comment (an apostrophe in prose) must not get a partner.
    assert.deepEqual(config.autoClosingPairs.find((p) => p.open === "'")!.notIn, ['string', 'comment']);
  });

  test('folds // #region … // #endregion blocks', () => {
    const start = new RegExp(config.folding.markers.start);
    const end = new RegExp(config.folding.markers.end);
    assert.match('// #region connections', start);
    assert.match('  //region', start);
    assert.doesNotMatch('// #endregion', start);
    assert.match('// #endregion', end);
    assert.doesNotMatch('| where x // #region', start);
  });

  test('takes hyphenated operators, identifiers, timespans and $left as whole words', () => {
    const words = '| project-away Computer_s, mv-expand make-series 24hr 1.5 $left.Machine'.match(
      new RegExp(config.wordPattern, 'g'),
    );
    assert.deepEqual(words, [
      'project-away',
      'Computer_s',
      'mv-expand',
      'make-series',
      '24hr',
      '1.5',
      '$left',
      'Machine',
    ]);
  });
});
