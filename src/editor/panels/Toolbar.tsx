import { useRef, type ChangeEvent } from 'react';
import type { BackendName } from '../../engine/backend';
import { presets } from '../../presets';
import { backendNames, switchBackend } from '../backend/setup';
import { uiStore } from '../commands/ui-store';
import { ExportMenu } from '../export/ExportMenu';
import { exportDocument, importFile } from '../files';
import { isLanguage, languageNames, languages } from '../i18n/translate';
import { useT } from '../i18n/use-t';
import { EditButtons } from '../menus/EditButtons';
import { ViewMenu } from '../projector/ViewMenu';
import { LectureBadge } from '../share/LectureBadge';
import { editorStore, useEditor } from '../store/use-editor';
import { TeachingTools } from '../teaching/TeachingTools';
import { setPresetHash } from '../url';

/** Presets, undo and redo, import, export and sharing, language and backend. */
export function Toolbar() {
  const t = useT();
  const language = useEditor((state) => state.language);
  const presetId = useEditor((state) => state.presetId);
  const backend = useEditor((state) => state.backend);
  const fileInput = useRef<HTMLInputElement>(null);

  const choosePreset = (event: ChangeEvent<HTMLSelectElement>) => {
    const id = event.target.value;
    if (editorStore.getState().loadPreset(id)) setPresetHash(id);
  };
  const chooseFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void importFile(file);
  };
  const chooseLanguage = (event: ChangeEvent<HTMLSelectElement>) => {
    if (isLanguage(event.target.value)) editorStore.getState().setLanguage(event.target.value);
  };

  return (
    <header className="toolbar">
      <h1 className="app-title">{t('app.title')}</h1>
      <LectureBadge />
      <label>
        {t('toolbar.preset')}
        <select data-testid="preset-menu" value={presetId ?? ''} onChange={choosePreset}>
          {presetId === null && <option value="" disabled>{t('toolbar.customGraph')}</option>}
          {presets.map((preset) => (
            <option key={preset.id} value={preset.id}>{preset.title[language]}</option>
          ))}
        </select>
      </label>
      <EditButtons />
      <button type="button" data-testid="import" title={t('toolbar.importTitle')} onClick={() => fileInput.current?.click()}>
        {t('toolbar.import')}
      </button>
      <input ref={fileInput} type="file" accept=".json,application/json" data-testid="import-file" hidden onChange={chooseFile} />
      <button type="button" data-testid="export" title={t('toolbar.exportTitle')} onClick={exportDocument}>
        {t('toolbar.export')}
      </button>
      <ExportMenu />
      <button type="button" data-testid="share" title={t('toolbar.shareTitle')} onClick={() => uiStore.setState({ dialog: 'share' })}>
        {t('toolbar.share')}
      </button>
      <TeachingTools />
      <ViewMenu />
      <span className="toolbar-spacer" />
      <label>
        {t('toolbar.language')}
        <select data-testid="language" value={language} onChange={chooseLanguage}>
          {languages.map((code) => (
            <option key={code} value={code}>{languageNames[code]}</option>
          ))}
        </select>
      </label>
      <label>
        {t('toolbar.backend')}
        <select
          data-testid="backend-select"
          value={backend.status === 'ready' ? backend.choice.name : ''}
          disabled={backend.status !== 'ready'}
          onChange={(event) => void switchBackend(event.target.value as BackendName)}
        >
          {backend.status !== 'ready' && <option value="">{t('app.starting')}</option>}
          {backendNames.map((name) => (
            <option key={name} value={name}>{name}</option>
          ))}
        </select>
      </label>
    </header>
  );
}
