import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { LocalBackend } from '../../src/backends/local';
import { analyze } from '../../src/kql';
import { fetchLiveValues, liveValueQuery } from '../../src/ui/liveValueQueries';
import { engineWorkerScript } from '../builtBundle';

describe('live value queries', () => {
  test('each query unions the catalogue tables that have the column, and is valid KQL', () => {
    assert.equal(
      liveValueQuery('RemoteIp'),
      'VMConnection\n| where isnotempty(RemoteIp)\n| distinct RemoteIp\n| order by RemoteIp asc\n| take 1000',
    );
    assert.match(liveValueQuery('Machine')!, /^union isfuzzy=true VMConnection, VMBoundPort, VMComputer, VMProcess\n/);
    assert.equal(liveValueQuery('NoSuchColumn'), undefined);
    for (const column of ['Computer', 'Machine', 'ProcessName', 'RemoteIp']) {
      assert.deepEqual(
        analyze(liveValueQuery(column)!).diagnostics.filter((d) => d.severity === 'error'),
        [],
        column,
      );
    }
  });

  describe('on the sample workspace', () => {
    const backend = new LocalBackend({
      source: { kind: 'sample', now: '2026-01-15T12:00:00Z' },
      workerScript: engineWorkerScript(),
    });
    after(() => backend.dispose());

    test("fetches the workspace's machines, processes and remote addresses", async () => {
      const errors: string[] = [];
      const live = await fetchLiveValues(backend, { onError: (c, e) => errors.push(`${c}: ${String(e)}`) });
      assert.deepEqual(errors, []);
      assert.equal(live.source, backend.label);
      assert.ok(live.values.Computer!.includes('acme-demo'), "the seed queries' computer is there");
      assert.ok(
        live.values.Machine!.every((m) => /^m-[0-9a-f-]{36}$/.test(m)),
        'machines are m-{GUID}',
      );
      assert.ok(live.values.RemoteIp!.length > 0);
      assert.ok(live.values.ProcessName!.length > 0);
      assert.deepEqual(live.values.Computer, [...new Set(live.values.Computer)].sort(), 'distinct and ordered');
    });
  });
});
