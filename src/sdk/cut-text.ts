// Text cut to a length in UTF-16 code units, as limits count it, never through the middle of an emoji.

/** `text` cut to at most `max` code units, before a surrogate pair the cut would split: half of one is text no database holds. */
export const cutText = (text: string, max: number): string => text.slice(0, max).replace(/[\uD800-\uDBFF]$/, '');
