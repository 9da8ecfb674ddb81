/**
 * A result as the results webview receives it: its tables as columns, every typed array a view into
 * ONE ArrayBuffer.
 *
 * Why one: VS Code's extension host sends `webview.postMessage` as one RPC call whose arguments are
 * the handle, the JSON and each distinct ArrayBuffer of the message, and its RPC writes the argument
 * count in one byte (`writeMixedArray` in rpcProtocol, as of VS Code 1.100). Columns cost two or three
 * buffers each, so a result of more than about 84 text columns wrapped that count: the webview got the
 * first `(2 + buffers) mod 256` arguments, and views over the missing buffers came out empty ("table 0
 * column 29 has a code past its dictionary" for 200 columns). VS Code sends a view's offset and
 * length with it, so views sharing one buffer arrive intact, whatever the number of columns or tables.
 */
import type { QueryResult } from '../results/queryResult';
import { type ColumnarTable, type ColumnData, toColumnar } from './columnar';
import type { ResultPayload } from './messages';

type PackedArray = Float64Array | BigInt64Array | Uint8Array | Uint32Array;
type Place = <T extends PackedArray>(a: T) => T;

/** Float64Array and BigInt64Array views need 8-byte aligned offsets; every array starts on one. */
function aligned(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

function withArrays(d: ColumnData, place: Place): ColumnData {
  switch (d.kind) {
    case 'number':
      return d.nulls
        ? { kind: 'number', values: place(d.values), nulls: place(d.nulls) }
        : { kind: 'number', values: place(d.values) };
    case 'long': {
      const exact = { exactRows: place(d.exactRows), exact: place(d.exact) };
      return d.nulls
        ? { kind: 'long', values: place(d.values), nulls: place(d.nulls), ...exact }
        : { kind: 'long', values: place(d.values), ...exact };
    }
    case 'bool':
      return { kind: 'bool', values: place(d.values) };
    case 'text':
    case 'json':
      return { kind: d.kind, codes: place(d.codes), blob: place(d.blob), offsets: place(d.offsets) };
  }
}

/** The same tables with every typed array copied into one shared ArrayBuffer. */
export function packColumnar(tables: readonly ColumnarTable[]): ColumnarTable[] {
  let bytes = 0;
  for (const t of tables) {
    for (const d of t.data) {
      withArrays(d, (a) => {
        bytes += aligned(a.byteLength);
        return a;
      });
    }
  }
  const buffer = new ArrayBuffer(bytes);
  let offset = 0;
  const place: Place = (a) => {
    const Ctor = a.constructor as new (buffer: ArrayBuffer, byteOffset: number, length: number) => typeof a;
    // Copied as bytes, which works the same for every element type (a BigInt64Array's set takes only BigInts).
    new Uint8Array(buffer, offset, a.byteLength).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    const copy = new Ctor(buffer, offset, a.length);
    offset += aligned(a.byteLength);
    return copy;
  };
  return tables.map((t) => ({ ...t, data: t.data.map((d) => withArrays(d, place)) }));
}

/** What the results panel posts for a result: its tables as columns over one ArrayBuffer. */
export function webviewPayload(result: QueryResult): ResultPayload {
  return { ...result, tables: packColumnar(result.tables.map(toColumnar)) };
}
