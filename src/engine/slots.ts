import type { CompiledNode, Program } from './compile';

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
  consumerStart: Int32Array;
  consumerInput: Int32Array;
  /** 1 for a sink: a node with inputs whose outputs no runnable node reads. */
  sink: Uint8Array;
}

const cache = new WeakMap<Program, ProgramSlots>();

/** Returns the slots of a program, numbered on the first call and kept while the program lives. */
export function slotsOf(program: Program): ProgramSlots {
  let slots = cache.get(program);
  if (!slots) {
    const numbering = new SlotNumbering();
    for (const node of program.order) numbering.place(node);
    slots = numbering.finish(program);
  }
  return slots;
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
  /** Consumers counted per output slot. */
  private readonly consumers: IntList;
  /** The document's index of the wire into each input slot, when the placing caller names them. */
  private readonly inputWire: IntList | null;

  /**
   * With `wires`, the document's wire count, each placed node names the wire
   * into each input. The consumers of an output are then sorted by wire index,
   * which needs no lookup of each consumer's node.
   */
  constructor(nodes = 0, private readonly wires = -1) {
    this.outputStart = new IntList(nodes + 1);
    this.inputStart = new IntList(nodes + 1);
    this.outputOwner = new IntList(nodes);
    this.inputOwner = new IntList(wires);
    this.inputSource = new IntList(wires);
    this.consumers = new IntList(nodes);
    this.inputWire = wires >= 0 ? new IntList(wires) : null;
    this.outputStart.push(0);
    this.inputStart.push(0);
  }

  /**
   * Numbers the slots of the node placed next in the order. Its position must
   * be the count placed so far. `wires` lists the document's index of the wire
   * into each input, and is required when the numbering was given a wire count.
   * `sourcePositions` and `sourceOutputs` name the node and output each input
   * reads; without them, they are read from the node's input bindings.
   */
  place(node: CompiledNode, wires?: readonly number[], sourcePositions?: readonly number[], sourceOutputs?: readonly number[]): void {
    const position = this.outputStart.length - 1;
    const outputs = node.kind.outputs.length;
    this.outputStart.push(this.outputStart.data[position] + outputs);
    this.inputStart.push(this.inputStart.data[position] + node.kind.inputs.length);
    for (let index = 0; index < outputs; index++) {
      this.outputOwner.push(position);
      this.consumers.push(0);
    }
    const inputs = node.kind.inputs.length;
    for (let index = 0; index < inputs; index++) {
      // Every input of a runnable node is bound to a runnable source, which was placed before it.
      const binding = sourcePositions ? null : node.inputs[index]!;
      const source = binding
        ? this.outputStart.data[binding.sourcePosition] + binding.sourceIndex
        : this.outputStart.data[sourcePositions![index]] + sourceOutputs![index];
      this.inputOwner.push(position);
      this.inputSource.push(source);
      this.consumers.data[source]++;
      this.inputWire?.push(wires![index]);
    }
  }

  /** Returns the slots of the placed nodes, which must be all of the program's order, and keeps them for `slotsOf`. */
  finish(program: Program): ProgramSlots {
    const count = this.outputStart.length - 1;
    const outputs = this.outputOwner.length;
    const inputs = this.inputOwner.length;
    const inputSource = this.inputSource.view();
    const consumerStart = new Int32Array(outputs + 1);
    for (let slot = 0; slot < outputs; slot++) consumerStart[slot + 1] = consumerStart[slot] + this.consumers.data[slot];

    const consumerInput = new Int32Array(inputs);
    const filled = consumerStart.slice(0, outputs);
    if (this.inputWire) {
      // Filling by wire index puts each output's consumers in document order.
      const slotOfWire = new Int32Array(this.wires).fill(-1);
      for (let slot = 0; slot < inputs; slot++) slotOfWire[this.inputWire.data[slot]] = slot;
      for (const slot of slotOfWire) {
        if (slot >= 0) consumerInput[filled[inputSource[slot]]++] = slot;
      }
    } else {
      for (let slot = 0; slot < inputs; slot++) consumerInput[filled[inputSource[slot]]++] = slot;
    }

    const slots: ProgramSlots = {
      outputStart: this.outputStart.view(), inputStart: this.inputStart.view(),
      outputOwner: this.outputOwner.view(), inputOwner: this.inputOwner.view(),
      inputSource, consumerStart, consumerInput, sink: new Uint8Array(count),
    };
    const { outputStart, inputStart } = slots;
    for (let position = 0; position < count; position++) {
      let read = false;
      for (let slot = outputStart[position]; slot < outputStart[position + 1]; slot++) {
        if (!this.inputWire && consumerStart[slot + 1] > consumerStart[slot] + 1) orderConsumers(program, slots, slot);
        read ||= consumerStart[slot + 1] > consumerStart[slot];
      }
      slots.sink[position] = inputStart[position + 1] > inputStart[position] && !read ? 1 : 0;
    }
    cache.set(program, slots);
    return slots;
  }
}

/**
 * Puts the consumers of an output slot, which counting placed in the order of
 * their nodes' positions, into the order of the source node's `consumers`.
 */
function orderConsumers(program: Program, slots: ProgramSlots, outputSlot: number): void {
  const owner = slots.outputOwner[outputSlot];
  const wires = program.order[owner].consumers[outputSlot - slots.outputStart[owner]];
  let next = slots.consumerStart[outputSlot];
  for (const wire of wires) {
    const target = program.nodes.get(wire.target);
    if (!target) continue;
    // Only the wire bound to a target's input carries a gradient back.
    const index = target.inputs.findIndex((binding) => binding?.edge === wire);
    if (index >= 0) slots.consumerInput[next++] = slots.inputStart[target.position] + index;
  }
}

/** Returns the wire into an input slot. */
export function edgeOf(program: Program, slots: ProgramSlots, inputSlot: number) {
  const owner = slots.inputOwner[inputSlot];
  return program.order[owner].inputs[inputSlot - slots.inputStart[owner]]!.edge;
}
