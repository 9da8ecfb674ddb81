/**
 * A theme colour with transparency, made opaque over the map's background. VS Code's themes give some
 * colours an alpha (`--vscode-disabledForeground` is `#cccccc80` in Dark Modern); the legend's CSS
 * draws it translucent, but cytoscape's `line-color` drops the alpha, so a vanished link was drawn
 * brighter than its legend entry. Blending once, here, gives both the same colour.
 */
type Rgba = readonly [number, number, number, number];

/** `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb(…)` or `rgba(…)`; undefined for anything else. */
export function parseColour(text: string): Rgba | undefined {
  const t = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(t);
  if (hex) {
    const h = hex[1]!;
    const short = h.length <= 4;
    const part = (i: number): number =>
      short ? Number.parseInt(h[i]! + h[i]!, 16) : Number.parseInt(h.slice(2 * i, 2 * i + 2), 16);
    const alpha = h.length === 4 || h.length === 8 ? part(3) / 255 : 1;
    return [part(0), part(1), part(2), alpha];
  }
  const fn = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/.exec(t);
  if (fn) {
    return [Number(fn[1]), Number(fn[2]), Number(fn[3]), fn[4] === undefined ? 1 : Number(fn[4])];
  }
  return undefined;
}

/** `colour` as `rgb(r, g, b)` blended over `background` where it is translucent; else unchanged. */
export function opaqueOver(colour: string, background: string): string {
  const c = parseColour(colour);
  const bg = parseColour(background);
  if (!c || c[3] >= 1 || !bg) {
    return colour;
  }
  const mix = (i: number): number => Math.round(c[i]! * c[3] + bg[i]! * (1 - c[3]));
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}
