/**
 * The chart tooltip's content, as text only. vega-tooltip's own formatter gives two field names a
 * meaning: a `title` becomes a heading and an `image` becomes `<img src=…>` built from the data value,
 * and it escapes only `&` and `<`. A query result's columns are named by whoever wrote the query or the
 * data, so a column called `image` would make the webview fetch a URL from the data. Here every field,
 * whatever its name, is one key/value row, and every character that means something in HTML is escaped.
 * The handler assigns the result to innerHTML, so escaping is what keeps it text.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON of nested values, cut at `maxDepth` levels and never looping. */
function nestedText(value: unknown, maxDepth: number): string {
  const stack: unknown[] = [];
  return (
    JSON.stringify(value, function (this: unknown, _key, v: unknown) {
      if (typeof v !== 'object' || v === null) {
        return v;
      }
      stack.length = stack.indexOf(this) + 1;
      if (stack.length > maxDepth) {
        return '[Object]';
      }
      if (stack.includes(v)) {
        return '[Circular]';
      }
      stack.push(v);
      return v;
    }) ?? String(value)
  );
}

function valueText(value: unknown, maxDepth: number): string {
  if (typeof value === 'string') {
    return value;
  }
  return typeof value === 'object' && value !== null ? nestedText(value, maxDepth) : String(value);
}

/**
 * vega-tooltip's `formatTooltip` option: (value, sanitize, maxDepth) → HTML. Objects become a table of
 * escaped key/value rows (in vega-tooltip's own classes, which results.css styles); anything else one
 * escaped line.
 */
export function tooltipHtml(value: unknown, _sanitize?: unknown, maxDepth = 2): string {
  if (Array.isArray(value)) {
    return escapeHtml(`[${value.map((v) => valueText(v, maxDepth)).join(', ')}]`);
  }
  if (typeof value === 'object' && value !== null) {
    const rows = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map(
        (k) =>
          `<tr><td class="key">${escapeHtml(k)}</td><td class="value">${escapeHtml(valueText((value as Record<string, unknown>)[k], maxDepth))}</td></tr>`,
      );
    return rows.length ? `<table>${rows.join('')}</table>` : '{}';
  }
  return escapeHtml(valueText(value, maxDepth));
}
