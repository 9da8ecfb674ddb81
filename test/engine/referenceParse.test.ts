/**
 * parse and parse-where, from the Kusto reference's examples (parse-operator, parse-where-operator).
 * The reference's output tables list some rows in another order than the input's; parse keeps the
 * input's order (it is a row-by-row extend), so these tests do.
 */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { KqlError } from '../../src/kql';
import { run, ticks } from './helpers';

const event = (name: string, total: string, slice: string, lock: string, release: string, previous: string) =>
  `"Event: NotifySliceRelease (resourceName=${name}, totalSlices=${total}, sliceNumber=${slice}, lockTime=${lock}, releaseTime=${release}, previousLockTime=${previous})"`;

const TRACES = `datatable(EventText: string) [
  ${event('PipelineScheduler', '27', '23', '02/17/2016 08:40:01', '02/17/2016 08:40:01', '02/17/2016 08:39:01')},
  ${event('PipelineScheduler', '27', '15', '02/17/2016 08:40:00', '02/17/2016 08:40:00', '02/17/2016 08:39:00')},
  ${event('PipelineScheduler', '27', '20', '02/17/2016 08:40:01', '02/17/2016 08:40:01', '02/17/2016 08:39:01')}
]`;

test('parse kind=regex: a string capture is greedy, up to the last place its delimiter matches', () => {
  const r = run(
    `${TRACES} | take 1 | parse kind=regex EventText with * "resourceName=" resourceName ',' * | project resourceName`,
  );
  assert.deepEqual(r.rows, [
    [
      'PipelineScheduler, totalSlices=27, sliceNumber=23, lockTime=02/17/2016 08:40:01, releaseTime=02/17/2016 08:40:01',
    ],
  ]);
});

test('parse kind=regex flags=Ui: ungreedy and case-insensitive', () => {
  const r = run(
    `${TRACES} | parse kind=regex flags=Ui EventText with * "RESOURCENAME=" resourceName ',' * | project resourceName`,
  );
  assert.deepEqual(r.rows, [['PipelineScheduler'], ['PipelineScheduler'], ['PipelineScheduler']]);
});

test("parse kind=regex: the pattern's own groups do not shift the captures", () => {
  const r = run(`${TRACES} | take 1
    | parse kind=regex EventText with "(.*?)[a-zA-Z]*=" resourceName @", totalSlices=\\s*\\d+\\s*.*?sliceNumber=" sliceNumber: long ".*?(previous)?lockTime=" lockTime ".*?releaseTime=" releaseTime ".*?previousLockTime=" previousLockTime: date "\\\\)"
    | project resourceName, sliceNumber, lockTime, releaseTime, previousLockTime`);
  assert.deepEqual(r.rows, [
    ['PipelineScheduler', 23, '02/17/2016 08:40:01, ', '02/17/2016 08:40:01, ', ticks('2016-02-17T08:39:01Z')],
  ]);
});

test('parse kind=regex flags=s: the captures run over newlines', () => {
  const text =
    '"Event: NotifySliceRelease (resourceName=PipelineScheduler\\ntotalSlices=27\\nsliceNumber=23\\nlockTime=02/17/2016 08:40:01\\nreleaseTime=02/17/2016 08:40:01\\npreviousLockTime=02/17/2016 08:39:01)"';
  const query = (flags: string) => `datatable(EventText: string) [${text}]
    | parse kind=regex ${flags} EventText with * "resourceName=" resourceName: string "(.*?)totalSlices=" totalSlices: long "(.*?)lockTime=" lockTime: datetime "(.*?)releaseTime=" releaseTime: datetime "(.*?)previousLockTime=" previousLockTime: datetime "\\\\)"
    | project-away EventText`;
  const at = (iso: string) => ticks(iso);
  assert.deepEqual(run(query('flags=s')).rows, [
    ['PipelineScheduler\n', 27, at('2016-02-17T08:40:01Z'), at('2016-02-17T08:40:01Z'), at('2016-02-17T08:39:01Z')],
  ]);
  // Without s, `.` stops at the newline: no match, so every column is empty.
  assert.deepEqual(run(query('')).rows, [['', null, null, null, null]]);
});

test('parse kind=relaxed: a value not of its type is null and the other columns still match', () => {
  const r = run(`datatable(EventText: string) [
      ${event('PipelineScheduler', 'nonValidLongValue', '20', '02/17/2016 08:40:01', 'nonValidDateTime 08:40:01', '02/17/2016 08:39:01')}
    ]
    | parse kind=relaxed EventText with * "resourceName=" resourceName ", totalSlices=" totalSlices: long ", sliceNumber=" sliceNumber: long * "lockTime=" lockTime ", releaseTime=" releaseTime: date "," * "previousLockTime=" previousLockTime: date ")" *
    | project-away EventText`);
  assert.deepEqual(r.rows, [
    ['PipelineScheduler', null, 20, '02/17/2016 08:40:01', null, ticks('2016-02-17T08:39:01Z')],
  ]);
});

const INVALID = `datatable(EventText: string) [
  ${event('PipelineScheduler', 'non_valid_integer', '11', '02/17/2016 08:40:01', '02/17/2016 08:40:01', '02/17/2016 08:39:01')},
  ${event('PipelineScheduler', '27', '15', '02/17/2016 08:40:00', 'invalid_datetime', '02/17/2016 08:39:00')},
  ${event('PipelineScheduler', '27', '22', '02/17/2016 08:41:01', '02/17/2016 08:41:00', '02/17/2016 08:40:01')}
]`;

test('parse-where keeps only the rows that match, with every typed column converted', () => {
  const r = run(`${INVALID}
    | parse-where EventText with * "resourceName=" resourceName ", totalSlices=" totalSlices: long * "sliceNumber=" sliceNumber: long * "lockTime=" lockTime ", releaseTime=" releaseTime: date "," * "previousLockTime=" previousLockTime: date ")" *
    | project resourceName, totalSlices, sliceNumber, lockTime, releaseTime, previousLockTime`);
  assert.deepEqual(r.types, ['string', 'long', 'long', 'string', 'datetime', 'datetime']);
  assert.deepEqual(r.rows, [
    ['PipelineScheduler', 27, 22, '02/17/2016 08:41:01', ticks('2016-02-17T08:41:00Z'), ticks('2016-02-17T08:40:01Z')],
  ]);
});

test('parse-where kind=regex: case-sensitive by default, flags=i not', () => {
  const query = (flags: string) =>
    `${INVALID} | parse-where kind=regex ${flags} EventText with * "RESOURCENAME=" resourceName "," * "totalSlices=" totalSlices: long "," * | project resourceName, totalSlices`;
  assert.deepEqual(run(query('')).rows, []);
  assert.deepEqual(run(query('flags=i')).rows, [
    ['PipelineScheduler', 27],
    ['PipelineScheduler', 27],
  ]);
});

test('parse flags that are not regex flags, or without kind=regex, are an error naming them', () => {
  assert.throws(
    () => run(`${TRACES} | parse kind=regex flags=x EventText with * "a=" a`),
    (e: unknown) => {
      assert.ok(e instanceof KqlError);
      assert.match(e.message, /flags=x/);
      return true;
    },
  );
  assert.throws(() => run(`${TRACES} | parse flags=i EventText with * "a=" a`), /kind=regex/);
});
