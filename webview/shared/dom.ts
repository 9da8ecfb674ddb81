/** Small DOM helpers shared by the webviews. Text always goes in through textContent, never as markup. */

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/**
 * Adds a stylesheet under the page's CSP: the host allows styles carrying the script's nonce, so the
 * bundle's CSS is injected with the nonce of the script tag that loaded it.
 */
export function injectStyle(css: string): void {
  const style = document.createElement('style');
  const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce;
  if (nonce) {
    style.nonce = nonce;
  }
  style.textContent = css;
  document.head.appendChild(style);
}

/** Reads a VS Code theme variable (`--vscode-…`) from the document. */
export function themeVariable(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name);
}

function themeKind(): string {
  return ['vscode-light', 'vscode-dark', 'vscode-high-contrast', 'vscode-high-contrast-light']
    .filter((c) => document.body.classList.contains(c))
    .join(' ');
}

/** Calls `fn` when VS Code switches the theme (it swaps the body's vscode-* class); other class changes are ignored. */
export function onThemeChange(fn: () => void): void {
  let kind = themeKind();
  new MutationObserver(() => {
    const next = themeKind();
    if (next !== kind) {
      kind = next;
      fn();
    }
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}

/**
 * Arrow keys, Home and End move between a `role=menu`'s items, as screen readers tell their users to
 * expect of a menu (Tab still leaves it).
 */
export function menuKeys(menu: HTMLElement): void {
  menu.addEventListener('keydown', (e) => {
    const items = [...menu.querySelectorAll<HTMLElement>('[role=menuitem]')];
    const at = items.indexOf(e.target as HTMLElement);
    // From the menu itself (at -1), ArrowDown is the first item and ArrowUp the last.
    const next = { ArrowDown: at + 1, ArrowUp: at < 0 ? items.length - 1 : at - 1, Home: 0, End: items.length - 1 }[
      e.key
    ];
    if (next === undefined || items.length === 0) {
      return;
    }
    items[(next + items.length) % items.length]?.focus();
    e.preventDefault();
  });
}
