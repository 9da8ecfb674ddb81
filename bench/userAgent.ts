/**
 * parse_user_agent: (1) reading uap-core's rules on the first call, from the build's JSON (what ships)
 * against the YAML with a parser in the bundle (the alternative), each in a fresh process, interleaved;
 * (2) the size that alternative would add (the `yaml` package bundled and minified); (3) classifying
 * 2,000 distinct user agents (browser, OS and device), against uap-core's reference loop on V8's RegExp
 * in the same run, with and without the literal prefilter.
 *   npm run build && npm run bench -- userAgent
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const root = path.resolve(__dirname, '..');
const jsonFile = path.join(root, 'dist/uap-regexes.json');
const load = createRequire(__filename);

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

/** The first classification after the rules are read: the patterns it reaches compile (RE2's are slow to). */
function firstClassification(): void {
  const parser = load(
    '../src/engine/functions/userAgentParser',
  ) as typeof import('../src/engine/functions/userAgentParser');
  (
    load('../src/engine/functions/userAgentRules') as typeof import('../src/engine/functions/userAgentRules')
  ).uapRules();
  const times = [CHROME, CHROME.replace('120', '121')].map((ua) => {
    const started = process.hrtime.bigint();
    parser.parseBrowser(ua);
    parser.parseOs(ua);
    parser.parseDevice(ua);
    return Number(process.hrtime.bigint() - started) / 1e6;
  });
  console.log(times.join(' '));
}

function child(mode: string): void {
  if (mode === 'classify') {
    firstClassification();
    return;
  }
  // Imported here so the parent's own loading does not warm anything up.
  const { rulesOf } = load(
    '../src/engine/functions/userAgentRules',
  ) as typeof import('../src/engine/functions/userAgentRules');
  const started = process.hrtime.bigint();
  const document =
    mode === 'json'
      ? JSON.parse(fs.readFileSync(jsonFile, 'utf8'))
      : (load('yaml') as typeof import('yaml')).parse(fs.readFileSync(load.resolve('uap-core/regexes.yaml'), 'utf8'));
  rulesOf(document, mode);
  console.log(Number(process.hrtime.bigint() - started) / 1e6);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  if (!fs.existsSync(jsonFile)) {
    throw new Error(`${jsonFile} is missing: run npm run build first`);
  }
  const times: Record<string, number[]> = { json: [], yaml: [] };
  for (let round = 0; round < 5; round++) {
    for (const mode of ['json', 'yaml']) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', mode], { cwd: root });
      times[mode]!.push(Number(r.stdout.toString().trim()));
    }
  }
  const first: number[] = [];
  const second: number[] = [];
  for (let round = 0; round < 5; round++) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', 'classify'], { cwd: root });
    const [a, b] = r.stdout.toString().trim().split(' ').map(Number);
    first.push(a!);
    second.push(b!);
  }
  console.log(
    `classify a Chrome user agent (browser, OS, device) once the rules are read, median of 5 fresh processes: first ${median(first).toFixed(0)} ms, next ${median(second).toFixed(1)} ms`,
  );
  const json = median(times.json!);
  const yaml = median(times.yaml!);
  console.log(
    `read the rules, fresh process, median of 5: JSON ${json.toFixed(0)} ms, YAML ${yaml.toFixed(0)} ms (${(yaml / json).toFixed(1)}×)`,
  );

  const esbuild = load('esbuild') as typeof import('esbuild');
  const bundled = await esbuild.build({
    stdin: { contents: "module.exports = require('yaml').parse;", resolveDir: root },
    bundle: true,
    minify: true,
    write: false,
    platform: 'node',
    format: 'cjs',
  });
  const code = bundled.outputFiles[0]!.contents;
  const data = fs.readFileSync(jsonFile);
  const yamlData = fs.readFileSync(load.resolve('uap-core/regexes.yaml'));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `shipped: the JSON ${kb(data.length)} (${kb(zlib.deflateRawSync(data, { level: 9 }).length)} deflated); ` +
      `the alternative: the YAML ${kb(yamlData.length)} (${kb(zlib.deflateRawSync(yamlData, { level: 9 }).length)}) ` +
      `and the yaml parser ${kb(code.length)} minified (${kb(zlib.deflateRawSync(code, { level: 9 }).length)})`,
  );

  const { parseBrowser, parseOs, parseDevice } = await import('../src/engine/functions/userAgentParser');
  const { uapRules } = await import('../src/engine/functions/userAgentRules');
  const { compileTrustedRegex } = await import('../src/engine/functions/kqlRegex');
  const bases = [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/1$.0.0.0 Safari/537.36',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_$ like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.$ Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (Linux; Android 13; SM-S91$B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.$ Mobile Safari/537.36',
    'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:12$.0) Gecko/20100101 Firefox/12$.0',
    'curl/8.$.0',
    'Mozilla/5.0 (compatible; Googlebot/2.$; +http://www.google.com/bot.html)',
  ];
  const texts = Array.from({ length: 2000 }, (_, i) => bases[i % bases.length]!.replaceAll('$', String(i)));
  const rules = uapRules();
  const native = [rules.browser, rules.os, rules.device].map((list) =>
    list.map((r) => new RegExp(r.regex, r.caseInsensitive ? 'i' : '')),
  );
  const unfiltered = [rules.browser, rules.os, rules.device].map((list) =>
    list.map((r) => compileTrustedRegex(r.regex, { caseInsensitive: r.caseInsensitive })),
  );
  const run = {
    'RegExp, every rule (uap-ref-impl)': () => texts.forEach((t) => native.forEach((l) => l.find((re) => re.test(t)))),
    'engine, every rule': () => texts.forEach((t) => unfiltered.forEach((l) => l.find((re) => re.exec(t) !== null))),
    'engine with the prefilter (shipped)': () =>
      texts.forEach((t) => {
        parseBrowser(t);
        parseOs(t);
        parseDevice(t);
      }),
  };
  const totals: Record<string, number[]> = {};
  for (let round = 0; round < 4; round++) {
    for (const [name, f] of Object.entries(run)) {
      const t = process.hrtime.bigint();
      f();
      // The first round compiles: kept out of the figures.
      if (round > 0) {
        (totals[name] ??= []).push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }
  }
  const reference = median(totals['RegExp, every rule (uap-ref-impl)']!);
  for (const [name, ms] of Object.entries(totals)) {
    const m = median(ms);
    console.log(
      `${name.padEnd(38)} ${(m / texts.length).toFixed(3)} ms per user agent  ${(m / reference).toFixed(2)}× RegExp`,
    );
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3]!);
} else {
  void main();
}
