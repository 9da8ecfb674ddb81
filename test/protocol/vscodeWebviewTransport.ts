/**
 * What a results-panel message goes through between `webview.postMessage` in the extension host and
 * the webview's `message` event, modelled on VS Code 1.100 (code-server 4.100.3, whose bundle this was
 * read from): `serializeWebviewMessage` (extHostWebviewMessaging) swaps each ArrayBuffer, or typed-array
 * view with its offset and length, for a reference to one of a list of buffers; the RPC call
 * `$postMessage(handle, json, ...buffers)` writes its argument count in ONE byte (`writeMixedArray`), so
 * the receiver reads `count mod 256` arguments; `deserializeWebviewMessage` rebuilds the views over
 * copies of the buffers it got; then window.postMessage structured-clones the message into the frame.
 */
const TYPED = {
  Uint8Array,
  Uint32Array,
  Float64Array,
} as const;
type TypedName = keyof typeof TYPED;

interface BufferReference {
  readonly $$vscode_array_buffer_reference$$: true;
  readonly index: number;
  readonly view?: { readonly type: TypedName; readonly byteOffset: number; readonly byteLength: number };
}

function serialize(message: unknown): { json: string; buffers: ArrayBuffer[] } {
  const buffers: ArrayBuffer[] = [];
  const indexOf = (b: ArrayBuffer): number => {
    const i = buffers.indexOf(b);
    return i >= 0 ? i : buffers.push(b) - 1;
  };
  const json = JSON.stringify(message, (_key, value: unknown) => {
    if (value instanceof ArrayBuffer) {
      return { $$vscode_array_buffer_reference$$: true, index: indexOf(value) } satisfies BufferReference;
    }
    if (ArrayBuffer.isView(value) && value.constructor.name in TYPED) {
      return {
        $$vscode_array_buffer_reference$$: true,
        index: indexOf(value.buffer as ArrayBuffer),
        view: { type: value.constructor.name as TypedName, byteOffset: value.byteOffset, byteLength: value.byteLength },
      } satisfies BufferReference;
    }
    return value;
  });
  return { json, buffers };
}

function deserialize(json: string, received: readonly (ArrayBuffer | undefined)[]): unknown {
  const copies = received.map((b) => (b ? b.slice(0) : undefined));
  return JSON.parse(json, (_key, value: unknown) => {
    const ref = value as BufferReference | null;
    if (!ref || typeof ref !== 'object' || ref.$$vscode_array_buffer_reference$$ !== true) {
      return value;
    }
    const buffer = copies[ref.index];
    if (!ref.view) {
      return buffer;
    }
    const Ctor = TYPED[ref.view.type];
    // As VS Code does: a view over a buffer that did not arrive is an empty view.
    return new Ctor(buffer as ArrayBuffer, ref.view.byteOffset, ref.view.byteLength / Ctor.BYTES_PER_ELEMENT);
  });
}

/** The message as the webview's `message` event hands it over. */
export function throughVsCodeWebview(message: unknown): unknown {
  const { json, buffers } = serialize(message);
  const args: unknown[] = ['handle', json, ...buffers];
  const arrived = args.slice(0, args.length % 256);
  return structuredClone(deserialize(arrived[1] as string, arrived.slice(2) as ArrayBuffer[]));
}
