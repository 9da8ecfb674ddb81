/**
 * Regenerates the KQL language assets from the sample-query catalogue, the schema catalogue and
 * Kusto.Language: snippets/kql.json, examples/vm-insights.kql, syntaxes/kql.tmLanguage.json and
 * test/grammar/sample-queries.kql.
 *
 *   npx tsx scripts/gen-snippets.ts           write the files
 *   npx tsx scripts/gen-snippets.ts --check   exit 1 (listing them) if any committed file is stale
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedFiles } from './kqlAssets';

const root = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');
const stale: string[] = [];

for (const file of generatedFiles()) {
  const target = path.join(root, file.path);
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
  if (current === file.content) {
    continue;
  }
  stale.push(file.path);
  if (!check) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
}

if (check && stale.length > 0) {
  console.error(`Out of date (run npx tsx scripts/gen-snippets.ts): ${stale.join(', ')}`);
  process.exit(1);
}
console.log(stale.length ? `${check ? 'stale' : 'wrote'}: ${stale.join(', ')}` : 'all generated files are up to date');
