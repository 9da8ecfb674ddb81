/**
 * Punycode (RFC 3492) of a string and of a domain's labels. Node's url.domainToASCII applies IDNA's
 * mapping (lower case, no spaces), which the reference's examples do not: `Lê Lợi。Thuận Thiên。com`
 * gives `xn--L Li-gpa4517b.xn--Thun Thin-s4a7194f.com`, case and spaces kept and the ideographic full
 * stop read as a label separator. So the bootstring algorithm is here, on code points, as the RFC
 * gives it; a failure (overflow, a digit out of range, a non-ASCII code point in encoded text) gives
 * the empty string, as the reference says.
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
const MAX_CODE_POINT = 0x10ffff;

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

function digitChar(d: number): string {
  return String.fromCharCode(d < 26 ? 97 + d : 22 + d);
}

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 22;
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 97;
  return BASE;
}

function threshold(k: number, bias: number): number {
  return k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
}

/** RFC 3492 encoding of the text's code points; null when it overflows. */
export function punycodeEncode(text: string): string | null {
  const points = Array.from(text, (c) => c.codePointAt(0)!);
  const basic = points.filter((p) => p < 0x80);
  let out = String.fromCodePoint(...basic);
  let handled = basic.length;
  if (handled > 0) out += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < points.length) {
    const m = Math.min(...points.filter((p) => p >= n));
    delta += (m - n) * (handled + 1);
    if (delta > Number.MAX_SAFE_INTEGER) return null;
    n = m;
    for (const p of points) {
      if (p < n) delta++;
      if (p !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = threshold(k, bias);
        if (q < t) break;
        out += digitChar(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      out += digitChar(q);
      bias = adapt(delta, handled + 1, handled === basic.length);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return out;
}

/** RFC 3492 decoding; null when the text is not valid Punycode. */
export function punycodeDecode(text: string): string | null {
  const cut = text.lastIndexOf('-');
  const basic = cut < 0 ? '' : text.slice(0, cut);
  if (/[^\x00-\x7f]/.test(text)) return null;
  const points = Array.from(basic, (c) => c.codePointAt(0)!);
  let n = INITIAL_N;
  let i = 0;
  let bias = INITIAL_BIAS;
  for (let pos = cut < 0 ? 0 : cut + 1; pos < text.length; ) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= text.length) return null;
      const digit = digitValue(text.charCodeAt(pos++));
      if (digit >= BASE) return null;
      i += digit * w;
      const t = threshold(k, bias);
      if (digit < t) break;
      w *= BASE - t;
      if (i > Number.MAX_SAFE_INTEGER || w > Number.MAX_SAFE_INTEGER) return null;
    }
    bias = adapt(i - oldI, points.length + 1, oldI === 0);
    n += Math.floor(i / (points.length + 1));
    i %= points.length + 1;
    if (n > MAX_CODE_POINT) return null;
    points.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...points);
}

/** IDNA's label separators: full stop, ideographic, fullwidth and halfwidth ideographic full stops. */
const LABEL_SEPARATORS = /[.\u3002\uff0e\uff61]/;
const ACE_PREFIX = 'xn--';

function encodeDomain(domain: string): string | null {
  const labels: string[] = [];
  for (const label of domain.split(LABEL_SEPARATORS)) {
    if (!/[^\x00-\x7f]/.test(label)) {
      labels.push(label);
      continue;
    }
    const encoded = punycodeEncode(label);
    if (encoded === null) return null;
    labels.push(ACE_PREFIX + encoded);
  }
  return labels.join('.');
}

function decodeDomain(domain: string): string | null {
  const labels: string[] = [];
  for (const label of domain.split('.')) {
    if (label.slice(0, ACE_PREFIX.length).toLowerCase() !== ACE_PREFIX) {
      labels.push(label);
      continue;
    }
    const decoded = punycodeDecode(label.slice(ACE_PREFIX.length));
    if (decoded === null) return null;
    labels.push(decoded);
  }
  return labels.join('.');
}

function textFunction(name: string, convert: (text: string) => string | null): ScalarFunction {
  return scalar(name, (types) => (args) => (args[0] === null ? '' : (convert(str(args[0]!, types[0])) ?? '')));
}

export const punycodeFunctions: ScalarFunction[] = [
  textFunction('punycode_from_string', punycodeEncode),
  textFunction('punycode_to_string', punycodeDecode),
  textFunction('punycode_domain_to_string', encodeDomain),
  textFunction('punycode_domain_from_string', decodeDomain),
];
