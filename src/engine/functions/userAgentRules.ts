/**
 * uap-core's patterns (the `uap-core` package's regexes.yaml: browser, OS and device rules, each a
 * regular expression with optional replacements), read the first time a query calls parse_user_agent,
 * never at engine start. The build writes them as JSON beside the bundles (scripts/uapRules.mjs: read
 * in 40–90 ms where the YAML takes 1.3–1.5 s, `npm run bench -- userAgent`, and no YAML parser ships);
 * in development, where that file is absent, they come from node_modules through the YAML parser the
 * build uses.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The file the build writes beside the bundles (scripts/uapRules.mjs). */
export const UAP_RULES_FILE = 'uap-regexes.json';

/** One rule as uap-core writes it: its pattern, its flag ('i' on some device rules) and replacements. */
export interface UapRule {
  readonly regex: string;
  readonly caseInsensitive: boolean;
  /** Replacement templates by uap-core's key (family_replacement, os_v1_replacement, …). */
  readonly replacements: Readonly<Record<string, string>>;
}

export interface UapRules {
  readonly browser: readonly UapRule[];
  readonly os: readonly UapRule[];
  readonly device: readonly UapRule[];
}

const LISTS = { browser: 'user_agent_parsers', os: 'os_parsers', device: 'device_parsers' } as const;

let rules: UapRules | undefined;

/** The rules, read on first use. */
export function uapRules(): UapRules {
  rules ??= rulesOf(readRuleDocument(), 'uap-core');
  return rules;
}

/** Whether the rules have been read in this process (for the test that start-up does not read them). */
export function uapRulesLoaded(): boolean {
  return rules !== undefined;
}

function readRuleDocument(): unknown {
  const bundled = path.join(__dirname, UAP_RULES_FILE);
  if (fs.existsSync(bundled)) {
    return JSON.parse(fs.readFileSync(bundled, 'utf8'));
  }
  // node:module is taken here, not imported: Node warns when a startup snapshot's builder loads it.
  const { createRequire } = require('node:module') as typeof import('node:module');
  const load = createRequire(__filename);
  let yamlFile: string;
  try {
    yamlFile = load.resolve('uap-core/regexes.yaml');
  } catch {
    throw new Error(
      `parse_user_agent's patterns are missing: no ${UAP_RULES_FILE} beside the engine (${__dirname}) and no uap-core package; run npm run build.`,
    );
  }
  const yaml = load('yaml') as typeof import('yaml');
  return yaml.parse(fs.readFileSync(yamlFile, 'utf8'));
}

/** Checks the document's shape, so a changed uap-core fails here, naming the rule, not in a match. */
export function rulesOf(document: unknown, source: string): UapRules {
  const lists = {} as Record<keyof UapRules, UapRule[]>;
  for (const [part, key] of Object.entries(LISTS) as [keyof UapRules, string][]) {
    const list = isRecord(document) ? document[key] : undefined;
    if (!Array.isArray(list) || list.length === 0) {
      throw new Error(`${source}: '${key}' is not a list of rules.`);
    }
    lists[part] = list.map((entry, i) => ruleOf(entry, `${source}: ${key}[${i}]`));
  }
  return lists;
}

function ruleOf(entry: unknown, where: string): UapRule {
  if (!isRecord(entry) || typeof entry.regex !== 'string') {
    throw new Error(`${where} has no 'regex' string.`);
  }
  const replacements: Record<string, string> = {};
  let caseInsensitive = false;
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'regex') {
      continue;
    }
    if (key === 'regex_flag') {
      if (value !== 'i') {
        throw new Error(`${where}: regex_flag '${String(value)}' is not 'i', the only flag uap-core defines.`);
      }
      caseInsensitive = true;
    } else if (key.endsWith('_replacement') && (typeof value === 'string' || typeof value === 'number')) {
      // YAML reads an unquoted 2007 as a number; the replacement is its text.
      replacements[key] = String(value);
    } else {
      throw new Error(`${where}: '${key}' is not a uap-core rule key.`);
    }
  }
  return { regex: entry.regex, caseInsensitive, replacements };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
