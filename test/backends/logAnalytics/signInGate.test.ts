import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SignInGate,
  SignInRequiredError,
  type SessionSource,
  type SignInSession,
} from '../../../src/backends/logAnalytics';
import { fetchLiveValues } from '../../../src/ui/liveValueQueries';

/** A Microsoft provider stand-in: counts prompts; each prompt is answered when the test says. */
class FakeProvider implements SessionSource {
  session: SignInSession | undefined;
  prompts = 0;
  private answer: ((s: SignInSession | undefined) => void)[] = [];
  async silent() {
    return this.session;
  }
  prompt() {
    this.prompts++;
    return new Promise<SignInSession | undefined>((resolve) =>
      this.answer.push((s) => {
        this.session = s;
        resolve(s);
      }),
    );
  }
  answerPrompts(s: SignInSession | undefined) {
    this.answer.splice(0).forEach((a) => a(s));
  }
}

const flush = () => new Promise((r) => setImmediate(r));

test('tree, live values and schema starting at once open one prompt, and all get its session', async () => {
  const provider = new FakeProvider();
  const gate = new SignInGate(provider);
  const tree = gate.session();
  const live = ['Computer', 'Machine', 'ProcessName', 'RemoteIp'].map(() => gate.session());
  const schema = gate.session();
  await flush();
  assert.equal(provider.prompts, 1);
  provider.answerPrompts({ accessToken: 't', account: 'me@example.com' });
  const sessions = await Promise.all([tree, ...live, schema]);
  assert.ok(sessions.every((s) => s.accessToken === 't'));
  assert.equal(gate.state, 'signedIn');
  await gate.session();
  assert.equal(provider.prompts, 1, 'an existing session is reused silently');
});

test('a cancelled prompt is remembered: no new prompt until the user asks again', async () => {
  const provider = new FakeProvider();
  const gate = new SignInGate(provider);
  const states: string[] = [];
  gate.onDidChangeState((s) => states.push(s));
  const first = Promise.allSettled([gate.session(), gate.session()]);
  await flush();
  provider.answerPrompts(undefined);
  const outcomes = await first;
  assert.ok(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof SignInRequiredError));
  await assert.rejects(gate.session(), /cancelled/);
  await assert.rejects(gate.session(), /cancelled/);
  assert.equal(provider.prompts, 1);
  assert.deepEqual(states, ['declined']);
  const again = gate.allowPromptAgain();
  await flush();
  assert.equal(provider.prompts, 2);
  provider.answerPrompts({ accessToken: 't2', account: 'me' });
  assert.equal((await again).accessToken, 't2');
  assert.deepEqual(states, ['declined', 'unknown', 'signedIn']);
});

test('the real live-value fetch (four queries at once) through a gated backend prompts once', async () => {
  const provider = new FakeProvider();
  const gate = new SignInGate(provider);
  const backend = {
    id: 'logAnalytics' as const,
    label: 'LA',
    async run() {
      await gate.session();
      return {
        tables: [{ name: 'PrimaryResult', columns: [{ name: 'v', type: 'string' as const }], rows: [['x']] }],
        stats: { backend: 'logAnalytics' as const, durationMs: 1, rowCount: 1, truncated: false },
        warnings: [],
      };
    },
  };
  const values = fetchLiveValues(backend, {});
  const schemaToken = gate.session();
  await flush();
  await flush();
  assert.equal(provider.prompts, 1);
  provider.answerPrompts({ accessToken: 't', account: 'me' });
  await Promise.all([values, schemaToken]);
  assert.equal(provider.prompts, 1);
});
