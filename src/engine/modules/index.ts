export { BUILTIN_MODULES, fullyConnectedModule, sigmoidModule, softmaxCrossEntropyModule } from './builtin';
export { checkModules, portsOf } from './check';
export { collapseToModule, expandModule, type CollapseResult, type ExpandResult } from './collapse';
export { renameModule, type RenameResult } from './rename';
export { MODULE_PROBLEM_CODES, type ModuleFailure, type ModuleProblem, type ModuleProblemCode } from './problem';
export { expandModules, resolveOutput, type Expansion, type FlatPort, type ModuleInstance } from './expand';
export { inputNames, MAX_MODULE_DEPTH, MODULE_KIND, moduleNameOf, outputNames, type ModuleDefinition, type ModuleLibrary, type ModulePort } from './types';
