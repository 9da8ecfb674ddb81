// hash()/hash_xxhash64(): XXH64 against the official test vectors, and the reference's examples.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { xxhash64 } from '../../../src/engine/functions/xxhash64';
import { call, printed } from './helpers';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('XXH64', () => {
  test('official vectors (seed 0), including the ≥ 32-byte path', () => {
    assert.equal(xxhash64(utf8('')), 0xef46db3751d8e999n);
    assert.equal(xxhash64(utf8('a')), 0xd24ec4f1a98c6e5bn);
    assert.equal(xxhash64(utf8('abc')), 0x44bc2cf5ad770999n);
    assert.equal(xxhash64(utf8('Nobody inspects the spammish repetition')), 0xfbcea83c8a378bf1n);
  });
});

describe('hash / hash_xxhash64', () => {
  for (const fn of ['hash', 'hash_xxhash64']) {
    test(`${fn}: the reference's examples`, () => {
      // 1846988464401551951 and 1380966698541616202 exceed 2^53: exact longs, on the wire as their digits.
      assert.deepEqual(
        printed(`print a = ${fn}("World"), b = ${fn}("World", 100), c = ${fn}(datetime("2015-01-01"))`),
        { a: '1846988464401551951', b: 51, c: '1380966698541616202' },
      );
      assert.deepEqual(printed(`print a = ${fn}("Hello"), b = ${fn}(datetime(2015-01-01), 1000)`), {
        a: '753694413698530628',
        b: 202,
      });
    });
    test(`${fn}: empty, null and bad mod`, () => {
      // "" is XXH64 of no bytes, read as a signed long.
      assert.equal(String(call(fn, ['string'], 'long', [''])), String(BigInt.asIntN(64, 0xef46db3751d8e999n)));
      assert.equal(call(fn, ['datetime'], 'long', [null]), null);
      assert.equal(call(fn, ['string', 'int'], 'long', ['World', null]), null);
      assert.equal(call(fn, ['string', 'int'], 'long', ['World', 0]), null);
      // A negative hash still reduces into [0, mod − 1].
      const m = call(fn, ['string', 'int'], 'long', ['', 7]) as number;
      assert.ok(m >= 0 && m < 7);
    });
    test(`${fn}: types whose byte form is undocumented are refused, not guessed`, () => {
      assert.throws(() => printed(`print ${fn}(123)`), /not supported/);
    });
  }
});
