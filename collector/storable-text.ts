// Text as PostgreSQL can hold it: it refuses a NUL character and a lone surrogate (half an emoji, from text sliced by
// UTF-16 code units) in text and in JSON alike. Both stores keep the same text, so that one behaviour holds on both.

/** What PostgreSQL cannot hold, as JSON text escapes it: a NUL, or a surrogate (perhaps half of a pair cut in two). */
const unstorable = /\\u(?:0000|d[89a-f])/i;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with each NUL and each lone surrogate made U+FFFD: the mark shows where one was. */
export const storable = (text: string) => text.replace(loneSurrogate, '\uFFFD').replaceAll('\0', '\uFFFD');

/** Each string, and each key, of a parsed value as PostgreSQL can store it. */
function revivedStorable(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return storable(value);
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).every((key) => storable(key) === key)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [storable(key), v]));
}

/**
 * JSON with each NUL character and each lone surrogate made U+FFFD: the batch of an answer carrying one was "storage
 * unavailable" for ever on PostgreSQL (the SDK retried it, then gave up every answer in it). Plain text is parsed as it
 * is.
 */
export const parseJson = (text: string): unknown => (unstorable.test(text) ? JSON.parse(text, revivedStorable) : JSON.parse(text));
