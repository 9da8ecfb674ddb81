// parse_xml(): the Kusto reference's conversion table row by row, and its example over a datatable.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseXml } from '../../../src/engine/functions/parseXml';
import { plainBags } from '../bagData';
import { printed, rows } from './helpers';

const xml = (text: string) => plainBags(parseXml(text));

test("the reference's conversion table", () => {
  assert.deepEqual(xml('<e/>'), { e: null });
  assert.deepEqual(xml('<e>text</e>'), { e: 'text' });
  assert.deepEqual(xml('<e name="value" />'), { e: { '@name': 'value' } });
  assert.deepEqual(xml('<e name="value">text</e>'), { e: { '@name': 'value', '#text': 'text' } });
  assert.deepEqual(xml('<e> <a>text</a> <b>text</b> </e>'), { e: { a: 'text', b: 'text' } });
  assert.deepEqual(xml('<e> <a>text</a> <a>text</a> </e>'), { e: { a: ['text', 'text'] } });
  const mixed = xml('<e> text <a>text</a> </e>');
  assert.deepEqual(mixed, { e: { '#text': 'text', a: 'text' } });
  assert.deepEqual(Object.keys((mixed as { e: object }).e), ['#text', 'a'], 'members in document order');
});

test("the reference's example: the declaration is left out, values stay text as the table converts them", () => {
  const doc = `<?xml version="1.0" encoding="UTF-8"?>
<duration>
    <value>118.0</value>
    <count>5.0</count>
    <min>100.0</min>
    <max>150.0</max>
    <stdDev>0.0</stdDev>
    <sampledValue>118.0</sampledValue>
    <sum>118.0</sum>
</duration>`;
  const q = `datatable(context_custom_metrics: string) [${JSON.stringify(doc)}]
| extend d=parse_xml(context_custom_metrics)
| extend duration_value=d.duration.value, duration_min=d["duration"]["min"]
| project duration_value, duration_min, t = gettype(d.duration.value)`;
  assert.deepEqual(rows(q), [['118.0', '100.0', 'string']]);
});

test('comments, CDATA, entities and character references; null for what is not well-formed XML', () => {
  assert.deepEqual(xml('<!-- c --><a x="1&amp;2"><![CDATA[<raw>]]></a>'), { a: { '@x': '1&2', '#text': '<raw>' } });
  assert.deepEqual(xml('<a>&#65;&#x42;&lt;&quot;</a>'), { a: 'AB<"' });
  // Element names are plain keys, Object's own members included.
  assert.deepEqual(xml('<__proto__><constructor/></__proto__>'), JSON.parse('{"__proto__": {"constructor": null}}'));
  assert.deepEqual(
    printed(
      'print mismatched = parse_xml("<a><b></a></b>"), tworoots = parse_xml("<a/><b/>"), entity = parse_xml("<a>&foo;</a>"), text = parse_xml("not xml"), unclosed = parse_xml("<a>"), empty = parse_xml("")',
    ),
    { mismatched: null, tworoots: null, entity: null, text: null, unclosed: null, empty: null },
  );
});

test('deep nesting does not overflow the stack', () => {
  const depth = 100_000;
  const parsed = parseXml(`${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`);
  assert.ok(parsed !== null);
});
