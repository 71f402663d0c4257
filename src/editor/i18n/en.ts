/**
 * English messages. Placeholders in braces, such as {node}, are filled in by `translate`.
 * Node kind names and field terms (ReLU, sigmoid, matmul, add, max, copy) are not translated.
 */
export const en = {
  'app.title': 'Backprop Studio',
  'app.starting': 'Starting…',

  'toolbar.preset': 'Preset',
  'toolbar.customGraph': '(custom graph)',
  'toolbar.export': 'Export',
  'toolbar.exportTitle': 'Download the graph as a JSON file',
  'toolbar.import': 'Import',
  'toolbar.importTitle': 'Open a graph JSON file (or drop one onto the canvas)',
  'toolbar.language': 'Language',
  'toolbar.backend': 'Backend',

  'explanation.show': 'Show explanation',
  'explanation.hide': 'Hide explanation',

  'palette.heading': 'Nodes',
  'palette.hint': 'Drag onto the canvas, or click to add at the centre.',
  'palette.addTitle': 'Add a {kind} node',
  'category.inputs': 'Inputs',
  'category.gates': 'Gates',
  'category.math': 'Math',
  'category.activations': 'Activations',
  'category.losses': 'Losses',

  'canvas.label': 'Graph canvas',
  'node.invalidNumber': 'Not a number; enter a finite number such as -3 or 0.5.',
  'node.invalidList': 'Enter {count} numbers separated by commas.',
  'node.invalidShape': 'Enter whole numbers of at least 0 separated by commas, such as 2, 3.',
  'node.valueLabel': 'Value of {node}',
  'node.paramLabel': 'Parameter {param} of {node}',
  'node.problems': '{count} problem(s)',

  'timeline.label': 'Timeline',
  'timeline.play': 'Play',
  'timeline.pause': 'Pause',
  'timeline.stepBack': 'Step back',
  'timeline.stepForward': 'Step forward',
  'timeline.scrubber': 'Timeline position',
  'timeline.speed': 'Speed',
  'timeline.forward': 'Forward: node {node}',
  'timeline.backward': 'Backward: node {node}',
  'timeline.start': 'Before the first step',
  'timeline.count': 'step {k} / {n}',
  'timeline.legendValue': 'value (above the wire)',
  'timeline.legendGradient': 'gradient (below the wire)',

  'inspector.heading': 'Inspector',
  'inspector.empty': 'Select a node to see its formula, inputs, output and gradients.',
  'inspector.kind': 'Kind',
  'inspector.formula': 'Formula',
  'inspector.localFormulas': 'Local gradients',
  'inspector.inputs': 'Inputs',
  'inspector.noInputs': 'none',
  'inspector.output': 'Output',
  'inspector.gradient': 'Gradient of the output',
  'inspector.chainRule': 'upstream × local = downstream',
  'inspector.notWired': 'not connected',
  'inspector.notRevealed': 'not reached yet on the timeline',
  'inspector.notRun': 'not computed, because this node cannot run (see Problems)',
  'inspector.noGradient': 'no gradient (nothing downstream depends on this node)',
  'inspector.consumersSummed': 'gradients from {count} consumers summed: {parts} = {total}',
  'inspector.copySummed': 'gradients from the outputs summed: {parts} = {total}',
  'inspector.seed': 'seed',
  'inspector.patternHeading': 'Gate pattern',
  'inspector.problems': 'Problems',

  'pattern.distributes': 'add distributes: each input receives the upstream gradient unchanged.',
  'pattern.swaps': 'mul swaps: each input receives the upstream gradient times the other input.',
  'pattern.routes': 'max routes: the whole upstream gradient goes to the input that won, the others get 0.',
  'pattern.sums': 'copy sums: the gradient of the input is the sum of the gradients arriving at the outputs.',
  'pattern.scales': 'scales: the upstream gradient is multiplied by the constant c.',

  'status.label': 'Status',
  'status.backend': 'Backend: {name} ({reason})',
  'status.backendStarting': 'Backend: starting…',
  'status.noProblems': 'No problems',
  'status.dismiss': 'Dismiss',

  'backendReason.requested': '{name} was requested',
  'backendReason.gpu': 'GPU found: {renderer}',
  'backendReason.software-webgl': 'WebGL is software-rendered: {renderer}',
  'backendReason.no-webgl': 'WebGL is not available',
  'backendReason.node': 'running outside a browser',
  'backendReason.fallback': 'the preferred backend did not start',

  'notice.corruptAutosave': 'The autosaved graph could not be read and was ignored: {reason}',
  'notice.unknownPreset': 'Preset "{id}" does not exist; the known presets are {ids}.',
  'notice.runFailed': 'Running the graph failed: {message}',
  'notice.backendFailed': 'Switching the backend failed: {message}',
  'notice.storageFailed': 'The graph could not be saved in this browser: {message}',

  'loadError.title': 'Could not load "{file}". The current graph is unchanged.',
  'loadError.readFailed': 'The file could not be read: {message}',
  'loadError.dismiss': 'Dismiss',

  'errorBoundary.title': 'This panel failed to draw',
  'errorBoundary.retry': 'Try again',

  'diagnostic.unknown-kind': 'Node "{node}" has unknown kind "{kind}".',
  'diagnostic.cycle': 'Node "{node}" ({kind}) is on a cycle; remove one of its wires.',
  'diagnostic.missing-input': 'Node "{node}" ({kind}), input {port}: no wire connected; connect a value to run this node.',
  'diagnostic.blocked-by-input': 'Node "{node}" ({kind}), input {port}: node "{source}" has no value, so this node cannot run.',
  'diagnostic.shape-mismatch': 'Node "{node}" ({kind}): {reason}',
  'diagnostic.type-mismatch': 'Node "{node}" ({kind}), input {port}: expected a {expected} output, found the {found} output {source}; connect a {expected} output instead.',
  'diagnostic.label-out-of-range': 'Node "{node}" ({kind}): {reason}',
  'diagnostic.invalid-param': 'Node "{node}" ({kind}): invalid parameter. {reason}',
  'diagnostic.non-finite-value': 'Node "{node}" ({kind}) is the first node whose value is NaN or infinite although its inputs are finite; check its inputs against the domain of {kind}.',
  'diagnostic.non-finite-gradient': 'Node "{node}" ({kind}) is the first node whose gradient is NaN or infinite although its upstream gradient is finite; check its inputs against the domain of {kind}.',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

/** Short glosses shown beside kind names in the palette; English needs none. */
export const enKindGlosses: Readonly<Record<string, string>> = {};
