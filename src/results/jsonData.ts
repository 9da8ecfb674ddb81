/**
 * JSON objects held as data (dynamic bags, wire values, records read from files) are objects with no
 * prototype, so that every key — `__proto__`, `constructor`, `toString` included — is a plain key:
 * assigning `bag['__proto__']` stores a member instead of replacing the prototype, and reading a key
 * the object lacks gives undefined instead of one of Object's own members.
 */

export type DataRecord<T> = { [key: string]: T };

/** An empty record with no prototype. */
export function newRecord<T>(): DataRecord<T> {
  return Object.create(null) as DataRecord<T>;
}

/** Whether `key` is one of the record's own members (safe for any record, whatever its prototype). */
export function hasOwnKey(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/**
 * Rebuilds every object of a freshly parsed JSON value with no prototype (JSON.parse keeps a
 * `"__proto__"` key as an own member, but its objects inherit Object's). Arrays are updated in place:
 * the value must be the caller's own. Iterative, so a deeply nested value cannot overflow the stack.
 */
export function withNullPrototypes<T>(value: T): T {
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const pending: [source: unknown, target: unknown][] = [];
  const adopt = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') {
      return v;
    }
    const target = Array.isArray(v) ? v : newRecord<unknown>();
    pending.push([v, target]);
    return target;
  };
  const root = adopt(value);
  while (pending.length > 0) {
    const [source, target] = pending.pop()!;
    if (Array.isArray(source)) {
      for (let i = 0; i < source.length; i++) {
        source[i] = adopt(source[i]);
      }
    } else {
      const out = target as DataRecord<unknown>;
      const src = source as DataRecord<unknown>;
      for (const key of Object.keys(src)) {
        out[key] = adopt(src[key]);
      }
    }
  }
  return root as T;
}

/** JSON.parse whose objects have no prototype. */
export function parseJsonData(text: string): unknown {
  return withNullPrototypes(JSON.parse(text) as unknown);
}

/** A record with no prototype holding the given fields (for bags with fixed keys: parse_url, geo points). */
export function recordOf<T>(fields: DataRecord<T>): DataRecord<T> {
  return Object.assign(newRecord<T>(), fields);
}
