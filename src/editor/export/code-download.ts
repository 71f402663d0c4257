import type { Program } from '../../engine/compile';
import type { Trace } from '../../engine/trace';
import type { CodeResult } from './code-plan';
import { numpyCode } from './numpy';
import { pytorchCode } from './pytorch';
import { tfjsCode } from './tfjs';

export type CodeLanguage = 'numpy' | 'pytorch' | 'tfjs';

const writers: Readonly<Record<CodeLanguage, { write(program: Program, trace: Trace): CodeResult; extension: string; type: string }>> = {
  numpy: { write: numpyCode, extension: '.py', type: 'text/x-python' },
  pytorch: { write: pytorchCode, extension: '-pytorch.py', type: 'text/x-python' },
  tfjs: { write: tfjsCode, extension: '.mjs', type: 'text/javascript' },
};

export interface CodeFile {
  text: string;
  extension: string;
  type: string;
}

/** Writes the graph as code, or returns why it cannot; the editor needs a compiled program and its trace. */
export function writeCodeFile(language: CodeLanguage, program: Program | null, trace: Trace | null): CodeFile | { message: string } {
  if (!program || !trace) return { message: 'the graph has not been computed yet; wait until the backend has started' };
  const writer = writers[language];
  const result = writer.write(program, trace);
  return result.ok ? { text: result.code, extension: writer.extension, type: writer.type } : { message: result.message };
}
