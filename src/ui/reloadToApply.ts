/**
 * The settings the running extension cannot apply: they are read once when the language server starts.
 * A change to one says "reload the window to apply it" (VS Code's convention) instead of being silently
 * ignored until the next start. Every other `kql.*` setting applies where it is read, at once.
 */
export const RELOAD_TO_APPLY: readonly string[] = ['kql.startup.snapshot'];

/** The sentence for a configuration change, or undefined when it needs no reload. */
export function reloadToApplyMessage(affects: (key: string) => boolean): string | undefined {
  const changed = RELOAD_TO_APPLY.filter(affects);
  if (changed.length === 0) return undefined;
  return `${changed.join(', ')} changed: reload the window to apply it.`;
}
