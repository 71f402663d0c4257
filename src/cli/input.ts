import { readFile, stat } from 'node:fs/promises';
import type { GraphDocument } from '../engine/document';
import { loadDocumentText, MAX_DOCUMENT_CHARS } from '../engine/load';
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

  const result = loadDocumentText(await readFile(argument, 'utf8'), registry);
  if (!result.ok) throw new UsageError(`File "${argument}" is not a valid graph document:\n  ${result.errors.join('\n  ')}`);
  return result.document;
}
