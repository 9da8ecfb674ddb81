/**
 * A user's Log Analytics workspace for the e2e scenarios: the loopback HTTPS server of the backend tests
 * (test/backends/logAnalytics/loopbackServer.ts) playing the REST API, and a second code-server whose
 * extension host trusts its certificate (NODE_EXTRA_CA_CERTS, those processes only), with the endpoint in
 * the machine settings and the backend and workspace id in the folder's settings, as a user sets them.
 * The fake Microsoft sign-in of the e2e run stands in for the user's account.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type LoopbackServer, startLoopbackServer } from '../backends/logAnalytics/loopbackServer';
import { inOwnWorkspace } from './ownWorkspace';
import type { Workbench } from './workbench';

export const LA_WORKSPACE_ID = '7c2e4b1a-9d3f-4e5a-8b6c-1f0e2d3c4b5a';

/** An empty answer, for the queries a scenario does not look at (the tree's, live values'). */
export const EMPTY_RESULT = { status: 200, body: { tables: [{ name: 'PrimaryResult', columns: [], rows: [] }] } };

/**
 * Runs `body` in a code-server on a fresh folder holding `files`, with Log Analytics at `server`.
 * `consent` answers the dialogs a user answers on the way in: the one naming the custom host, and the
 * sign-in's ("Allow", or "Cancel" while `cancelSignIn()` is true).
 */
export async function inLoopbackWorkspace(
  main: Workbench,
  scenario: number,
  files: Record<string, string>,
  body: (wb: Workbench, server: LoopbackServer, folder: string, dialogs: DialogAnswers) => Promise<void>,
  options: { signInAfterMs?: number } = {},
): Promise<void> {
  const server = await startLoopbackServer();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `kql-e2e-la-${scenario}-`));
  const caFile = path.join(folder, '.loopback-ca.pem');
  fs.writeFileSync(caFile, server.ca);
  fs.mkdirSync(path.join(folder, '.vscode'));
  fs.writeFileSync(
    path.join(folder, '.vscode/settings.json'),
    JSON.stringify({ 'kql.backend': 'logAnalytics', 'kql.logAnalytics.workspaceId': LA_WORKSPACE_ID }, null, 2),
  );
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(folder, name), text);
  }
  let dialogs: DialogAnswers | undefined;
  try {
    await inOwnWorkspace(
      main,
      scenario,
      folder,
      async (wb) => {
        dialogs = answerDialogs(wb, new URL(server.endpoint).host, options.signInAfterMs ?? 0);
        await body(wb, server, folder, dialogs);
      },
      {
        env: { NODE_EXTRA_CA_CERTS: caFile },
        // VS Code's own https patching replaces a request's CAs with Node's built-in and the system's
        // (without the extra CA above): off, so Node's own store decides.
        settings: { 'http.proxySupport': 'off', 'http.systemCertificates': false },
        machineSettings: { 'kql.logAnalytics.endpoint': server.endpoint },
        extraExtensions: [path.join(__dirname, 'fixtures/fake-microsoft-auth')],
      },
    );
  } finally {
    await dialogs?.stop();
    await server.close();
  }
}

export interface DialogAnswers {
  /** Sign-in prompts answered with Cancel while this is true. */
  cancelSignIn: boolean;
  /** How many sign-in prompts were shown. */
  readonly signInPrompts: () => number;
  /** How long each sign-in prompt was on screen before it was answered, in ms. */
  readonly signInWaits: () => readonly number[];
  readonly confirmedHost: () => boolean;
  stop(): Promise<void>;
}

/**
 * Answers the host consent and the sign-in prompt whenever they show, as a user would; `signInAfterMs`:
 * a user who reads the sign-in prompt that long before answering it.
 */
function answerDialogs(wb: Workbench, host: string, signInAfterMs: number): DialogAnswers {
  const consent = wb.page.locator('.monaco-dialog-box', {
    hasText: `Send your Log Analytics sign-in token to ${host}?`,
  });
  const signIn = wb.page.locator('.monaco-dialog-box', { hasText: /wants to sign in using Microsoft/ });
  let watching = true;
  let prompts = 0;
  let confirmed = false;
  let signInSeen: number | undefined;
  const waits: number[] = [];
  const answers: DialogAnswers = {
    cancelSignIn: false,
    signInPrompts: () => prompts,
    signInWaits: () => waits,
    confirmedHost: () => confirmed,
    stop: async () => {
      watching = false;
      await loop;
    },
  };
  const click = async (dialog: typeof consent, button: string): Promise<boolean> =>
    dialog
      .locator('.monaco-button', { hasText: button })
      .first()
      .click({ timeout: 2_000 })
      .then(() => true)
      .catch(() => false);
  const loop = (async () => {
    while (watching) {
      if ((await consent.isVisible().catch(() => false)) && (await click(consent, 'Send My Token to This Host'))) {
        confirmed = true;
      }
      const signInShown = await signIn.isVisible().catch(() => false);
      if (!signInShown) signInSeen = undefined;
      else signInSeen ??= Date.now();
      if (
        signInShown &&
        Date.now() - (signInSeen ?? 0) >= signInAfterMs &&
        (await click(signIn, answers.cancelSignIn ? 'Cancel' : 'Allow'))
      ) {
        prompts++;
        waits.push(Date.now() - (signInSeen ?? Date.now()));
        signInSeen = undefined;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return answers;
}
