import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, kusto } from '../../src/kql';
import {
  boundPortsQuery,
  boundPortsQueryFor,
  connectionsQueryFor,
  dependenciesQuery,
  dependencyMapQuery,
  kqlIpMatch,
  machinesQuery,
  processConnectionsQueryFor,
  processesQuery,
  remoteEndpointQueryFor,
  trafficChartQueryFor,
} from '../../src/ui/machines/fleetQueries';

const HOSTILE = [
  'acme-demo',
  'we"ird',
  "o'brien",
  'back\\slash\\',
  'pipe | take 1',
  'new\nline | where 1 == 1',
  '"; VMConnection | count //',
  'tab\there',
  '\u2028sep',
];

function errorsOf(query: string): string[] {
  return analyze(query)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code}: ${d.message}`);
}

/** The errors, and the value of every string literal, as Kusto.Language reads the query. */
function parsed(query: string): { errors: string[]; literals: string[] } {
  const K = kusto();
  const analyzed = analyze(query);
  const literals: string[] = [];
  analyzed.code.Syntax!.WalkTokens((token: Kusto.Language.Syntax.SyntaxToken) => {
    if (token.Kind === K.Syntax.SyntaxKind.StringLiteralToken) {
      literals.push(String((token as unknown as { Value: unknown }).Value));
    }
  });
  const errors = analyzed.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
  return { errors, literals };
}

describe('fleet queries', () => {
  test('every query is valid KQL against the catalogue, with and without a filter', () => {
    for (const q of [
      machinesQuery(),
      machinesQuery({ text: 'ubuntu' }),
      processesQuery('m-1'),
      boundPortsQuery('m-1'),
      dependenciesQuery('m-1', 'outbound'),
      dependenciesQuery('m-1', 'inbound'),
      dependencyMapQuery([]),
      dependencyMapQuery(['m-1', 'm-2']),
      connectionsQueryFor('m-1', 'acme'),
      boundPortsQueryFor('m-1', 'acme'),
      trafficChartQueryFor(['m-1']),
      processConnectionsQueryFor('m-1', 'nginx'),
      remoteEndpointQueryFor('10.0.0.1', 443),
    ]) {
      assert.deepEqual(errorsOf(q), [], q);
    }
  });

  const OPTIONAL_COLUMNS = [
    'OperatingSystemFamily',
    'OperatingSystemFullName',
    'Ipv4Addresses',
    'Ipv6Addresses',
    'Ipv6Addresses_s',
    '_ResourceId',
    'MaliciousIp',
    'IndicatorThreatType',
    'LinksFailed',
    'Protocol',
    'ProcessName',
    'Process',
    'IsWildcardBind',
    'LinksLive',
    'BytesSent',
    'BytesReceived',
    'ExecutableName',
    'DisplayName',
    'CommandLine',
    'UserName',
    'UserDomain',
    'ExecutablePath',
    'ExecutableName_s',
    'Description_s',
    'CommandLine_s',
    'ExecutablePath_s',
  ];
  for (const name of HOSTILE) {
    test(`a name like ${JSON.stringify(name)} stays one string literal with that exact value`, () => {
      // The filter is trimmed first, as the user typed it in an input box.
      const filter = parsed(machinesQuery({ text: name }));
      assert.deepEqual(filter.errors, []);
      // Besides the name, only the fixed "" a Service Map machine has for its resource id, and the
      // names of optional columns read through column_ifexists.
      assert.deepEqual(
        filter.literals.filter((l) => l !== '' && !OPTIONAL_COLUMNS.includes(l)),
        Array(6).fill(name.trim()),
      );
      const queries = [
        processesQuery(name),
        boundPortsQuery(name),
        dependenciesQuery(name, 'outbound'),
        dependencyMapQuery([name, 'm-2']),
        connectionsQueryFor(name, name),
        boundPortsQueryFor(name, name),
        trafficChartQueryFor([name]),
        processConnectionsQueryFor(name, name),
        remoteEndpointQueryFor(name, 80),
      ];
      for (const q of queries) {
        const { errors, literals } = parsed(q);
        assert.deepEqual(errors, [], q);
        assert.ok(literals.includes(name), `literal ${JSON.stringify(name)} not found in ${JSON.stringify(literals)}`);
        // No fragment of the name leaked into query text: each literal is either the name or a fixed one.
        for (const lit of literals) {
          assert.ok(
            lit === name || ['inbound', 'outbound', 'm-2', '', 'array', '^[^%]*', ...OPTIONAL_COLUMNS].includes(lit),
            `unexpected literal ${JSON.stringify(lit)}`,
          );
        }
      }
    });
  }
});

test('an address match keeps a hostile zone id or text one string literal', () => {
  for (const ip of ['fe80::1%eth0" | take 1 //', 'not-an-ip" or 1 == 1 or "', 'fd00::2']) {
    const q = `VMConnection | where ${kqlIpMatch('RemoteIp', [ip, '10.0.0.1'])}`;
    const { errors, literals } = parsed(q);
    assert.deepEqual(errors, [], q);
    for (const lit of literals) {
      assert.ok(
        [ip, ip.split('%')[0], `%${ip.split('%')[1]}`, '10.0.0.1', '^[^%]*'].includes(lit),
        `unexpected literal ${JSON.stringify(lit)} in ${q}`,
      );
    }
  }
});
