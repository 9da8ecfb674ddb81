import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { blockAt, splitQueryBlocks } from '../../src/kql/blocks';

const texts = (doc: string): string[] => splitQueryBlocks(doc).map((b) => b.text);

describe('splitQueryBlocks (blank lines separate queries, as in Kusto.Explorer)', () => {
  test("splits on blank lines and keeps each block's lines and offsets", () => {
    const doc = 'VMConnection\n| take 10\n\nVMBoundPort\n| count\n';
    const blocks = splitQueryBlocks(doc);
    assert.deepEqual(
      blocks.map((b) => [b.text, b.startLine, b.endLine]),
      [
        ['VMConnection\n| take 10', 0, 1],
        ['VMBoundPort\n| count', 3, 4],
      ],
    );
    assert.equal(doc.slice(blocks[1]!.start, blocks[1]!.end), 'VMBoundPort\n| count');
  });

  test('whitespace-only lines and CRLF line ends separate too', () => {
    assert.deepEqual(texts('T1\r\n   \t\r\nT2\r\n'), ['T1', 'T2']);
  });

  test('several blank lines make one separator; leading and trailing blanks are ignored', () => {
    assert.deepEqual(texts('\n\nA\n\n\n\nB\n\n'), ['A', 'B']);
    assert.deepEqual(texts(''), []);
    assert.deepEqual(texts('\n \n'), []);
  });

  test('a comment block above a query belongs to that query', () => {
    const blocks = splitQueryBlocks('// Heading\n\nVMConnection\n| take 1');
    assert.equal(blocks.length, 1);
    assert.equal(blocks[0]!.startLine, 0);
    assert.equal(blocks[0]!.text, '// Heading\n\nVMConnection\n| take 1');
  });

  test('a block of only let statements is the prelude of the query below it', () => {
    assert.deepEqual(texts('let x = 5;\nlet y = 6;\n\nT | where a > x\n\nU'), [
      'let x = 5;\nlet y = 6;\n\nT | where a > x',
      'U',
    ]);
  });

  test('blank lines inside a ``` multi-line string do not split', () => {
    assert.deepEqual(texts('print s = ```line one\n\nline three```\n\nT'), [
      'print s = ```line one\n\nline three```',
      'T',
    ]);
  });

  test('a trailing comment-only block is not a query', () => {
    assert.deepEqual(texts('T\n\n// just a note'), ['T']);
  });
});

describe('blockAt', () => {
  const doc = 'A\n| take 1\n\n\nB\n| count';
  const blocks = splitQueryBlocks(doc);

  test('finds the block containing the offset, at its start and end too', () => {
    assert.equal(blockAt(blocks, 0)?.text, 'A\n| take 1');
    assert.equal(blockAt(blocks, doc.indexOf('take'))?.text, 'A\n| take 1');
    assert.equal(blockAt(blocks, doc.indexOf('B'))?.text, 'B\n| count');
    assert.equal(blockAt(blocks, doc.length)?.text, 'B\n| count');
  });

  test('on a blank line between blocks, takes the block above', () => {
    assert.equal(blockAt(blocks, doc.indexOf('\n\n') + 1)?.text, 'A\n| take 1');
  });

  test('before the first block there is none', () => {
    assert.equal(blockAt(splitQueryBlocks('\n\nA'), 0), undefined);
  });
});
