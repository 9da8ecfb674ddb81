/**
 * Kusto's regular expressions are RE2: linear time, no backreferences, no lookaround. Every pattern a
 * query supplies is parsed by re2js (a JavaScript port of RE2), so what Kusto rejects is rejected here
 * with RE2's own message, and a pattern like `(a+)+$` can never backtrack for ever. Matching runs on
 * re2js, except where `regexFastPath.ts` proves V8's RegExp finishes quickly and agrees with RE2 (about
 * ten times faster on the common patterns; figures in docs/engine-coverage.md, Limits).
 */
import { RE2JS } from 're2js';
import { type NativeTranslation, nativeTranslation } from './regexFastPath';
import type { RegexFlags } from './regexFlags';
import { EvaluationError } from './types';

export interface RegexMatch {
  /** Start and end of the whole match, in UTF-16 code units. */
  readonly index: number;
  readonly end: number;
  /** groups[0] is the whole match; an unmatched group is undefined. */
  readonly groups: readonly (string | undefined)[];
}

export interface KqlRegex {
  readonly pattern: string;
  /** Capture groups, not counting the whole match. */
  readonly groupCount: number;
  /** Named groups ((?P<name>…) or (?<name>…)) and their numbers. */
  readonly groupNames: ReadonlyMap<string, number>;
  test(text: string): boolean;
  /** The leftmost match starting at or after `from`. */
  exec(text: string, from?: number): RegexMatch | null;
}

export type { RegexFlags } from './regexFlags';

/** Above this length the fast path's worst case (one unbounded loop: quadratic) is not worth the risk. */
const FAST_PATH_MAX_TEXT_WITH_LOOP = 512;

export function compileRegex(pattern: string, flags: RegexFlags = {}): KqlRegex {
  let re2: RE2JS;
  try {
    re2 = RE2JS.compile(pattern, re2Flags(flags));
  } catch (e) {
    throw new EvaluationError(regexErrorMessage(pattern, e));
  }
  return new Re2Regex(pattern, () => re2, nativeTranslation(pattern, flags));
}

/**
 * A pattern known to be valid RE2 (a test compiles each: uap-core's for parse_user_agent), for a
 * caller with hundreds of them: RE2's compiled form, slow to build, is built the first time a text
 * needs it, which is never for a pattern the fast path always serves.
 */
export function compileTrustedRegex(pattern: string, flags: RegexFlags = {}): KqlRegex {
  let re2: RE2JS | undefined;
  const lazy = (): RE2JS => {
    re2 ??= RE2JS.compile(pattern, re2Flags(flags));
    return re2;
  };
  return new Re2Regex(pattern, lazy, nativeTranslation(pattern, flags));
}

function re2Flags(flags: RegexFlags): number {
  return (
    (flags.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0) |
    (flags.multiline ? RE2JS.MULTILINE : 0) |
    (flags.dotAll ? RE2JS.DOTALL : 0)
  );
}

/** RE2's message, with a hint for the Perl features RE2 leaves out on purpose. */
function regexErrorMessage(pattern: string, e: unknown): string {
  const detail = e instanceof Error ? e.message.replace(/^error parsing regexp: /, '') : String(e);
  const hint = /\(\?[=!<]|\\[1-9]/.test(pattern)
    ? ' Kusto regular expressions use RE2 syntax, which has no backreferences and no lookaround.'
    : '';
  return `Invalid regular expression '${pattern.length > 200 ? `${pattern.slice(0, 200)}…` : pattern}': ${detail}.${hint}`;
}

class Re2Regex implements KqlRegex {
  private readonly global: RegExp | undefined;
  private readonly single: RegExp | undefined;
  private names: ReadonlyMap<string, number> | undefined;

  constructor(
    readonly pattern: string,
    private readonly re2: () => RE2JS,
    private readonly native: NativeTranslation | undefined,
  ) {
    if (native) {
      this.single = new RegExp(native.source, native.flags);
      this.global = new RegExp(native.source, `${native.flags}g`);
    }
  }

  get groupCount(): number {
    return this.re2().groupCount();
  }

  get groupNames(): ReadonlyMap<string, number> {
    this.names ??= new Map<string, number>(Object.entries(this.re2().namedGroups()));
    return this.names;
  }

  private nativeFor(text: string): boolean {
    return this.native !== undefined && (!this.native.hasLoop || text.length <= FAST_PATH_MAX_TEXT_WITH_LOOP);
  }

  test(text: string): boolean {
    if (this.nativeFor(text)) {
      return this.single!.test(text);
    }
    return this.re2().test(text);
  }

  exec(text: string, from = 0): RegexMatch | null {
    if (from > text.length) {
      return null;
    }
    if (this.nativeFor(text)) {
      const g = this.global!;
      g.lastIndex = from;
      const m = g.exec(text);
      return m ? { index: m.index, end: m.index + m[0].length, groups: Array.from(m) } : null;
    }
    const re2 = this.re2();
    const matcher = re2.matcher(text);
    if (!matcher.find(from)) {
      return null;
    }
    const groups: (string | undefined)[] = [];
    const count = re2.groupCount();
    for (let i = 0; i <= count; i++) {
      groups.push(matcher.group(i) ?? undefined);
    }
    return { index: matcher.start(), end: matcher.end(), groups };
  }
}

/** Successive non-overlapping matches; an empty match moves the search on by one character. */
export function* allMatches(re: KqlRegex, text: string, from = 0): Generator<RegexMatch> {
  let at = from;
  while (at <= text.length) {
    const m = re.exec(text, at);
    if (!m) {
      return;
    }
    yield m;
    if (m.end > m.index) {
      at = m.end;
    } else {
      const code = text.charCodeAt(m.end);
      at = m.end + (code >= 0xd800 && code <= 0xdbff ? 2 : 1);
    }
  }
}

/** Replaces every match with `rewrite`, where \0…\9 stand for the capture groups (Kusto's syntax). */
export function replaceAllMatches(re: KqlRegex, text: string, rewrite: string): string {
  const parts = rewrite.split(/\\(\d)/);
  let out = '';
  let last = 0;
  for (const m of allMatches(re, text)) {
    out += text.slice(last, m.index);
    for (let i = 0; i < parts.length; i++) {
      out += i % 2 === 0 ? parts[i] : (m.groups[Number(parts[i])] ?? '');
    }
    last = m.end;
  }
  return out + text.slice(last);
}

/** Compiles a pattern the first time and whenever it changes (patterns are constant in practice). */
export function regexCache(flags: RegexFlags = {}): (pattern: string) => KqlRegex {
  let last: string | undefined;
  let re: KqlRegex | undefined;
  return (pattern) => {
    if (pattern !== last || !re) {
      re = compileRegex(pattern, flags);
      last = pattern;
    }
    return re;
  };
}
