/**
 * punycode_from_string(s) and punycode_to_string(s): RFC 3492's Bootstring with the Punycode
 * parameters, over a string's Unicode code points, with no "xn--" prefix (the reference: the caller
 * adds it to a domain's label). punycode_domain_to_string(d) and punycode_domain_from_string(d) code
 * a domain label by label, as IDNA's ToASCII/ToUnicode do: a label with non-ASCII characters becomes
 * "xn--" and its Punycode, and back; labels are split at IDNA's four dots (. 。 ． ｡) and joined
 * with "."; like the reference's examples, no case folding or normalization (spaces and capitals stay). As RFC 3492 specifies, basic (ASCII) code points come first, then a
 * '-' when there were any, then the deltas; so 'abc' encodes as 'abc-'. What does not encode or decode
 * (an integer overflow, a non-ASCII or badly formed input to decode) gives "", as the reference says.
 */
import { scalar, str } from './define';
import type { ScalarFunction } from './types';

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
/** RFC 3492 overflow bound: deltas are 32-bit unsigned in the reference implementation. */
const MAX_INT = 0x7fffffff;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function threshold(k: number, bias: number): number {
  return k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
}

/** 0–25 → 'a'–'z', 26–35 → '0'–'9'. */
function digitChar(d: number): string {
  return String.fromCharCode(d < 26 ? 97 + d : 22 + d);
}

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) {
    return c - 22;
  }
  if (c >= 65 && c <= 90) {
    return c - 65;
  }
  if (c >= 97 && c <= 122) {
    return c - 97;
  }
  return BASE;
}

export function punycodeEncode(input: string): string | undefined {
  const points = Array.from(input, (c) => c.codePointAt(0)!);
  let out = points
    .filter((p) => p < 0x80)
    .map((p) => String.fromCharCode(p))
    .join('');
  const basic = out.length;
  if (basic > 0) {
    out += '-';
  }
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  for (let handled = basic; handled < points.length; ) {
    let m = Number.MAX_SAFE_INTEGER;
    for (const p of points) {
      if (p >= n && p < m) {
        m = p;
      }
    }
    if (m - n > Math.floor((MAX_INT - delta) / (handled + 1))) {
      return undefined;
    }
    delta += (m - n) * (handled + 1);
    n = m;
    for (const p of points) {
      if (p < n && ++delta > MAX_INT) {
        return undefined;
      }
      if (p === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = threshold(k, bias);
          if (q < t) {
            break;
          }
          out += digitChar(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        out += digitChar(q);
        bias = adapt(delta, handled + 1, handled === basic);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return out;
}

export function punycodeDecode(input: string): string | undefined {
  if (!/^[\x00-\x7f]*$/.test(input)) {
    return undefined;
  }
  const delimiter = input.lastIndexOf('-');
  const output = Array.from(delimiter < 0 ? '' : input.slice(0, delimiter), (c) => c.codePointAt(0)!);
  let n = INITIAL_N;
  let i = 0;
  let bias = INITIAL_BIAS;
  for (let at = delimiter < 0 ? 0 : delimiter + 1; at < input.length; ) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (at >= input.length) {
        return undefined;
      }
      const digit = digitValue(input.charCodeAt(at++));
      if (digit >= BASE || digit > Math.floor((MAX_INT - i) / w)) {
        return undefined;
      }
      i += digit * w;
      const t = threshold(k, bias);
      if (digit < t) {
        break;
      }
      if (w > Math.floor(MAX_INT / (BASE - t))) {
        return undefined;
      }
      w *= BASE - t;
    }
    const length = output.length + 1;
    bias = adapt(i - oldI, length, oldI === 0);
    if (Math.floor(i / length) > MAX_INT - n) {
      return undefined;
    }
    n += Math.floor(i / length);
    i %= length;
    // n only grows from 128, so it is never basic; past Unicode or a surrogate, it is no character.
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) {
      return undefined;
    }
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

/** IDNA's label separators (RFC 3490 3.1): full stop, ideographic, fullwidth and halfwidth ideographic full stops. */
const LABEL_DOTS = /[.\u3002\uff0e\uff61]/;
const ACE_PREFIX = 'xn--';

export function punycodeDomainEncode(domain: string): string | undefined {
  const labels: string[] = [];
  for (const label of domain.split(LABEL_DOTS)) {
    if (/^[\x00-\x7f]*$/.test(label)) {
      labels.push(label);
      continue;
    }
    const encoded = punycodeEncode(label);
    if (encoded === undefined) {
      return undefined;
    }
    labels.push(ACE_PREFIX + encoded);
  }
  return labels.join('.');
}

export function punycodeDomainDecode(domain: string): string | undefined {
  const labels: string[] = [];
  for (const label of domain.split(LABEL_DOTS)) {
    if (label.slice(0, ACE_PREFIX.length).toLowerCase() !== ACE_PREFIX) {
      labels.push(label);
      continue;
    }
    const decoded = punycodeDecode(label.slice(ACE_PREFIX.length));
    if (decoded === undefined) {
      return undefined;
    }
    labels.push(decoded);
  }
  return labels.join('.');
}

/** A function of one string that gives "" where its coding fails. */
function coding(name: string, code: (s: string) => string | undefined): ScalarFunction {
  return scalar(name, (types) => (args) => code(str(args[0] ?? null, types[0]!)) ?? '');
}

export const punycodeFunctions: readonly ScalarFunction[] = [
  coding('punycode_from_string', punycodeEncode),
  coding('punycode_to_string', punycodeDecode),
  coding('punycode_domain_to_string', punycodeDomainEncode),
  coding('punycode_domain_from_string', punycodeDomainDecode),
];
