/** The number of a wire or output port that a quiz hides: its forward value, its gradient, or both. */
export type QuizPart = 'value' | 'gradient' | 'both';

/** A wire whose forward value, gradient or both the quiz hides. */
export interface QuizEdgeTarget {
  edge: string;
  part: QuizPart;
}

/** An output port of a node whose value, gradient or both the quiz hides, on the node and on every wire out of it. */
export interface QuizPortTarget {
  node: string;
  port: string;
  part: QuizPart;
}

export type QuizTarget = QuizEdgeTarget | QuizPortTarget;

/**
 * Maximum difference between a prediction and the right value that still
 * counts as correct: the larger of `absolute` and `relative` × |right value|.
 */
export interface QuizTolerance {
  relative: number;
  absolute: number;
}

/** The quiz of a graph document: what the student must predict, and how close is close enough. */
export interface QuizSettings {
  hidden: QuizTarget[];
  /** Defaults to DEFAULT_TOLERANCE when left out. */
  tolerance?: QuizTolerance;
}

/** Within 0.01 or within 1% of the right value, whichever is larger, so "0.73" marks 0.7311 correct. */
export const DEFAULT_TOLERANCE: QuizTolerance = { relative: 0.01, absolute: 0.01 };

/** Maximum number of hidden targets in one document. */
export const MAX_QUIZ_TARGETS = 1000;

/** One number the student predicts: a value or a gradient of one wire or output port. */
export interface QuizQuestion {
  /** Stable key of the question, from questionKey. */
  key: string;
  target: { edge: string } | { node: string; port: string };
  part: 'value' | 'gradient';
}
