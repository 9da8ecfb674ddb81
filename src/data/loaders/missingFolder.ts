/**
 * What a data folder that does not exist (yet) is called, and how it is recognised again in an error
 * that crossed the engine's worker boundary as text: the Machines view shows its own welcome for it. No
 * other imports, so the extension host can use it without the loaders.
 */
export function missingDataFolderMessage(dir: string): string {
  return `The data folder ${dir} does not exist (yet): its tables load once it is created.`;
}

export function isMissingDataFolder(message: string): boolean {
  return /^The data folder .+ does not exist \(yet\): its tables load once it is created\.$/s.test(message);
}
