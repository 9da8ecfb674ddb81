/**
 * parse_user_agent(user_agent, look_for): the bag the reference prints — "Browser" (Family,
 * MajorVersion, MinorVersion, Patch), "OperatingSystem" (the same and PatchMinor), "Device" (Family,
 * Brand, Model) — for the parts `look_for` names ("browser", "os", "device": one string, or a dynamic
 * array of them), always in that order, as Kusto.Language types the result. A value uap-core leaves
 * undefined prints as "" (the reference's Patch of Nokia OSS Browser 3.1); an unknown part's family is
 * "Other", as ua-parser says. Classification: userAgentParser.ts.
 *
 * User agents repeat from row to row, so each part's answer is kept per text (texts up to 1,024
 * characters, the 4,096 last met of each part, at most some 12 MB for the three), as a parse is a walk
 * over hundreds of patterns (about a millisecond; `npm run bench -- userAgent`).
 */

import { recordOf } from '../../results/jsonData';
import type { DynamicValue, KqlType, Value } from '../values';
import { scalar, str } from './define';
import { EvaluationError, type ScalarFunction } from './types';
import { parseBrowser, parseDevice, parseOs } from './userAgentParser';

type Part = 'browser' | 'os' | 'device';
const PARTS: readonly Part[] = ['browser', 'os', 'device'];

const CACHED_TEXT_MAX = 1024;
const CACHED_TEXTS = 4096;

type Bag = { [key: string]: DynamicValue };

/** A part's bag for one text, remembering recent texts. */
function cachedPart(parse: (text: string) => Bag): (text: string) => Bag {
  const cache = new Map<string, Bag>();
  return (text) => {
    const known = cache.get(text);
    if (known) {
      return known;
    }
    const bag = parse(text);
    if (text.length <= CACHED_TEXT_MAX) {
      if (cache.size >= CACHED_TEXTS) {
        cache.delete(cache.keys().next().value!);
      }
      cache.set(text, bag);
    }
    return bag;
  };
}

const text = (v: string | null): string => v ?? '';

const PART_BAGS: Readonly<Record<Part, { key: string; bag: (ua: string) => Bag }>> = {
  browser: {
    key: 'Browser',
    bag: cachedPart((ua) => {
      const b = parseBrowser(ua);
      return { Family: b.family, MajorVersion: text(b.major), MinorVersion: text(b.minor), Patch: text(b.patch) };
    }),
  },
  os: {
    key: 'OperatingSystem',
    bag: cachedPart((ua) => {
      const o = parseOs(ua);
      return {
        Family: o.family,
        MajorVersion: text(o.major),
        MinorVersion: text(o.minor),
        Patch: text(o.patch),
        PatchMinor: text(o.patchMinor),
      };
    }),
  },
  device: {
    key: 'Device',
    bag: cachedPart((ua) => {
      const d = parseDevice(ua);
      return { Family: d.family, Brand: text(d.brand), Model: text(d.model) };
    }),
  },
};

/** The parts `look_for` names, in the result's order; a clear error for anything else. */
export function lookForParts(lookFor: Value, type: KqlType | undefined): readonly Part[] {
  const names: Value[] = Array.isArray(lookFor) ? lookFor : [lookFor];
  const wanted = new Set<Part>();
  for (const name of names) {
    const part = typeof name === 'string' ? PARTS.find((p) => p === name.toLowerCase()) : undefined;
    if (part === undefined) {
      const shown = typeof name === 'string' ? `'${name}'` : name === null ? 'null' : str(name, type);
      throw new EvaluationError(
        `parse_user_agent(): look_for ${shown} is not "browser", "os" or "device" (one of them as a string, or several in a dynamic array).`,
      );
    }
    wanted.add(part);
  }
  if (wanted.size === 0) {
    throw new EvaluationError(
      'parse_user_agent(): look_for is an empty array; name at least one of "browser", "os", "device".',
    );
  }
  return PARTS.filter((p) => wanted.has(p));
}

function userAgentBag(ua: string, parts: readonly Part[]): Bag {
  const bag: Bag = {};
  for (const p of parts) {
    const { key, bag: partBag } = PART_BAGS[p];
    // A fresh copy per row: a bag in a result must not be shared with the cache.
    bag[key] = recordOf<DynamicValue>({ ...partBag(ua) });
  }
  return recordOf<DynamicValue>(bag);
}

export const userAgentFunctions: ScalarFunction[] = [
  scalar('parse_user_agent', (types, _result, _ctx, constArgs) => {
    const constant = constArgs[1];
    const fixed = constant === undefined ? undefined : lookForParts(constant, types[1]);
    return (args) => {
      const ua = args[0] === null || args[0] === undefined ? '' : str(args[0], types[0]);
      return userAgentBag(ua, fixed ?? lookForParts(args[1] ?? null, types[1]));
    };
  }),
];
