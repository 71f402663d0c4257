import type { Program } from './compile';

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
    slots = numberSlots(program);
    cache.set(program, slots);
  }
  return slots;
}

function numberSlots(program: Program): ProgramSlots {
  const { order } = program;
  const count = order.length;
  const outputStart = new Int32Array(count + 1);
  const inputStart = new Int32Array(count + 1);
  for (let position = 0; position < count; position++) {
    outputStart[position + 1] = outputStart[position] + order[position].kind.outputs.length;
    inputStart[position + 1] = inputStart[position] + order[position].inputs.length;
  }
  const outputs = outputStart[count];
  const inputs = inputStart[count];
  const outputOwner = new Int32Array(outputs);
  const inputOwner = new Int32Array(inputs);
  const inputSource = new Int32Array(inputs);
  const consumerStart = new Int32Array(outputs + 1);
  for (let position = 0; position < count; position++) {
    outputOwner.fill(position, outputStart[position], outputStart[position + 1]);
    const bindings = order[position].inputs;
    for (let index = 0; index < bindings.length; index++) {
      // Every input of a runnable node is bound to a runnable source.
      const binding = bindings[index]!;
      const slot = inputStart[position] + index;
      inputOwner[slot] = position;
      inputSource[slot] = outputStart[binding.sourcePosition] + binding.sourceIndex;
      consumerStart[inputSource[slot] + 1]++;
    }
  }
  for (let slot = 0; slot < outputs; slot++) consumerStart[slot + 1] += consumerStart[slot];

  const consumerInput = new Int32Array(inputs);
  const filled = consumerStart.slice(0, outputs);
  for (let slot = 0; slot < inputs; slot++) consumerInput[filled[inputSource[slot]]++] = slot;

  const slots: ProgramSlots = { outputStart, inputStart, outputOwner, inputOwner, inputSource, consumerStart, consumerInput, sink: new Uint8Array(count) };
  for (let position = 0; position < count; position++) {
    let read = false;
    for (let slot = outputStart[position]; slot < outputStart[position + 1]; slot++) {
      if (consumerStart[slot + 1] > consumerStart[slot] + 1) orderConsumers(program, slots, slot);
      read ||= consumerStart[slot + 1] > consumerStart[slot];
    }
    slots.sink[position] = order[position].inputs.length > 0 && !read ? 1 : 0;
  }
  return slots;
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
