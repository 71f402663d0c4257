import type { GraphDocument } from '../../engine/document';
import { decodeUrlText, trimLinkWhitespace } from '../../engine/link-text';
import { DEFAULT_PRESET_ID, findPreset, presets } from '../../presets';
import type { Message } from '../i18n/translate';
import { isLinkHash, linkReloadViewport } from '../share/open-link';
import { matchesAutosave, readAutosave, readViewport, type KeyValueStorage, type SavedViewport } from './persistence';

export interface InitialDocument {
  document: GraphDocument;
  presetId: string | null;
  notices: Message[];
  /**
   * The canvas viewport saved with the autosave, when the autosave is the
   * document shown; null when the canvas should fit the graph instead.
   */
  viewport: SavedViewport | null;
}

/**
 * Returns the preset id of a `#preset=<id>` hash, or null for any other hash.
 * Whitespace around the hash and around the percent-decoded id is ignored,
 * as it is around a share link, so "#preset=knn%20" names the preset "knn".
 */
export function presetIdFromHash(hash: string): string | null {
  const match = /^#preset=([^&]+)$/.exec(trimLinkWhitespace(hash));
  if (!match) return null;
  const id = trimLinkWhitespace(decodeUrlText(match[1]));
  return id === '' ? null : id;
}

/**
 * Chooses the first document: the preset named in the URL hash, else the
 * autosave with its viewport, else the default preset. The preset keeps the
 * saved viewport when the autosave is that preset unchanged, because the
 * editor removes the hash at the first edit, so a reload before it shows the
 * same graph. A share link in the hash opens after the first render and
 * replaces the autosave, so the saved viewport applies only when the link
 * carries the autosaved graph, which makes its second opening a reload.
 */
export function chooseInitialDocument(hash: string, storage: KeyValueStorage): InitialDocument {
  const notices: Message[] = [];

  const requested = presetIdFromHash(hash);
  if (requested !== null) {
    const preset = findPreset(requested);
    if (preset) {
      const document = preset.build();
      return { document, presetId: preset.id, notices, viewport: matchesAutosave(storage, document) ? readViewport(storage, document) : null };
    }
    notices.push({ key: 'notice.unknownPreset', params: { id: requested, ids: presets.map((p) => p.id).join(', ') } });
  }

  const autosave = readAutosave(storage);
  if (autosave.status === 'ok') {
    const presetId = autosave.presetId && findPreset(autosave.presetId) ? autosave.presetId : null;
    return { document: autosave.document, presetId, notices, viewport: isLinkHash(hash) ? linkReloadViewport(hash, storage) : readViewport(storage, autosave.document) };
  }
  if (autosave.status === 'corrupt') notices.push({ key: 'notice.corruptAutosave', params: { reason: autosave.message } });

  const preset = findPreset(DEFAULT_PRESET_ID)!;
  return { document: preset.build(), presetId: preset.id, notices, viewport: null };
}
