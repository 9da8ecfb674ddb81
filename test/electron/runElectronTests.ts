/**
 * Runs test/electron/suite.ts inside a downloaded VS Code (Electron) with @vscode/test-electron, for
 * machines that can reach update.code.visualstudio.com. Where they cannot, test/e2e/run.sh runs the same
 * features (and the browser-level scenarios) in code-server instead.
 * Built by scripts/build.mjs to dist/test/runElectronTests.js; `npm run test:electron`.
 *   VSCODE_VERSION=1.91.0  test against that release (default: the manifest's minimum, engines.vscode)
 *   VSCODE_EXECUTABLE=path  use an installed VS Code instead of downloading one
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  // dist/test/runElectronTests.js → the repository root holds package.json and dist/extension.js.
  const extensionDevelopmentPath = path.resolve(__dirname, '../..');
  const extensionTestsPath = path.resolve(__dirname, 'electronSuite.js');
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDevelopmentPath, 'package.json'), 'utf8')) as {
    engines: { vscode: string };
  };
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-electron-workspace-'));
  fs.cpSync(path.join(extensionDevelopmentPath, 'test/e2e/workspace'), workspace, { recursive: true });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-electron-user-'));
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User/settings.json'),
    JSON.stringify({ 'kql.backend': 'local', 'kql.timeRange': 'query', 'telemetry.telemetryLevel': 'off' }),
  );
  try {
    const exitCode = await runTests({
      version: process.env.VSCODE_VERSION ?? manifest.engines.vscode.replace(/^[\^~>=]+/, ''),
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE,
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${userDataDir}`,
      ],
    });
    process.exitCode = exitCode;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`Electron tests could not run: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
