/** parse_command_line (CommandLineToArgvW's rules) and parse_version, from the Kusto reference. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { splitWindowsCommandLine } from '../../../src/engine/functions/commandLine';
import { column, printed, rows } from './helpers';

test('parse_command_line: the reference example', () => {
  assert.deepEqual(printed('print r = parse_command_line("echo \\"hello world!\\"", "windows")').r, [
    'echo',
    'hello world!',
  ]);
});

test('parse_command_line: backslashes count only before a quote', () => {
  // Microsoft's table of how command-line arguments are parsed, after a program name.
  assert.deepEqual(splitWindowsCommandLine('p "abc" d e'), ['p', 'abc', 'd', 'e']);
  assert.deepEqual(splitWindowsCommandLine('p a\\\\b d"e f"g h'), ['p', 'a\\\\b', 'de fg', 'h']);
  assert.deepEqual(splitWindowsCommandLine('p a\\\\\\"b c d'), ['p', 'a\\"b', 'c', 'd']);
  assert.deepEqual(splitWindowsCommandLine('p a\\\\\\\\"b c" d e'), ['p', 'a\\\\b c', 'd', 'e']);
});

test('parse_command_line: doubled quotes, empty arguments, tabs and the program name', () => {
  // CommandLineToArgvW: "" inside a quoted part is a literal quote that ends the part.
  assert.deepEqual(splitWindowsCommandLine('p a"b"" c d'), ['p', 'ab"', 'c', 'd']);
  assert.deepEqual(splitWindowsCommandLine('p """x"""'), ['p', '"x"']);
  assert.deepEqual(splitWindowsCommandLine('p "" x\t y  '), ['p', '', 'x', 'y']);
  // The program name takes backslashes literally and ends at its closing quote.
  assert.deepEqual(splitWindowsCommandLine('"C:\\Program Files\\a.exe" -v'), ['C:\\Program Files\\a.exe', '-v']);
  assert.deepEqual(splitWindowsCommandLine('C:\\x\\"y z'), ['C:\\x\\"y', 'z']);
  assert.deepEqual(splitWindowsCommandLine(''), []);
});

test('parse_command_line: a parser other than "windows" gives null', () => {
  assert.equal(printed('print r = parse_command_line("a b", "linux")').r, null);
});

test('parse_version: the reference table of parsed values', () => {
  const parsed = column(
    'datatable(v: string) ["0.0.0.5", "0.0.7.0", "0.0.3", "0.2", "0.1.2.0", "1.2.3.4", "1"] | extend p = parse_version(v) | project p',
  );
  // Past 2^53 the decimal crosses as its digits, every one of them (as Kusto prints it).
  assert.deepEqual(parsed, [
    5,
    700_000_000,
    300_000_000,
    '20000000000000000',
    '10000000200000000',
    '1000000020000000300000004',
    '1000000000000000000000000',
  ]);
});

test('parse_version: versions that differ in the last part compare exactly', () => {
  const r = printed(`print lt = parse_version("1.2.3.4") < parse_version("1.2.3.5"),
    eq = parse_version("1.2.3.4") == parse_version("1.2.3.5"), same = parse_version("1.2.3.4") == parse_version("1.2.3.04"),
    ne = parse_version("99999999.0.0.1") != parse_version("99999999.0.0.0"), s = tostring(parse_version("1.2.3.5"))`);
  assert.deepEqual(r, { lt: true, eq: false, same: true, ne: true, s: '1000000020000000300000005' });
  // Sorting and grouping tell them apart too.
  assert.deepEqual(
    rows(
      `datatable(v: string) ["1.2.3.5", "1.2.3.4", "1.2.3.5"] | summarize n = count() by p = parse_version(v) | sort by p asc | project v = tostring(p), n`,
    ),
    [
      ['1000000020000000300000004', 1],
      ['1000000020000000300000005', 2],
    ],
  );
});

test('parse_version: invalid versions give null', () => {
  for (const bad of ['', '1.2.3.4.5', 'a.b', '123456789', '1..2', '-1']) {
    assert.equal(printed(`print p = parse_version("${bad}")`).p, null, bad);
  }
});

test('parse_version: comparisons follow version order (the reference example)', () => {
  const r = rows(`let dt = datatable(lab: string, v: string) ["Lab A", "0.0.0.5", "Lab B", "0.0.7.0", "Lab D", "0.0.3",
    "Lab C", "0.2", "Lab G", "0.1.2.0", "Lab F", "1.2.3.4", "Lab E", "1"];
    dt | extend needs_update = iff(parse_version(v) < parse_version("1.0.0.0"), "Yes", "No") | project lab, needs_update | sort by lab asc`);
  assert.deepEqual(r, [
    ['Lab A', 'Yes'],
    ['Lab B', 'Yes'],
    ['Lab C', 'Yes'],
    ['Lab D', 'Yes'],
    ['Lab E', 'No'],
    ['Lab F', 'No'],
    ['Lab G', 'Yes'],
  ]);
  assert.equal(printed('print b = parse_version("9.11.3") > parse_version("9.2")').b, true);
  assert.equal(printed('print b = parse_version("10.0.19041.1") > parse_version("10.0.17763.99")').b, true);
});
