/**
 * parse_xml(xml): an XML document as dynamic, by the reference's conversion table (the JSON.NET
 * convention): the root element is the one member of the result; an element with neither attributes
 * nor children is null when empty and its text otherwise; any other element is a bag of its
 * attributes ("@name"), its child elements by name (repeated names gather into an array, in document
 * order) and its text ("#text"), members in document order, text trimmed (the table's
 `<e> text <a>text</a> </e>` gives { "e": { "#text": "text", "a": "text" } }). Text stays text: the reference's table converts `<e>text</e>` to
 * "text", so `<value>118.0</value>` gives the string "118.0" (its example's JSON, which shows numbers,
 * is the parse_json page's example copied). The XML declaration, comments, processing instructions
 * and a DOCTYPE are left out; CDATA is text; whitespace-only text is dropped; the
 * five predefined entities and character references are decoded. What is not well-formed XML (a
 * mismatched or unclosed tag, a second root, an undefined entity) gives null, as the reference says.
 * The parser keeps its own stack, so deep nesting cannot overflow the call stack.
 */
import { newRecord } from '../../results/jsonData';
import type { DynamicValue } from '../values';
import { scalar, str } from './define';
import type { ScalarFunction } from './types';

type Bag = { [key: string]: DynamicValue };

interface Element {
  readonly name: string;
  readonly attributes: [string, string][];
  /** Child elements and text runs ('#text', trimmed as the reference's table prints them), in order. */
  readonly children: [string, DynamicValue][];
}

class NotXml extends Error {}

const NAME = /[A-Za-z_:\u00c0-\uffff][-\w.:\u00b7\u00c0-\uffff]*/y;
const ATTRIBUTE = /\s+([A-Za-z_:\u00c0-\uffff][-\w.:\u00b7\u00c0-\uffff]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));|&/g;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (all, hex?: string, dec?: string, named?: string) => {
    if (named) {
      return NAMED[named]!;
    }
    const code = hex ? Number.parseInt(hex, 16) : dec ? Number.parseInt(dec, 10) : Number.NaN;
    if (!(code >= 1 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff) || all === '&') {
      throw new NotXml();
    }
    return String.fromCodePoint(code);
  });
}

const TEXT = '#text';

/** An element's value by the conversion table. */
function elementValue(e: Element): DynamicValue {
  const members = e.children.filter(([name, v]) => name !== TEXT || (v as string) !== '');
  if (e.attributes.length === 0 && members.every(([name]) => name === TEXT)) {
    return members.length === 0 ? null : members.map(([, v]) => v as string).join('');
  }
  const bag: Bag = newRecord<DynamicValue>();
  for (const [name, value] of e.attributes) {
    bag[`@${name}`] = value;
  }
  // Child elements and text by name, in order of first appearance; a repeated name holds all its values.
  const byName = new Map<string, DynamicValue[]>();
  for (const [name, value] of members) {
    const values = byName.get(name);
    if (values) {
      values.push(value);
    } else {
      byName.set(name, [value]);
    }
  }
  for (const [name, values] of byName) {
    bag[name] = values.length === 1 ? values[0]! : values;
  }
  return bag;
}

function skipPast(xml: string, at: number, end: string): number {
  const i = xml.indexOf(end, at);
  if (i < 0) {
    throw new NotXml();
  }
  return i + end.length;
}

export function parseXml(xml: string): DynamicValue {
  const stack: Element[] = [];
  let root: [string, DynamicValue] | undefined;
  let at = 0;
  try {
    while (at < xml.length) {
      const lt = xml.indexOf('<', at);
      const text = xml.slice(at, lt < 0 ? xml.length : lt);
      if (text !== '') {
        if (stack.length === 0) {
          if (text.trim() !== '') {
            throw new NotXml();
          }
        } else {
          stack[stack.length - 1]!.children.push([TEXT, decodeEntities(text).trim()]);
        }
      }
      if (lt < 0) {
        break;
      }
      if (xml.startsWith('<!--', lt)) {
        at = skipPast(xml, lt + 4, '-->');
      } else if (xml.startsWith('<?', lt)) {
        at = skipPast(xml, lt + 2, '?>');
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = skipPast(xml, lt + 9, ']]>');
        if (stack.length === 0) {
          throw new NotXml();
        }
        stack[stack.length - 1]!.children.push([TEXT, xml.slice(lt + 9, end - 3)]);
        at = end;
      } else if (xml.startsWith('<!DOCTYPE', lt) && stack.length === 0 && !root) {
        // An internal subset ([…]) may hold '>' inside it.
        const bracket = xml.indexOf('[', lt);
        const close = xml.indexOf('>', lt);
        at = bracket >= 0 && bracket < close ? skipPast(xml, skipPast(xml, bracket, ']'), '>') : skipPast(xml, lt, '>');
      } else if (xml[lt + 1] === '/') {
        NAME.lastIndex = lt + 2;
        const name = NAME.exec(xml)?.[0];
        const open = stack.pop();
        if (!name || !open || open.name !== name) {
          throw new NotXml();
        }
        at = skipPast(xml, lt + 2 + name.length, '>');
        if (xml.slice(lt + 2 + name.length, at - 1).trim() !== '') {
          throw new NotXml();
        }
        close(open);
      } else {
        NAME.lastIndex = lt + 1;
        const name = NAME.exec(xml)?.[0];
        if (!name || (stack.length === 0 && root)) {
          throw new NotXml();
        }
        const element: Element = { name, attributes: [], children: [] };
        let i = lt + 1 + name.length;
        for (;;) {
          ATTRIBUTE.lastIndex = i;
          const a = ATTRIBUTE.exec(xml);
          if (!a) {
            break;
          }
          element.attributes.push([a[1]!, decodeEntities(a[2] ?? a[3] ?? '')]);
          i = ATTRIBUTE.lastIndex;
        }
        while (/\s/.test(xml[i] ?? '')) {
          i++;
        }
        if (xml.startsWith('/>', i)) {
          at = i + 2;
          stack.push(element);
          close(stack.pop()!);
        } else if (xml[i] === '>') {
          at = i + 1;
          stack.push(element);
        } else {
          throw new NotXml();
        }
      }
    }
  } catch (e) {
    if (e instanceof NotXml) {
      return null;
    }
    throw e;
  }
  if (stack.length > 0 || !root) {
    return null;
  }
  const result: Bag = newRecord<DynamicValue>();
  result[root[0]] = root[1];
  return result;

  function close(e: Element): void {
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.children.push([e.name, elementValue(e)]);
    } else {
      root = [e.name, elementValue(e)];
    }
  }
}

export const parseXmlFunctions: readonly ScalarFunction[] = [
  scalar('parse_xml', (types) => (args) => (args[0] === null ? null : parseXml(str(args[0]!, types[0]!)))),
];
