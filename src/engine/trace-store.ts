import type { Program } from './compile';
import type { Diagnostic } from './diagnostics';
import { findSinks, isSeeded } from './pass';
import { edgeOf, type ProgramSlots } from './slots';
import type { TensorData } from './tensor';
import type { EdgeTrace, NodeTrace, Trace, TraceStep, UpstreamPart } from './trace';
import { NO_PARTS, NO_RECORDS, scalarRecord, seedRecord } from './trace-records';

/** Records read back from the tensors of a node that ran on tensors. */
export interface TensorRecords {
  outputs: TensorData[];
  upstream: TensorData[] | null;
  local: TensorData[] | null;
  downstream: TensorData[] | null;
}

/** Records built on first read and kept by slot, so a record read twice is the same object. */
class RecordCache<T> {
  private records: (T | undefined)[] = [];

  /** Returns the record of `slot`, built by `build` on the first call. */
  get(slot: number, build: () => T): T {
    let record = this.records[slot];
    if (record === undefined) {
      record = build();
      this.records[slot] = record;
    }
    return record;
  }
}

/**
 * Every value and gradient of one run, by slot (see ProgramSlots). Scalars are
 * numbers in typed arrays, so a large scalar graph leaves a few arrays behind
 * instead of several objects per node, which the garbage collector would copy.
 * A node that ran on tensors keeps its records. Trace records are built when
 * read and kept, so a record read twice is the same object.
 */
export class TraceStore {
  /** Value of each output slot whose output is a scalar. */
  readonly values: Float64Array;
  /** Upstream gradient of each output slot of a scalar node that ran backward. */
  readonly upstream: Float64Array;
  /** Local gradient of each input slot of a scalar node whose kind has local gradients. */
  readonly local: Float64Array;
  /** Gradient sent back along the wire of each input slot, where it is a scalar. */
  readonly gradient: Float64Array;
  /** 1 where the input slot's target ran backward, so its wire carries a gradient. */
  readonly hasGradient: Uint8Array;
  /** 1 for a node that ran backward, by position. */
  readonly ranBackward: Uint8Array;
  /** 1 for a scalar node whose local gradients are in `local`, by position. */
  readonly hasLocal: Uint8Array;
  /** Records of the nodes that ran on tensors, by position. */
  readonly tensorRecords: (TensorRecords | undefined)[];

  private readonly outputRecords = new RecordCache<TensorData>();
  private readonly gradientRecords = new RecordCache<TensorData>();
  private readonly nodeRecords = new RecordCache<NodeTrace>();
  private readonly edgeRecords = new RecordCache<EdgeTrace>();

  constructor(readonly program: Program, readonly slots: ProgramSlots) {
    const count = program.order.length;
    const outputs = slots.outputStart[count];
    const inputs = slots.inputStart[count];
    this.values = new Float64Array(outputs);
    this.upstream = new Float64Array(outputs);
    this.local = new Float64Array(inputs);
    this.gradient = new Float64Array(inputs);
    this.hasGradient = new Uint8Array(inputs);
    this.ranBackward = new Uint8Array(count);
    this.hasLocal = new Uint8Array(count);
    this.tensorRecords = new Array(count);
  }

  /** Returns the record of an output slot's value. */
  outputRecord(slot: number): TensorData {
    return this.outputRecords.get(slot, () => this.outputRecordIfTensor(slot) ?? scalarRecord(this.values[slot]));
  }

  /** Returns the record of an output slot's value when its node ran on tensors, else null, because the value is then in `values`. */
  outputRecordIfTensor(slot: number): TensorData | null {
    const owner = this.slots.outputOwner[slot];
    return this.tensorRecords[owner]?.outputs[slot - this.slots.outputStart[owner]] ?? null;
  }

  /** Returns the record of the gradient sent back along an input slot's wire. Only for a slot with `hasGradient`. */
  gradientRecord(slot: number): TensorData {
    return this.gradientRecords.get(slot, () => {
      const owner = this.slots.inputOwner[slot];
      const tensor = this.tensorRecords[owner];
      return tensor ? tensor.downstream![slot - this.slots.inputStart[owner]] : scalarRecord(this.gradient[slot]);
    });
  }

  /** Returns the trace record of the node at `position`. */
  nodeRecord(position: number): NodeTrace {
    return this.nodeRecords.get(position, () => this.buildNodeRecord(position));
  }

  /** Returns the trace record of the wire into an input slot. */
  edgeRecord(slot: number): EdgeTrace {
    return this.edgeRecords.get(slot, () => ({
      value: this.outputRecord(this.slots.inputSource[slot]),
      gradient: this.hasGradient[slot] ? this.gradientRecord(slot) : null,
    }));
  }

  /** Lists the parts of an output slot's upstream gradient: each consumer's gradient, then a sink's seed. */
  upstreamParts(slot: number): UpstreamPart[] {
    const { slots } = this;
    const parts: UpstreamPart[] = [];
    for (let index = slots.consumerStart[slot]; index < slots.consumerStart[slot + 1]; index++) {
      const input = slots.consumerInput[index];
      if (this.hasGradient[input]) parts.push({ edgeId: edgeOf(slots, input).id, gradient: this.gradientRecord(input) });
    }
    const owner = slots.outputOwner[slot];
    if (slots.sink[owner] && isSeeded(this.program.order[owner], slot - slots.outputStart[owner])) {
      parts.push({ edgeId: null, gradient: seedRecord(this.outputRecord(slot)) });
    }
    return parts;
  }

  private buildNodeRecord(position: number): NodeTrace {
    const { outputStart, inputStart } = this.slots;
    const outputs = this.records(outputStart[position], outputStart[position + 1], (slot) => this.outputRecord(slot));
    if (!this.ranBackward[position]) return { outputs, upstream: null, upstreamParts: NO_PARTS, local: null, downstream: null };

    const tensor = this.tensorRecords[position];
    const upstreamParts: UpstreamPart[][] = [];
    for (let slot = outputStart[position]; slot < outputStart[position + 1]; slot++) upstreamParts.push(this.upstreamParts(slot));
    const scalarsOf = (values: Float64Array) => (slot: number) => scalarRecord(values[slot]);
    const start = inputStart[position];
    const end = inputStart[position + 1];
    let local: TensorData[] | null = null;
    if (tensor) local = tensor.local;
    else if (this.hasLocal[position]) local = this.records(start, end, scalarsOf(this.local));
    return {
      outputs,
      upstream: tensor ? tensor.upstream : this.records(outputStart[position], outputStart[position + 1], scalarsOf(this.upstream)),
      upstreamParts,
      local,
      downstream: start === end ? NO_RECORDS : this.records(start, end, (slot) => this.gradientRecord(slot)),
    };
  }

  private records(start: number, end: number, record: (slot: number) => TensorData): TensorData[] {
    const list: TensorData[] = new Array(end - start);
    for (let slot = start; slot < end; slot++) list[slot - start] = record(slot);
    return list;
  }

  /** Returns the forward steps in topological order, then the backward steps in reverse order. */
  steps(): TraceStep[] {
    const { order } = this.program;
    const steps: TraceStep[] = order.map((node) => ({ phase: 'forward', nodeId: node.id }));
    for (let position = order.length - 1; position >= 0; position--) {
      if (this.ranBackward[position]) steps.push({ phase: 'backward', nodeId: order[position].id });
    }
    return steps;
  }

}

/**
 * Returns the trace of a finished run. Its `nodes` and `edges` are views that
 * build each record on first read from the run's typed arrays.
 * Records written into `nodes` or `edges` (as the module summary does) replace
 * the built ones, and `steps` is built on first read and may be replaced.
 */
export function traceOf(store: TraceStore, diagnostics: Diagnostic[]): Trace {
  const { program, slots } = store;
  // Input slots by wire id, built when a wire is first looked up.
  let edgeSlots: Map<string, number> | null = null;
  const slotsByEdgeId = (): Map<string, number> => {
    if (!edgeSlots) {
      edgeSlots = new Map();
      for (let slot = 0; slot < slots.inputOwner.length; slot++) edgeSlots.set(edgeOf(slots, slot).id, slot);
    }
    return edgeSlots;
  };
  const positionOf = (id: string) => program.nodes.get(id)?.position;
  const nodes = recordView<NodeTrace>(positionOf, (position) => store.nodeRecord(position), () => program.nodes.keys());
  const edges = recordView<EdgeTrace>((id) => slotsByEdgeId().get(id), (slot) => store.edgeRecord(slot), () => slotsByEdgeId().keys());

  let steps: TraceStep[] | null = null;
  const trace = { nodes, edges, sinks: findSinks(program), diagnostics } as Omit<Trace, 'steps'> as Trace;
  Object.defineProperty(trace, 'steps', {
    enumerable: true,
    get: () => (steps ??= store.steps()),
    set: (replaced: TraceStep[]) => {
      steps = replaced;
    },
  });
  return trace;
}

/**
 * Returns a `Record<string, T>` whose entries are built on first read:
 * `indexOf` maps a key to a slot, and `build` returns the slot's record.
 * Keys list in the order `keys` gives, then keys written later.
 */
function recordView<T>(indexOf: (key: string) => number | undefined, build: (index: number) => T, keys: () => Iterable<string>): Record<string, T> {
  const written = new Map<string, T>();
  const deleted = new Set<string>();
  const read = (key: string): T | undefined => {
    if (written.has(key)) return written.get(key);
    const index = deleted.has(key) ? undefined : indexOf(key);
    return index === undefined ? undefined : build(index);
  };
  const has = (key: string) => written.has(key) || (!deleted.has(key) && indexOf(key) !== undefined);
  const write = (key: string, value: T) => {
    written.set(key, value);
    deleted.delete(key);
    return true;
  };
  return new Proxy({} as Record<string, T>, {
    // Keys that are not records, such as "constructor", read as on a plain object.
    get: (target, key) => (typeof key === 'string' ? read(key) : undefined) ?? Reflect.get(target, key),
    has: (target, key) => (typeof key === 'string' ? has(key) : Reflect.has(target, key)),
    set: (_target, key, value: T) => typeof key === 'string' && write(key, value),
    defineProperty: (_target, key, descriptor) => typeof key === 'string' && 'value' in descriptor && write(key, descriptor.value as T),
    deleteProperty: (_target, key) => {
      if (typeof key !== 'string') return false;
      written.delete(key);
      deleted.add(key);
      return true;
    },
    ownKeys: () => {
      const listed: string[] = [];
      for (const key of keys()) {
        if (!deleted.has(key)) listed.push(key);
      }
      for (const key of written.keys()) {
        if (indexOf(key) === undefined || deleted.has(key)) listed.push(key);
      }
      return listed;
    },
    getOwnPropertyDescriptor: (_target, key) => {
      if (typeof key !== 'string' || !has(key)) return undefined;
      return { value: read(key), writable: true, enumerable: true, configurable: true };
    },
  });
}
