import { addMul } from './add-mul';
import { gatePatterns } from './gate-patterns';
import { sigmoidGates } from './sigmoid-gates';
import { sigmoidNeuron } from './sigmoid-neuron';
import { matmulExample, softmaxTable, svmTable } from './table-presets';
import { linearSoftmax, linearSvm, mlp2, mlp6, trainingLoop } from './training-presets';
import type { Preset } from './types';
import { viewPresets } from './views/presets';

export type { Preset, LocalizedText } from './types';

/** Every preset, in menu order. */
export const presets: readonly Preset[] = [
  addMul, sigmoidNeuron, sigmoidGates, gatePatterns,
  svmTable, softmaxTable, matmulExample,
  linearSvm, linearSoftmax, mlp2, mlp6, trainingLoop,
  ...viewPresets,
];

/** The preset the app opens with when nothing else is asked for. */
export const DEFAULT_PRESET_ID = 'add-mul';

export function findPreset(id: string): Preset | undefined {
  return presets.find((preset) => preset.id === id);
}
