/**
 * What a Run asks for and sends: the parameters of a query without a default and without a value
 * yet; the document's kept values of the parameters the query declares; why a typed value will not do.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parameterDeclarations } from '../../src/kql/queryParameters';
import { editPrefill, missingValues, ParameterValueStore, valueProblem, valuesFor } from '../../src/ui/parameterValues';

const QUERY = `declare query_parameters(who:string, since:datetime, top:long = 10, os:string = "li\\"nux");
VMConnection | where Computer == who and TimeGenerated > since | take top`;

test('a Run asks for the parameters without a default that have no value yet, in order', () => {
  assert.deepEqual(
    missingValues(parameterDeclarations(QUERY), {}).map((p) => `${p.name}:${p.type}`),
    ['who:string', 'since:datetime'],
  );
  assert.deepEqual(
    missingValues(parameterDeclarations(QUERY), { since: '2024-01-01' }).map((p) => p.name),
    ['who'],
  );
  assert.deepEqual(
    missingValues(parameterDeclarations(QUERY), { who: '', since: '2024-01-01' }),
    [],
    'an empty string is a value',
  );
  assert.deepEqual(missingValues(parameterDeclarations('VMConnection | take 1'), {}), []);
  // A parameter of a type that is not a scalar is left to the engine, whose error names it.
  assert.deepEqual(missingValues(parameterDeclarations('declare query_parameters(t:(a:long)); print 1'), {}), []);
});

test('the values sent are the kept ones of the parameters the query declares', () => {
  const store = new ParameterValueStore();
  store.set('file:///a.kql', { who: 'web01', since: '2024-01-01', other: 'x' });
  store.set('file:///b.kql', { who: 'db01' });
  assert.deepEqual(valuesFor(parameterDeclarations(QUERY), store.values('file:///a.kql')), {
    who: 'web01',
    since: '2024-01-01',
  });
  assert.deepEqual(valuesFor(parameterDeclarations(QUERY), store.values('file:///b.kql')), { who: 'db01' });
  store.set('file:///a.kql', { who: 'web02' });
  assert.equal(store.values('file:///a.kql').who, 'web02');
  assert.equal(store.values('file:///a.kql').since, '2024-01-01', 'setting one keeps the others');
  assert.equal(store.clear('file:///a.kql'), true);
  assert.deepEqual(store.values('file:///a.kql'), {});
  assert.equal(store.clear('file:///a.kql'), false);
});

test('a typed value is checked against the declared type, with the reason', () => {
  assert.equal(valueProblem('2024-05-01T10:00Z', 'datetime'), undefined);
  assert.match(valueProblem('last tuesday', 'datetime') ?? '', /^Not a datetime: expected a date and time/);
  assert.equal(valueProblem('42', 'long'), undefined);
  assert.match(valueProblem('42; T | take 1', 'long') ?? '', /^Not a long/);
  assert.equal(valueProblem('anything " at all', 'string'), undefined);
  assert.equal(valueProblem('1h', 'time'), undefined, 'a type alias reads as its type');
  assert.match(valueProblem('1', '(a:long)') ?? '', /not a scalar type/);
});

test('an edit box starts from the value given last, else the default as a value, else empty', () => {
  const [who, , top, os] = [
    { name: 'who', type: 'string' },
    { name: 'since', type: 'datetime' },
    { name: 'top', type: 'long', defaultText: '10' },
    { name: 'os', type: 'string', defaultText: '"li\\"nux"' },
  ];
  assert.equal(editPrefill(who!, {}), '');
  assert.equal(editPrefill(who!, { who: 'web01' }), 'web01');
  assert.equal(editPrefill(top!, {}), '10');
  assert.equal(editPrefill(os!, {}), 'li"nux', 'a string default without its quotes');
  assert.equal(editPrefill({ name: 'v', type: 'string', defaultText: "@'a''b'" }, {}), "a'b");
});
