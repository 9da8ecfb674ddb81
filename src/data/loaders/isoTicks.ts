/**
 * The common datetime form of exports (`2026-11-23T12:00:00.1234567Z`) read from bytes into ticks,
 * without making a string: most of a CSV load's datetimes take this path.
 */
import { DATETIME_BASE_MS } from '../../engine/values';

const TICKS_PER_DAY = 864_000_000_000;
/** Days from 1970 to the engine's datetime base, taken off before the multiply so ticks stay exact. */
const BASE_DAYS = DATETIME_BASE_MS / 86_400_000;

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(buf: Buffer, at: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = buf[at + k]! - 48;
    if (d < 0 || d > 9) {
      return -1;
    }
    v = v * 10 + d;
  }
  return v;
}

/** `yyyy-MM-ddTHH:mm:ss[.fffffff][Z]` in ticks, or NaN for any other form (parsed the slow way). */
export function isoTicks(buf: Buffer, start: number, end: number): number {
  const len = end - start;
  if (
    len < 19 ||
    buf[start + 4] !== 45 ||
    buf[start + 7] !== 45 ||
    (buf[start + 10] !== 84 && buf[start + 10] !== 32) ||
    buf[start + 13] !== 58 ||
    buf[start + 16] !== 58
  ) {
    return NaN;
  }
  const y = digits(buf, start, 4),
    mo = digits(buf, start + 5, 2),
    d = digits(buf, start + 8, 2);
  const h = digits(buf, start + 11, 2),
    mi = digits(buf, start + 14, 2),
    s = digits(buf, start + 17, 2);
  if (
    y < 0 ||
    mo < 1 ||
    mo > 12 ||
    d < 1 ||
    d > DAYS_IN_MONTH[mo - 1]! ||
    h < 0 ||
    h > 23 ||
    mi < 0 ||
    mi > 59 ||
    s < 0 ||
    s > 59
  ) {
    return NaN;
  }
  if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) {
    return NaN;
  }
  let i = start + 19;
  let fraction = 0;
  if (i < end && buf[i] === 46) {
    i++;
    let scale = 1_000_000;
    const from = i;
    while (i < end && buf[i]! >= 48 && buf[i]! <= 57) {
      if (scale >= 1) {
        fraction += (buf[i]! - 48) * scale;
        scale /= 10;
      }
      i++;
    }
    if (i === from) {
      return NaN;
    }
  }
  if (i < end && buf[i] === 90) {
    i++;
  }
  if (i !== end) {
    return NaN;
  }
  return (
    (daysFromCivil(y, mo, d) - BASE_DAYS) * TICKS_PER_DAY + ((h * 60 + mi) * 60 + s) * 10_000_000 + Math.floor(fraction)
  );
}
