/**
 * What a screen reader is told about a webview: Chromium's accessibility tree of one frame, read through
 * the DevTools protocol's Accessibility domain (roles, computed names, live regions, the focused node and
 * the grid's active descendant), the tree assistive technology is given, not the DOM.
 */
import type { Frame } from 'playwright-core';
import type { Workbench } from './workbench';

export interface AxNode {
  readonly role: string;
  readonly name: string;
  /** The node's properties that matter here (live, focused, pressed, …) as their values' text. */
  readonly props: Readonly<Record<string, string>>;
  /** For aria-activedescendant: the name of the node it points at. */
  readonly activeDescendant?: string;
}

interface RawValue {
  readonly value?: unknown;
  readonly relatedNodes?: readonly { readonly backendDOMNodeId: number }[];
}
interface RawNode {
  readonly ignored: boolean;
  readonly role?: RawValue;
  readonly name?: RawValue;
  readonly properties?: readonly { readonly name: string; readonly value: RawValue }[];
  readonly backendDOMNodeId?: number;
}
interface RawFrame {
  readonly frame: { readonly id: string; readonly url: string };
  readonly childFrames?: readonly RawFrame[];
}

/**
 * The DevTools id of a webview's content frame: the deepest frame of the webview's id. Its URL in the
 * frame tree is not the one Playwright reports (VS Code writes the content into it with document.open,
 * which gives it its parent's URL), but both carry the webview's `id=` parameter.
 */
function contentFrameId(tree: RawFrame, webview: string, depth = 0): { id: string; depth: number } | undefined {
  let best =
    new URL(tree.frame.url, 'http://x/').searchParams.get('id') === webview ? { id: tree.frame.id, depth } : undefined;
  for (const child of tree.childFrames ?? []) {
    const found = contentFrameId(child, webview, depth + 1);
    if (found && (!best || found.depth > best.depth)) {
      best = found;
    }
  }
  return best;
}

/** The frame's accessibility tree, without the nodes Chromium leaves out of it (ignored ones). */
export async function accessibilityTree(wb: Workbench, frame: Frame): Promise<AxNode[]> {
  // The workbench and its webviews' frames share the page's DevTools session.
  const cdp = await wb.context.newCDPSession(wb.page);
  try {
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as unknown as { frameTree: RawFrame };
    const webview = new URL(frame.url()).searchParams.get('id') ?? '';
    const id = contentFrameId(frameTree, webview)?.id;
    if (!id) {
      throw new Error(`no frame of webview ${webview} (${frame.url()}) in the page's frame tree`);
    }
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree', { frameId: id })) as unknown as {
      nodes: RawNode[];
    };
    const byDomNode = new Map(nodes.map((n) => [n.backendDOMNodeId, n]));
    return nodes
      .filter((n) => !n.ignored)
      .map((n) => {
        const props: Record<string, string> = {};
        let activeDescendant: string | undefined;
        for (const p of n.properties ?? []) {
          props[p.name] = String(p.value.value ?? '');
          if (p.name === 'activedescendant') {
            const target = byDomNode.get(p.value.relatedNodes?.[0]?.backendDOMNodeId);
            activeDescendant = String(target?.name?.value ?? '');
          }
        }
        return {
          role: String(n.role?.value ?? ''),
          name: String(n.name?.value ?? ''),
          props,
          ...(activeDescendant !== undefined ? { activeDescendant } : {}),
        };
      });
  } finally {
    await cdp.detach();
  }
}
