/**
 * parse_url (parseurl) and parse_urlquery (parseurlquery): a URL split by the generic syntax of
 * RFC 3986, `scheme://[user[:password]@]host[:port][/path][?query][#fragment]`, into the bag the
 * reference shows. Following its example, "Path" is given without the leading "/" and
 * "Query Parameters" is a bag (the parse_urlquery example indexes into it); parts a URL lacks are "".
 */
import type { DynamicValue } from '../values';
import { str, scalar } from './define';
import type { ScalarFunction } from './types';
import { newRecord, recordOf } from '../../results/jsonData';

type Bag = { [key: string]: DynamicValue };

const URL_SYNTAX = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;

/** %XX escapes and '+' decoded, as form-encoded query strings are; text that does not decode is kept. */
function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** key=value pairs separated by '&'; a later value of a repeated key replaces the earlier one. */
function queryParameters(query: string): Bag {
  const out = newRecord<DynamicValue>();
  for (const pair of query.split('&')) {
    if (pair === '') {
      continue;
    }
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    Object.defineProperty(out, key, {
      value: eq < 0 ? '' : decode(pair.slice(eq + 1)),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function parseUrl(url: string): Bag | null {
  const m = URL_SYNTAX.exec(url);
  if (!m) {
    return null;
  }
  const [, scheme, authority, path, query, fragment] = m as unknown as [
    string,
    string,
    string,
    string,
    string | undefined,
    string | undefined,
  ];
  const at = authority.lastIndexOf('@');
  const userInfo = at < 0 ? '' : authority.slice(0, at);
  const hostPort = at < 0 ? authority : authority.slice(at + 1);
  // A bracketed IPv6 host keeps its colons; the port is what follows the last ':' after it.
  const portMatch = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  const colon = userInfo.indexOf(':');
  return recordOf<DynamicValue>({
    Scheme: scheme,
    Host: portMatch ? portMatch[1]! : hostPort,
    Port: portMatch?.[2] ?? '',
    Path: path.replace(/^\//, ''),
    Username: colon < 0 ? userInfo : userInfo.slice(0, colon),
    Password: colon < 0 ? '' : userInfo.slice(colon + 1),
    'Query Parameters': queryParameters(query ?? ''),
    Fragment: fragment ?? '',
  });
}

export const urlFunctions: ScalarFunction[] = [
  // A string that is not an absolute URL has no parts: the result is null.
  scalar(
    'parse_url',
    ([t]) =>
      (args) =>
        parseUrl(str(args[0] ?? '', t)),
    ['parseurl'],
  ),
  // The query part of a URL; a leading '?' is allowed.
  scalar(
    'parse_urlquery',
    ([t]) =>
      (args) =>
        recordOf<DynamicValue>({ 'Query Parameters': queryParameters(str(args[0] ?? '', t).replace(/^\?/, '')) }),
    ['parseurlquery'],
  ),
];
