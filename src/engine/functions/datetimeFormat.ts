/**
 * format_datetime() and format_timespan(): the format is split once per call site (it is a constant in
 * practice) into specifiers and literal separators, then applied per row.
 */
import type { Ticks } from '../ticks';
import { dateParts, pad, type DateParts } from './datetimeText';
import { timespanParts } from './timespanText';
import { EvaluationError } from './types';

type Piece = { literal: string } | { spec: string };

// Kusto's separators; anything else that is not a specifier letter is kept as is too.
const SPEC_CHARS = new Set(['d', 'f', 'F', 'h', 'H', 'm', 'M', 's', 'y', 't']);

function tokenize(format: string): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    if (c === '\\' && i + 1 < format.length) {
      pieces.push({ literal: format[i + 1]! });
      i += 2;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = format.indexOf(c, i + 1);
      const stop = end < 0 ? format.length : end;
      pieces.push({ literal: format.slice(i + 1, stop) });
      i = stop + 1;
      continue;
    }
    let j = i + 1;
    if (SPEC_CHARS.has(c)) {
      while (j < format.length && format[j] === c) {
        j++;
      }
      pieces.push({ spec: format.slice(i, j) });
    } else {
      pieces.push({ literal: c });
    }
    i = j;
  }
  return pieces;
}

/** f…: that many leading digits of the 7-digit fraction; F…: the same without trailing zeros. */
function fraction(ticks: number, spec: string): string {
  const digits = pad(ticks, 7).slice(0, spec.length);
  return spec[0] === 'F' ? digits.replace(/0+$/, '') : digits;
}

function datePiece(p: DateParts, spec: string): string {
  const n = spec.length;
  switch (spec[0]) {
    case 'd':
      return n === 1 ? String(p.day) : pad(p.day, 2);
    case 'f':
    case 'F':
      return fraction(p.fraction, spec);
    case 'h': {
      const h = p.hour % 12 === 0 ? 12 : p.hour % 12;
      return n === 1 ? String(h) : pad(h, 2);
    }
    case 'H':
      return n === 1 ? String(p.hour) : pad(p.hour, 2);
    case 'm':
      return n === 1 ? String(p.minute) : pad(p.minute, 2);
    case 'M':
      return n === 1 ? String(p.month) : pad(p.month, 2);
    case 's':
      return n === 1 ? String(p.second) : pad(p.second, 2);
    case 'y':
      return n === 1 ? String(p.year % 100) : n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
    case 't':
      return n === 1 ? (p.hour < 12 ? 'A' : 'P') : p.hour < 12 ? 'AM' : 'PM';
    default:
      return spec;
  }
}

export function compileDatetimeFormat(format: string): (ticks: Ticks) => string {
  const pieces = tokenize(format);
  for (const p of pieces) {
    if ('spec' in p && (p.spec[0] === 'f' || p.spec[0] === 'F') && p.spec.length > 7) {
      throw new EvaluationError(`format_datetime(): invalid format '${format}'`);
    }
  }
  return (ticks) => {
    const parts = dateParts(ticks);
    let out = '';
    for (const p of pieces) {
      out += 'literal' in p ? p.literal : datePiece(parts, p.spec);
    }
    return out;
  };
}

export function compileTimespanFormat(format: string): (ticks: Ticks) => string {
  const pieces = tokenize(format);
  return (ticks) => {
    const { negative, days, hours, minutes, seconds, fraction: frac } = timespanParts(ticks);
    let out = negative ? '-' : '';
    for (const p of pieces) {
      if ('literal' in p) {
        out += p.literal;
        continue;
      }
      const n = p.spec.length;
      switch (p.spec[0]) {
        case 'd':
          out += pad(days, n);
          break;
        case 'h':
        case 'H':
          out += n === 1 ? String(hours) : pad(hours, 2);
          break;
        case 'm':
          out += n === 1 ? String(minutes) : pad(minutes, 2);
          break;
        case 's':
          out += n === 1 ? String(seconds) : pad(seconds, 2);
          break;
        case 'f':
        case 'F':
          out += fraction(frac, p.spec);
          break;
        default:
          out += p.spec;
      }
    }
    return out;
  };
}
