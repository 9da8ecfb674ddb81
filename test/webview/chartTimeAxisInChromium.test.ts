/**
 * A timechart's axis as the results webview draws it in Chromium whose zone is Asia/Kolkata (UTC+05:30,
 * where a local time scale put ticks on the half hour and labelled them "12:30, 01:30"): the labels are
 * 24-hour UTC times, and a line chart with a lone point keeps line symbols in its legend.
 */

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { drawChart, hourlySeries, openResultsPage, type ResultsPage, SKIP_WITHOUT_CHROMIUM } from './resultsPage';

/** The chart as its Export SVG button saves it. */
async function exportedSvg(p: ResultsPage): Promise<string> {
  await p.page.locator('vscode-button', { hasText: 'Export SVG' }).click();
  for (let i = 0; i < 100; i++) {
    const image = (await p.posted()).filter((m) => m.type === 'exportImage').at(-1);
    if (image) {
      await p.page.evaluate('window.__posted.length = 0');
      return String(image.data);
    }
    await p.page.waitForTimeout(50);
  }
  throw new Error('Export SVG posted nothing');
}

/** The text of the x axis's labels, in the order drawn. */
function xAxisLabels(svg: string): string[] {
  const axes = [
    ...svg.matchAll(/role-axis[\s\S]*?(?=<g class="mark-group role-axis|<g class="mark-group role-legend|$)/g),
  ];
  const bottom = axes.map((m) => m[0]).find((a) => /aria-label="X-axis/.test(a) || /TimeGenerated/.test(a)) ?? svg;
  const section = bottom.slice(bottom.indexOf('role-axis-label'));
  return [...section.slice(0, section.indexOf('</g>')).matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

describe('time axes in Chromium in a non-UTC zone', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let p: ResultsPage;
  before(async () => {
    p = await openResultsPage({ width: 900, height: 600 }, 'dark', 'Asia/Kolkata');
  });
  after(async () => p.close());

  test('the page is in UTC+05:30', async () => {
    assert.equal(await p.page.evaluate('new Date(0).getTimezoneOffset()'), -330);
  });

  test('6 hours: 24-hour UTC labels on round UTC times, the date at midnight', async () => {
    await drawChart(
      p,
      hourlySeries(['acme-web01'], 7, (_, t) => t),
      { visualization: 'timechart' },
    );
    const labels = xAxisLabels(await exportedSvg(p));
    assert.equal(labels[0], 'Nov 23', labels.join(', '));
    for (const l of labels.slice(1)) assert.match(l, /^0[0-6]:(00|30)$/, labels.join(', '));
    for (const h of ['03:00', '06:00']) assert.ok(labels.includes(h), labels.join(', '));
    // The labels left shown (not hidden for overlapping), as the chart names them for tests and tools.
    const shown = (await p.page.locator('.chart-host').getAttribute('data-x-labels'))!.split(' | ');
    assert.equal(shown[0], 'Nov 23', shown.join(', '));
    assert.ok(shown.length >= 4 && shown.every((l) => labels.includes(l)), shown.join(', '));
  });

  test('3 days: a date at each midnight, HH:mm between', async () => {
    await drawChart(
      p,
      hourlySeries(['acme-web01'], 73, (_, t) => t),
      { visualization: 'timechart' },
    );
    const labels = xAxisLabels(await exportedSvg(p));
    for (const d of ['Nov 23', 'Nov 24', 'Nov 25', 'Nov 26']) assert.ok(labels.includes(d), labels.join(', '));
    assert.ok(
      labels.every((l) => /^(Nov \d\d|\d\d:00)$/.test(l)),
      labels.join(', '),
    );
  });

  test('a line with a lone point keeps line symbols in its legend', async () => {
    await drawChart(
      p,
      hourlySeries(['acme-web01', 'acme-sql01'], 7, (s, t) => (s === 0 && (t === 2 || t === 4) ? null : t + s)),
      { visualization: 'timechart' },
    );
    const svg = await exportedSvg(p);
    const paths = [...svg.matchAll(/role-legend-symbol[^"]*"><path[^>]*\sd="([^"]+)"/g)].map((m) => m[1]!);
    assert.equal(paths.length, 2, paths.join(' | '));
    // A circle symbol is drawn with arcs; a stroke symbol is one straight line.
    for (const d of paths) assert.doesNotMatch(d, /A/, `a dot in the legend: ${d}`);
    assert.ok(/mark-symbol/.test(svg), 'the lone point is drawn');
  });
});
