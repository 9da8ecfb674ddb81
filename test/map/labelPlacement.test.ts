/** Where a large map's labels go (webview/map/labelPlacement.ts): legible, the important first, never overlapping. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Box } from '../../webview/map/largeGraph';
import {
  type LabelCandidate,
  insists,
  labelPriority,
  labelPx,
  overlaps,
  placeLabels,
  SPOTS,
  shortenTo,
  spotBox,
} from '../../webview/map/labelPlacement';

const node = (id: string, x: number, y: number, o: Partial<LabelCandidate> = {}): LabelCandidate => ({
  id,
  body: { x1: x - 5, y1: y - 4, x2: x + 5, y2: y + 4 },
  width: 60,
  height: 15,
  priority: 0,
  ...o,
});

/**
 * A fleet: `n` nodes on a jittered grid `step` pixels apart, bodies `size` pixels across (a 38 × 28
 * machine at zoom 0.25 is some 10 × 7), priorities from a seeded hash.
 */
function fleet(n: number, step: number, size = 10): LabelCandidate[] {
  const cols = Math.ceil(Math.sqrt(n * 1.6));
  let s = 12345;
  const r = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return Array.from({ length: n }, (_, i) =>
    node(`m${i}`, 20 + (i % cols) * step + r() * step * 0.5, 20 + Math.floor(i / cols) * step + r() * step * 0.5, {
      priority: Math.floor(r() * 50),
      width: 40 + Math.floor(r() * 140),
    }),
  ).map((c) => {
    const x = (c.body.x1 + c.body.x2) / 2;
    const y = (c.body.y1 + c.body.y2) / 2;
    return { ...c, body: { x1: x - size / 2, y1: y - size * 0.4, x2: x + size / 2, y2: y + size * 0.4 } };
  });
}

function assertNoOverlap(placed: readonly { id: string; box: Box }[]): void {
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      assert.ok(!overlaps(placed[i]!.box, placed[j]!.box), `${placed[i]!.id} overlaps ${placed[j]!.id}`);
    }
  }
}

describe('placing a large map’s labels', () => {
  test('a lone node is labelled under itself', () => {
    const [p] = placeLabels([node('a', 100, 100)], { width: 400, height: 300 });
    assert.equal(p?.spot, 'below');
    assert.deepEqual(p?.box, { x1: 70, y1: 106, x2: 130, y2: 121 });
  });

  test('two close nodes both keep their labels: the second tries other spots before giving up', () => {
    const placed = placeLabels([node('a', 100, 100, { priority: 2 }), node('b', 150, 112, { priority: 1 })], {
      width: 400,
      height: 300,
    });
    assert.deepEqual(
      placed.map((p) => [p.id, p.spot]),
      [
        ['a', 'below'],
        ['b', 'right'],
      ],
    );
    assertNoOverlap(placed);
  });

  test('the more important of two crowded nodes wins, whichever comes first', () => {
    // A screen with room for one label only, under the two nodes.
    const crowd = [node('low', 30, 5, { priority: 1 }), node('high', 31, 5, { priority: 9 })];
    for (const order of [crowd, [...crowd].reverse()]) {
      const placed = placeLabels(order, { width: 70, height: 26 });
      assert.deepEqual(
        placed.map((p) => p.id),
        ['high'],
      );
    }
  });

  test('labels never cover another node’s body, and stay inside the screen', () => {
    const nodes = fleet(200, 30);
    const placed = placeLabels(nodes, { width: 800, height: 500, crowdedTop: 0 });
    assertNoOverlap(placed);
    for (const p of placed) {
      assert.ok(p.box.x1 >= 0 && p.box.y1 >= 0 && p.box.x2 <= 800 && p.box.y2 <= 500, p.id);
      for (const n of nodes) {
        assert.ok(n.id === p.id || !overlaps(n.body, p.box), `${p.id}'s label covers ${n.id}`);
      }
    }
  });

  test('a fleet zoomed out to dots: labels may cover unlabelled dots, never a labelled node', () => {
    const nodes = fleet(600, 9, 4);
    const placed = placeLabels(nodes, { width: 800, height: 500 });
    assertNoOverlap(placed);
    // Not only around the carpet's edge: its middle is named too.
    assert.ok(placed.length >= 20, `${placed.length} labels`);
    const labelled = new Set(placed.map((p) => p.id));
    for (const p of placed) {
      for (const n of nodes) {
        if (labelled.has(n.id) && n.id !== p.id) {
          assert.ok(!overlaps(n.body, p.box), `${p.id}'s label covers the labelled ${n.id}`);
        }
      }
    }
    // Bodies large enough to see are never covered (the same fleet zoomed in, bodies 12 px).
    const near = fleet(600, 27, 12);
    for (const p of placeLabels(near, { width: 800, height: 500, crowdedTop: 0 })) {
      for (const n of near) {
        assert.ok(n.id === p.id || !overlaps(n.body, p.box), `${p.id}'s label covers ${n.id}`);
      }
    }
  });

  test('the most important nodes in the middle of a crowd are named over unlabelled nodes, never labelled ones', () => {
    // Bodies 12 px, 14 px apart: no clear spot anywhere inside the crowd.
    const nodes = fleet(400, 14, 12);
    const middle = nodes.map((n, i) => (i === 210 || i === 100 ? { ...n, priority: 1_000 + i } : n));
    const clean = placeLabels(middle, { width: 900, height: 600, crowdedTop: 0 });
    assert.ok(!clean.some((p) => p.id === 'm210' || p.id === 'm100'), 'no clear spot in the middle');
    const placed = placeLabels(middle, { width: 900, height: 600 });
    assert.deepEqual(
      placed.slice(0, 2).map((p) => p.id),
      ['m210', 'm100'],
    );
    assertNoOverlap(placed);
    const labelled = new Set(placed.map((p) => p.id));
    for (const p of placed) {
      for (const n of nodes) {
        assert.ok(!labelled.has(n.id) || n.id === p.id || !overlaps(n.body, p.box), `${p.id} covers ${n.id}`);
      }
    }
  });

  test('the selected or searched node is labelled however crowded the map', () => {
    const nodes = fleet(600, 9, 12);
    const target = nodes[377]!;
    const asked = nodes.map((n) =>
      n === target
        ? { ...n, priority: labelPriority({ ...plain, selected: true }), insist: insists({ ...plain, selected: true }) }
        : { ...n, priority: labelPriority({ ...plain, degree: n.priority }), insist: insists(plain) },
    );
    const placed = placeLabels(asked, { width: 800, height: 500 });
    assert.equal(placed[0]?.id, target.id);
    // Without insisting, the crowd's bodies leave it no spot at this zoom: the case insisting is for.
    const unasked = placeLabels(
      asked.map((n) => ({ ...n, insist: false })),
      { width: 800, height: 500, crowdedTop: 0 },
    );
    assert.ok(!unasked.some((p) => p.id === target.id));
    assertNoOverlap(placed);
  });

  test('zooming in shows more labels: the same nodes spread further apart', () => {
    const counts = [8, 16, 32, 64].map((step) => placeLabels(fleet(200, step), { width: 900, height: 600 }).length);
    for (let i = 1; i < counts.length; i++) {
      // The screen holds fewer nodes as it zooms in, so only the first steps must grow; none may collapse.
      assert.ok(counts[i]! >= Math.min(counts[i - 1]!, 12), `counts by zoom: ${counts}`);
    }
    assert.ok(counts[2]! > counts[0]!, `counts by zoom: ${counts}`);
  });

  test('nodes off screen get no label; a container’s name goes above it first and its body is no obstacle', () => {
    const box = { x1: 50, y1: 50, x2: 250, y2: 200 };
    const placed = placeLabels(
      [
        node('gone', -100, 50),
        { id: 'open', body: box, width: 80, height: 15, priority: 5, container: true },
        node('inside', 150, 120),
      ],
      { width: 400, height: 300 },
    );
    assert.deepEqual(
      placed.map((p) => [p.id, p.spot]),
      [
        ['open', 'above'],
        ['inside', 'below'],
      ],
    );
  });

  test('a budget caps the labels; hidden ones (width 0) are not placed', () => {
    assert.equal(placeLabels(fleet(200, 64), { width: 2000, height: 2000, budget: 7 }).length, 7);
    assert.deepEqual(placeLabels([node('a', 50, 50, { width: 0 })], { width: 100, height: 100 }), []);
  });

  test('every spot touches its node and not its body', () => {
    const body = { x1: 100, y1: 100, x2: 120, y2: 110 };
    for (const spot of SPOTS) {
      const b = spotBox(body, 50, 14, spot);
      assert.ok(!overlaps(b, body), spot);
      const gap = Math.max(b.x1 - body.x2, body.x1 - b.x2, b.y1 - body.y2, body.y1 - b.y2);
      assert.ok(gap <= 2, `${spot} is ${gap} px away`);
    }
  });

  test('placing grows with the nodes, not with their square (it runs every frame)', () => {
    // The fastest of several batches: the machine's load slows some, not the placement. A ratio, not
    // a time: 2 cores shared by the test runs make absolute times vary threefold.
    const fastest = (nodes: LabelCandidate[]) => {
      let ms = Number.POSITIVE_INFINITY;
      for (let batch = 0; batch < 5; batch++) {
        const t = performance.now();
        for (let i = 0; i < 10; i++) {
          placeLabels(nodes, { width: 1200, height: 800 });
        }
        ms = Math.min(ms, (performance.now() - t) / 10);
      }
      return ms;
    };
    fastest(fleet(600, 12));
    const small = fastest(fleet(150, 24));
    const large = fastest(fleet(600, 12));
    // 4 times the nodes on the same screen: linear is 4x, quadratic 16x.
    assert.ok(large < 8 * small + 1, `150 nodes ${small.toFixed(2)} ms, 600 nodes ${large.toFixed(2)} ms`);
    assert.ok(large < 40, `${large.toFixed(2)} ms per placement of 600 nodes`);
  });
});

const plain = {
  selected: false,
  hovered: false,
  match: false,
  seed: false,
  malicious: false,
  failed: false,
  degree: 0,
  kind: 'machine',
};

describe('which nodes claim a label first', () => {
  test('hover, selection, search, seed, malicious, failed, then the hubs', () => {
    const ladder = [
      { ...plain, hovered: true },
      { ...plain, selected: true },
      { ...plain, match: true },
      { ...plain, seed: true },
      { ...plain, malicious: true },
      { ...plain, failed: true },
      { ...plain, degree: 9_999 },
      { ...plain, kind: 'group', degree: 9_999 },
      { ...plain, kind: 'process', degree: 4 },
      { ...plain, degree: 3 },
      { ...plain, kind: 'group', degree: 3 },
      { ...plain, kind: 'endpoint', degree: 3 },
    ].map(labelPriority);
    for (let i = 1; i < ladder.length; i++) {
      assert.ok(ladder[i - 1]! > ladder[i]!, `rung ${i}: ${ladder}`);
    }
    // A hub of any size stays below a failing machine.
    assert.ok(labelPriority({ ...plain, degree: 1e9 }) < labelPriority({ ...plain, failed: true }));
  });

  test('labels stay legible however far out, and modest however far in', () => {
    assert.equal(labelPx(0.05), 11);
    assert.equal(labelPx(1), 13);
    assert.equal(labelPx(5), 14);
  });
});

describe('shortening a label', () => {
  const measure = (s: string) => Array.from(s).length * 7;

  test('a short name is left whole', () => {
    assert.equal(shortenTo('web-01', 180, measure), 'web-01');
  });

  test('a 300-character name is cut to fit with an ellipsis, in a few measurements', () => {
    let calls = 0;
    const out = shortenTo('x'.repeat(300), 180, (s) => {
      calls++;
      return measure(s);
    });
    assert.ok(out.endsWith('…') && measure(out) <= 180, out);
    assert.equal(out.length, 25);
    assert.ok(calls <= 12, `${calls} measurements`);
  });

  test('hostile text stays text: markup, right-to-left, astral characters are never split', () => {
    assert.equal(shortenTo('<script>alert(1)</script>', 70, measure), '<script>a…');
    const rtl = 'שרת-מסד-נתונים-ראשי-בתל-אביב';
    const cut = shortenTo(rtl, 100, measure);
    assert.ok(rtl.startsWith(cut.slice(0, -1)) && cut.endsWith('…'), cut);
    const astral = '𝔘𝔫𝔦𝔠𝔬𝔡𝔢-𝔥𝔬𝔰𝔱-𝔫𝔞𝔪𝔢';
    const a = shortenTo(astral, 50, measure);
    assert.ok(!/[\uD800-\uDBFF]…$/.test(a), 'no lone surrogate before the ellipsis');
  });
});
