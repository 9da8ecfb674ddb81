/**
 * How the Machines view writes an address. One address has one name on screen, the map's
 * (src/render/ipAddress.ts's ipKey: RFC 5952, an IPv4-mapped address as its IPv4 address), however the
 * export spelt it; text that is no address is shown as it is, cut short, since an export's address
 * column can hold anything and a row of 500 characters hides the rest of the tree's row. Pure.
 */
import { canonicalIp, ipKey, isIpAddress } from '../../render/ipAddress';

/** An address as labels and descriptions show it: its key, cut at `max` characters. */
export function shownAddress(ip: string, max = 40): string {
  const key = ipKey(ip);
  return key ? cut(key, max) : '(no address)';
}

/** An address as a tooltip lists it: RFC 5952 (the column's own form, mapped or not), cut longer and its length said. */
export function listedAddress(ip: string): string {
  return listed(canonicalIp(ip));
}

/** The address a machine's row shows: the first that is one, else its first text. */
export function firstAddress(ips: readonly string[]): string | undefined {
  return ips.find(isIpAddress) ?? ips[0];
}

/**
 * "Exported as FD00:0:0:0::2, fd00::2" when the export spelt the address otherwise than it is shown (the
 * text to search the data for), else nothing.
 */
export function exportedAs(shown: string, spellings: readonly string[]): string {
  const other = spellings.some((s) => s !== shown);
  return other && spellings.length
    ? `Exported as ${[...spellings]
        .sort()
        .map((s) => listed(s))
        .join(', ')}`
    : '';
}

function listed(text: string, max = 80): string {
  return text.length > max ? `${cut(text, max)} (${text.length} characters)` : text;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
