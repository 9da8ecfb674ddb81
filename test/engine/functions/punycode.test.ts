// punycode_from_string() / punycode_to_string(): the Kusto reference's examples, and RFC 3492's rules
// where the reference says only "an empty result if encoding failed".

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { punycodeDecode, punycodeEncode } from '../../../src/engine/functions/punycode';
import { printed, rows } from './helpers';

test("the reference's examples: académie-française, 艺术.com, and back", () => {
  assert.deepEqual(printed("print encoded = punycode_from_string('académie-française')"), {
    encoded: 'acadmie-franaise-npb1a',
  });
  assert.deepEqual(printed("print decoded = punycode_to_string('acadmie-franaise-npb1a')"), {
    decoded: 'académie-française',
  });
  const q = `print domain='艺术.com'
| extend domain_vec = split(domain, '.')
| extend encoded_host = punycode_from_string(tostring(domain_vec[0]))
| extend encoded_domain = strcat('xn--', encoded_host, '.', domain_vec[1])`;
  assert.deepEqual(rows(q), [['艺术.com', ['艺术', 'com'], 'cqv902d', 'xn--cqv902d.com']]);
});

test('RFC 3492 sample strings and IDNA labels', () => {
  // RFC 3492 7.1 (A) Arabic (Egyptian) and (L) "3年B組金八先生", and the IDNA label of bücher.
  assert.equal(punycodeEncode('ليهمابتكلموشعربي؟'), 'egbpdaj6bu4bxfgehfvwxn');
  assert.equal(punycodeEncode('3年B組金八先生'), '3B-ww4c5e180e575a65lsy2b');
  assert.equal(punycodeEncode('bücher'), 'bcher-kva');
  assert.equal(punycodeDecode('3B-ww4c5e180e575a65lsy2b'), '3年B組金八先生');
  // Case is kept, astral code points count as one, and an ASCII string gets its delimiter.
  assert.equal(punycodeDecode(punycodeEncode('Bücher😀')!), 'Bücher😀');
  assert.equal(punycodeEncode('abc'), 'abc-');
  assert.equal(punycodeEncode(''), '');
});

test('what does not decode gives an empty string', () => {
  assert.deepEqual(
    printed(
      "print nonAscii = punycode_to_string('é'), cut = punycode_to_string('bcher-kv'), overflow = punycode_to_string('abc-9999999999')",
    ),
    { nonAscii: '', cut: '', overflow: '' },
  );
});

test("punycode_domain_*: the reference's examples, label by label, IDNA's dots read as '.'", () => {
  const decoded = `datatable(encoded:string)
[
    "xn--Ge-mia.Bulg.edu",
    "xn--Lin-8na.Celtchair.org",
    "xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com",
]
| extend domain=punycode_domain_from_string(encoded)`;
  assert.deepEqual(rows(decoded), [
    ['xn--Ge-mia.Bulg.edu', 'Gáe.Bulg.edu'],
    ['xn--Lin-8na.Celtchair.org', 'Lúin.Celtchair.org'],
    ['xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com', 'Rúyì.Jīngū.Bàng.com'],
  ]);
  const encoded = `datatable(domain:string )['Lê Lợi。Thuận Thiên。com', 'Riðill｡Skáldskaparmál｡org', "Kaledvoulc'h.Artorījos.edu"]
| extend str=punycode_domain_to_string(domain)`;
  assert.deepEqual(rows(encoded), [
    ['Lê Lợi。Thuận Thiên。com', 'xn--L Li-gpa4517b.xn--Thun Thin-s4a7194f.com'],
    ['Riðill｡Skáldskaparmál｡org', 'xn--Riill-jta.xn--Skldskaparml-dbbj.org'],
    ["Kaledvoulc'h.Artorījos.edu", "Kaledvoulc'h.xn--Artorjos-ejb.edu"],
  ]);
  // A label that does not decode empties the whole result.
  assert.deepEqual(printed("print d = punycode_domain_from_string('xn--bcher-kv.com')"), { d: '' });
});
