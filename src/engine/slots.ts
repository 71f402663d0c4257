import type { GraphEdge } from './document';

/**
 * A program's ports as numbered slots, so a run can keep its scalar values
 * and gradients in typed arrays instead of one object per value.
 *
 * Output slot `outputStart[p] + k` is output port k of the node at position
 * p of `Program.order`, and input slot `inputStart[p] + i` is its input port i
 * together with the wire into it. The wires that read output slot o are the
 * input slots `consumerInput[consumerStart[o]]` up to, not including,
 * `consumerInput[consumerStart[o + 1]]`, in the order of the source node's
 * `consumers`, which is document order.
 */
export interface ProgramSlots {
  outputStart: Int32Array;
  inputStart: Int32Array;
  /** Position of the node that owns each output slot. */
  outputOwner: Int32Array;
  /** Position of the node that owns each input slot. */
  inputOwner: Int32Array;
  /** The output slot each input slot reads. */
  inputSource: Int32Array;
  /** The index in `edges` of the wire into each input slot. */
  inputWire: Int32Array;
  /** The wires of the document with its modules expanded. */
  edges: readonly GraphEdge[];
  consumerStart: Int32Array;
  consumerInput: Int32Array;
  /** 1 for a sink: a node with inputs whose outputs no runnable node reads. */
  sink: Uint8Array;
}

/** A list of integers in a typed array that doubles when full. */
class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(capacity, 8));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** Returns the numbers pushed so far, as a view of the list's array. */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Numbers the slots of nodes in the order they are placed. Compile places
 * each node as it adds it to the program's order, while the node is likely
 * still in the processor's cache, so a large graph needs no second pass over its nodes.
 */
export class SlotNumbering {
  private readonly outputStart: IntList;
  private readonly inputStart: IntList;
  private readonly outputOwner: IntList;
  private readonly inputOwner: IntList;
  private readonly inputSource: IntList;
  private readonly inputWire: IntList;
  /** Consumers counted per output slot. */
  private readonly consumers: IntList;

  /** `edges` are the wires of the document with its modules expanded, and `nodes` its node count. */
  constructor(nodes: number, private readonly edges: readonly GraphEdge[]) {
    this.outputStart = new IntList(nodes + 1);
    this.inputStart = new IntList(nodes + 1);
    this.outputOwner = new IntList(nodes);
    this.inputOwner = new IntList(edges.length);
    this.inputSource = new IntList(edges.length);
    this.inputWire = new IntList(edges.length);
    this.consumers = new IntList(nodes);
    this.outputStart.push(0);
    this.inputStart.push(0);
  }

  /**
   * Numbers the slots of the node placed next in the order. For each input,
   * `wires` names the index in `edges` of the wire into it, `sourcePositions`
   * the position of the node that wire leaves, and `sourceOutputs` the index
   * of that node's output.
   */
  place(outputs: number, inputs: number, wires: readonly number[], sourcePositions: readonly number[], sourceOutputs: readonly number[]): void {
    const position = this.outputStart.length - 1;
    this.outputStart.push(this.outputStart.data[position] + outputs);
    this.inputStart.push(this.inputStart.data[position] + inputs);
    for (let index = 0; index < outputs; index++) {
      this.outputOwner.push(position);
      this.consumers.push(0);
    }
    for (let index = 0; index < inputs; index++) {
      // Every input of a runnable node reads a runnable source, which was placed before it.
      const source = this.outputStart.data[sourcePositions[index]] + sourceOutputs[index];
      this.inputOwner.push(position);
      this.inputSource.push(source);
      this.inputWire.push(wires[index]);
      this.consumers.data[source]++;
    }
  }

  /** Returns the slots of the placed nodes. */
  finish(): ProgramSlots {
    const count = this.outputStart.length - 1;
    const outputs = this.outputOwner.length;
    const inputs = this.inputOwner.length;
    const inputSource = this.inputSource.view();
    const inputWire = this.inputWire.view();
    const consumerStart = new Int32Array(outputs + 1);
    for (let slot = 0; slot < outputs; slot++) consumerStart[slot + 1] = consumerStart[slot] + this.consumers.data[slot];

    // Filling by wire index puts each output's consumers in document order.
    const consumerInput = new Int32Array(inputs);
    const filled = consumerStart.slice(0, outputs);
    const slotOfWire = new Int32Array(this.edges.length).fill(-1);
    for (let slot = 0; slot < inputs; slot++) slotOfWire[inputWire[slot]] = slot;
    for (const slot of slotOfWire) {
      if (slot >= 0) consumerInput[filled[inputSource[slot]]++] = slot;
    }

    const outputStart = this.outputStart.view();
    const inputStart = this.inputStart.view();
    const sink = new Uint8Array(count);
    for (let position = 0; position < count; position++) {
      let read = false;
      for (let slot = outputStart[position]; slot < outputStart[position + 1]; slot++) read ||= consumerStart[slot + 1] > consumerStart[slot];
      sink[position] = inputStart[position + 1] > inputStart[position] && !read ? 1 : 0;
    }
    return {
      outputStart, inputStart, outputOwner: this.outputOwner.view(), inputOwner: this.inputOwner.view(),
      inputSource, inputWire, edges: this.edges, consumerStart, consumerInput, sink,
    };
  }
}

/** Returns the wire into an input slot. */
export function edgeOf(slots: ProgramSlots, inputSlot: number): GraphEdge {
  return slots.edges[slots.inputWire[inputSlot]];
}
