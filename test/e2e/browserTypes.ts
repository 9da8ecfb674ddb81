/**
 * Types for the functions Playwright runs inside the workbench page. The repository's tsconfig has no
 * DOM lib (the product runs in Node; adding it globally would change types such as setTimeout's for
 * everyone), so each file that evaluates in the page declares the few browser globals it touches as
 * module-local bindings of these types: `declare const document: DomDocument;`.
 */

export interface DomRect {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  readonly width: number;
  readonly height: number;
}

export interface DomElement {
  readonly textContent: string | null;
  readonly hidden: boolean;
  readonly dataset: Record<string, string | undefined>;
  readonly style: { readonly top: string };
  readonly offsetParent: unknown;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  getBoundingClientRect(): DomRect;
}

export interface DomCanvas extends DomElement {
  readonly width: number;
  readonly height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

export interface DomDocument {
  readonly body: DomElement & { readonly className: string };
  querySelector(selector: string): DomElement | null;
}

export type GetComputedStyle = (element: DomElement) => { readonly color: string };
