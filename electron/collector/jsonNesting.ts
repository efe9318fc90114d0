/**
 * The offset of the first `[` or `{` that opens a level deeper than `limit` in a JSON text, or null.
 * One pass, no recursion, no allocation: it runs before JSON.parse and before anything recursive
 * (zod, jsonc-parser, JSON.stringify) sees the text. On text that is not JSON the answer is only a
 * bound, which is enough: JSON.parse refuses that text next.
 */
export function nestingBeyond(text: string, limit: number): number | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c /* \ */) i += 1;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      depth += 1;
      if (depth > limit) return i;
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) {
      depth -= 1;
    }
  }
  return null;
}
