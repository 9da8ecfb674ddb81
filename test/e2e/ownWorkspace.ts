/**
 * A scenario that needs a workspace of its own (a user's data folder rather than the sample): a second
 * code-server on that folder, opened in the main browser. On a failure the second workbench is
 * screenshotted into the temp folder; whatever happens the server stops and the workspace is removed
 * (kept with KQL_E2E_KEEP=1, to look at it afterwards).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type CodeServer, type CodeServerOptions, startCodeServer } from './codeServer';
import { Workbench } from './workbench';

/** A fresh workspace whose settings point the local backend at its `exports` folder. */
export function dataFolderWorkspace(prefix: string): { workspace: string; exports: string } {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(path.join(workspace, '.vscode'));
  fs.writeFileSync(
    path.join(workspace, '.vscode/settings.json'),
    JSON.stringify({ 'kql.backend': 'local', 'kql.local.dataFolder': 'exports' }, null, 2),
  );
  return { workspace, exports: path.join(workspace, 'exports') };
}

export async function inOwnWorkspace(
  main: Workbench,
  scenario: number,
  workspace: string,
  body: (wb: Workbench, server: CodeServer) => Promise<void>,
  /** More of the server's options: settings, machine settings, environment, fixture extensions. */
  extra: Partial<CodeServerOptions> = {},
): Promise<void> {
  const server = await startCodeServer({
    codeServerDir: process.env.CODE_SERVER_DIR!,
    vsix: process.env.KQL_VSIX ?? path.resolve(__dirname, '../../dist-vsix/connection-analytics.vsix'),
    ...extra,
    workspace,
  });
  let wb: Workbench | undefined;
  try {
    wb = await Workbench.open(main.context.browser()!, server.url);
    await body(wb, server);
  } catch (e) {
    await wb?.page
      .screenshot({ path: path.join(os.tmpdir(), `kql-e2e-failed-${scenario}-second-workbench.png`) })
      .catch(() => undefined);
    throw e;
  } finally {
    await wb?.close().catch(() => undefined);
    await server.stop();
    if (process.env.KQL_E2E_KEEP !== '1') {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  }
}
