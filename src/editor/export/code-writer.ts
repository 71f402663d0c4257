import type { TensorData } from '../../engine/tensor';
import { axisParam, nestedList, stringLiteral, type CodePlan, type PlannedNode } from './code-plan';

/** Names of the variables that hold node values and gradients in generated code. */
export const variable = {
  /** Value of output `k` of node `i`. */
  value: (i: number, k: number) => `v${i}_${k}`,
  /** Gradient of the total with respect to output `k` of node `i`. */
  upstream: (i: number, k: number) => `g${i}_${k}`,
  /** Gradient node `i` sends back along its input `j`. */
  downstream: (i: number, j: number) => `d${i}_${j}`,
};

/** A comment line naming a node; the id is escaped, so it cannot break out of the comment. */
export function nodeComment(prefix: string, node: PlannedNode): string {
  return `${prefix} node ${stringLiteral(node.id)} (${node.kind})`;
}

/**
 * Checks that every node with inputs has a writer in `kinds` and valid
 * parameters. Returns an error message naming the first node that fails, or null.
 */
export function checkSupported(plan: CodePlan, kinds: Readonly<Record<string, unknown>>, language: string): string | null {
  for (const node of plan.nodes) {
    if (node.inputs.length === 0) continue;
    if (!(node.kind in kinds)) {
      return `Node ${stringLiteral(node.id)} (${node.kind}): the ${language} export does not support this kind yet; remove the node or export the graph as JSON.`;
    }
    if ((node.kind === 'sum' || node.kind === 'mean') && axisParam(node.params) === undefined) {
      return `Node ${stringLiteral(node.id)} (${node.kind}), parameter axis: expected "all" or an axis 0 to 7, found ${JSON.stringify(node.params.axis)}.`;
    }
  }
  return null;
}

/** Tells whether a tensor has no elements, such as the empty default of a batch node. */
export function isEmpty(value: TensorData): boolean {
  return value.data.length === 0;
}

/** Writes a tensor as nested lists, or null for an empty tensor, which needs its shape spelled out instead. */
export function tensorList(value: TensorData): string | null {
  return isEmpty(value) ? null : nestedList(value);
}

/** A Python tuple literal of a shape, such as (2,) or (3, 4). */
export function pythonShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** The seeded outputs of every sink: the terms whose elements the total adds up. */
export function seededOutputs(plan: CodePlan): string[] {
  return plan.nodes.flatMap((node) => node.seeded.flatMap((seeded, k) => (seeded ? [variable.value(node.index, k)] : [])));
}

export function skippedNote(prefix: string, plan: CodePlan): string[] {
  if (plan.skipped === 0) return [];
  return [`${prefix} ${plan.skipped} node(s) that cannot run (a missing input, a cycle or a shape error) are left out, as on the canvas.`];
}
