/**
 * What the map webview draws of its labels, read in its page (Playwright's `evaluate`): its width, the
 * labels it counts as drawn and their smallest size on screen (data-labels, data-label-px), and the pixels
 * of the label colour (the theme's light foreground) on its canvases, so a label is seen, not only counted.
 * Shared by the headless-Chromium test and e2e 107; it runs in the page, so it uses nothing from outside.
 */
import type { DomCanvas, DomDocument } from '../e2e/browserTypes';

declare const document: DomDocument;

export interface DrawnLabels {
  width: number;
  labels: number;
  px: number;
  /** Pixels of the label colour (the theme's foreground) on the map's canvases. */
  textPixels: number;
}

export function drawnMapLabels(): DrawnLabels {
  const map = document.querySelector('#map')!;
  let textPixels = 0;
  for (const canvas of map.querySelectorAll('canvas') as Iterable<DomCanvas>) {
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; data && i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a > 200 && r > 160 && g > 160 && b > 160 && Math.max(r, g, b) - Math.min(r, g, b) < 24) {
        textPixels++;
      }
    }
  }
  return {
    width: Math.round(map.getBoundingClientRect().width),
    labels: Number(map.dataset.labels ?? 0),
    px: Number(map.dataset.labelPx ?? 0),
    textPixels,
  };
}
