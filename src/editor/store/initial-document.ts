import type { GraphDocument } from '../../engine/document';
import { DEFAULT_PRESET_ID, findPreset, presets } from '../../presets';
import type { Message } from '../i18n/translate';
import { readAutosave, type KeyValueStorage } from './persistence';

export interface InitialDocument {
  document: GraphDocument;
  presetId: string | null;
  notices: Message[];
}

/** Returns the preset id of a `#preset=<id>` hash, or null for any other hash. */
export function presetIdFromHash(hash: string): string | null {
  const match = /^#preset=([^&]+)$/.exec(hash);
  return match ? decodeURIComponent(match[1]) : null;
}

/** Chooses the first document: the preset named in the URL hash, else the autosave, else the default preset. */
export function chooseInitialDocument(hash: string, storage: KeyValueStorage): InitialDocument {
  const notices: Message[] = [];

  const requested = presetIdFromHash(hash);
  if (requested !== null) {
    const preset = findPreset(requested);
    if (preset) return { document: preset.build(), presetId: preset.id, notices };
    notices.push({ key: 'notice.unknownPreset', params: { id: requested, ids: presets.map((p) => p.id).join(', ') } });
  }

  const autosave = readAutosave(storage);
  if (autosave.status === 'ok') {
    const presetId = autosave.presetId && findPreset(autosave.presetId) ? autosave.presetId : null;
    return { document: autosave.document, presetId, notices };
  }
  if (autosave.status === 'corrupt') notices.push({ key: 'notice.corruptAutosave', params: { reason: autosave.reason } });

  const preset = findPreset(DEFAULT_PRESET_ID)!;
  return { document: preset.build(), presetId: preset.id, notices };
}
