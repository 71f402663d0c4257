import { describe, expect, it } from 'vitest';
import { countLabelLines, estimateNodeLayout, type NodeLayoutInput } from '../../src/editor/canvas/node-layout';

/** Sets every character 7 pixels wide in every font, so the expected widths can be added up by hand. */
const measure = (text: string) => text.length * 7;

const add: NodeLayoutInput = { id: 'a1', kind: 'add', symbol: '+', params: [], inputs: ['a', 'b'], outputs: ['out'], valueText: null, gradientText: null };

function handle(layout: ReturnType<typeof estimateNodeLayout>, type: 'source' | 'target', id: string) {
  return layout.handles.find((candidate) => candidate.type === type && candidate.id === id);
}

describe('estimateNodeLayout', () => {
  it('places a gate at the minimum width', () => {
    // Header 20 + 7 + 6 + 14 + 6 + 21 = 74 pixels of content is narrower than the 150-pixel minimum.
    const layout = estimateNodeLayout(add, measure);
    expect(layout.width).toBe(150);
    // Border 2, padding 6, header 21 and the ports' margin 4 put the first row at 33; a row is 22 high and a handle 11.
    expect(handle(layout, 'target', 'a')).toMatchObject({ x: -3.5, y: 38.5, width: 11, height: 11, position: 'left' });
    expect(handle(layout, 'target', 'b')).toMatchObject({ x: -3.5, y: 60.5 });
    expect(handle(layout, 'source', 'out')).toMatchObject({ x: 142.5, y: 38.5, position: 'right' });
    // 33 + two rows + the readout's 20 + padding 6 + border 2.
    expect(layout.height).toBe(105);
  });

  it('widens a node to its widest row', () => {
    const parameter: NodeLayoutInput = {
      id: 'w0',
      kind: 'parameter',
      symbol: 'θ',
      params: [
        { name: 'value', field: 'text' },
        { name: 'init', field: 'select', choices: ['value', 'zeros', 'small-random'] },
      ],
      inputs: [],
      outputs: ['out'],
      valueText: '0.5',
      gradientText: '-0.25',
    };
    const layout = estimateNodeLayout(parameter, measure);
    // The select row is widest: padding 20 + "init" 28 + gap 4 + "small-random" 84 + 42, plus the border 4.
    expect(layout.width).toBe(182);
    // The parameter rows (4 + 22 + 28) sit between the header and the port row.
    expect(handle(layout, 'source', 'out')).toMatchObject({ x: 174.5, y: 92.5 });
    expect(layout.height).toBe(137);
  });

  it('stops at the maximum width', () => {
    const layout = estimateNodeLayout({ ...add, id: 'x'.repeat(40) }, measure);
    expect(layout.width).toBe(240);
    expect(handle(layout, 'source', 'out')?.x).toBe(232.5);
  });

  it('counts label lines', () => {
    // A 16-pixel line per 200 pixels of label text.
    expect(handle(estimateNodeLayout({ ...add, label: 'ab' }, measure), 'target', 'a')?.y).toBe(54.5);
    expect(handle(estimateNodeLayout({ ...add, label: 'l'.repeat(50) }, measure), 'target', 'a')?.y).toBe(70.5);
  });

  it('wraps a label between words', () => {
    // Each word is 15 × 7 = 105 pixels, so two words and a space (217) exceed the 200-pixel line:
    // three lines, although the 329 pixels of text would fill only two.
    const label = 'backpropagation backpropagation backpropagation';
    const layout = estimateNodeLayout({ ...add, label }, measure);

    expect(layout.width).toBe(224);
    expect(handle(layout, 'target', 'a')?.y).toBe(38.5 + 3 * 16);
    expect(layout.height).toBe(105 + 3 * 16);
  });

  it('collapses runs of spaces in a label', () => {
    // The page draws "a b c … j" in 19 × 7 = 133 pixels on one line, because HTML collapses each run of
    // spaces, tabs and line breaks into one space. Measured with its runs, the text would wrap.
    const label = 'a  b   c    d     e\t\t\t\t\t\tf       g        h         i          j  ';
    const layout = estimateNodeLayout({ ...add, label }, measure);

    expect(handle(layout, 'target', 'a')?.y).toBe(38.5 + 16);
  });
});

describe('countLabelLines', () => {
  // 28 characters of 7 pixels fit in 200 pixels, and a 29th does not.
  it('keeps a short label on one line', () => {
    expect(countLabelLines('a'.repeat(28), 200, measure)).toBe(1);
  });

  it('moves a word that does not fit to the next line', () => {
    expect(countLabelLines(`${'a'.repeat(20)} ${'b'.repeat(10)}`, 200, measure)).toBe(2);
  });

  it('does not count trailing spaces', () => {
    expect(countLabelLines(`${'a'.repeat(28)} ${'b'.repeat(10)}`, 200, measure)).toBe(2);
  });

  it('breaks a long word between characters', () => {
    expect(countLabelLines('x'.repeat(60), 200, measure)).toBe(3);
  });

  it('starts a long word on a new line', () => {
    // "ab", then 28 + 28 + 4 characters of the long word.
    expect(countLabelLines(`ab ${'x'.repeat(60)}`, 200, measure)).toBe(4);
  });

  it('breaks after a hyphen', () => {
    // "a…a-" is 26 characters (182 pixels), and "bbbbbbbb" would make 238.
    expect(countLabelLines(`${'a'.repeat(25)}-${'b'.repeat(8)}`, 200, measure)).toBe(2);
  });

  it('breaks between CJK characters', () => {
    expect(countLabelLines('层'.repeat(30), 200, measure)).toBe(2);
  });

  it('breaks between Hangul syllables', () => {
    // Chromium breaks Korean text between syllables, as it breaks CJK characters.
    expect(countLabelLines(`가 ${'한'.repeat(40)}`, 200, measure)).toBe(2);
  });

  it('keeps CJK punctuation with its character', () => {
    // The comma cannot start a line, so the 28th character moves with it to the second line,
    // which then has 29 characters and spills one onto a third.
    expect(countLabelLines(`${'层'.repeat(27)}层，${'层'.repeat(27)}`, 200, measure)).toBe(3);
  });
});
