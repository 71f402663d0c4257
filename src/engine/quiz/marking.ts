import type { TensorData } from '../tensor';
import { DEFAULT_TOLERANCE, type QuizTolerance } from './types';

/** Reason a typed prediction could not be read as numbers. */
export type AnswerProblem =
  | { code: 'empty' }
  | { code: 'not-a-number'; token: string }
  | { code: 'count'; expected: number; found: number };

export type Mark =
  | { ok: true; correct: boolean; /** Number of elements within tolerance. */ matched: number }
  | ({ ok: false } & AnswerProblem);

/** Maximum length of a token quoted back in a not-a-number problem. */
const MAX_QUOTED_TOKEN = 20;

/**
 * Reads a prediction typed by a student: one number, or for a tensor its
 * elements in row-major order, separated by commas, semicolons or spaces, with
 * optional brackets. Accepts the Unicode minus sign and full-width commas that
 * a Chinese input method types.
 */
export function parseAnswer(text: string): number[] | AnswerProblem {
  const normalised = text.replace(/[−–]/g, '-').replace(/[，；、]/g, ',').replace(/[[\]()]/g, ' ');
  const tokens = normalised.split(/[\s,;]+/).filter((token) => token !== '');
  if (tokens.length === 0) return { code: 'empty' };
  const numbers: number[] = [];
  for (const token of tokens) {
    const value = Number(token);
    if (!Number.isFinite(value)) return { code: 'not-a-number', token: token.slice(0, MAX_QUOTED_TOKEN) };
    numbers.push(value);
  }
  return numbers;
}

/** Tells whether one predicted number is within tolerance of the right one. */
export function withinTolerance(predicted: number, expected: number, tolerance: QuizTolerance = DEFAULT_TOLERANCE): boolean {
  if (!Number.isFinite(expected)) return predicted === expected;
  const allowed = Math.max(tolerance.absolute, tolerance.relative * Math.abs(expected));
  return Math.abs(predicted - expected) <= allowed;
}

/** Marks a typed prediction against the right tensor: correct when every element is within tolerance. */
export function markAnswer(text: string, expected: TensorData, tolerance: QuizTolerance = DEFAULT_TOLERANCE): Mark {
  const parsed = parseAnswer(text);
  if (!Array.isArray(parsed)) return { ok: false, ...parsed };
  if (parsed.length !== expected.data.length) return { ok: false, code: 'count', expected: expected.data.length, found: parsed.length };
  const matched = parsed.filter((value, index) => withinTolerance(value, expected.data[index], tolerance)).length;
  return { ok: true, correct: matched === parsed.length, matched };
}
