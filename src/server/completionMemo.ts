/**
 * Kusto.Language builds a fresh completion item for every symbol in scope on every request: ~400
 * built-in functions, each with its signature text, so one completion costs 100-300 ms. The items for a
 * symbol depend only on the symbol and three facts about the context, so this memoises the library's
 * per-symbol step (and two per-item steps) on its own prototype. Output is unchanged: the test
 * `completionMemo.test.ts` compares every item, with and without, over the sample queries.
 *
 * The methods are the compiled library's internals; if a future version renames them, `install` finds
 * nothing to wrap and completion is simply slower.
 */
import { items, kusto } from '../kql';

type ItemList = { add(item: unknown): void };
interface CompleterPrototype {
  GetCompletionItemsForSymbol?: (
    this: unknown,
    symbol: object,
    contextNode: unknown,
    nameOnly: boolean,
    list: ItemList,
  ) => void;
  AddSpaceToCompletionItem?: (this: unknown, item: object) => object;
  Retriggered?: (this: unknown, item: object) => object;
  CreateOrderText?: (this: unknown, item: object) => string;
  GetChildHint?: (this: unknown, contextNode: object, childIndex: number, fallback?: number) => number;
}
interface ItemPrototype {
  WithOrderText?: (this: object, orderText: string) => object;
}
interface CompleterStatics {
  prototype: CompleterPrototype;
  IsStartOfQuery?: (node: unknown) => boolean;
  IsInvokeFunctionContext?: (node: unknown) => boolean;
}

let installed: boolean | undefined;

function memoiseItemStep(
  proto: CompleterPrototype,
  name: 'AddSpaceToCompletionItem' | 'Retriggered' | 'CreateOrderText',
): boolean {
  const original = proto[name] as ((this: unknown, item: object) => object) | undefined;
  if (typeof original !== 'function') {
    return false;
  }
  const memo = new WeakMap<object, unknown>();
  (proto as Record<string, unknown>)[name] = function (this: unknown, item: object): unknown {
    let result = memo.get(item);
    if (result === undefined) {
      result = original.call(this, item);
      memo.set(item, result);
    }
    return result;
  };
  return true;
}

/** Installs the memo once per process; returns whether the library had the expected shape. */
export function installCompletionMemo(): boolean {
  if (installed !== undefined) {
    return installed;
  }
  const K = kusto();
  const completer = (K.Editor as unknown as { KustoCompleter?: CompleterStatics }).KustoCompleter;
  const proto = completer?.prototype;
  const forSymbol = proto?.GetCompletionItemsForSymbol;
  if (
    !completer ||
    !proto ||
    typeof forSymbol !== 'function' ||
    typeof completer.IsStartOfQuery !== 'function' ||
    typeof completer.IsInvokeFunctionContext !== 'function'
  ) {
    installed = false;
    return installed;
  }
  const isStart = completer.IsStartOfQuery;
  const isInvoke = completer.IsInvokeFunctionContext;
  const ItemListType = System.Collections.Generic.List$1(K.Editor.CompletionItem);
  const memo = new WeakMap<object, Map<string, unknown[]>>();
  // One request asks for every symbol with the same context node: classify the node once.
  const contextKeys = new WeakMap<object, string>();
  const contextKey = (contextNode: unknown): string => {
    if (contextNode === null || typeof contextNode !== 'object') {
      return `${isStart(contextNode) ? 1 : 0}${isInvoke(contextNode) ? 1 : 0}`;
    }
    let key = contextKeys.get(contextNode);
    if (key === undefined) {
      key = `${isStart(contextNode) ? 1 : 0}${isInvoke(contextNode) ? 1 : 0}`;
      contextKeys.set(contextNode, key);
    }
    return key;
  };
  proto.GetCompletionItemsForSymbol = function (this: unknown, symbol, contextNode, nameOnly, list) {
    // Everything the library's per-symbol step reads besides the symbol itself.
    const key = `${nameOnly ? 1 : 0}${contextKey(contextNode)}`;
    let bySymbol = memo.get(symbol);
    let built = bySymbol?.get(key);
    if (!built) {
      const scratch = new ItemListType.ctor();
      forSymbol.call(this, symbol, contextNode, nameOnly, scratch as unknown as ItemList);
      built = [...items(scratch as unknown as { Count: number; getItem(i: number): unknown })];
      if (!bySymbol) {
        bySymbol = new Map();
        memo.set(symbol, bySymbol);
      }
      bySymbol.set(key, built);
    }
    for (const item of built) {
      list.add(item);
    }
  };
  memoiseItemStep(proto, 'AddSpaceToCompletionItem');
  memoiseItemStep(proto, 'Retriggered');
  // The final ordering step: the order text reads only the item (rank, kind, priority, text), and
  // with memoised items the re-ordered copy can be memoised too, so a list is the same objects each time.
  memoiseItemStep(proto, 'CreateOrderText');
  const itemProto = (K.Editor.CompletionItem as unknown as { prototype: ItemPrototype }).prototype;
  const withOrderText = itemProto.WithOrderText;
  if (typeof withOrderText === 'function') {
    const ordered = new WeakMap<object, Map<string, object>>();
    itemProto.WithOrderText = function (this: object, orderText: string): object {
      let byText = ordered.get(this);
      let result = byText?.get(orderText);
      if (!result) {
        result = withOrderText.call(this, orderText);
        if (!byText) {
          byText = new Map();
          ordered.set(this, byText);
        }
        byText.set(orderText, result);
      }
      return result;
    };
  }
  memoiseChildHint(proto);
  installed = true;
  return installed;
}

/**
 * The hint for a child slot reads only the syntax tree above the node and the symbols bound in it, both
 * fixed once a text is analysed. The syntax step asks it again for every infix operator it considers
 * (`and`, `+`, `has`, … about 60), for each enclosing expression, and inside an operator's or function's
 * arguments each answer walks all its signatures: 30-50 ms of a completion after `a - b ▮`.
 */
function memoiseChildHint(proto: CompleterPrototype): void {
  const original = proto.GetChildHint;
  if (typeof original !== 'function') {
    return;
  }
  const memo = new WeakMap<object, Map<number, number>>();
  proto.GetChildHint = function (this: unknown, contextNode: object, childIndex: number, fallback = 0): number {
    // The slot and the fallback (a 32-bit flags value) in one exact number key.
    const key = childIndex * 0x1_0000_0000 + (fallback >>> 0);
    let byKey = memo.get(contextNode);
    let hint = byKey?.get(key);
    if (hint === undefined) {
      hint = original.call(this, contextNode, childIndex, fallback);
      if (!byKey) {
        byKey = new Map();
        memo.set(contextNode, byKey);
      }
      byKey.set(key, hint);
    }
    return hint;
  };
}
