/** A place in a text: 1-based line and column, as V8 writes them in JSON syntax errors. */
export interface TextPlace {
  line: number;
  column: number;
}

/** Thrown inside the scan to stop at the first character that breaks the JSON grammar. */
class SyntaxStop {
  constructor(readonly offset: number) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX_DIGIT = /[0-9a-fA-F]/;
const DIGIT = /[0-9]/;

/**
 * Returns the offset of the first character at which `text` stops being JSON
 * (RFC 8259), or `text.length` when it ends early, or null when it is valid.
 * It finds the place that some parser messages leave out, such as Chromium's
 * "Unexpected token ']', … is not valid JSON" for a trailing comma. The scan
 * keeps its own stack instead of recursing, so deep nesting cannot overflow.
 */
export function jsonSyntaxErrorOffset(text: string): number | null {
  let index = 0;
  const stop = (offset = index): never => {
    throw new SyntaxStop(Math.min(offset, text.length));
  };
  const skipWhitespace = () => {
    while (index < text.length && WHITESPACE.has(text[index])) index++;
  };
  const expect = (pattern: RegExp) => {
    if (index >= text.length || !pattern.test(text[index])) stop();
    index++;
  };
  const scanDigits = () => {
    expect(DIGIT);
    while (index < text.length && DIGIT.test(text[index])) index++;
  };

  const scanString = () => {
    index++;
    while (index < text.length && text[index] !== '"') {
      const code = text.charCodeAt(index);
      if (code < 0x20) stop();
      if (text[index] === '\\') {
        index++;
        if (text[index] === 'u') {
          index++;
          for (let digit = 0; digit < 4; digit++) expect(HEX_DIGIT);
          continue;
        }
        if (!ESCAPES.has(text[index])) stop();
      }
      index++;
    }
    if (index >= text.length) stop();
    index++;
  };

  const scanNumber = () => {
    if (text[index] === '-') index++;
    if (text[index] === '0') index++;
    else scanDigits();
    if (text[index] === '.') {
      index++;
      scanDigits();
    }
    if (text[index] === 'e' || text[index] === 'E') {
      index++;
      if (text[index] === '+' || text[index] === '-') index++;
      scanDigits();
    }
  };

  const scanWord = (word: string) => {
    for (const letter of word) {
      if (text[index] !== letter) stop();
      index++;
    }
  };

  /** Scans one value. An opened object or array is pushed with its closing bracket, and the loop scans its contents. */
  const scanValue = (closers: string[]): 'value' | 'key' | 'after' => {
    skipWhitespace();
    const first = text[index];
    if (first === '{' || first === '[') {
      index++;
      skipWhitespace();
      const closer = first === '{' ? '}' : ']';
      if (text[index] === closer) {
        index++;
        return 'after';
      }
      closers.push(closer);
      return first === '{' ? 'key' : 'value';
    }
    if (first === '"') scanString();
    else if (first === '-' || (first !== undefined && DIGIT.test(first))) scanNumber();
    else if (first === 't') scanWord('true');
    else if (first === 'f') scanWord('false');
    else if (first === 'n') scanWord('null');
    else stop();
    return 'after';
  };

  try {
    const closers: string[] = [];
    let state: 'value' | 'key' | 'after' = 'value';
    for (;;) {
      if (state === 'value') {
        state = scanValue(closers);
        continue;
      }
      skipWhitespace();
      if (state === 'key') {
        if (text[index] !== '"') stop();
        scanString();
        skipWhitespace();
        if (text[index] !== ':') stop();
        index++;
        state = 'value';
        continue;
      }
      const closer = closers.at(-1);
      if (closer === undefined) return index < text.length ? index : null;
      if (text[index] === ',') {
        index++;
        state = closer === '}' ? 'key' : 'value';
      } else if (text[index] === closer) {
        index++;
        closers.pop();
      } else {
        stop();
      }
    }
  } catch (error) {
    if (error instanceof SyntaxStop) return error.offset;
    throw error;
  }
}

/** Returns the 1-based line and column of `offset` in `text`, counting lines at each "\n". */
export function placeOfOffset(text: string, offset: number): TextPlace {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** Returns where `text` breaks the JSON grammar, or null when it is valid JSON. */
export function jsonSyntaxErrorPlace(text: string): TextPlace | null {
  const offset = jsonSyntaxErrorOffset(text);
  return offset === null ? null : placeOfOffset(text, offset);
}
