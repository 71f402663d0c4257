import { describe, expect, test } from 'vitest';
import { buildScene, type CompactScene, type SceneColours } from '../../src/editor/canvas/compact-scene';
import { sceneSvg } from '../../src/editor/export/scene-image';
import { GraphBuilder } from '../../src/presets/builder';
import { addMul } from '../helpers/add-mul-layout';

const colours: SceneColours = {
  wire: '#59616f', node: '#ffffff', border: '#8a93a3', ink: '#1d2330', selected: '#1f4e9c',
  active: '#e8a400', error: '#c62828', warning: '#b86e00', value: '#1f4e9c', gradient: '#b3261e',
};

/** Half an em per character, as a stand-in for the browser's measurement of the symbol font. */
const halfEm = (text: string, size: number) => 0.5 * size * [...text].length;

/** Returns a scene of one 90 × 60 box at the origin with `symbol`, and no wires. */
function oneBox(symbol: string): CompactScene {
  const node = { id: 'n', box: { x: 0, y: 0, width: 90, height: 60 }, symbol, kind: null };
  return { nodes: [node], wires: [], byId: new Map([['n', node]]), bounds: node.box };
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('image of a large graph', () => {
  test('frame with 8 % margin', () => {
    const { svg, width, height } = sceneSvg(buildScene(addMul()), colours, halfEm);
    // The nodes span 0..690 by 0..360 flow units; 8 % of that on each side gives a frame of 800.4 by 417.6 from (-55.2, -28.8).
    expect(svg).toContain('viewBox="-55.2 -28.8 800.4 417.6"');
    expect([width, height]).toEqual([1200, 626]);
    expect(svg).toContain('width="1200" height="626"');
  });

  test('wires, boxes and symbols', () => {
    const { svg } = sceneSvg(buildScene(addMul()), colours, halfEm);
    const wires = /<path d="([^"]*)"/.exec(svg)![1];
    expect(count(wires, 'M')).toBe(4);
    // y's output at half its height, (0 + 90, 200 + 30), to q's input b two thirds down, (300, 100 + 40).
    expect(wires).toContain('M90 230L300 140');
    // One background and five boxes.
    expect(count(svg, '<rect ')).toBe(6);
    expect(svg).toContain('<rect x="300" y="100" width="90" height="60"/>');
    expect(svg).toContain('<text x="345" y="130">+</text>');
    expect(svg).toContain('<text x="645" y="230">×</text>');
    expect(count(svg, '<text ')).toBe(5);
    // 1.5 image pixels at 1.5 pixels per flow unit is one flow unit.
    expect(svg).toContain('stroke="#59616f" stroke-width="1"');
  });

  test('wide graph at 4,096 pixels', () => {
    const graph = new GraphBuilder('wide');
    graph.value('x', 'input', 1, 0, 0);
    graph.node('s', 'sigmoid', { x: 'x' }, 30000, 0);
    const { svg, width, height } = sceneSvg(buildScene(graph.build()), colours, halfEm);
    // The frame is 30,090 · 1.16 by 60 · 1.16 flow units, so a pixel spans 8.52 flow units and a 32-unit symbol 3.8 pixels.
    expect(width).toBeGreaterThanOrEqual(4095);
    expect(width).toBeLessThanOrEqual(4096);
    expect(height).toBe(Math.floor((60 * 1.16 * 4096) / (30090 * 1.16)));
    expect(svg).not.toContain('<text');
    expect(count(svg, '<rect ')).toBe(3);
  });

  test('symbol escaped and fitted', () => {
    expect(sceneSvg(oneBox('a<b&c'), colours, halfEm).svg).toContain('>a&lt;b&amp;c</text>');
    // Seven characters of half an em at 32 units are 112 units wide, more than the 82 left inside a
    // 90-unit box, so the font shrinks to 32 · 82 / 112 = 23.43 and the text is held to 82 units.
    expect(sceneSvg(oneBox('softmax'), colours, halfEm).svg).toContain('font-size="23.43" textLength="82" lengthAdjust="spacingAndGlyphs">softmax</text>');
    // Three characters are 48 units wide and keep the font's size.
    expect(sceneSvg(oneBox('max'), colours, halfEm).svg).toContain('<text x="45" y="30">max</text>');
  });

  test('empty graph', () => {
    const { svg, width, height } = sceneSvg({ nodes: [], wires: [], byId: new Map(), bounds: null }, colours, halfEm);
    expect(width).toBeGreaterThanOrEqual(1);
    expect(height).toBeGreaterThanOrEqual(1);
    expect(svg).not.toContain('<path');
    expect(svg).toContain('fill="#ffffff"');
  });
});
