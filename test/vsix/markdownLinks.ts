/**
 * The relative links of the Markdown pages a VSIX ships, and whether each leads to a file the VSIX holds.
 * The package has no `repository`, so vsce leaves relative links as written (`--no-rewrite-relative-links`)
 * and they only work where the page is read next to its files: the installed extension's folder.
 */
import * as path from 'node:path';
import { markdownLinks } from '../architecture/markdownLinks';

/**
 * The VSIX entry a relative link from `fromEntry` leads to, or undefined for a link out of the package
 * (a URL, mailto:) or within the page (`#…`). vsce stores README.md as `extension/readme.md`.
 */
export function linkedEntry(fromEntry: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) {
    return undefined;
  }
  const file = decodeURIComponent(target.replace(/[?#].*$/, ''));
  const entry = path.posix.normalize(path.posix.join(path.posix.dirname(fromEntry), file)).replace(/\/$/, '');
  return entry === 'extension/README.md' ? 'extension/readme.md' : entry;
}

/**
 * The links of `fromEntry` (its text `text`) that lead to nothing in `names`, as `page:line → target`.
 * A link to a folder counts when the VSIX holds a file under it. With `images: false` pictures are not
 * checked (the docs pages show screenshots the VSIX leaves out to stay small).
 */
export function unresolvedLinks(
  names: readonly string[],
  fromEntry: string,
  text: string,
  options: { images: boolean },
): string[] {
  const shipped = new Set(names);
  const leads = (entry: string): boolean => shipped.has(entry) || names.some((n) => n.startsWith(`${entry}/`));
  return markdownLinks(text)
    .filter((link) => options.images || !link.image)
    .filter((link) => {
      const entry = linkedEntry(fromEntry, link.target);
      return entry !== undefined && !leads(entry);
    })
    .map((link) => `${fromEntry}:${link.line} → ${link.target}`);
}
