/**
 * Scenario 89: a `.kql` file in a git repository is changed; git's "Open Changes" shows the diff, and
 * Problems lists the file once, with the working copy's errors only (the diff's left side, a `git:`
 * document of the committed text, is not checked). Then a value holding a bidirectional override, a
 * zero-width space and markup, opened with Expand value, shows them as the grid does.
 *
 * The run's own server turns git off for every other scenario, and turning it on in settings.json
 * mid-run does not start it: this one has a server of its own, with git on from its start, on a
 * workspace that is a git repository.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DomElement } from '../browserTypes';
import { inOwnWorkspace } from '../ownWorkspace';
import { runBlock } from '../queryFile';
import { resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';

const FILE = 'changed.kql';
/** Committed with one misspelt column; the working copy keeps it and misspells a second. */
const COMMITTED = 'VMConnection\n| where Computer == "acme-vm01"\n| project Computer, nosuchfirst\n';
const WORKING = 'VMConnection\n| where Computer == "acme-vm01"\n| project Computer, nosuchfirst, nosuchsecond\n';

const VALUE_FILE = 'awkward-value.kql';
/** A right-to-left override, a zero-width space and markup, built from code points. */
const VALUE_QUERY = [
  '// An awkward value',
  'print s = strcat("report", unicode_codepoints_to_string(dynamic([8238])), "fdp.exe", unicode_codepoints_to_string(dynamic([8203])), "<script>x</script>")',
  '',
].join('\n');
const SHOWN = 'report[U+202E]fdp.exe[U+200B]<script>x</script>';

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd });
}

/** A temp folder that is a git repository: FILE committed with one error, then changed to add a second. */
function changedRepository(): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-e2e-git-diff-'));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.name', 'e2e');
  git(repo, 'config', 'user.email', 'e2e@example.invalid');
  fs.writeFileSync(path.join(repo, FILE), COMMITTED);
  git(repo, 'add', FILE);
  git(repo, 'commit', '-q', '-m', 'a query');
  fs.writeFileSync(path.join(repo, FILE), WORKING);
  return repo;
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

export async function otherViewsScenario(main: Workbench): Promise<void> {
  const workspace = changedRepository();
  await inOwnWorkspace(main, 89, workspace, (wb) => diffAndExpand(wb, workspace), {
    settings: { 'git.enabled': true },
  });
}

async function diffAndExpand(wb: Workbench, workspace: string): Promise<void> {
  await wb.openFile(FILE);
  await waitFor(
    'the working copy’s errors in Problems',
    async () => {
      const rows = await wb.problems();
      return rows.some((r) => r.includes('nosuchsecond')) ? true : undefined;
    },
    90_000,
  );

  // Git's "Open Changes" on the open file: the committed text (a git: document) beside the working copy.
  // Asked again until git has found the repository (before that the command does nothing).
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
    const sides = texts.map((t) => t.replace(/\u00a0/g, ' '));
    return sides.length === 2 && !sides[0]!.includes('nosuchsecond') && sides[1]!.includes('nosuchsecond')
      ? true
      : undefined;
  });

  // The left side was opened (and sent to the language server) with the diff: a check of it takes
  // about as long as the working copy's took. Give it that long before reading Problems.
  await wb.page.waitForTimeout(5_000);
  const tree = await problemTree(wb);
  const shown = JSON.stringify(tree);
  const files = tree.filter((r) => r.level === '1' && r.text.includes(FILE));
  assert.equal(files.length, 1, `Problems lists ${FILE} ${files.length} times: ${shown}`);
  const problems = tree.filter((r) => r.level === '2');
  // The committed text's one error is also the working copy's first: listed twice if the left side were checked.
  assert.equal(problems.filter((r) => r.text.includes('nosuchfirst')).length, 1, `the first error: ${shown}`);
  assert.equal(problems.filter((r) => r.text.includes('nosuchsecond')).length, 1, `the second error: ${shown}`);
  assert.equal(problems.length, 2, `Problems lists other errors: ${shown}`);
  await wb.screenshot(89, 'open-changes-problems');

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
