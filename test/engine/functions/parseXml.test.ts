// parse_xml on the reference's mapping table, row by row, its duration example, and what it skips.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseXml } from '../../../src/engine/functions/parseXml';
import { printed } from './helpers';

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

test('the reference mapping: empty element, text, attributes, children, repeats, mixed text', () => {
  const table: [string, unknown][] = [
    ['<e/>', { e: null }],
    ['<e>text</e>', { e: 'text' }],
    ['<e name="value" />', { e: { '@name': 'value' } }],
    ['<e name="value">text</e>', { e: { '@name': 'value', '#text': 'text' } }],
    ['<e> <a>text</a> <b>text</b> </e>', { e: { a: 'text', b: 'text' } }],
    ['<e> <a>text</a> <a>text</a> </e>', { e: { a: ['text', 'text'] } }],
    ['<e> text <a>text</a> </e>', { e: { '#text': 'text', a: 'text' } }],
  ];
  for (const [xml, json] of table) {
    assert.deepEqual(plain(parseXml(xml)), json, xml);
  }
});

test("the reference's duration example: the declaration is skipped, each child a member", () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<duration>
    <value>118.0</value>
    <count>5.0</count>
    <min>100.0</min>
</duration>`;
  const r = printed(
    `print d = parse_xml(${JSON.stringify(xml).replace(/\\n/g, ' ')}) | project v = d.duration.value, m = d.duration.min`,
  );
  assert.deepEqual(r, { v: '118.0', m: '100.0' });
});

test('comments, processing instructions and DOCTYPE are skipped; references resolved; CDATA is text', () => {
  const xml =
    '<!DOCTYPE r [<!ELEMENT r ANY>]><!-- c --><r a="1 &amp; 2"><?pi x?><x>&lt;&#65;&#x42;&gt;</x><y><![CDATA[<raw>]]></y></r>';
  assert.deepEqual(plain(parseXml(xml)), { r: { '@a': '1 & 2', x: '<AB>', y: '<raw>' } });
});

test('text that is not well-formed XML is null, as documented', () => {
  for (const bad of [
    '',
    'text',
    '<a>',
    '<a></b>',
    '<a/><b/>',
    '<a x="1" x="2"/>',
    '<a>&nbsp;</a>',
    '<a>&</a>',
    '<a b=1/>',
  ]) {
    assert.equal(parseXml(bad), null, bad);
  }
  assert.equal(parseXml(`<a>${'x'.repeat(1_048_577)}</a>`), null, 'longer than 1 MB');
});
