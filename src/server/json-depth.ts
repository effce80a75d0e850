// How deeply a JSON text nests, measured on the text before JSON.parse builds it: a report whose
// `details` nest thousands of levels deep parses (V8's parser is iterative) but then overflows the
// stack of every recursive reader (schema validation, JSON.stringify of a deep reply, renderers).
// Strings are skipped, so brackets inside them do not count.

/** Deepest nesting of [ and { in `text`; stops counting (returns limit + 1) once past `limit`. */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** Nesting allowed in a report: the schema's own structure is 5 levels deep; details get room to spare. */
export const MAX_REPORT_DEPTH = 32;
