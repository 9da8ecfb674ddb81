/** The map's translucent theme colours made opaque, so a link and its legend entry look the same. */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { opaqueOver, parseColour } from '../../webview/map/opaqueColour';

test('hex and rgb forms parse, with or without alpha', () => {
  assert.deepEqual(parseColour('#cccccc80'), [204, 204, 204, 128 / 255]);
  assert.deepEqual(parseColour('#abc'), [170, 187, 204, 1]);
  assert.deepEqual(parseColour('rgba(204, 204, 204, 0.5)'), [204, 204, 204, 0.5]);
  assert.deepEqual(parseColour(' RGB(1,2,3) '), [1, 2, 3, 1]);
  assert.equal(parseColour('var(--x)'), undefined);
  assert.equal(parseColour('#ccccc'), undefined);
});

test("Dark Modern's disabledForeground over its editor background is an opaque grey", () => {
  assert.equal(opaqueOver('#cccccc80', '#1f1f1f'), 'rgb(118, 118, 118)');
  assert.equal(opaqueOver('rgba(204,204,204,0.5)', 'rgb(30,30,30)'), 'rgb(117, 117, 117)');
});

test('an opaque colour, or one that cannot be read, is left as it is', () => {
  assert.equal(opaqueOver('#d18616', '#1e1e1e'), '#d18616');
  assert.equal(opaqueOver('rgba(1,2,3,0.5)', 'transparent'), 'rgba(1,2,3,0.5)');
  assert.equal(opaqueOver('red', '#1e1e1e'), 'red');
});
