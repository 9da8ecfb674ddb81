/**
 * The extensions folder a throwaway code-server starts with: the VSIX (and any fixture extensions)
 * installed by code-server's own CLI once per test process, then copied for each server. An install
 * costs seconds of CPU and the scenarios start some twenty servers; a copy of the folder is the same
 * install, with its paths moved to the new folder.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The installed folders of this process, by what was installed into them. */
const installed = new Map<string, string>();

function installVsix(entry: string, dirs: string[], vsix: string): void {
  const result = spawnSync(process.execPath, [entry, ...dirs, '--install-extension', vsix], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsix} into code-server failed (exit ${result.status}):\n${output}`);
  }
}

/** An extensions folder with `vsix` and `extraExtensions` installed by code-server's CLI (`entry`). */
function installOnce(entry: string, vsix: string, extraExtensions: readonly string[]): string {
  const key = JSON.stringify([entry, vsix, fs.statSync(vsix).mtimeMs, extraExtensions]);
  const done = installed.get(key);
  if (done) {
    return done;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-e2e-installed-'));
  process.once('exit', () => fs.rmSync(root, { recursive: true, force: true }));
  const extensionsDir = path.join(root, 'extensions');
  // An empty config of our own, so code-server does not write one into the user's home.
  const configFile = path.join(root, 'config.yaml');
  fs.writeFileSync(configFile, '');
  // A folder in the extensions dir is picked up by the scan the VSIX install runs (the CLI installs only VSIX files).
  for (const folder of extraExtensions) {
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as Record<string, string>;
    fs.cpSync(folder, path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), {
      recursive: true,
    });
  }
  const dirs = ['--config', configFile, '--user-data-dir', path.join(root, 'user-data'), '--extensions-dir'];
  installVsix(entry, [...dirs, extensionsDir], vsix);
  installed.set(key, extensionsDir);
  return extensionsDir;
}

/**
 * Fills `extensionsDir` (new) with `vsix` and `extraExtensions` installed. The folder's extensions.json
 * names each extension's folder by its absolute path (and file URI): those move to `extensionsDir`.
 */
export function installExtensions(
  entry: string,
  extensionsDir: string,
  vsix: string,
  extraExtensions: readonly string[] = [],
): void {
  const from = installOnce(entry, vsix, extraExtensions);
  fs.cpSync(from, extensionsDir, { recursive: true });
  const list = path.join(extensionsDir, 'extensions.json');
  const moved = fs
    .readFileSync(list, 'utf8')
    .split(JSON.stringify(from).slice(1, -1))
    .join(JSON.stringify(extensionsDir).slice(1, -1))
    .split(encodeURI(from))
    .join(encodeURI(extensionsDir));
  if (moved.includes(from)) {
    throw new Error(`${list} still names ${from} after the copy`);
  }
  fs.writeFileSync(list, moved);
}
