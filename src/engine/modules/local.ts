import type { Program } from '../compile';
import type { TensorData } from '../tensor';
import type { Trace } from '../trace';
import type { ModuleInstance } from './expand';

/**
 * Local gradient of an elementwise module: ∂out/∂input for each input, element
 * by element, by forward-mode chain rule over the inner nodes' local gradients
 * from the trace. Returns null unless the module is elementwise: one output,
 * every input and inner result with the output's element count, and every
 * inner node that is not a source recording a local gradient (elementwise kinds do).
 */
export function moduleLocal(program: Program, trace: Trace, instance: ModuleInstance): TensorData[] | null {
  if (instance.outputs.length !== 1) return null;
  const output = instance.outputs[0].source;
  const size = trace.nodes[output.node]?.outputs[0]?.data.length;
  const inner = program.order.filter((node) => instance.innerIds.has(node.id));
  if (size === undefined || inner.some((node) => node.kind.outputs.length !== 1)) return null;

  const locals: TensorData[] = [];
  for (const input of instance.inputs) {
    const wires = new Set(input.edgeIds);
    // Tangent of each inner node's output: d(node)/d(this input), elementwise.
    const tangents = new Map<string, number[]>();
    for (const node of inner) {
      if (node.inputs.length === 0) continue;
      const local = trace.nodes[node.id]?.local;
      if (!local || local.some((part) => part.data.length !== size)) return null;
      const tangent = new Array<number>(size).fill(0);
      node.inputs.forEach((binding, port) => {
        const incoming = wires.has(binding!.edge.id) ? null : tangents.get(binding!.edge.source);
        if (!wires.has(binding!.edge.id) && !incoming) return;
        for (let index = 0; index < size; index++) tangent[index] += local[port].data[index] * (incoming ? incoming[index] : 1);
      });
      tangents.set(node.id, tangent);
    }
    const result = tangents.get(output.node);
    if (!result || trace.edges[input.edgeIds[0]]?.value.data.length !== size) return null;
    locals.push({ shape: [...trace.nodes[output.node].outputs[0].shape], data: result });
  }
  return locals;
}
