import type { Dataset } from './dataset';

export type CsvResult = { ok: true; dataset: Dataset } | { ok: false; error: string };

/** Largest pasted CSV accepted, in characters. */
export const MAX_CSV_CHARS = 2_000_000;

/**
 * Parses pasted rows of "feature, …, feature, label" with integer labels from 0.
 * A header line is skipped when its first field is not a number.
 */
export function parseCsvDataset(text: string, name = 'csv'): CsvResult {
  if (text.length > MAX_CSV_CHARS) return { ok: false, error: `The CSV is ${text.length} characters long; the limit is ${MAX_CSV_CHARS}.` };
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0 && !line.startsWith('#'));
  if (lines.length > 0 && Number.isNaN(Number(lines[0].split(/[,;\t]/)[0]))) lines.shift();
  if (lines.length === 0) return { ok: false, error: 'The CSV has no data rows.' };

  const rows: number[][] = [];
  for (const [index, line] of lines.entries()) {
    const cells = line.split(/[,;\t]/).map((cell) => cell.trim());
    const values = cells.map(Number);
    const bad = values.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) return { ok: false, error: `Row ${index + 1}, column ${bad + 1}: "${cells[bad]}" is not a number.` };
    if (values.length < 2) return { ok: false, error: `Row ${index + 1}: expected at least one feature and a label, found ${values.length} value.` };
    if (rows.length > 0 && values.length !== rows[0].length) {
      return { ok: false, error: `Row ${index + 1}: expected ${rows[0].length} values like row 1, found ${values.length}.` };
    }
    const label = values[values.length - 1];
    if (!Number.isInteger(label) || label < 0) return { ok: false, error: `Row ${index + 1}: the label ${label} must be a whole number from 0.` };
    rows.push(values);
  }

  const features = rows[0].length - 1;
  const x = Float32Array.from(rows.flatMap((row) => row.slice(0, features)));
  const y = Int32Array.from(rows.map((row) => row[features]));
  const classes = Math.max(...y) + 1;
  if (classes < 2) return { ok: false, error: 'The CSV needs labels of at least two classes (0 and 1).' };
  return { ok: true, dataset: { name, features, classes, x, y } };
}
