/**
 * The extension's output channel ("Connection Analytics") as VS Code writes it to the window's log folder,
 * so a scenario can tell what the extension did where the screen does not show it (which process read a
 * value, when the language server had answered).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The text of the newest window's log of the extension, '' when there is none yet. */
export function extensionLog(userDataDir: string): string {
  const logs = path.join(userDataDir, 'logs');
  const windows = fs.existsSync(logs) ? fs.readdirSync(logs).sort() : [];
  for (const window of windows.reverse()) {
    const dir = path.join(logs, window);
    for (const host of fs.readdirSync(dir).filter((d) => d.startsWith('exthost'))) {
      const file = path.join(dir, host, 'connection-analytics.connection-analytics', 'Connection Analytics.log');
      if (fs.existsSync(file)) {
        return fs.readFileSync(file, 'utf8');
      }
    }
  }
  return '';
}
