/**
 * Scenario 89: a `.kql` file in a git repository is changed; git's "Open Changes" shows the diff, and
 * Problems lists the file once, with the working copy's error only (the diff's left side, a `git:`
 * document of the committed text, is not checked). Then a value holding a bidirectional
 * override, a zero-width space and markup, opened with Expand value, shows them as the grid does.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DomElement } from '../browserTypes';
import type { CodeServer } from '../codeServer';
import { runBlock } from '../queryFile';
import { resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';

const REPO = 'git-diff';
const FILE = 'changed.kql';
/** Committed with one misspelt column; the working copy fixes it and misspells another. */
const COMMITTED = 'VMConnection\n| where Computer == "acme-vm01"\n| project Computer, nosuchcommitted\n';
const WORKING = 'VMConnection\n| where Computer == "acme-vm01"\n| project Computer, nosuchworking\n';

const VALUE_FILE = 'awkward-value.kql';
/** A right-to-left override, a zero-width space and markup, built from code points. */
const VALUE_QUERY = [
  '// An awkward value',
  'print s = strcat("report", unicode_codepoints_to_string(dynamic([8238])), "fdp.exe", unicode_codepoints_to_string(dynamic([8203])), "<script>x</script>")',
  '',
].join('\n');
const SHOWN = 'report[U+202E]fdp.exe[U+200B]<script>x</script>';

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', ...args], { cwd });
}

/** The Problems panel's rows as tree items: a file's row (level 1) and its problems (level 2). */
async function problemTree(wb: Workbench): Promise<{ level: string; text: string }[]> {
  await wb.problems();
  return wb.page
    .locator('.markers-panel .monaco-list-row')
    .evaluateAll((rows: DomElement[]) =>
      rows.map((r) => ({ level: r.getAttribute('aria-level') ?? '', text: r.textContent ?? '' })),
    );
}

/**
 * The run's user settings turn git off (no Source Control work in other scenarios): on for this one, as
 * a user's settings have it, and off again after it.
 */
async function withGit(server: CodeServer, body: () => Promise<void>): Promise<void> {
  const file = path.join(server.userDataDir, 'User/settings.json');
  const before = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(before), 'git.enabled': true }, null, 2));
  try {
    await body();
  } finally {
    fs.writeFileSync(file, before);
  }
}

export async function otherViewsScenario(wb: Workbench, workspace: string, server: CodeServer): Promise<void> {
  await withGit(server, () => diffAndExpand(wb, workspace));
}

async function diffAndExpand(wb: Workbench, workspace: string): Promise<void> {
  const repo = path.join(workspace, REPO);
  fs.mkdirSync(repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(repo, FILE), COMMITTED);
  git(repo, 'add', FILE);
  git(repo, 'commit', '-q', '-m', 'a query');
  fs.writeFileSync(path.join(repo, FILE), WORKING);

  await wb.openFile(FILE);
  await waitFor('the working copy’s error in Problems', async () =>
    (await wb.problems()).some((r) => r.includes('nosuchworking')) ? true : undefined,
  );

  // Git's "Open Changes" (the Source Control view's action on a changed file) on the open file: the
  // committed text (a git: document) beside the working copy. Asked again until git has found the new
  // repository (before that the command does nothing).
  const diff = wb.page.locator('.editor-group-container.active .monaco-diff-editor');
  await waitFor(
    'the diff of the changed file',
    async () => {
      await wb.runCommand('Git: Open Changes', false);
      return (await diff.waitFor({ state: 'visible', timeout: 5_000 }).then(
        () => true,
        () => false,
      ))
        ? true
        : undefined;
    },
    90_000,
  );
  await waitFor('both sides of the diff drawn', async () => {
    const texts = await diff.locator('.view-lines').allTextContents();
    const joined = texts.join('\n').replace(/\u00a0/g, ' ');
    return joined.includes('nosuchcommitted') && joined.includes('nosuchworking') ? true : undefined;
  });
  await wb.screenshot(89, 'open-changes');

  // The left side was opened (and sent to the language server) with the diff: a check of it takes
  // about as long as the working copy's took. Give it that long before reading Problems.
  await wb.page.waitForTimeout(5_000);
  const tree = await problemTree(wb);
  const files = tree.filter((r) => r.level === '1' && r.text.includes(FILE));
  assert.equal(files.length, 1, `Problems lists ${FILE} ${files.length} times: ${JSON.stringify(tree)}`);
  assert.ok(
    tree.some((r) => r.text.includes('nosuchworking')),
    `the working copy's error is gone: ${JSON.stringify(tree)}`,
  );
  assert.ok(
    !tree.some((r) => r.text.includes('nosuchcommitted')),
    `an error of the committed text: ${JSON.stringify(tree)}`,
  );
  await wb.screenshot(89, 'problems');

  // Expand value shows the awkward value as the grid cell does: each hidden character as its code point.
  fs.writeFileSync(path.join(workspace, VALUE_FILE), VALUE_QUERY);
  await wb.openFile(VALUE_FILE);
  await runBlock(wb, workspace, VALUE_FILE, '// An awkward value');
  const grid = await waitForGrid(wb, 'the awkward value’s grid', withColumns('s'), 90_000);
  assert.equal(grid.rows[0]![0], SHOWN);
  const frame = await resultsFrame(wb);
  await frame.locator('.grid-body [role=row][data-row="0"] [role=gridcell]').first().dblclick();
  const detail = frame.locator('.detail-text');
  await detail.waitFor({ state: 'visible', timeout: 10_000 });
  assert.equal(await detail.textContent(), SHOWN);
  assert.equal(await frame.locator('.detail script').count(), 0, 'the value became markup');
  await wb.screenshot(89, 'expand-value');
}
