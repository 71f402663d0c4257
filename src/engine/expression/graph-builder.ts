import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type GraphDocument, type GraphEdge, type GraphNode } from '../document';
import type { Params } from '../types';

/** Horizontal distance between depth columns and vertical distance between rows, in canvas pixels. */
const COLUMN_WIDTH = 220;
const ROW_HEIGHT = 120;

/**
 * Collects the nodes and wires of a graph under construction and lays them out
 * left to right. A node's column is the length of the longest path from a
 * source to it, and nodes in a column are stacked in the order they were added.
 */
export class ExpressionGraph {
  private readonly nodes: GraphNode[] = [];
  private readonly edges: GraphEdge[] = [];
  private readonly usedIds: Set<string>;
  private readonly counters = new Map<string, number>();

  /** `reserved` contains ids the generated ids must avoid, such as variable names. */
  constructor(reserved: Iterable<string>) {
    this.usedIds = new Set(reserved);
  }

  /** Adds a node with a fresh id such as "multiply2" and wires `inputs` (port → source node id). */
  addOperation(kind: string, inputs: Record<string, string>, params: Params = {}): string {
    const id = this.freshId(kind);
    this.addNode(id, kind, params);
    for (const [port, source] of Object.entries(inputs)) {
      this.edges.push({ id: `${source}.out->${id}.${port}`, source, sourcePort: 'out', target: id, targetPort: port });
    }
    return id;
  }

  /** Adds a source node holding one number, under a given id or a fresh one. */
  addSource(kind: 'input' | 'constant', value: number, id = this.freshId(kind)): string {
    this.addNode(id, kind, { value: { shape: [], data: [value] } });
    return id;
  }

  build(title: string): GraphDocument {
    const depth = this.depths();
    const rows = new Map<number, number>();
    const nodes = this.nodes.map((node) => {
      const column = depth.get(node.id)!;
      const row = rows.get(column) ?? 0;
      rows.set(column, row + 1);
      return { ...node, position: { x: column * COLUMN_WIDTH, y: row * ROW_HEIGHT } };
    });
    return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, title, nodes, edges: [...this.edges] };
  }

  private addNode(id: string, kind: string, params: Params): void {
    this.usedIds.add(id);
    this.nodes.push({ id, kind, params, position: { x: 0, y: 0 } });
  }

  private freshId(kind: string): string {
    let count = this.counters.get(kind) ?? 0;
    let id: string;
    do {
      count += 1;
      id = `${kind}${count}`;
    } while (this.usedIds.has(id));
    this.counters.set(kind, count);
    return id;
  }

  /** Longest path from a source to each node; nodes are added after their inputs, so one pass suffices. */
  private depths(): Map<string, number> {
    const depth = new Map<string, number>();
    for (const node of this.nodes) {
      const incoming = this.edges.filter((edge) => edge.target === node.id);
      depth.set(node.id, incoming.length === 0 ? 0 : 1 + Math.max(...incoming.map((edge) => depth.get(edge.source)!)));
    }
    return depth;
  }
}
