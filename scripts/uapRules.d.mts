// Types of scripts/uapRules.mjs, for the test that compares its JSON with the YAML.
export const UAP_RULES_FILE: string;
export function uapRulesJson(yamlText: string): string;
export function writeUapRules(root: string, outDir: string): void;
