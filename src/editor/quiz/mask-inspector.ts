import type { GraphDocument } from '../../engine/document';
import { hiddenIndex, isHidden, portKey } from '../../engine/quiz';
import type { InspectorModel } from '../panels/inspector-model';

/** Text the inspector shows in place of a number the quiz hides. */
export const HIDDEN_TEXT = '?';

/**
 * Replaces every number of an inspector model that the quiz still hides with
 * "?": input and output values, gradients and their parts, and the chain-rule
 * lines. A local gradient is computed from the node's values, so it is hidden
 * whenever a value of the node is. Returns the same model when nothing is hidden.
 */
export function maskInspectorModel(model: InspectorModel, document: GraphDocument, revealed: ReadonlySet<string>): InspectorModel {
  const index = hiddenIndex(document);
  if (index.values.size === 0 && index.portGradients.size === 0) return model;
  const { nodeId } = model;
  const inputEdge = (port: string) => document.edges.find((edge) => edge.target === nodeId && edge.targetPort === port);
  const hides = (keys: readonly string[] | undefined) => isHidden(keys, revealed);
  const mask = (text: string, hidden: boolean) => (hidden ? HIDDEN_TEXT : text);

  const inputHidden = (port: string) => {
    const edge = inputEdge(port);
    return edge !== undefined && hides(index.edgeValues.get(edge.id));
  };
  const downstreamHidden = (port: string) => {
    const edge = inputEdge(port);
    return edge !== undefined && hides(index.edgeGradients.get(edge.id));
  };
  const outputHidden = (port: string) => hides(index.values.get(portKey(nodeId, port)));
  const gradientHidden = (port: string) => hides(index.portGradients.get(portKey(nodeId, port)));
  const anyValueHidden = model.inputs.some((input) => inputHidden(input.port)) || model.kind.outputs.some((port) => outputHidden(port.name));
  const firstOutput = model.kind.outputs[0]?.name ?? 'out';

  return {
    ...model,
    inputs: model.inputs.map((input) => (input.value !== null && inputHidden(input.port) ? { ...input, value: HIDDEN_TEXT } : input)),
    outputs: model.outputs?.map((output) => ({ ...output, value: mask(output.value, outputHidden(output.port)) })) ?? null,
    gradients:
      model.gradients?.map((gradient) => {
        const hidden = gradientHidden(gradient.port);
        const parts = gradient.parts.map((part) => ({ ...part, value: mask(part.value, hidden || (part.edgeId !== null && hides(index.edgeGradients.get(part.edgeId)))) }));
        return { ...gradient, total: mask(gradient.total, hidden), parts };
      }) ?? null,
    chain:
      model.chain?.map((line) => ({
        ...line,
        upstream: mask(line.upstream, gradientHidden(firstOutput)),
        local: mask(line.local, anyValueHidden),
        downstream: mask(line.downstream, downstreamHidden(line.port) || gradientHidden(firstOutput)),
      })) ?? null,
    downstream: model.downstream?.map((input) => ({ ...input, value: mask(input.value, downstreamHidden(input.port)) })) ?? null,
  };
}
