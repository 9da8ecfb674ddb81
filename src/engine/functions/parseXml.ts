/**
 * parse_xml(): XML text as dynamic, by the reference's mapping — `<e/>` is `{"e": null}`, text is a
 * string, an attribute `name` is the member `@name`, text beside attributes or child elements is
 * `#text`, repeated child elements (or texts) become an array in document order. Only elements,
 * attributes and text are kept (CDATA counts as text); the declaration, comments, processing
 * instructions and a DOCTYPE are skipped. Text is trimmed and whitespace-only text dropped, as the
 * reference's `<e> text <a>text</a> </e>` → `{"e": {"#text": "text", "a": "text"}}` shows. Text that is
 * not well-formed XML, or longer than 1 MB, gives null, as documented.
 */
import type { DynamicValue } from '../values';
import { type Bag, newBag, setOwn } from './bagPaths';
import { scalar, str } from './define';
import type { ScalarFunction } from './types';

const MAX_INPUT_BYTES = 1_048_576;
const NAME = /[A-Za-z_:\u00c0-\uffff][\w.:\-\u00b7\u00c0-\uffff]*/y;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class NotXml extends Error {}

/** Entity and character references replaced; an unknown entity makes the text not XML. */
function resolveReferences(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);|&/g, (_all, ref: string | undefined) => {
    if (!ref) throw new NotXml();
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (code > 0x10ffff) throw new NotXml();
      return String.fromCodePoint(code);
    }
    const named = PREDEFINED[ref];
    if (named === undefined) throw new NotXml();
    return named;
  });
}

/** The members in document order, a repeated name becoming one array of its values in order. */
function bagOf(entries: readonly (readonly [string, DynamicValue])[]): Bag {
  const grouped = new Map<string, DynamicValue[]>();
  for (const [key, value] of entries) {
    const values = grouped.get(key);
    if (values) values.push(value);
    else grouped.set(key, [value]);
  }
  const bag = newBag();
  for (const [key, values] of grouped) setOwn(bag, key, values.length === 1 ? values[0]! : values);
  return bag;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(): never {
    throw new NotXml();
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  skipPast(end: string): void {
    const at = this.text.indexOf(end, this.pos);
    if (at < 0) this.fail();
    this.pos = at + end.length;
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  name(): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.text);
    if (!m) this.fail();
    this.pos += m[0].length;
    return m[0];
  }

  /** Skips what is neither an element nor text: comments, processing instructions, a DOCTYPE. */
  skipMarkup(): boolean {
    if (this.startsWith('<!--')) this.skipPast('-->');
    else if (this.startsWith('<?')) this.skipPast('?>');
    else if (this.startsWith('<!DOCTYPE')) this.skipDoctype();
    else return false;
    return true;
  }

  skipDoctype(): void {
    let depth = 0;
    for (; this.pos < this.text.length; this.pos++) {
      const c = this.text[this.pos];
      if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === '>' && depth === 0) {
        this.pos++;
        return;
      }
    }
    this.fail();
  }

  document(): Bag {
    let root: Bag | undefined;
    while (this.pos < this.text.length) {
      this.skipSpace();
      if (this.pos >= this.text.length) break;
      if (this.skipMarkup()) continue;
      if (root || this.text[this.pos] !== '<') this.fail();
      const [name, value] = this.element();
      root = newBag();
      setOwn(root, name, value);
    }
    return root ?? this.fail();
  }

  element(): [string, DynamicValue] {
    this.pos++; // '<'
    const name = this.name();
    const entries: [string, DynamicValue][] = [];
    let elements = 0;
    for (;;) {
      this.skipSpace();
      if (this.startsWith('/>')) {
        this.pos += 2;
        return [name, entries.length === 0 ? null : bagOf(entries)];
      }
      if (this.startsWith('>')) {
        this.pos++;
        break;
      }
      const attribute = this.name();
      this.skipSpace();
      if (this.text[this.pos] !== '=') this.fail();
      this.pos++;
      this.skipSpace();
      const quote = this.text[this.pos];
      if (quote !== '"' && quote !== "'") this.fail();
      const end = this.text.indexOf(quote, this.pos + 1);
      if (end < 0) this.fail();
      if (entries.some(([key]) => key === `@${attribute}`)) this.fail();
      entries.push([`@${attribute}`, resolveReferences(this.text.slice(this.pos + 1, end))]);
      this.pos = end + 1;
    }
    const attributes = entries.length;
    for (;;) {
      if (this.pos >= this.text.length) this.fail();
      if (this.startsWith('</')) {
        this.pos += 2;
        if (this.name() !== name) this.fail();
        this.skipSpace();
        if (this.text[this.pos] !== '>') this.fail();
        this.pos++;
        break;
      }
      if (this.startsWith('<![CDATA[')) {
        const end = this.text.indexOf(']]>', this.pos);
        if (end < 0) this.fail();
        entries.push(['#text', this.text.slice(this.pos + 9, end)]);
        this.pos = end + 3;
      } else if (this.skipMarkup()) {
        // nothing kept
      } else if (this.text[this.pos] === '<') {
        entries.push(this.element());
        elements++;
      } else {
        const end = this.text.indexOf('<', this.pos);
        entries.push(['#text', resolveReferences(this.text.slice(this.pos, end < 0 ? undefined : end))]);
        this.pos = end < 0 ? this.text.length : end;
      }
    }
    const kept = entries.flatMap(([key, value]): [string, DynamicValue][] => {
      if (key !== '#text') return [[key, value]];
      const text = (value as string).trim();
      return text === '' ? [] : [[key, text]];
    });
    if (elements === 0 && attributes === 0) {
      // Text alone is the element's value: a string (or the texts split by skipped markup, an array).
      const texts = kept.map(([, value]) => value);
      return [name, texts.length === 0 ? null : texts.length === 1 ? texts[0]! : texts];
    }
    return [name, bagOf(kept)];
  }
}

export function parseXml(text: string): DynamicValue {
  if (Buffer.byteLength(text, 'utf8') > MAX_INPUT_BYTES) return null;
  try {
    return new Parser(text).document();
  } catch (e) {
    if (e instanceof NotXml) return null;
    throw e;
  }
}

export const xmlFunctions: ScalarFunction[] = [
  scalar('parse_xml', (types) => (args) => (args[0] === null ? null : parseXml(str(args[0]!, types[0])))),
];
