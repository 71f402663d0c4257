import { serializeDocument, type GraphDocument } from '../engine/document';
import { loadDocumentText } from '../engine/load';
import { registry } from '../nodes';
import { findPreset } from '../presets';
import { withJsonErrorPlace } from './i18n/json-error-text';
import { translate, type Message } from './i18n/translate';
import { editorStore } from './store/use-editor';

/** Returns a file name for a document: its title with characters unsafe in file names replaced, plus ".json". */
export function exportFileName(document: GraphDocument): string {
  const base = (document.title ?? '').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim();
  return `${base || 'graph'}.json`;
}

/** Downloads the current document as a JSON file. */
export function exportDocument(): void {
  const { document } = editorStore.getState();
  const blob = new Blob([serializeDocument(document)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = window.document.createElement('a');
  link.href = url;
  link.download = exportFileName(document);
  link.click();
  // Revoked on the next task so the browser has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Returns the lecture view whose settings and graph a document contains, so
 * that a file saved from that view opens with its panel again. The graph is
 * the view's when it has the preset's nodes, by id and kind. Values,
 * positions and added nodes may differ.
 */
export function viewPresetOf(document: GraphDocument): string | null {
  const candidates = [document.views?.knn && 'knn', document.views?.race && 'optimizer-race', document.views?.bump && 'bump'];
  for (const id of candidates) {
    const preset = id ? findPreset(id) : undefined;
    if (preset && containsNodesOf(document, preset.build())) return id as string;
  }
  return null;
}

function containsNodesOf(document: GraphDocument, preset: GraphDocument): boolean {
  const kinds = new Map(document.nodes.map((node) => [node.id, node.kind]));
  return preset.nodes.every((node) => kinds.get(node.id) === node.kind);
}

/**
 * Loads a graph file chosen or dropped by the user. On success the file replaces
 * the current graph; on failure the graph stays and the load-error panel lists why.
 */
export async function importFile(file: File): Promise<void> {
  const store = editorStore.getState();
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    const text: Message = { key: 'loadError.readFailed', params: { message: error instanceof Error ? error.message : String(error) } };
    store.setLoadError({ fileName: file.name, messages: [translate('en', text.key, text.params)], problems: [text] });
    return;
  }

  const result = loadDocumentText(text, registry);
  if (result.ok) editorStore.getState().loadDocument(result.document, viewPresetOf(result.document));
  else editorStore.getState().setLoadError({ fileName: file.name, messages: result.errors, problems: withJsonErrorPlace(result.problems, text) });
}
