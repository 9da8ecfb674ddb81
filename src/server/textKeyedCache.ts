/**
 * A least-recently-used cache keyed by query text, bounded by entries and by the characters of its keys
 * and values: a file of thousands of small queries keeps them all, while blocks near the 64 KB the
 * editor analyses (or larger ones, kept only as "not analysed") cannot fill the server's memory.
 */
export class TextKeyedCache<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private weight = 0;

  constructor(
    private readonly maxEntries: number,
    /** Bound on the sum of weights: a key's length plus `weigh(value)`. */
    private readonly maxWeight: number,
    private readonly weigh: (value: V) => number = () => 0,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Sum of the entries' weights (characters of keys, plus what `weigh` says of the values). */
  get totalWeight(): number {
    return this.weight;
  }

  has(text: string): boolean {
    return this.entries.has(text);
  }

  /** The value, marked most recently used. */
  get(text: string): V | undefined {
    const entry = this.entries.get(text);
    if (!entry) return undefined;
    // Re-insert so Map order is least-recently-used first.
    this.entries.delete(text);
    this.entries.set(text, entry);
    return entry.value;
  }

  set(text: string, value: V): void {
    const old = this.entries.get(text);
    if (old) {
      this.weight -= old.weight;
      this.entries.delete(text);
    }
    const weight = text.length + this.weigh(value);
    this.entries.set(text, { value, weight });
    this.weight += weight;
    // The newest entry stays even when it alone is over the bound: its caller is about to use it.
    while (this.entries.size > 1 && (this.entries.size > this.maxEntries || this.weight > this.maxWeight)) {
      const [oldest, entry] = this.entries.entries().next().value as [string, { weight: number }];
      this.entries.delete(oldest);
      this.weight -= entry.weight;
    }
  }
}
