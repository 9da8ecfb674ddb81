/**
 * IP addresses compared as addresses, not as text: one IPv6 address has many spellings (`fd00:0::2`,
 * `FD00::0002`, `fd00:0:0:0:0:0:0:2`), which VMConnection and VMComputer need not share. RFC 5952's
 * canonical text is the one compared and shown; an IPv4-mapped address (`::ffff:127.0.0.1`) is its
 * IPv4 address when machines are matched. Text that is no address is left as it is. Pure.
 */

/** The 16-bit groups of an IPv6 address (a trailing dotted IPv4 part as two), or undefined. */
function ipv6Groups(text: string): number[] | undefined {
  let s = text;
  const dotted = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  let tail: number[] = [];
  if (dotted) {
    const bytes = dotted.slice(2).map(Number);
    if (bytes.some((b) => b > 255)) {
      return undefined;
    }
    tail = [(bytes[0]! << 8) | bytes[1]!, (bytes[2]! << 8) | bytes[3]!];
    s = `${dotted[1]}0`; // a placeholder group where the IPv4 part was, dropped below
  }
  const halves = s.split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const parse = (part: string): number[] | undefined => {
    if (part === '') {
      return [];
    }
    const groups = part.split(':');
    return groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g)) ? groups.map((g) => Number.parseInt(g, 16)) : undefined;
  };
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !rest) {
    return undefined;
  }
  if (dotted) {
    (rest.length > 0 ? rest : head).pop();
  }
  const known = head.length + rest.length + tail.length;
  if (halves.length === 2 ? known > 7 : known !== 8) {
    return undefined;
  }
  return [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail];
}

/** RFC 5952 text of an IPv6 address given as groups: lower case, no leading zeros, the longest run of zero groups (two or more, the first of equals) as `::`. */
function ipv6Text(groups: readonly number[]): string {
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) {
      j++;
    }
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j;
  }
  // RFC 5952 section 5: an IPv4-mapped address keeps its IPv4 part dotted.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) {
    return hex.join(':');
  }
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}

/**
 * An address's canonical text: IPv6 as RFC 5952 writes it (a zone, `%eth0`, kept as given), IPv4 as
 * given. Anything else is returned trimmed and otherwise unchanged.
 */
export function canonicalIp(ip: string): string {
  const text = ip.trim();
  if (!text.includes(':')) {
    return text;
  }
  const [address, zone] = text.split('%', 2) as [string, string | undefined];
  const groups = ipv6Groups(address);
  return groups ? ipv6Text(groups) + (zone !== undefined ? `%${zone}` : '') : text;
}

/** What two addresses of one machine are compared by: canonical text, an IPv4-mapped address as its IPv4. */
export function ipKey(ip: string): string {
  const c = canonicalIp(ip);
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/.test(c) ? c.slice(7) : c;
}

/** Whether the text is an address (IPv4, or IPv6 with or without a zone), not other text. */
export function isIpAddress(ip: string): boolean {
  const text = ip.trim();
  if (!text.includes(':')) {
    const bytes = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
    return !!bytes && bytes.slice(1).every((b) => Number(b) <= 255);
  }
  return ipv6Groups(text.split('%', 1)[0]!) !== undefined;
}

/** The first 16-bit group of an IPv6 address's key, or undefined for IPv4 and text. */
function firstGroup(key: string): number | undefined {
  if (!key.includes(':')) {
    return undefined;
  }
  const groups = ipv6Groups(key.split('%')[0]!);
  return groups?.[0];
}

export function isLoopbackIp(ip: string): boolean {
  const key = ipKey(ip);
  return key.startsWith('127.') || key === '::1';
}

/** fe80::/10 and 169.254.0.0/16: addresses that never leave their link, so never the internet. */
export function isLinkLocalIp(ip: string): boolean {
  const key = ipKey(ip);
  const first = firstGroup(key);
  return first !== undefined ? (first & 0xffc0) === 0xfe80 : key.startsWith('169.254.');
}

/** RFC 1918 and unique-local (fc00::/7) addresses. */
export function isPrivateIp(ip: string): boolean {
  const key = ipKey(ip);
  const first = firstGroup(key);
  if (first !== undefined) {
    return (first & 0xfe00) === 0xfc00;
  }
  return /^10\./.test(key) || /^192\.168\./.test(key) || /^172\.(1[6-9]|2\d|3[01])\./.test(key);
}
