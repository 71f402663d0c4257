import type { Dataset } from './dataset';

/** Largest pasted CSV accepted, in characters. */
export const MAX_CSV_CHARS = 2_000_000;
/**
 * Largest number of feature columns and of classes. The presets build weight
 * matrices of features × width and width × classes, so a stray column or a
 * mistyped label must not make them allocate millions of weights.
 */
export const MAX_CSV_FEATURES = 1024;
export const MAX_CSV_CLASSES = 100;

/** A problem found in a pasted CSV. `line` and `column` count from 1 in the pasted text. */
export type CsvProblem =
  | { code: 'too-long'; length: number; limit: number }
  | { code: 'no-rows' }
  | { code: 'empty-cell'; line: number; column: number }
  | { code: 'not-a-number'; line: number; column: number; text: string }
  | { code: 'too-few-columns'; line: number; found: number }
  | { code: 'too-many-features'; line: number; found: number; limit: number }
  | { code: 'column-count'; line: number; expected: number; found: number; firstLine: number }
  | { code: 'bad-label'; line: number; column: number; text: string }
  | { code: 'label-too-large'; line: number; column: number; text: string; max: number }
  | { code: 'one-class'; label: number };

export type CsvResult = { ok: true; dataset: Dataset } | { ok: false; problem: CsvProblem; error: string };

/** A decimal number as people type it: no hexadecimal, no Infinity, no empty text. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SEPARATOR = /[,;\t]/;

/** Returns the English message for a CSV problem, naming its line and column. */
export function describeCsvProblem(problem: CsvProblem): string {
  switch (problem.code) {
    case 'too-long':
      return `The CSV is ${problem.length} characters long; the limit is ${problem.limit}. Paste fewer rows.`;
    case 'no-rows':
      return 'The CSV has no data rows. Paste rows of numbers: the features, then the label.';
    case 'empty-cell':
      return `Line ${problem.line}, column ${problem.column}: the cell is empty. Every row needs a number in every column.`;
    case 'not-a-number':
      return `Line ${problem.line}, column ${problem.column}: "${problem.text}" is not a number.`;
    case 'too-few-columns':
      return `Line ${problem.line}: found ${problem.found} value, but a row needs at least one feature and a label.`;
    case 'too-many-features':
      return `Line ${problem.line}: found ${problem.found} feature columns; the limit is ${problem.limit}.`;
    case 'column-count':
      return `Line ${problem.line}: expected ${problem.expected} values, as on line ${problem.firstLine}, found ${problem.found}.`;
    case 'bad-label':
      return `Line ${problem.line}, column ${problem.column}: the label "${problem.text}" is not a whole number from 0.`;
    case 'label-too-large':
      return `Line ${problem.line}, column ${problem.column}: the label ${problem.text} is too large; labels go from 0 to ${problem.max}.`;
    case 'one-class':
      return `Every label is ${problem.label}; the CSV needs at least two classes, such as labels 0 and 1.`;
  }
}

function failure(problem: CsvProblem): CsvResult {
  return { ok: false, problem, error: describeCsvProblem(problem) };
}

/** Parses one data line into numbers, or returns the problem of its first bad cell. */
function parseRow(text: string, line: number): number[] | CsvProblem {
  const cells = text.split(SEPARATOR).map((cell) => cell.trim());
  if (cells.length < 2) return { code: 'too-few-columns', line, found: cells.length };
  if (cells.length - 1 > MAX_CSV_FEATURES) return { code: 'too-many-features', line, found: cells.length - 1, limit: MAX_CSV_FEATURES };

  const values: number[] = [];
  for (const [index, cell] of cells.entries()) {
    const column = index + 1;
    if (cell === '') return { code: 'empty-cell', line, column };
    if (!DECIMAL.test(cell)) return { code: 'not-a-number', line, column, text: cell };
    values.push(Number(cell));
  }

  const label = values[values.length - 1];
  const labelText = cells[cells.length - 1];
  if (!Number.isInteger(label) || label < 0) return { code: 'bad-label', line, column: cells.length, text: labelText };
  if (label >= MAX_CSV_CLASSES) return { code: 'label-too-large', line, column: cells.length, text: labelText, max: MAX_CSV_CLASSES - 1 };
  return values;
}

/**
 * Parses pasted rows of "feature, …, feature, label" with whole-number labels
 * from 0; commas, semicolons or tabs separate the cells. Blank lines and lines
 * starting with # are skipped, and so is a first line in which no cell is a
 * number (a header).
 */
export function parseCsvDataset(text: string, name = 'csv'): CsvResult {
  if (text.length > MAX_CSV_CHARS) return failure({ code: 'too-long', length: text.length, limit: MAX_CSV_CHARS });
  const lines = text
    .split(/\r?\n/)
    .map((content, index) => ({ content: content.trim(), line: index + 1 }))
    .filter(({ content }) => content.length > 0 && !content.startsWith('#'));
  const isHeader = lines.length > 0 && lines[0].content.split(SEPARATOR).every((cell) => !DECIMAL.test(cell.trim()));
  if (isHeader) lines.shift();
  if (lines.length === 0) return failure({ code: 'no-rows' });

  const rows: number[][] = [];
  for (const { content, line } of lines) {
    const row = parseRow(content, line);
    if (!Array.isArray(row)) return failure(row);
    if (rows.length > 0 && row.length !== rows[0].length) {
      return failure({ code: 'column-count', line, expected: rows[0].length, found: row.length, firstLine: lines[0].line });
    }
    rows.push(row);
  }

  const features = rows[0].length - 1;
  const x = Float32Array.from(rows.flatMap((row) => row.slice(0, features)));
  const y = Int32Array.from(rows.map((row) => row[features]));
  if (y.every((label) => label === y[0])) return failure({ code: 'one-class', label: y[0] });
  const classes = y.reduce((max, label) => Math.max(max, label), 0) + 1;
  return { ok: true, dataset: { name, features, classes, x, y } };
}
