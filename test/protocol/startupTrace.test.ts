import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLIENT_TRACE_LOG, parseTrace, SERVER_TRACE_LOG, StartupTrace } from '../../src/protocol/startupTrace';

describe('start-up trace', () => {
  test('each moment is kept the first time; the line lists them in time order and reads back', () => {
    const trace = new StartupTrace();
    trace.mark('didOpenReceived', 1_700_000_000_300);
    trace.mark('initializeReceived', 1_700_000_000_100.4);
    trace.mark('didOpenReceived', 1_700_000_009_999);
    const line = trace.line(SERVER_TRACE_LOG);
    assert.equal(line, `${SERVER_TRACE_LOG} initializeReceived=1700000000100 didOpenReceived=1700000000300`);
    const log = `2026-12-05 10:00:00.000 [info] First diagnostics sent…\n2026-12-05 10:00:00.001 [info] ${line}\n`;
    assert.deepEqual(parseTrace(log, SERVER_TRACE_LOG), {
      initializeReceived: 1_700_000_000_100,
      didOpenReceived: 1_700_000_000_300,
    });
    assert.equal(parseTrace(log, CLIENT_TRACE_LOG), undefined);
  });
});
