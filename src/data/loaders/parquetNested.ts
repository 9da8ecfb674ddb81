/**
 * Reals inside nested Parquet values (lists, maps, structs: one dynamic column). hyparquet hands a
 * DOUBLE or FLOAT leaf over as a JavaScript number, so a whole-number real (`1.0`) arrives as `1`, the
 * same number an INT32 leaf gives: in a dynamic value the engine would then read it as a long. The
 * file's schema says which leaves are reals, so each such column gets a reader that walks its values
 * the way hyparquet assembled them and marks the whole-number reals (realInDynamic), as the engine's
 * own dynamic literals do. Columns without a real leaf get no reader and cost nothing.
 */
import { type FileMetaData, parquetSchema, type SchemaTree } from 'hyparquet';
import { realInDynamic } from '../../engine/values';

export type NestedReader = (value: unknown) => unknown;

function isRealLeaf(node: SchemaTree): boolean {
  const e = node.element;
  if (e.logical_type?.type === 'FLOAT16') {
    return true;
  }
  return (e.type === 'DOUBLE' || e.type === 'FLOAT') && e.converted_type === undefined && e.logical_type === undefined;
}

/** Mirrors hyparquet's isListLike: a LIST group of one repeated group (or repeated leaf). */
function isList(node: SchemaTree): boolean {
  const first = node.children[0];
  return (
    node.element.converted_type === 'LIST' &&
    node.children.length === 1 &&
    first !== undefined &&
    first.children.length <= 1 &&
    first.element.repetition_type === 'REPEATED'
  );
}

/** Mirrors hyparquet's isMapLike: a MAP group of one repeated group holding `key` and `value`. */
function isMap(node: SchemaTree): boolean {
  const first = node.children[0];
  return (
    node.element.converted_type === 'MAP' &&
    node.children.length === 1 &&
    first !== undefined &&
    first.children.length === 2 &&
    first.element.repetition_type === 'REPEATED'
  );
}

const mapArray =
  (each: NestedReader): NestedReader =>
  (v) =>
    Array.isArray(v) ? v.map((x) => (x === null || x === undefined ? x : each(x))) : v;

/**
 * The reader of one schema node's assembled values, or undefined when nothing below it is a real.
 * `repeatHandled`: the caller already walks the node's repetition (a list's element).
 */
function readerOf(node: SchemaTree, repeatHandled = false): NestedReader | undefined {
  if (node.element.logical_type?.type === 'VARIANT') {
    return undefined;
  }
  let reader: NestedReader | undefined;
  if (isList(node)) {
    const repeated = node.children[0]!;
    const element = repeated.children.length === 1 ? repeated.children[0]! : repeated;
    const each = readerOf(element, true);
    reader = each && mapArray(each);
  } else if (isMap(node)) {
    const value = node.children[0]!.children.find((c) => c.element.name === 'value');
    const each = value && readerOf(value, true);
    reader =
      each &&
      ((v) => {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) {
          return v;
        }
        const bag = v as Record<string, unknown>;
        for (const k of Object.keys(bag)) {
          const x = bag[k];
          if (x !== null && x !== undefined) bag[k] = each(x);
        }
        return bag;
      });
  } else if (node.children.length > 0) {
    const fields = node.children
      .map((c) => [c.element.name, readerOf(c)] as const)
      .filter((f): f is readonly [string, NestedReader] => f[1] !== undefined);
    reader =
      fields.length === 0
        ? undefined
        : (v) => {
            if (v === null || typeof v !== 'object' || Array.isArray(v)) {
              return v;
            }
            const bag = v as Record<string, unknown>;
            for (const [name, read] of fields) {
              const x = bag[name];
              if (x !== null && x !== undefined) bag[name] = read(x);
            }
            return bag;
          };
  } else if (isRealLeaf(node)) {
    reader = (v) => (typeof v === 'number' ? realInDynamic(v) : v);
  }
  // A repeated field outside a LIST group (the legacy two-level form) comes as an array of its values.
  if (reader && !repeatHandled && node.element.repetition_type === 'REPEATED') {
    return mapArray(reader);
  }
  return reader;
}

/** Per top-level nested column holding a real somewhere, the reader that keeps its whole-number reals reals. */
export function nestedRealReaders(metadata: FileMetaData): Map<string, NestedReader> {
  const out = new Map<string, NestedReader>();
  for (const child of parquetSchema(metadata).children) {
    if (child.children.length === 0) {
      continue;
    }
    const reader = readerOf(child);
    if (reader) {
      out.set(child.element.name, reader);
    }
  }
  return out;
}
