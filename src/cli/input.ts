import { readFile, stat } from 'node:fs/promises';
import type { GraphDocument } from '../engine/document';
import type { LoadProblem } from '../engine/load-problems';
import { loadDocumentText, MAX_DOCUMENT_CHARS } from '../engine/load';
import { withJsonErrorPlace } from '../editor/i18n/json-error-text';
import { translateLoadProblem } from '../editor/i18n/load-problem-text';
import { registry } from '../nodes';
import { findPreset, presets } from '../presets';

/** Raised for problems the user can fix, such as a missing file; the CLI prints the message. */
export class UsageError extends Error {}

/** Resolves a command-line graph argument: a preset id, or a path to a graph document file. */
export async function readGraph(argument: string): Promise<GraphDocument> {
  const preset = findPreset(argument);
  if (preset) return preset.build();
  if (!argument.endsWith('.json')) {
    throw new UsageError(`"${argument}" is neither a preset id nor a .json file. Presets: ${presets.map((entry) => entry.id).join(', ')}.`);
  }

  const info = await stat(argument).catch(() => null);
  if (!info?.isFile()) throw new UsageError(`File "${argument}" not found.`);
  if (info.size > MAX_DOCUMENT_CHARS * 4) throw new UsageError(`File "${argument}" is ${info.size} bytes; the limit is ${MAX_DOCUMENT_CHARS * 4}.`);

  // Node keeps a leading byte order mark (U+FEFF) that the app's file import drops when it decodes the file.
  const text = (await readFile(argument, 'utf8')).replace(/^\uFEFF/, '');
  const result = loadDocumentText(text, registry);
  if (!result.ok) throw new UsageError(`File "${argument}" is not a valid graph document:\n  ${loadErrorLines(result.errors, result.problems, text).join('\n  ')}`);
  return result.document;
}

/**
 * Returns the engine's English errors with a JSON syntax error worded as the
 * app words it, which adds the line and column to the parser's character offset.
 */
function loadErrorLines(errors: readonly string[], problems: readonly (LoadProblem | null)[], text: string): string[] {
  const placed = withJsonErrorPlace(problems, text);
  return errors.map((english, index) => {
    const problem = placed[index];
    return problem?.code === 'invalid-json' ? translateLoadProblem('en', problem, english) : english;
  });
}
