/**
 * Measures of theme colours as the eye sees them: WCAG relative luminance and contrast ratio, CIELAB
 * lightness and distance. The chart theme uses them to keep adjacent series apart and grid lines faint.
 */

export interface Rgba {
  /** 0–255 each. */
  readonly r: number;
  readonly g: number;
  readonly b: number;
  /** 0–1. */
  readonly a: number;
}

/** `#rgb`, `#rgba`, `#rrggbb` or `#rrggbbaa` (how VS Code writes its theme variables); undefined otherwise. */
export function parseHexColor(text: string): Rgba | undefined {
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(text.trim())?.[1];
  if (!hex) return undefined;
  const digits = hex.length <= 4 ? [...hex].map((d) => d + d) : (hex.match(/../g) ?? []);
  const [r, g, b, a] = digits.map((d) => Number.parseInt(d, 16));
  return { r: r!, g: g!, b: b!, a: a === undefined ? 1 : a / 255 };
}

/** `over` drawn with `alpha` on an opaque `under`, mixed per sRGB channel as browsers composite. */
export function blend(over: Rgba, alpha: number, under: Rgba): Rgba {
  const mix = (o: number, u: number): number => o * alpha + u * (1 - alpha);
  return { r: mix(over.r, under.r), g: mix(over.g, under.g), b: mix(over.b, under.b), a: 1 };
}

function linear(channel: number): number {
  const s = channel / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance(c: Rgba): number {
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

/** WCAG 2 contrast ratio, 1 (same luminance) to 21 (black on white). */
export function contrastRatio(x: Rgba, y: Rgba): number {
  const [hi, lo] = [relativeLuminance(x), relativeLuminance(y)].sort((p, q) => q - p);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** CIELAB (D65): L* 0–100 is perceived lightness; a* and b* the green–red and blue–yellow axes. */
export function cieLab(c: Rgba): { readonly l: number; readonly a: number; readonly b: number } {
  const [r, g, b] = [linear(c.r), linear(c.g), linear(c.b)];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return { l: 116 * f(y) - 16, a: 500 * (f(x) - f(y)), b: 200 * (f(y) - f(z)) };
}

/** CIE76 colour difference: the straight distance in CIELAB. */
export function deltaE(x: Rgba, y: Rgba): number {
  const p = cieLab(x);
  const q = cieLab(y);
  return Math.hypot(p.l - q.l, p.a - q.a, p.b - q.b);
}

/** `#rrggbb` of an opaque colour, each channel rounded. */
export function toHex(c: Rgba): string {
  const two = (v: number): string =>
    Math.round(Math.min(255, Math.max(0, v)))
      .toString(16)
      .padStart(2, '0');
  return `#${two(c.r)}${two(c.g)}${two(c.b)}`;
}

/**
 * `colour` as seen on `background`, made just dark enough (on a light background) or light enough (on a
 * dark one) to stand `min`:1 out from it (WCAG contrast). It is mixed with black or white by the least
 * amount that reaches `min`, which keeps its hue; a colour that already contrasts enough comes back as it
 * is seen (composited when translucent). Where even black or white cannot reach `min`, that one is given.
 */
export function withContrast(colour: Rgba, background: Rgba, min: number): Rgba {
  const under: Rgba = { ...background, a: 1 };
  const seen = colour.a < 1 ? blend(colour, colour.a, under) : { ...colour, a: 1 };
  if (contrastRatio(seen, under) >= min) return seen;
  const black: Rgba = { r: 0, g: 0, b: 0, a: 1 };
  const white: Rgba = { r: 255, g: 255, b: 255, a: 1 };
  // Towards whichever end stands further from the background.
  const end = contrastRatio(black, under) >= contrastRatio(white, under) ? black : white;
  const at = (t: number): Rgba => {
    const mixed = blend(end, t, seen);
    // Rounded as it is written out (#rrggbb), so the written colour is the one measured.
    return { r: Math.round(mixed.r), g: Math.round(mixed.g), b: Math.round(mixed.b), a: 1 };
  };
  if (contrastRatio(at(1), under) < min) return at(1);
  let [low, high] = [0, 1];
  for (let i = 0; i < 24; i++) {
    const mid = (low + high) / 2;
    if (contrastRatio(at(mid), under) >= min) high = mid;
    else low = mid;
  }
  return at(high);
}
