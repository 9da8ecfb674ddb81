/**
 * Reads `kql.*` values through their declarations (settingCheck.ts) and tells the user about a bad one
 * once: the getters run on every query, a notification per query would bury the editor. The same
 * problem is told again only after the value was fixed (or changed to another bad one) in between.
 * With a delay, a problem is told only if it still stands when the settings have been quiet that long:
 * the Settings editor writes a text box as the user types, and "exp", "expo", … are folders that do not
 * exist on the way to "exports".
 */
import { checkSetting, type SettingSchema } from './settingCheck';

/** A value as the settings hold it, and where it came from ("your user settings"). */
export interface RawSetting {
  readonly value: unknown;
  readonly where: string;
}

export class SettingReader {
  /** The problem last told for each key. */
  private readonly told = new Map<string, string>();
  /** Problems found and not yet told (told once the delay passes with them still standing). */
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly schemas: ReadonlyMap<string, SettingSchema>,
    /** `userOnly`: the user's own value, whatever a workspace sets (Restricted Mode). */
    private readonly raw: (key: string, userOnly: boolean) => RawSetting,
    private readonly tell: (problem: string, key: string) => void,
    private readonly delayMs = 0,
  ) {}

  /** The value to use: the one written if its declaration allows it, else the default (told once). */
  read<T>(key: string, userOnly = false): T {
    const { value, where } = this.raw(key, userOnly);
    const checked = checkSetting<T>(key, this.schemas.get(`kql.${key}`), value, where);
    this.problem(key, checked.problem);
    return checked.value;
  }

  /** Where the value of `key` came from, for a problem found after reading it (a path that is not there). */
  where(key: string, userOnly = false): string {
    return this.raw(key, userOnly).where;
  }

  /** Tells `problem` unless it was the last one told for `key`; undefined means the key is fine now. */
  problem(key: string, problem: string | undefined): void {
    if (problem === undefined) {
      this.told.delete(key);
      return;
    }
    if (this.told.get(key) === problem) return;
    this.told.set(key, problem);
    if (this.delayMs <= 0) {
      this.tell(problem, key);
      return;
    }
    this.pending.add(key);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  private flush(): void {
    for (const key of this.pending) {
      const problem = this.told.get(key);
      if (problem !== undefined) this.tell(problem, key);
    }
    this.pending.clear();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  /** Every declared setting read once, so a bad value is told when it is saved, not at the next query. */
  readAll(userOnlyKeys: ReadonlySet<string>): void {
    for (const full of this.schemas.keys()) {
      const key = full.replace(/^kql\./, '');
      this.read(key, userOnlyKeys.has(key));
    }
  }
}
