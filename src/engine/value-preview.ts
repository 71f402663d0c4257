/** Deepest level of nested lists and objects that a preview writes out; deeper ones show as "…". */
const MAX_PREVIEW_DEPTH = 4;

/**
 * Writes an untrusted value for an error message: JSON for small values,
 * "nothing" for undefined, and at most about `maxChars` characters ending in
 * "…" for long ones. Unlike JSON.stringify it stops early on a huge value and
 * never recurses deeper than MAX_PREVIEW_DEPTH, so a value nested 100,000
 * levels deep cannot overflow the stack.
 */
export function previewJson(value: unknown, maxChars = 80): string {
  if (value === undefined) return 'nothing';
  const parts: string[] = [];
  let length = 0;
  const push = (text: string) => {
    parts.push(text);
    length += text.length;
  };

  const write = (item: unknown, depth: number): void => {
    if (length > maxChars) return;
    if (typeof item === 'string') return push(JSON.stringify(item.length > maxChars ? item.slice(0, maxChars) : item));
    if (typeof item !== 'object' || item === null) return push(String(item));
    if (depth >= MAX_PREVIEW_DEPTH) return push(Array.isArray(item) ? '[…]' : '{…}');
    if (Array.isArray(item)) {
      push('[');
      for (let index = 0; index < item.length && length <= maxChars; index++) {
        if (index > 0) push(',');
        write(item[index], depth + 1);
      }
      return push(']');
    }
    push('{');
    let first = true;
    for (const key in item) {
      if (length > maxChars) break;
      if (!Object.hasOwn(item, key)) continue;
      push(`${first ? '' : ','}${JSON.stringify(key.slice(0, maxChars))}:`);
      write((item as Record<string, unknown>)[key], depth + 1);
      first = false;
    }
    push('}');
  };

  write(value, 0);
  const text = parts.join('');
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}
