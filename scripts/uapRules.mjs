// parse_user_agent's patterns: uap-core's regexes.yaml read once at build time and written beside the
// bundles as JSON (src/engine/functions/userAgentRules.ts reads it on the first call), so neither the
// YAML file nor a YAML parser ships: JSON.parse reads it some thirty times faster than YAML.parse.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parse } from 'yaml';

/** The file's name beside the bundles; userAgentRules.ts's UAP_RULES_FILE says the same. */
export const UAP_RULES_FILE = 'uap-regexes.json';

/** uap-core's rules as compact JSON: the YAML's own structure, without its comments and layout. */
export function uapRulesJson(yamlText) {
  return JSON.stringify(parse(yamlText));
}

export function writeUapRules(root, outDir) {
  const yamlFile = createRequire(path.join(root, 'package.json')).resolve('uap-core/regexes.yaml');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, UAP_RULES_FILE), uapRulesJson(fs.readFileSync(yamlFile, 'utf8')));
}
