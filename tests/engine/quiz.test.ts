import { describe, expect, test } from 'vitest';
import { serializeDocument, type GraphDocument } from '../../src/engine/document';
import { decodeLink, encodeLink } from '../../src/engine/link';
import { loadDocumentText, type LoadResult } from '../../src/engine/load';
import { hiddenIndex, isHidden, markAnswer, parseAnswer, portKey, questionKey, quizQuestions, toggleHidden, withinTolerance } from '../../src/engine/quiz';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { TestGraph } from '../helpers/graph';

/** A link to the add-mul preset written by the build before quiz mode, by `npm run cli -- link encode add-mul`. */
const LINK_WITHOUT_QUIZ =
  'graph=AZsB-QFdj8EKwjAQRPFPwp4UV9imtYjglyw5VGqhULVCI63id3n3p7w6sUpLk0OYmZdZ9j1TjZgKszPz1ixNtzCvp7kRq1JLTOWp9g2x4N7pmlX-QFtVxyvrHo6VujETpRNq3UOoG6DYTquSnrqAyvKcOBbhjQSrgHX0VVPWFQal8K2IQ6LCdA59Mf4QDOzw1_ug8X518svtoJHjfACARGc7';

/** f = (x + y) · z with the gradient of x's wire and the value of f hidden. */
function quizDocument(): GraphDocument {
  const document = new TestGraph().source('x', -2).source('y', 5).source('z', -4).node('q', 'add', { a: 'x', b: 'y' }).node('f', 'multiply', { a: 'q', b: 'z' }).build();
  return {
    ...document,
    quiz: {
      hidden: [
        { edge: 'x.out->q.a', part: 'gradient' },
        { node: 'f', port: 'out', part: 'value' },
      ],
      tolerance: { relative: 0.05, absolute: 0.1 },
    },
  };
}

/** Returns the loaded document, or fails the test with the load errors. */
function loaded(result: LoadResult): GraphDocument {
  if (result.ok) return result.document;
  return expect.fail(`document should load: ${result.errors.join(' ')}`);
}

/** Returns the errors of a document that must not load. */
function errorsOf(result: LoadResult): string[] {
  if (!result.ok) return result.errors;
  return expect.fail('document should be rejected');
}

describe('quiz in documents and links', () => {
  test('file round trip keeps the quiz', () => {
    const document = quizDocument();
    const reloaded = loaded(loadDocumentText(serializeDocument(document), registry));
    expect(reloaded.quiz).toStrictEqual(document.quiz);
    expect(reloaded).toStrictEqual(document);
  });

  test('link round trip keeps the quiz', () => {
    const document = quizDocument();
    const result = decodeLink(encodeLink(document, { lecture: { lockEditing: true } }), registry);
    if (!result.ok) expect.fail(result.message);
    expect(result.document.quiz).toStrictEqual(document.quiz);
    expect(result.document).toStrictEqual(document);
    expect(result.lecture).toStrictEqual({ lockEditing: true });
  });

  test('document without a quiz still loads', () => {
    const text = serializeDocument(findPreset('add-mul')!.build());
    expect(text).not.toContain('quiz');
    expect(loaded(loadDocumentText(text, registry)).quiz).toBeUndefined();
  });

  test('link from before quiz mode still opens', () => {
    const result = decodeLink(LINK_WITHOUT_QUIZ, registry);
    if (!result.ok) expect.fail(result.message);
    expect(result.document).toStrictEqual(findPreset('add-mul')!.build());
    expect(result.document.quiz).toBeUndefined();
  });

  test('document without a quiz encodes to the same link as before', () => {
    expect(encodeLink(findPreset('add-mul')!.build())).toBe(LINK_WITHOUT_QUIZ);
  });

  test('hidden wire that does not exist is rejected by id', () => {
    const document = quizDocument();
    document.quiz!.hidden.push({ edge: 'ghost.out->f.a', part: 'value' });
    const errors = errorsOf(loadDocumentText(serializeDocument(document), registry));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('quiz.hidden[2]');
    expect(errors[0]).toContain('wire "ghost.out->f.a" does not exist');
  });

  test('hidden node that does not exist is rejected by id', () => {
    const document = quizDocument();
    document.quiz!.hidden[1] = { node: 'nowhere', port: 'out', part: 'gradient' };
    const errors = errorsOf(loadDocumentText(serializeDocument(document), registry));
    expect(errors).toStrictEqual([expect.stringContaining('node "nowhere" does not exist')]);
  });

  test('hidden port that the node lacks is rejected', () => {
    const document = quizDocument();
    document.quiz!.hidden[1] = { node: 'f', port: 'out7', part: 'value' };
    const errors = errorsOf(loadDocumentText(serializeDocument(document), registry));
    expect(errors).toStrictEqual([expect.stringContaining('node "f" (multiply) has no output port "out7"; its outputs: out')]);
  });

  test('wire listed twice is rejected', () => {
    const document = quizDocument();
    document.quiz!.hidden.push({ edge: 'x.out->q.a', part: 'value' });
    const errors = errorsOf(loadDocumentText(serializeDocument(document), registry));
    expect(errors).toStrictEqual([expect.stringContaining('wire "x.out->q.a" is listed more than once')]);
  });

  test('invalid part and tolerance are rejected by field', () => {
    const loose = JSON.parse(serializeDocument(quizDocument()));
    loose.quiz.hidden[0].part = 'answer';
    loose.quiz.tolerance.relative = -1;
    const errors = errorsOf(loadDocumentText(JSON.stringify(loose), registry));
    expect(errors.some((error) => error.includes('quiz.hidden[0]'))).toBe(true);
    expect(errors.some((error) => error.includes('quiz.tolerance.relative'))).toBe(true);
  });

  test('link with a quiz naming a missing wire is rejected', () => {
    const document = quizDocument();
    // encodeLink checks the schema only, so a semantically broken quiz reaches the decoder.
    document.quiz!.hidden[0] = { edge: 'gone', part: 'gradient' };
    const result = decodeLink(encodeLink(document), registry);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('invalid');
      expect(result.message).toContain('wire "gone" does not exist');
    }
  });
});

describe('quiz marking', () => {
  const tolerance = { relative: 0.01, absolute: 0.01 };

  test.each([
    // [typed, right value, expected verdict]: the allowance is max(0.01, 1% of |right value|).
    [0.73, 0.7311, true],
    [0.72, 0.7311, false],
    [-12, -12, true],
    [-12.1, -12, true],
    [-12.13, -12, false],
    [0.009, 0, true],
    [0.011, 0, false],
    [1001, 1010, true],
    [999, 1010, false],
  ])('prediction %d against %d is %s', (typed, right, correct) => {
    expect(withinTolerance(typed, right, tolerance)).toBe(correct);
  });

  test('absolute tolerance alone', () => {
    const absolute = { relative: 0, absolute: 0.5 };
    expect(withinTolerance(100.4, 100, absolute)).toBe(true);
    expect(withinTolerance(100.6, 100, absolute)).toBe(false);
  });

  test('relative tolerance alone', () => {
    const relative = { relative: 0.1, absolute: 0 };
    expect(withinTolerance(109, 100, relative)).toBe(true);
    expect(withinTolerance(111, 100, relative)).toBe(false);
    expect(withinTolerance(1e-9, 0, relative)).toBe(false);
    expect(withinTolerance(0, 0, relative)).toBe(true);
  });

  test('answer text with minus signs and brackets', () => {
    expect(parseAnswer(' −4 ')).toStrictEqual([-4]);
    expect(parseAnswer('[1, -2; 3e1]')).toStrictEqual([1, -2, 30]);
    expect(parseAnswer('0.5，0.25')).toStrictEqual([0.5, 0.25]);
    expect(parseAnswer('  ')).toStrictEqual({ code: 'empty' });
    expect(parseAnswer('1, two')).toStrictEqual({ code: 'not-a-number', token: 'two' });
  });

  test('tensor answer checks every element', () => {
    const right = { shape: [2], data: [1, -3] };
    expect(markAnswer('1 -3', right)).toStrictEqual({ ok: true, correct: true, matched: 2 });
    expect(markAnswer('1 3', right)).toStrictEqual({ ok: true, correct: false, matched: 1 });
    expect(markAnswer('1', right)).toStrictEqual({ ok: false, code: 'count', expected: 2, found: 1 });
  });
});

describe('quiz hiding', () => {
  test('wire gradient hides the source port total', () => {
    const document = quizDocument();
    const index = hiddenIndex(document);
    const question = questionKey({ edge: 'x.out->q.a' }, 'gradient');
    expect(index.edgeGradients.get('x.out->q.a')).toStrictEqual([question]);
    expect(index.portGradients.get(portKey('x', 'out'))).toStrictEqual([question]);
    expect(index.values.get(portKey('x', 'out'))).toBeUndefined();
    expect(isHidden(index.edgeGradients.get('x.out->q.a'), new Set())).toBe(true);
    expect(isHidden(index.edgeGradients.get('x.out->q.a'), new Set([question]))).toBe(false);
  });

  test('port gradient hides every wire out of it', () => {
    const document = new TestGraph().source('x', 3).node('a', 'exp', { x: 'x' }).node('b', 'negate', { x: 'x' }).build();
    document.quiz = { hidden: [{ node: 'x', port: 'out', part: 'both' }] };
    const index = hiddenIndex(document);
    expect([...index.edgeGradients.keys()].sort()).toStrictEqual(['x.out->a.x', 'x.out->b.x']);
    expect(index.values.get(portKey('x', 'out'))).toStrictEqual([questionKey({ node: 'x', port: 'out' }, 'value')]);
    expect(quizQuestions(document.quiz).map((question) => question.part)).toStrictEqual(['value', 'gradient']);
  });

  test('toggling merges parts into one entry', () => {
    const target = { edge: 'x.out->q.a' };
    const once = toggleHidden(undefined, target, 'value');
    expect(once).toStrictEqual({ hidden: [{ edge: 'x.out->q.a', part: 'value' }] });
    const twice = toggleHidden(once, target, 'gradient');
    expect(twice).toStrictEqual({ hidden: [{ edge: 'x.out->q.a', part: 'both' }] });
    expect(toggleHidden(toggleHidden(twice, target, 'value'), target, 'gradient')).toBeUndefined();
  });
});
