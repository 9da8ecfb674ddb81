/**
 * Checks a `kql.*` value against its declaration in package.json. VS Code underlines a bad value in
 * settings.json but still hands it to the extension as written (a string for a number, -5 rows, 1e12
 * seconds, an unknown enum value), so every value read goes through here: a bad one is replaced by
 * the declared default and comes with a sentence that says which setting, what is wrong and what is used
 * instead. The declaration is the one source of the bounds: the Settings editor shows the same ones.
 */

export interface SettingSchema {
  readonly type?: string | readonly string[];
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  readonly patternErrorMessage?: string;
}

export interface CheckedSetting<T> {
  readonly value: T;
  /** Why the value written was not used; undefined when it was. */
  readonly problem?: string;
}

/** package.json's `contributes.configuration`: one object or a list of categories, flattened by key. */
export function settingSchemas(configuration: unknown): Map<string, SettingSchema> {
  const categories = Array.isArray(configuration) ? configuration : [configuration];
  const out = new Map<string, SettingSchema>();
  for (const category of categories) {
    const properties = (category as { properties?: Record<string, SettingSchema> } | undefined)?.properties ?? {};
    for (const [key, schema] of Object.entries(properties)) out.set(key, schema);
  }
  return out;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
}

/** What is wrong with the value, or undefined when the declaration allows it. */
function whatIsWrong(schema: SettingSchema, value: unknown): string | undefined {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (schema.enum && !schema.enum.includes(value)) {
    return `it must be one of ${schema.enum.map(shown).join(', ')}`;
  }
  if (type === 'number' || type === 'integer') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'it must be a number';
    if (type === 'integer' && !Number.isInteger(value)) return 'it must be a whole number';
    const { minimum: min, maximum: max } = schema;
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      if (min !== undefined && max !== undefined) return `it must be between ${min} and ${max}`;
      return min !== undefined ? `it must be at least ${min}` : `it must be at most ${max}`;
    }
    return undefined;
  }
  if (type === 'boolean' && typeof value !== 'boolean') return 'it must be true or false';
  if (type === 'string') {
    if (typeof value !== 'string') return 'it must be a string';
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) {
      return schema.patternErrorMessage ? `it must be ${lowerFirst(schema.patternErrorMessage)}` : 'its form is wrong';
    }
  }
  return undefined;
}

function lowerFirst(text: string): string {
  return text.replace(/^An? /, (a) => a.toLowerCase()).replace(/\.$/, '');
}

/**
 * The value to use for `kql.<key>`: the one written when the declaration allows it, else the default with
 * the reason. `where` names the settings file the value came from ("your user settings").
 */
export function checkSetting<T>(
  key: string,
  schema: SettingSchema | undefined,
  value: unknown,
  where = 'your settings',
): CheckedSetting<T> {
  if (value === undefined || !schema) {
    return { value: (value ?? schema?.default) as T };
  }
  const wrong = whatIsWrong(schema, value);
  if (!wrong) return { value: value as T };
  return {
    value: schema.default as T,
    problem: `kql.${key} is ${shown(value)} in ${where}, but ${wrong}. Using the default, ${defaultText(schema.default)}, until it is fixed.`,
  };
}

function defaultText(value: unknown): string {
  return value === '' ? 'empty' : shown(value);
}
