// JSON for the plain data cxkit sends, written without JSON.stringify's object walk: a page may have given
// Array.prototype or Object.prototype a `toJSON` (or an enumerable key) that would throw or leak into the body.

/** Serialises strings, finite numbers, booleans, null, arrays and plain objects' own enumerable keys; skips undefined. */
export function plainJson(value: unknown): string {
  // primitives never consult toJSON: JSON.stringify is safe (and exact) for them
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + plainJson(value[i]);
    return `${out}]`;
  }
  let out = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (field === undefined || typeof field === 'function') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${plainJson(field)}`;
    first = false;
  }
  return `${out}}`;
}
