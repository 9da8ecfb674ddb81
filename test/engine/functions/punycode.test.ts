// The punycode_* functions on the reference's examples: case, spaces and the ideographic full stop as
// the reference shows them (which IDNA's mapping in url.domainToASCII would change), and failures empty.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { column, printed } from './helpers';

test('punycode_from_string and punycode_to_string: the reference examples, and back', () => {
  const r = printed(
    "print a = punycode_from_string('académie-française'), b = punycode_from_string('艺术'), c = punycode_to_string('acadmie-franaise-npb1a')",
  );
  assert.deepEqual(r, { a: 'acadmie-franaise-npb1a', b: 'cqv902d', c: 'académie-française' });
});

test('punycode_domain_to_string keeps case and spaces, reads 。 as a dot and leaves ASCII labels alone', () => {
  const q = `datatable(domain:string)['Lê Lợi。Thuận Thiên。com', 'Riðill。Skáldskaparmál。org', "Kaledvoulc'h.Artorījos.edu"]
    | project punycode_domain_to_string(domain)`;
  assert.deepEqual(column(q), [
    'xn--L Li-gpa4517b.xn--Thun Thin-s4a7194f.com',
    'xn--Riill-jta.xn--Skldskaparml-dbbj.org',
    "Kaledvoulc'h.xn--Artorjos-ejb.edu",
  ]);
});

test('punycode_domain_from_string: the reference examples', () => {
  const q = `datatable(encoded:string)["xn--Ge-mia.Bulg.edu", "xn--Lin-8na.Celtchair.org", "xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com"]
    | project punycode_domain_from_string(encoded)`;
  assert.deepEqual(column(q), ['Gáe.Bulg.edu', 'Lúin.Celtchair.org', 'Rúyì.Jīngū.Bàng.com']);
});

test('text that is not Punycode decodes to the empty string, as the reference says of a failure', () => {
  const r = printed(
    "print a = punycode_to_string('a-ü'), b = punycode_to_string('abc-9999999999999'), c = punycode_domain_from_string('xn--a-ü.com'), d = punycode_to_string(''), e = punycode_from_string('plain')",
  );
  assert.deepEqual(r, { a: '', b: '', c: '', d: '', e: 'plain-' });
});
