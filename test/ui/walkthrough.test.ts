/**
 * The Getting Started walkthrough and the views' welcome content are package.json text that VS Code
 * acts on: a `command:` link to a command that does not exist is a dead button, a completion event
 * naming one is a step that never completes, and a missing media file is an empty pane. Nothing checks
 * them at build time, so this does.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { LocalBackend } from '../../src/backends/local';
import { MACHINES_WELCOME_CONTEXT, MACHINES_WELCOMES } from '../../src/ui/machines/fleetNodes';
import { settingSchemas } from '../../src/ui/settingCheck';
import { FIRST_QUERY, FIRST_QUERY_LINE } from '../../src/ui/walkthrough/firstQueryText';
import { markdownLinks } from '../architecture/markdownLinks';
import { engineWorkerScript } from '../builtBundle';
import { type WalkthroughMedia, walkthroughMediaPaths } from '../vsix/vsixRules';

interface Step {
  id: string;
  title: string;
  description: string;
  media: WalkthroughMedia;
  completionEvents?: string[];
  when?: string;
}
interface Manifest {
  contributes: {
    commands: { command: string; title: string }[];
    views: Record<string, { id: string }[]>;
    viewsWelcome: { view: string; contents: string; when?: string }[];
    walkthroughs: { id: string; title: string; steps: Step[] }[];
    configuration: { properties: Record<string, unknown> };
  };
}

const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as Manifest;
const c = manifest.contributes;
const titles = new Map(c.commands.map((x) => [x.command, x.title]));
const viewIds = Object.values(c.views).flatMap((list) => list.map((v) => v.id));
/** VS Code's own commands the buttons may run. */
const BUILT_IN = new Set(['workbench.trust.manage']);

/** Commands that exist: ours, VS Code's `<view>.focus` for each of our views, and the built-ins above. */
function exists(command: string): boolean {
  return titles.has(command) || viewIds.some((v) => command === `${v}.focus`) || BUILT_IN.has(command);
}

/** `[text](command:id)` links: VS Code draws them as buttons (alone on a line) or links. */
function commandLinks(text: string): { text: string; command: string }[] {
  return [...text.matchAll(/\[([^\]]+)\]\(command:([^)?\s]+)[^)]*\)/g)].map((m) => ({ text: m[1]!, command: m[2]! }));
}

const walkthrough = c.walkthroughs.find((w) => w.title === 'Get started with Connection Analytics');
const steps = walkthrough?.steps ?? [];

describe('the Getting Started walkthrough', () => {
  test('has 4 to 6 steps in a window, each with a button and an event that completes it', () => {
    assert.ok(walkthrough, 'no walkthrough "Get started with Connection Analytics"');
    // A trusted window shows the steps without a when or with isWorkspaceTrusted; Restricted Mode the others.
    for (const trusted of [true, false]) {
      const shown = steps.filter((s) => !s.when || s.when === (trusted ? 'isWorkspaceTrusted' : '!isWorkspaceTrusted'));
      assert.ok(shown.length >= 4 && shown.length <= 6, `${shown.length} steps when trusted=${trusted}`);
    }
    for (const step of steps) {
      assert.ok(commandLinks(step.description).length > 0, `step ${step.id} has no button`);
      assert.ok((step.completionEvents ?? []).length > 0, `step ${step.id} completes on no event`);
    }
  });

  test("every button runs a command that exists, labelled with our command's title", () => {
    const texts = [...steps.map((s) => [s.id, s.description]), ...c.viewsWelcome.map((w) => [w.view, w.contents])];
    for (const [where, text] of texts) {
      for (const link of commandLinks(text!)) {
        assert.ok(exists(link.command), `${where}: no command ${link.command}`);
        const title = titles.get(link.command);
        if (title) assert.equal(link.text, title, `${where}: the button for ${link.command}`);
      }
    }
  });

  test('every completion event names a command, view or setting that exists', () => {
    for (const step of steps) {
      for (const event of step.completionEvents ?? []) {
        const [kind, name = ''] = event.split(/:(.*)/s);
        const known =
          kind === 'onCommand'
            ? exists(name)
            : kind === 'onView'
              ? viewIds.includes(name)
              : kind === 'onSettingChanged'
                ? settingSchemas(c.configuration).has(name)
                : false;
        assert.ok(known, `step ${step.id}: ${event} names nothing that exists`);
      }
    }
  });

  test('a step that needs Log Analytics shows only in a trusted window; its Restricted Mode twin says why', () => {
    const needsTrust = ['kql.selectBackend', 'kql.signIn'];
    for (const step of steps.filter((s) => commandLinks(s.description).some((l) => needsTrust.includes(l.command)))) {
      assert.equal(step.when, 'isWorkspaceTrusted', `step ${step.id}`);
    }
    const twin = steps.find((s) => s.when === '!isWorkspaceTrusted');
    assert.match(twin?.description ?? '', /Restricted Mode/);
    assert.ok(commandLinks(twin!.description).some((l) => l.command === 'workbench.trust.manage'));
  });

  test('every media file and every picture its markdown shows exists', () => {
    for (const step of steps) {
      const files = walkthroughMediaPaths(step.media).filter((p): p is string => !!p);
      assert.ok(files.length > 0, `step ${step.id} has no media`);
      for (const file of files) {
        assert.ok(fs.existsSync(file), `step ${step.id}: ${file} does not exist`);
        if (!file.endsWith('.md')) continue;
        for (const link of markdownLinks(fs.readFileSync(file, 'utf8'))) {
          if (/^[a-z]+:/i.test(link.target) || link.target.startsWith('#')) continue;
          const target = path.join(path.dirname(file), link.target);
          assert.ok(fs.existsSync(target), `${file}: ${link.target} does not exist`);
        }
      }
    }
  });
});

describe("the views' welcome content", () => {
  test("the Machines view's welcomes are exactly the reasons the tree sets in its context key", () => {
    const whens = c.viewsWelcome.filter((w) => w.view === 'kql.machines').map((w) => w.when ?? '');
    const reasons = whens.map(
      (w) => new RegExp(`^${MACHINES_WELCOME_CONTEXT.replace('.', '\\.')} == '(\\w+)'$`).exec(w)?.[1],
    );
    assert.deepEqual(reasons.sort(), [...MACHINES_WELCOMES].sort(), whens.join(' | '));
  });

  test('every welcome names a view of ours and offers a button', () => {
    for (const w of c.viewsWelcome) {
      assert.ok(viewIds.includes(w.view), w.view);
      assert.ok(commandLinks(w.contents).length > 0, `${w.view} (${w.when}) has no button`);
    }
  });
});

describe('the first query', () => {
  const sample = new LocalBackend({
    source: { kind: 'sample' },
    workerScript: engineWorkerScript(),
  });
  after(() => sample.dispose());

  test('runs on the sample workspace from its first line and answers rows with a column chart', async () => {
    const lines = FIRST_QUERY.split('\n');
    assert.ok(lines.slice(0, FIRST_QUERY_LINE).every((l) => l.startsWith('//')));
    assert.ok(!lines[FIRST_QUERY_LINE]!.startsWith('//'));
    // The default time range (24 hours): the sample's records cover the 24 hours before now.
    const result = await sample.run(FIRST_QUERY, { timeRange: { duration: 'PT24H' } });
    const table = result.tables[0]!;
    assert.deepEqual(
      table.columns.map((col) => col.name),
      ['Computer', 'FailedLinks', 'Connections'],
    );
    assert.equal(table.rows.length, 10);
    assert.ok(Number(table.rows[0]![1]) > 0, JSON.stringify(table.rows[0]));
    assert.equal(result.render?.visualization, 'columnchart');
  });
});
