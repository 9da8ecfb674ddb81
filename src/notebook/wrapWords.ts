/**
 * VS Code shows a text/plain cell output on unwrapped lines (its `notebook.output.wordWrap` is off by
 * default), so a note of one long sentence runs off the cell's right edge. The notes this extension
 * writes are broken at spaces instead; a word longer than the width keeps its own line whole.
 */
export function wrapWords(text: string, width = 100): string {
  return text
    .split('\n')
    .map((line) => {
      const lines: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current && current.length + 1 + word.length > width) {
          lines.push(current);
          current = word;
        } else {
          current = current ? `${current} ${word}` : word;
        }
      }
      lines.push(current);
      return lines.join('\n');
    })
    .join('\n');
}
