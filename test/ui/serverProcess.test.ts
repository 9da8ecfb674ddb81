import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  InitializeRequest,
  ShutdownRequest,
  ExitNotification,
} from 'vscode-languageserver/node';
import { endServer, forkServer } from '../../src/ui/serverProcess';

const ROOT = path.resolve(__dirname, '../..');

describe('the language server forked by the extension', () => {
  test('starts at the call, answers initialize over IPC, and is ended when it does not exit', async () => {
    let output = '';
    const forked = forkServer({
      module: path.join(ROOT, 'src/server/main.ts'),
      execArgv: ['--import', 'tsx'],
      output: (text) => (output += text),
    });
    assert.ok(forked.child.pid, 'the process exists as soon as forkServer returns');
    const connection = createProtocolConnection(forked.transports.reader, forked.transports.writer);
    connection.listen();
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    });
    assert.ok(result.capabilities.completionProvider, 'the server answered with its capabilities');
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    await endServer(forked.child, 10_000);
    assert.notEqual(forked.child.exitCode ?? forked.child.signalCode, null, `the server exited (${output})`);
    connection.dispose();
  });

  test('a server that ignores exit is killed after the grace time', async () => {
    // A script that never ends stands in for a stuck server.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-stuck-server-'));
    const script = path.join(dir, 'stuck.js');
    fs.writeFileSync(script, 'setInterval(() => undefined, 1000);');
    try {
      const forked = forkServer({ module: script, output: () => undefined });
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(forked.child.exitCode, null, 'still running');
      await endServer(forked.child, 100);
      await new Promise((resolve) =>
        forked.child.exitCode !== null || forked.child.signalCode
          ? resolve(undefined)
          : forked.child.once('exit', resolve),
      );
      assert.equal(forked.child.signalCode, 'SIGTERM');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
