/**
 * Compose's variable interpolation, as the Compose specification defines it, for the forms
 * compose.yaml uses: `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME-default}`,
 * `${NAME:?error}` and `${NAME?error}`, `${NAME:+other}` and `${NAME+other}`, and `$$` for a `$`.
 * With a colon, an empty value counts as unset. Nested interpolation is refused rather than misread.
 */
const REFERENCE =
  /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export type Environment = Record<string, string | undefined>;

/** One string interpolated; throws, as Compose refuses to start, when a required variable is unset. */
export function interpolate(text: string, env: Environment): string {
  return text.replace(
    REFERENCE,
    (
      _match,
      dollar?: string,
      braced?: string,
      colon?: string,
      operator?: string,
      arg?: string,
      bare?: string,
    ) => {
      if (dollar) return '$';
      const name = (braced ?? bare)!;
      const value = env[name];
      if (!operator) return value ?? '';
      if (arg!.includes('$'))
        throw new Error(`\${${name}...}: nested interpolation is not read here`);
      const unset = value === undefined || (colon === ':' && value === '');
      if (operator === '-') return unset ? arg! : value!;
      if (operator === '+') return unset ? '' : arg!;
      if (unset) throw new Error(`required variable ${name} is missing a value: ${arg}`);
      return value!;
    },
  );
}

/** Every string in a parsed Compose file interpolated (Compose interpolates values, never keys). */
export function interpolateAll<T>(value: T, env: Environment): T {
  if (typeof value === 'string') return interpolate(value, env) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => interpolateAll(item, env)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateAll(item, env)]),
    ) as T;
  }
  return value;
}

/** The names of the variables a parsed Compose file's values refer to, in order of first use. */
export function variablesIn(value: unknown): string[] {
  const names: string[] = [];
  const walk = (item: unknown): void => {
    if (typeof item === 'string') {
      for (const m of item.matchAll(REFERENCE)) if (m[2] ?? m[6]) names.push((m[2] ?? m[6])!);
    } else if (item !== null && typeof item === 'object') Object.values(item).forEach(walk);
  };
  walk(value);
  return [...new Set(names)];
}
