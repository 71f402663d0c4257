import type { GraphDocument } from '../../engine/document';
import { GraphBuilder } from '../builder';
import type { Bump } from './bump';
import { RACE_START, RAVINE } from './race';

/**
 * Both distances between a test point q and a training point p as gates:
 * L1 = |qx − px| + |qy − py| with |d| = max(d, −d), and the squared L2 distance
 * (qx − px)² + (qy − py)². Both are sinks, so each gradient is of their sum.
 */
export function buildDistanceGraph(): GraphDocument {
  return new GraphBuilder('L1 and squared L2 distance between two points')
    .value('qx', 'input', 0.2, 0, 0)
    .value('px', 'input', -0.4, 0, 140)
    .value('qy', 'input', 0.5, 0, 320)
    .value('py', 'input', -0.3, 0, 460)
    .node('dx', 'subtract', { a: 'qx', b: 'px' }, 260, 60)
    .node('dy', 'subtract', { a: 'qy', b: 'py' }, 260, 380)
    .node('ndx', 'negate', { x: 'dx' }, 500, 0)
    .node('ndy', 'negate', { x: 'dy' }, 500, 440)
    .node('adx', 'max', { a: 'dx', b: 'ndx' }, 740, 60)
    .node('ady', 'max', { a: 'dy', b: 'ndy' }, 740, 380)
    .node('L1', 'add', { a: 'adx', b: 'ady' }, 980, 220)
    .node('dx2', 'multiply', { a: 'dx', b: 'dx' }, 500, 160)
    .node('dy2', 'multiply', { a: 'dy', b: 'dy' }, 500, 290)
    .node('L2sq', 'add', { a: 'dx2', b: 'dy2' }, 740, 220)
    .build();
}

/** Node ids of the one-bump graph: the four shifted ReLUs and the output scale. */
export const BUMP_NODES = { input: 'x', shifts: ['xa', 'xa2', 'xb2', 'xb'], output: 'f' } as const;

/**
 * Builds one bump as gates: four add-constant nodes shift x by −a, −(a + ramp),
 * −(b − ramp) and −b, four ReLUs, (r1 − r2) + (r4 − r3), and a final
 * multiply-constant by height / ramp.
 */
export function buildBumpGraph(bump: Bump, x: number): GraphDocument {
  const shifts = [-bump.start, -(bump.start + bump.ramp), -(bump.end - bump.ramp), -bump.end];
  const graph = new GraphBuilder('One bump from four ReLUs').value(BUMP_NODES.input, 'input', x, 0, 300);
  BUMP_NODES.shifts.forEach((id, i) => {
    graph.node(id, 'add-constant', { x: BUMP_NODES.input }, 260, i * 200, { c: shifts[i] });
    graph.node(`r${i + 1}`, 'relu', { x: id }, 520, i * 200);
  });
  return graph
    .node('rise', 'subtract', { a: 'r1', b: 'r2' }, 780, 100)
    .node('fall', 'subtract', { a: 'r4', b: 'r3' }, 780, 500)
    .node('bump', 'add', { a: 'rise', b: 'fall' }, 1020, 300)
    .node(BUMP_NODES.output, 'multiply-constant', { x: 'bump' }, 1260, 300, { c: bump.height / bump.ramp })
    .build();
}

/** Constants of the one-bump graph, read back from its nodes, which compute s · (ReLU(x + c1) − ReLU(x + c2) − ReLU(x + c3) + ReLU(x + c4)). */
export interface BumpGraphTerms {
  shifts: [number, number, number, number];
  scale: number;
  x: number;
}

/** Reads the constants of the one-bump graph, or returns null when a node is missing or contains no number. */
export function bumpTermsOf(document: GraphDocument): BumpGraphTerms | null {
  const param = (id: string, name: string): number | null => {
    const value = document.nodes.find((node) => node.id === id)?.params[name];
    if (typeof value === 'number') return value;
    if (value && typeof value === 'object' && 'data' in value && Array.isArray(value.data) && value.data.length === 1) return Number(value.data[0]);
    return null;
  };
  const shifts = BUMP_NODES.shifts.map((id) => param(id, 'c'));
  const scale = param(BUMP_NODES.output, 'c');
  const x = param(BUMP_NODES.input, 'value');
  if (shifts.some((shift) => shift === null) || scale === null || x === null) return null;
  return { shifts: shifts as BumpGraphTerms['shifts'], scale, x };
}

export function bumpTermsValue({ shifts, scale }: BumpGraphTerms, x: number): number {
  const relu = (value: number) => Math.max(0, value);
  return scale * (relu(x + shifts[0]) - relu(x + shifts[1]) - relu(x + shifts[2]) + relu(x + shifts[3]));
}

/** Builds the ravine f = a·x² + b·y² as gates, with x and y as parameters at the race's start point. */
export function buildRavineGraph(): GraphDocument {
  return new GraphBuilder('Loss surface f = a·x² + b·y²')
    .value('x', 'parameter', RACE_START[0], 0, 0)
    .value('y', 'parameter', RACE_START[1], 0, 300)
    .node('x2', 'multiply', { a: 'x', b: 'x' }, 280, 0)
    .node('y2', 'multiply', { a: 'y', b: 'y' }, 280, 300)
    .node('ax2', 'multiply-constant', { x: 'x2' }, 540, 0, { c: RAVINE.a })
    .node('by2', 'multiply-constant', { x: 'y2' }, 540, 300, { c: RAVINE.b })
    .node('f', 'add', { a: 'ax2', b: 'by2' }, 800, 150)
    .build();
}
