/**
 * The order the theme's chart colours are given to series, so that series drawn next to each other
 * can be told apart. Chart lines are thin, and on a thin mark a dark colour shows little of its hue:
 * High Contrast Light's dark blue (#0F4A85) and dark olive (#374e06) are far apart in hue yet, as
 * 2-px lines, read as the same near-black. So the rule weighs lightness first:
 *
 *   two colours are distinct when their CIELAB lightness differs by at least 8 (L*), or when both are
 *   light enough for their hue to show (L* ≥ 45) and they are at least 40 apart in CIELAB (ΔE76).
 *
 * The theme's own order is kept wherever it meets the rule (the Light, Dark and High Contrast themes' orders
 * all do); where the next colour is too close to the one before, the first later colour that is
 * distinct takes its place (none: the one farthest in lightness).
 */
import { cieLab, deltaE, parseHexColor, type Rgba } from './colorMeasure';

export const MIN_LIGHTNESS_STEP = 8;
export const HUE_VISIBLE_LIGHTNESS = 45;
export const MIN_HUE_DISTANCE = 40;

export function distinctSeriesColors(x: Rgba, y: Rgba): boolean {
  const lx = cieLab(x).l;
  const ly = cieLab(y).l;
  if (Math.abs(lx - ly) >= MIN_LIGHTNESS_STEP) return true;
  return Math.min(lx, ly) >= HUE_VISIBLE_LIGHTNESS && deltaE(x, y) >= MIN_HUE_DISTANCE;
}

/** The colours reordered by the rule above; returned as given when any is not a hex colour. */
export function seriesColorOrder(colors: readonly string[]): string[] {
  const parsed = colors.map(parseHexColor);
  if (colors.length === 0 || parsed.some((c) => c === undefined)) return [...colors];
  const left = colors.map((text, i) => ({ text, rgba: parsed[i]! }));
  const order = [left.shift()!];
  while (left.length > 0) {
    const previous = order.at(-1)!.rgba;
    let at = left.findIndex((c) => distinctSeriesColors(previous, c.rgba));
    if (at < 0) {
      const step = (c: { rgba: Rgba }): number => Math.abs(cieLab(c.rgba).l - cieLab(previous).l);
      at = left.reduce((best, c, i) => (step(c) > step(left[best]!) ? i : best), 0);
    }
    order.push(...left.splice(at, 1));
  }
  return order.map((c) => c.text);
}
