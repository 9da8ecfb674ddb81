/**
 * Scenarios 78 and 79: the results panel for users whose screen is not the developer's.
 * 78: awkward values (a 300-character value, emoji, right-to-left text, a value of three lines, markup)
 * show as their text; a keyboard-only user gets from the editor into the grid, walks it (arrows, Home/End,
 * PageUp/Down, the header row to sort), copies, opens and closes a value and the export menu, switches to
 * the chart and back, and reaches the last of 200 columns; the accessibility tree names the grid, its
 * headers, the selected cell and a live status that says "6 rows" or the error; in High Contrast the text,
 * the focus outline and the marks read against the background.
 * 79: the panel 320 px wide and at the size VS Code zoomed to 150 % gives it, in High Contrast Light:
 * nothing in the toolbar overlaps or runs off the panel and the cut status line has its whole text as a
 * tooltip.
 */
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { type AxNode, accessibilityTree } from '../accessibilityTree';
import { backToEditor, runBlock } from '../queryFile';
import { crashNotices, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';
import { clipboardBecomes } from './copyCells';
import { contrast, pickTheme } from './themes';

const FILE = 'screen.kql';
const AWKWARD = '// Values that are awkward on screen: each must show as its text, never as markup';
// Far wider than the panel: 200 columns (600 typed arrays, past the 255 arguments of VS Code's RPC
// before they travelled in one buffer; see src/protocol/webviewPayload.ts).
const WIDE = '// Two hundred columns, wider than the panel';
const ERROR = '// An unknown column: the error view';
const LONG = `L${'o'.repeat(300)}ng value that ends here`;
const VALUES = [
  ['long', LONG, '1'],
  ['emoji', '🚀 launch 👩🏽‍💻 dev 🇳🇱', '2'],
  ['rtl', 'مرحبا بالعالم שלום עולם', '3'],
  ['lines', 'first line\nsecond line\nthird line', '4'],
  ['script', "<script>document.title='pwned'</script>", '5'],
  ['markup', '<img src=x onerror=alert(1)><b>bold</b>', '6'],
];

interface PageElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly title: string;
  readonly className: string;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly scrollLeft: number;
  readonly parentElement: PageElement | null;
  readonly shadowRoot: {
    readonly activeElement: PageElement | null;
    querySelector(s: string): PageElement | null;
  } | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { left: number; right: number; top: number; bottom: number; width: number };
  querySelectorAll(selector: string): Iterable<PageElement>;
}
declare const document: {
  readonly title: string;
  readonly body: PageElement;
  readonly documentElement: PageElement;
  readonly activeElement: PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  getElementById(id: string): PageElement | null;
};
declare const navigator: { clipboard: { writeText(text: string): Promise<void> } };
declare function getComputedStyle(
  el: PageElement,
  pseudo?: string,
): {
  color: string;
  backgroundColor: string;
  outlineColor: string;
  outlineStyle: string;
  outlineWidth: string;
  getPropertyValue(name: string): string;
};

/** What has the keyboard focus in the panel, as "tag|role|name" (body: nothing; the focus is lost). */
function focused(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) {
      return 'body';
    }
    const name = a.getAttribute('aria-label') ?? a.textContent?.trim().slice(0, 40) ?? '';
    return `${a.tagName.toLowerCase()}|${a.getAttribute('role') ?? ''}|${name}`;
  });
}

/** The grid's selected cell as the grid tells assistive technology (aria-activedescendant). */
interface ActiveCell {
  readonly text: string;
  readonly row: string;
  readonly col: string;
  readonly gridFocused: boolean;
  /** The cell lies inside the grid's visible box (scrolled into view both ways). */
  readonly inView: boolean;
  readonly scrollLeft: number;
}

function activeCell(frame: Frame): Promise<ActiveCell | undefined> {
  return frame.evaluate(() => {
    const grid = document.querySelector('[role=grid]');
    const id = grid?.getAttribute('aria-activedescendant');
    const cell = id ? document.getElementById(id) : null;
    if (!grid || !cell) {
      return undefined;
    }
    const g = grid.getBoundingClientRect();
    const c = cell.getBoundingClientRect();
    return {
      text: cell.textContent ?? '',
      row: cell.parentElement?.getAttribute('aria-rowindex') ?? '',
      col: cell.getAttribute('aria-colindex') ?? '',
      gridFocused: document.activeElement === grid,
      inView: c.left >= g.left - 1 && c.right <= g.right + 1 && c.top >= g.top - 1 && c.bottom <= g.bottom + 1,
      scrollLeft: grid.scrollLeft,
    };
  });
}

async function press(wb: Workbench, frame: Frame, key: string): Promise<ActiveCell> {
  await wb.page.keyboard.press(key);
  await wb.page.waitForTimeout(80);
  const cell = await activeCell(frame);
  assert.ok(cell, `after ${key} the grid names no selected cell (aria-activedescendant)`);
  assert.ok(cell.gridFocused, `after ${key} the grid lost the focus to ${await focused(frame)}`);
  return cell;
}

/** Presses Tab (or Shift+Tab) until `want` has the focus; every stop on the way is recorded. */
async function tabTo(wb: Workbench, frame: Frame, want: RegExp, back = false, most = 16): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < most; i++) {
    await wb.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(frame);
    stops.push(now);
    if (want.test(now)) {
      return stops;
    }
  }
  throw new Error(`${most} presses of ${back ? 'Shift+Tab' : 'Tab'} never reached ${want}: ${stops.join(' → ')}`);
}

function find(tree: readonly AxNode[], role: string, name?: RegExp): AxNode | undefined {
  return tree.find((n) => n.role === role && (!name || name.test(n.name)));
}

export async function screenKeyboardScenario(wb: Workbench, workspace: string): Promise<void> {
  await wb.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(wb.page.url()).origin });
  await wb.page.evaluate(() => navigator.clipboard.writeText('nothing copied yet'));
  await wb.openFile(FILE);
  await runBlock(wb, workspace, FILE, AWKWARD);
  const view = await waitForGrid(wb, 'the awkward values', withColumns('Label', 'Value', 'N'), 90_000);
  assert.deepEqual(view.rows, VALUES, 'each value shows as its own text');
  const frame = await resultsFrame(wb);

  // Markup in the data stays text: no element made from it, the page's title untouched.
  const page = await frame.evaluate(() => ({
    title: document.title,
    made: [...document.querySelectorAll('.grid-body script, .grid-body img, .grid-body b')].length,
    long: [...document.querySelectorAll('.grid-body [role=gridcell]')]
      .filter((c) => (c.textContent ?? '').startsWith('Loooo'))
      .map((c) => ({ cut: c.scrollWidth > c.clientWidth, title: c.title })),
    lines: [...document.querySelectorAll('.grid-body .cell.multiline')].map((c) => c.title),
  }));
  assert.notEqual(page.title, 'pwned');
  assert.equal(page.made, 0, 'markup from the data became elements');
  assert.deepEqual(page.long, [{ cut: true, title: LONG }], 'the long value is cut but its tooltip holds all of it');
  assert.deepEqual(page.lines, [VALUES[3]![1]], 'the value of three lines is marked and its tooltip has every line');

  // From the editor into the panel by keyboard: the next editor group, then Tab to the grid.
  await wb.runCommand('View: Focus Next Editor Group');
  const stops = await tabTo(wb, frame, /\|grid\|/);
  assert.ok(!stops.includes('body'), `the focus was lost on the way: ${stops.join(' → ')}`);
  let cell = await press(wb, frame, 'ArrowDown');
  assert.equal(cell.row, '3', 'the first ArrowDown selects the second row');
  cell = await press(wb, frame, 'ArrowDown');
  cell = await press(wb, frame, 'ArrowDown');
  assert.deepEqual([cell.text, cell.row, cell.col], ['lines', '5', '1']);
  cell = await press(wb, frame, 'End');
  assert.deepEqual([cell.text, cell.col], ['4', '3']);
  cell = await press(wb, frame, 'Home');
  assert.equal(cell.col, '1');
  cell = await press(wb, frame, 'ArrowRight');
  assert.equal(cell.text, VALUES[3]![1]);
  await press(wb, frame, 'Control+c');
  await clipboardBecomes(wb, 'the cell copied by Ctrl+C', VALUES[3]![1]!);

  // The accessibility tree: the grid and its headers named, the selected cell announced, a live status.
  const tree = await accessibilityTree(wb, frame);
  const grid = find(tree, 'grid', /^Results$/);
  assert.ok(grid, `no grid named Results: ${tree.map((n) => `${n.role}:${n.name}`).join(', ')}`);
  // Accessible names collapse white space: the three lines are read as one.
  assert.equal(
    grid.activeDescendant,
    'first line second line third line',
    'the grid points assistive technology at the selected cell',
  );
  assert.deepEqual(
    tree.filter((n) => n.role === 'columnheader').map((n) => n.name),
    ['Label string', 'Value string', 'N long'],
  );
  assert.equal(tree.filter((n) => n.role === 'row').length, 7, 'a header row and six rows');
  const counts = await frame.evaluate(() => {
    const g = document.querySelector('[role=grid]');
    return [g?.getAttribute('aria-rowcount'), g?.getAttribute('aria-colcount')];
  });
  assert.deepEqual(counts, ['7', '3'], 'the grid says how many rows and columns it has');
  const status = find(tree, 'status');
  assert.ok(status && status.props.live === 'polite', `no polite live status: ${JSON.stringify(status)}`);
  assert.ok(find(tree, 'textbox', /^Filter rows$/), 'the filter box has no name');

  // PageDown, Ctrl+End, Ctrl+Home; ArrowUp off the first row onto the headers; Enter sorts by that column.
  cell = await press(wb, frame, 'PageDown');
  assert.equal(cell.row, '7', 'PageDown goes to the last row of six');
  cell = await press(wb, frame, 'Control+Home');
  assert.deepEqual([cell.row, cell.col], ['2', '1']);
  cell = await press(wb, frame, 'Control+End');
  assert.deepEqual([cell.row, cell.col], ['7', '3']);
  await press(wb, frame, 'Control+Home');
  cell = await press(wb, frame, 'ArrowUp');
  assert.equal(cell.row, '1', 'ArrowUp from the first row selects the header row');
  assert.match(cell.text, /^Label/);
  await press(wb, frame, 'Enter');
  const sorted = await waitForGrid(wb, 'the grid sorted by Label', (v) => v.rows[0]?.[0] === 'emoji');
  assert.deepEqual(
    sorted.rows.map((r) => r[0]),
    ['emoji', 'lines', 'long', 'markup', 'rtl', 'script'],
  );
  // (DevTools' tree has no sort property: aria-sort is read from the header itself.)
  assert.match(
    (await frame.locator('[role=columnheader][aria-sort=ascending]').textContent()) ?? '',
    /^Label/,
    'the header says how it sorts',
  );
  await press(wb, frame, 'Enter');
  await press(wb, frame, 'Enter');
  await waitForGrid(wb, 'the grid in its own order again', (v) => v.rows[0]?.[0] === 'long');

  // Enter on a value opens it whole; Escape closes it and the focus is back on the grid.
  await press(wb, frame, 'ArrowDown');
  await press(wb, frame, 'ArrowDown');
  await press(wb, frame, 'ArrowDown');
  await press(wb, frame, 'ArrowDown');
  await press(wb, frame, 'ArrowRight');
  await press(wb, frame, 'Enter');
  const detail = frame.locator('.detail:not([hidden]) .detail-text');
  await detail.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  assert.equal(await detail.textContent(), VALUES[3]![1]);
  await press(wb, frame, 'Escape');
  assert.equal(await frame.locator('.detail:not([hidden])').count(), 0, 'Escape left the value open');

  // The export menu by keyboard: Shift+Tab to "Export all rows…", Enter, arrows between its items,
  // Escape hands the focus back to the button.
  await tabTo(wb, frame, /Export all rows/, true);
  await wb.page.keyboard.press('Enter');
  await waitFor('the export menu with the focus', async () =>
    /\|menu\|Export all rows/.test(await focused(frame)) ? true : undefined,
  );
  await wb.page.keyboard.press('ArrowDown');
  assert.match(await focused(frame), /menuitem\|All 6 rows as CSV/);
  await wb.page.keyboard.press('ArrowDown');
  assert.match(await focused(frame), /menuitem\|All 6 rows as JSON/);
  await wb.screenshot(78, 'export-menu-keyboard');
  await wb.page.keyboard.press('Escape');
  assert.equal(await frame.locator('.export-menu').count(), 0, 'Escape left the export menu open');
  assert.match(await focused(frame), /Export all rows/, 'the focus did not go back to the button');

  // Results ↔ Chart: Shift+Tab to the tab headers; ArrowRight and Enter open the chart, ArrowLeft and
  // Enter the rows again (the tabs move the focus with the arrows and select with Enter).
  await tabTo(wb, frame, /Results/, true);
  await wb.page.keyboard.press('ArrowRight');
  await wb.page.keyboard.press('Enter');
  await frame.locator('.panel-chart:not([hidden])').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await wb.page.keyboard.press('ArrowLeft');
  await wb.page.keyboard.press('Enter');
  await frame.locator('.panel-results:not([hidden])').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });

  // Columns past the panel's right edge: End reaches the last, scrolled into view.
  await backToEditor(wb);
  await runBlock(wb, workspace, FILE, WIDE);
  await waitForGrid(wb, 'the 200 columns', (v) => v.headers.length === 200 && v.headers[199] === 'c200');
  await wb.runCommand('View: Focus Next Editor Group');
  await tabTo(wb, frame, /\|grid\|/);
  cell = await press(wb, frame, 'End');
  assert.deepEqual([cell.text, cell.col], ['value 200', '200']);
  assert.ok(cell.inView && cell.scrollLeft > 0, `the last column is not scrolled into view: ${JSON.stringify(cell)}`);
  cell = await press(wb, frame, 'Home');
  assert.ok(cell.inView && cell.scrollLeft === 0, `Home did not scroll back: ${JSON.stringify(cell)}`);
  await wb.screenshot(78, 'wide-result');

  // An error: the live status says what went wrong, and in High Contrast everything reads.
  await backToEditor(wb);
  await runBlock(wb, workspace, FILE, ERROR);
  // A live region is read out as its text (its accessible name stays empty: status takes no name from content).
  const said = await waitFor('the status announcing the error', async () => {
    const text = (await frame.locator('[role=status][aria-live=polite]').textContent()) ?? '';
    return /has an error: \d+:\d+ .*Missing/.test(text) ? text : undefined;
  });
  assert.match(said, /does not refer to any known column/);
  try {
    await pickTheme(wb, 'Default High Contrast');
    await waitFor('the panel in High Contrast', async () =>
      (await frame.evaluate(() => document.body.className)).includes('vscode-high-contrast') ? true : undefined,
    );
    const error = await frame.evaluate(() => {
      const bg = getComputedStyle(document.body).backgroundColor;
      const heading = document.querySelector('.error-box .error-text');
      const link = document.querySelector('.error-box button.link');
      return {
        bg,
        heading: heading ? getComputedStyle(heading).color : '',
        link: link ? getComputedStyle(link).color : '',
      };
    });
    assert.ok(contrast(error.heading, error.bg) >= 4.5, `error heading ${error.heading} on ${error.bg}`);
    assert.ok(contrast(error.link, error.bg) >= 4.5, `error location ${error.link} on ${error.bg}`);
    await wb.screenshot(78, 'high-contrast-error');

    await backToEditor(wb);
    await runBlock(wb, workspace, FILE, AWKWARD);
    await waitForGrid(wb, 'the awkward values again', withColumns('Label', 'Value', 'N'), 60_000);
    await wb.runCommand('View: Focus Next Editor Group');
    await tabTo(wb, frame, /\|grid\|/);
    await press(wb, frame, 'ArrowDown');
    await press(wb, frame, 'ArrowDown');
    await press(wb, frame, 'ArrowDown');
    await press(wb, frame, 'ArrowRight');
    const hc = await frame.evaluate(() => {
      const bg = getComputedStyle(document.body).backgroundColor;
      const grid = document.querySelector('[role=grid]')!;
      const selected = document.querySelector('.grid-body .cell.selected')!;
      const marker = document.querySelector('.grid-body .cell.multiline')!;
      const head = document.querySelector('[role=columnheader]')!;
      const focusOutline = getComputedStyle(grid);
      return {
        bg,
        focusBorder: getComputedStyle(document.documentElement).getPropertyValue('--vscode-focusBorder').trim(),
        gridOutline: focusOutline.outlineStyle === 'none' ? '' : focusOutline.outlineColor,
        selectedOutline: getComputedStyle(selected).outlineColor,
        selectedText: getComputedStyle(selected).color,
        marker: getComputedStyle(marker, '::after').color,
        header: getComputedStyle(head).color,
        status: getComputedStyle(document.querySelector('.status')!).color,
      };
    });
    assert.ok(hc.gridOutline && contrast(hc.gridOutline, hc.bg) >= 3, `grid focus outline ${JSON.stringify(hc)}`);
    assert.ok(contrast(hc.selectedOutline, hc.bg) >= 3, `selected cell outline ${JSON.stringify(hc)}`);
    assert.ok(contrast(hc.selectedText, hc.bg) >= 4.5, `selected text ${JSON.stringify(hc)}`);
    assert.ok(contrast(hc.marker, hc.bg) >= 3, `the several-lines mark ${JSON.stringify(hc)}`);
    assert.ok(contrast(hc.header, hc.bg) >= 4.5, `header ${JSON.stringify(hc)}`);
    assert.ok(contrast(hc.status, hc.bg) >= 4.5, `status ${JSON.stringify(hc)}`);
    // A focused toolbar button shows a ring in the theme's focus colour too.
    await tabTo(wb, frame, /Export all rows/, true);
    const ring = await frame.evaluate(() => {
      const b = document.activeElement!;
      const inner = b.shadowRoot?.activeElement ?? b.shadowRoot?.querySelector('button');
      const styles = [b, inner].filter((x): x is PageElement => !!x).map((x) => getComputedStyle(x));
      const drawn = styles.find((s) => s.outlineStyle !== 'none' && s.outlineWidth !== '0px');
      return { bg: getComputedStyle(document.body).backgroundColor, outline: drawn?.outlineColor ?? '' };
    });
    assert.ok(ring.outline && contrast(ring.outline, ring.bg) >= 3, `button focus ring ${JSON.stringify(ring)}`);
    await wb.screenshot(78, 'high-contrast-grid');
  } finally {
    await wb.page.keyboard.press('Escape');
    await pickTheme(wb, 'Default Dark Modern');
  }
  assert.deepEqual(await crashNotices(wb), []);
}

/** The results iframe's width in the workbench (what the panel has to draw in). */
async function panelWidth(frame: Frame): Promise<number> {
  const box = await (await frame.frameElement()).boundingBox();
  return box?.width ?? 0;
}

/**
 * The results panel about `px` wide: the window narrowed until the second editor group is that wide.
 * Returns the width reached.
 */
export async function narrowPanelTo(
  wb: Workbench,
  frame: Frame,
  px: number,
  original: { width: number; height: number },
): Promise<number> {
  let width = original.width;
  for (let i = 0; i < 4; i++) {
    const now = await panelWidth(frame);
    if (Math.abs(now - px) <= 24) {
      break;
    }
    width = Math.max(480, Math.round(width - 2 * (now - px)));
    await wb.page.setViewportSize({ width, height: original.height });
    await wb.page.waitForTimeout(500);
  }
  return panelWidth(frame);
}

/** Toolbar controls that overlap another or run past the panel's right edge; the status line's state. */
export function layoutProblems(
  frame: Frame,
): Promise<{ problems: string[]; statusCut: boolean; statusTitle: boolean }> {
  return frame.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    const controls = [...document.querySelectorAll('.panel-results .toolbar > *')];
    const boxes = controls.map((c) => ({ name: c.textContent?.trim() || c.className, r: c.getBoundingClientRect() }));
    for (const [i, a] of boxes.entries()) {
      if (a.r.right > width + 1) {
        problems.push(`${a.name} ends at ${Math.round(a.r.right)} of ${width} px`);
      }
      for (const b of boxes.slice(i + 1)) {
        const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (x > 1 && y > 1) {
          problems.push(`${a.name} overlaps ${b.name}`);
        }
      }
    }
    for (const h of document.querySelectorAll('vscode-tab-header') as Iterable<PageElement>) {
      if (h.getBoundingClientRect().right > width + 1) {
        problems.push(`tab ${h.textContent} is past the edge`);
      }
    }
    const status = document.querySelector('.status')!;
    return {
      problems,
      statusCut: status.scrollWidth > status.clientWidth,
      statusTitle: status.title === status.textContent && status.title !== '',
    };
  });
}

export async function screenWidthsScenario(wb: Workbench, workspace: string): Promise<void> {
  const original = wb.page.viewportSize() ?? { width: 1440, height: 900 };
  await wb.openFile(FILE);
  await runBlock(wb, workspace, FILE, AWKWARD);
  await waitForGrid(wb, 'the awkward values', withColumns('Label', 'Value', 'N'), 90_000);
  const frame = await resultsFrame(wb);
  try {
    await pickTheme(wb, 'Default High Contrast Light');
    await waitFor('the panel in High Contrast Light', async () =>
      (await frame.evaluate(() => document.body.className)).includes('vscode-high-contrast-light') ? true : undefined,
    );
    const narrow = await narrowPanelTo(wb, frame, 320, original);
    assert.ok(Math.abs(narrow - 320) <= 40, `the panel is ${narrow} px wide, not about 320`);
    let seen = await layoutProblems(frame);
    assert.deepEqual(seen.problems, [], `at ${narrow} px`);
    assert.ok(seen.statusCut && seen.statusTitle, `the cut status line has no tooltip: ${JSON.stringify(seen)}`);
    await wb.screenshot(79, 'narrow-high-contrast-light');

    // VS Code zoomed to 150 % lays the workbench out in two thirds of the window's CSS pixels.
    await wb.page.setViewportSize({
      width: Math.round(original.width / 1.5),
      height: Math.round(original.height / 1.5),
    });
    await wb.page.waitForTimeout(800);
    seen = await layoutProblems(frame);
    assert.deepEqual(seen.problems, [], 'at 150 %');
    assert.ok(!seen.statusCut || seen.statusTitle, `the cut status line has no tooltip: ${JSON.stringify(seen)}`);
    await wb.screenshot(79, 'zoom-150-high-contrast-light');
  } finally {
    await wb.page.setViewportSize(original);
    await wb.page.keyboard.press('Escape');
    await pickTheme(wb, 'Default Dark Modern');
  }
  assert.deepEqual(await crashNotices(wb), []);
}
