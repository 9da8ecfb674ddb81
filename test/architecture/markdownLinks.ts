/**
 * The links of a Markdown page, read with a plain scan: inline `[text](target)` and `![alt](target)`
 * outside fenced blocks and code spans. Shared by the docs link check (the repository's files) and the
 * VSIX check (the files the package ships).
 */

export interface MarkdownLink {
  /** The target as written, fragment included, an optional title dropped. */
  readonly target: string;
  readonly image: boolean;
  /** 1-based line of the link in the page. */
  readonly line: number;
}

/**
 * The page with fenced blocks and code spans blanked out (same length, line ends kept). A code span may
 * go on over a line end but not over a blank line, which ends its paragraph.
 */
export function proseOf(markdown: string): string {
  const blank = (code: string) => code.replace(/[^\n]/g, ' ');
  return markdown
    .replace(/^( {0,3})(```|~~~)[^\n]*\n[\s\S]*?^ {0,3}\2[^\n]*$/gm, blank)
    .replace(/(`+)(?:[^\n]|\n(?![ \t]*\n))*?\1/g, blank);
}

export function markdownLinks(markdown: string): MarkdownLink[] {
  const prose = proseOf(markdown);
  const pattern = /(!?)\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g;
  return [...prose.matchAll(pattern)].map((m) => ({
    target: m[2]!,
    image: m[1] === '!',
    line: prose.slice(0, m.index).split('\n').length,
  }));
}

/** Every link target of a page, links and images alike. */
export function linkTargets(markdown: string): string[] {
  return markdownLinks(markdown).map((l) => l.target);
}
