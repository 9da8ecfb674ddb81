/**
 * ua-parser's matching rules over uap-core's patterns (docs/specification.md of uap-core, and its
 * reference implementation uap-ref-impl, whose tests pin the results): in each list the first rule
 * that matches decides; a replacement stands for its capture group's text, `$1`…`$9` in it for the
 * groups (the browser family only knows `$1`; browser versions take their replacement as it is); no
 * matching rule gives the family "Other" and no versions. Device rules with `regex_flag: 'i'` ignore
 * case; every other rule is case-sensitive and unanchored.
 *
 * The patterns run on the engine's RE2 matcher (kqlRegex.ts): each compiles in RE2 and means there
 * what it means in uap-core's backtracking engines, and RE2 cannot be driven into the catastrophic
 * backtracking some of them allow. Each is compiled the first time a text gets that far, and skipped
 * without running when the text lacks a literal every match contains (regexLiteral.ts).
 */
import { checkQueryProgress } from '../exec/memoryBudget';
import { compileTrustedRegex, type KqlRegex } from './kqlRegex';
import { type LiteralRequirement, requiredLiterals } from './regexLiteral';
import { type UapRule, uapRules } from './userAgentRules';

export interface BrowserInfo {
  readonly family: string;
  readonly major: string | null;
  readonly minor: string | null;
  readonly patch: string | null;
}

export interface OsInfo extends BrowserInfo {
  readonly patchMinor: string | null;
}

export interface DeviceInfo {
  readonly family: string;
  readonly brand: string | null;
  readonly model: string | null;
}

/** Rules tried between two looks at the query's deadline, for texts long enough to make one rule slow. */
const CHECK_EVERY_RULES = 16;
const LONG_TEXT = 4096;

class RuleList {
  private readonly compiled: (KqlRegex | undefined)[];
  /** What a match must contain (lower case for a case-insensitive rule); empty when unknown. */
  private readonly literals: (readonly LiteralRequirement[])[];

  constructor(private readonly rules: readonly UapRule[]) {
    this.compiled = new Array(rules.length);
    this.literals = rules.map((r) => {
      const literals = requiredLiterals(r.regex);
      // Case-folded only over ASCII: RE2 folds a few letters (k, s) with non-ASCII ones.
      return r.caseInsensitive
        ? literals
            .filter((any) => any.every((l) => /^[\x20-\x7e]+$/.test(l)))
            .map((any) => any.map((l) => l.toLowerCase()))
        : literals;
    });
  }

  /** The first rule matching `text`, with its groups. */
  firstMatch(text: string): { rule: UapRule; groups: readonly (string | undefined)[] } | undefined {
    const long = text.length > LONG_TEXT;
    let folded: string | undefined;
    const foldable = /^[\x00-\x7f]*$/.test(text);
    for (let i = 0; i < this.rules.length; i++) {
      if (long && i % CHECK_EVERY_RULES === 0) {
        checkQueryProgress();
      }
      const rule = this.rules[i]!;
      const literals = this.literals[i]!;
      if (literals.length > 0) {
        if (!rule.caseInsensitive) {
          if (!contains(text, literals)) {
            continue;
          }
        } else if (foldable) {
          folded ??= text.toLowerCase();
          if (!contains(folded, literals)) {
            continue;
          }
        }
      }
      let re = this.compiled[i];
      if (re === undefined) {
        re = compileTrustedRegex(rule.regex, { caseInsensitive: rule.caseInsensitive });
        this.compiled[i] = re;
      }
      const m = re.exec(text);
      if (m) {
        return { rule, groups: m.groups };
      }
    }
    return undefined;
  }
}

/** Whether `text` meets every requirement (holds one of each one's texts). */
function contains(text: string, requirements: readonly LiteralRequirement[]): boolean {
  return requirements.every((any) => any.some((l) => text.includes(l)));
}

let lists: { browser: RuleList; os: RuleList; device: RuleList } | undefined;

function ruleLists(): { browser: RuleList; os: RuleList; device: RuleList } {
  if (!lists) {
    const rules = uapRules();
    lists = { browser: new RuleList(rules.browser), os: new RuleList(rules.os), device: new RuleList(rules.device) };
  }
  return lists;
}

/** `$1`…`$9` replaced by the groups (an unmatched one by nothing), trimmed; empty is no value. */
function substitute(template: string, groups: readonly (string | undefined)[]): string | null {
  return template.replace(/\$(\d)/g, (_, n: string) => groups[Number(n)] ?? '').trim() || null;
}

function part(
  template: string | undefined,
  groups: readonly (string | undefined)[],
  group: number | undefined,
): string | null {
  // An empty template counts as none, as in the reference implementation.
  if (template) {
    return substitute(template, groups);
  }
  return group === undefined ? null : groups[group] || null;
}

export function parseBrowser(text: string): BrowserInfo {
  const hit = ruleLists().browser.firstMatch(text);
  if (!hit) {
    return { family: 'Other', major: null, minor: null, patch: null };
  }
  const { rule, groups } = hit;
  const r = rule.replacements;
  const familyTemplate = r.family_replacement;
  return {
    family: (familyTemplate ? familyTemplate.replace('$1', groups[1] ?? '') : groups[1]) || 'Other',
    // The browser's version replacements are literal versions ("2007"), never templates.
    major: r.v1_replacement || groups[2] || null,
    minor: r.v2_replacement || groups[3] || null,
    patch: r.v3_replacement || groups[4] || null,
  };
}

export function parseOs(text: string): OsInfo {
  const hit = ruleLists().os.firstMatch(text);
  if (!hit) {
    return { family: 'Other', major: null, minor: null, patch: null, patchMinor: null };
  }
  const { rule, groups } = hit;
  const r = rule.replacements;
  return {
    family: part(r.os_replacement, groups, 1) || 'Other',
    major: part(r.os_v1_replacement, groups, 2),
    minor: part(r.os_v2_replacement, groups, 3),
    patch: part(r.os_v3_replacement, groups, 4),
    patchMinor: part(r.os_v4_replacement, groups, 5),
  };
}

export function parseDevice(text: string): DeviceInfo {
  const hit = ruleLists().device.firstMatch(text);
  if (!hit) {
    return { family: 'Other', brand: null, model: null };
  }
  const { rule, groups } = hit;
  const r = rule.replacements;
  return {
    family: part(r.device_replacement, groups, 1) || 'Other',
    brand: part(r.brand_replacement, groups, undefined),
    model: part(r.model_replacement, groups, 1),
  };
}
