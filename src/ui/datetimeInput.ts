/**
 * A datetime typed into the custom time range's input boxes: ISO-8601, read as UTC when it carries no
 * zone (the picker's bounds are UTC, as the results header shows them), normalised to `…Z`.
 */

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export function checkDatetime(text: string): { iso?: string; problem?: string } {
  const t = text.trim();
  const m = ISO.exec(t);
  if (!m) return { problem: 'Not an ISO-8601 datetime such as 2026-12-04T03:00Z or 2026-12-04 03:00' };
  const withZone = m[1] ? t.replace(' ', 'T') : `${t.replace(' ', 'T')}${t.length === 10 ? 'T00:00' : ''}Z`;
  const ms = Date.parse(withZone);
  if (Number.isNaN(ms)) return { problem: `${t} is not a real date and time` };
  // Date.parse rolls 2026-02-30 over to March: a typo, not a date.
  const [y, mo, d] = t.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d)
    return { problem: `${t.slice(0, 10)} is not a day of the calendar` };
  return { iso: new Date(ms).toISOString().replace('.000Z', 'Z') };
}
