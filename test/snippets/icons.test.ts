import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const media = path.resolve(__dirname, '../../media');

describe('icons', () => {
  test('icon.png is a 128×128 PNG, as the Marketplace expects', () => {
    const png = fs.readFileSync(path.join(media, 'icon.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    // The IHDR chunk holds width and height as big-endian 32-bit integers at offsets 16 and 20.
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
  });

  test('the activity-bar icon is 24×24 and takes the theme colour', () => {
    const svg = fs.readFileSync(path.join(media, 'activity.svg'), 'utf8');
    assert.match(svg, /viewBox="0 0 24 24"/);
    assert.match(svg, /stroke="currentColor"/);
    // Any fixed colour would ignore the theme.
    assert.doesNotMatch(svg, /#[0-9a-f]{3,6}\b/i);
  });

  test('the file icon is a 16×16 SVG', () => {
    const svg = fs.readFileSync(path.join(media, 'kql-file.svg'), 'utf8');
    assert.match(svg, /^<svg [^>]*viewBox="0 0 16 16"/);
  });
});
