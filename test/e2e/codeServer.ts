/**
 * Starts and stops a real VS Code (code-server's server + web workbench) for the end-to-end scenarios and
 * the e2e benchmark: installs the VSIX into a throwaway extensions dir, writes throwaway user settings,
 * serves on 127.0.0.1 at a free port with auth off. The server runs in its own process group so stop()
 * ends it and every process it spawned (extension host, language server, engine worker), and nothing else.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { installExtensions } from './installedExtensions';

export interface CodeServerOptions {
  /** The installed code-server package (test/e2e/setup.sh prints it). */
  readonly codeServerDir: string;
  readonly vsix: string;
  /** The folder the workbench opens. */
  readonly workspace: string;
  /** Extra user settings, merged over the test defaults. */
  readonly settings?: Record<string, unknown>;
  /** Machine-scoped settings (the engine's memory and result limits), in the remote machine's settings. */
  readonly machineSettings?: Record<string, unknown>;
  /** When set, the process-group id is written here so a shell trap can end the server if Node dies. */
  readonly pidFile?: string;
  /** Workspace trust on (the workbench asks whether to trust the folder); off by default. */
  readonly workspaceTrust?: boolean;
  /** Extra environment of the server and its extension host (e.g. NODE_EXTRA_CA_CERTS for a test CA). */
  readonly env?: Record<string, string>;
  /** Unpackaged extension folders (test fixtures) installed next to the VSIX. */
  readonly extraExtensions?: readonly string[];
  /**
   * The user data and extensions folders of a server stopped before, started again as they are (a user's
   * second start: global storage kept, nothing installed again); settings and VSIX options are ignored.
   */
  readonly restartFrom?: CodeServer;
}

export interface CodeServer {
  /** The workbench URL with the workspace folder open. */
  readonly url: string;
  readonly pid: number;
  readonly userDataDir: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

/** What every run starts from: no walkthrough, no telemetry, a fixed theme so screenshots compare. */
export const TEST_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'editor.minimap.enabled': false,
  'editor.fontSize': 14,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.quickSuggestionsDelay': 50,
  'git.enabled': false,
  // Scenarios type into the workspace's files; nothing of it is saved.
  'files.autoSave': 'off',
  'chat.commandCenter.enabled': false,
  // Every suggestion a scenario sees must come from the extension, not from words already in the file.
  '[kql]': { 'editor.wordBasedSuggestions': 'off' },
  'kql.backend': 'local',
  // Present (at its default) so a scenario can edit its line in settings.json as a user would.
  'kql.logAnalytics.workspaceId': '',
  // Sample data is fixed in time; "set in query" makes the editor run exactly what the CLI runs.
  'kql.timeRange': 'query',
};

/** A local port that was free a moment ago (nothing listens on it unless someone took it since). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealthy(base: string, child: { exitCode: number | null }, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode} before it served; log: ${logFile}`);
    }
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${base}/healthz within 60 s; log: ${logFile}`);
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const entry = path.join(options.codeServerDir, 'out/node/entry.js');
  if (!fs.existsSync(entry)) {
    throw new Error(`no code-server at ${options.codeServerDir}; run test/e2e/setup.sh`);
  }
  if (!fs.existsSync(options.vsix)) {
    throw new Error(`no VSIX at ${options.vsix}; run npm run package`);
  }
  const root = options.restartFrom
    ? path.dirname(options.restartFrom.userDataDir)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'kql-e2e-server-'));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  // An empty config of our own (written once, below), so code-server does not write one into the user's home.
  const configFile = path.join(root, 'config.yaml');
  const dirs = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (!options.restartFrom) {
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(
      path.join(userDataDir, 'User/settings.json'),
      JSON.stringify(
        {
          ...TEST_SETTINGS,
          ...(options.workspaceTrust ? { 'security.workspace.trust.enabled': true } : {}),
          ...options.settings,
        },
        null,
        2,
      ),
    );
    // The remote (machine) user settings, where code-server keeps machine-scoped settings; present so a
    // scenario can edit the line as a user would.
    fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
    fs.writeFileSync(
      path.join(userDataDir, 'Machine/settings.json'),
      JSON.stringify({ 'kql.logAnalytics.endpoint': '', ...options.machineSettings }, null, 2),
    );
    fs.writeFileSync(configFile, '');
    installExtensions(entry, extensionsDir, options.vsix, options.extraExtensions);
  }

  const port = await freePort();
  const logFile = path.join(root, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      entry,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      ...dirs,
      options.workspace,
    ],
    { detached: true, stdio: ['ignore', log, log], env: { ...process.env, VSCODE_PROXY_URI: '', ...options.env } },
  );
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error('code-server did not start');
  }
  if (options.pidFile) {
    fs.writeFileSync(options.pidFile, String(pid));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) {
      return;
    }
    stopped = true;
    const signalGroup = (signal: NodeJS.Signals): void => {
      try {
        process.kill(-pid, signal);
      } catch {
        // Already gone.
      }
    };
    signalGroup('SIGTERM');
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(true), 5_000)),
    ]);
    // The extension host and its children may outlive the server's own exit; end the whole group.
    signalGroup(timedOut ? 'SIGKILL' : 'SIGTERM');
    if (options.pidFile) {
      fs.rmSync(options.pidFile, { force: true });
    }
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealthy(base, child, logFile);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url: `${base}/?folder=${encodeURIComponent(options.workspace)}`,
    pid,
    userDataDir,
    logFile,
    stop,
  };
}
