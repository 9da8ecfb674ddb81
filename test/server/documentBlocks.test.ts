/**
 * Block texts outlive the document version they came from (the analyzer's caches key on them): they must
 * not keep that version's whole text alive.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { blockForCompletion, blocksOf, forgetDocument } from '../../src/server/documentBlocks';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
};

test('block texts kept from 30 versions of a 1 MB document do not keep the versions', () => {
  // Non-ASCII, so each version is a two-byte string of some 2 MB.
  const query = 'VMConnection // Straße 日本\r\n| where BytesSent > 1\r\n| take 10';
  const base = Array.from({ length: 9000 }, (_, i) => `${query} // ${i}`).join('\r\n\r\n');
  const kept: string[] = [];
  const before = heapMb();
  for (let version = 1; version <= 30; version++) {
    // A keystroke at the end: a new version whose last block is new (the cache keeps its text).
    const doc = TextDocument.create('file:///big.kql', 'kql', version, `${base}\r\n\r\nVMConnection | take ${version}`);
    const blocks = blocksOf(doc);
    kept.push(blocks.at(-1)!.text);
    kept.push(blockForCompletion(doc, doc.getText().length).text);
  }
  forgetDocument('file:///big.kql');
  const grown = heapMb() - before;
  assert.equal(kept[0], 'VMConnection | take 1');
  assert.ok(grown < 10, `30 block texts kept ${grown.toFixed(1)} MB`);
});
