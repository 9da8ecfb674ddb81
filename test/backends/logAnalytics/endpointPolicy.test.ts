import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkEndpoint } from '../../../src/backends/logAnalytics/endpointPolicy';
import { cloudEndpoints } from '../../../src/backends/logAnalytics';

describe('Log Analytics endpoint check', () => {
  test("the clouds' own endpoints are known Azure Monitor hosts", () => {
    for (const cloud of ['AzurePublicCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const) {
      assert.equal(checkEndpoint(cloudEndpoints(cloud).endpoint).kind, 'known', cloud);
    }
    assert.deepEqual(checkEndpoint('https://API.LogAnalytics.Azure.com/v1'), {
      kind: 'known',
      host: 'api.loganalytics.azure.com',
    });
  });

  test('look-alike hosts, other ports and other hosts are custom', () => {
    for (const url of [
      'https://api.loganalytics.io.evil.example/v1',
      'https://evil.example/api.loganalytics.io/v1',
      'https://xapi.loganalytics.io/v1',
      'https://api.loganalytics.io:8443/v1',
      'https://127.0.0.1:4443/v1',
    ]) {
      assert.equal(checkEndpoint(url).kind, 'custom', url);
    }
    assert.equal((checkEndpoint('https://Proxy.Example:8443/v1') as { host: string }).host, 'proxy.example:8443');
  });

  test('http, credentials in the URL and non-URLs are refused', () => {
    assert.match((checkEndpoint('http://api.loganalytics.io/v1') as { reason: string }).reason, /unencrypted/);
    assert.match(
      (checkEndpoint('https://user:pw@api.loganalytics.io/v1') as { reason: string }).reason,
      /user name or password/,
    );
    assert.equal(checkEndpoint('api.loganalytics.io').kind, 'invalid');
    assert.equal(checkEndpoint('javascript:alert(1)').kind, 'invalid');
  });
});
