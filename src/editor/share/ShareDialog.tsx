import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { serializeDocument } from '../../engine/document';
import type { TensorData } from '../../engine/tensor';
import { appEnvironment } from '../commands/environment';
import { uiStore, useUi } from '../commands/ui-store';
import { baseFileName, downloadBlob } from '../export/download';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/use-t';
import { ModalDialog } from '../menus/ModalDialog';
import { useEditor } from '../store/use-editor';
import { trainingController, useTraining } from '../training/use-training';
import { defaultShareOptions, LONG_LINK_CHARS, MAX_RELIABLE_LINK_CHARS, shareFragment, sharedDocument, type ShareOptions } from './share-link';
import './share.css';

const close = () => uiStore.setState({ dialog: null });

const lectureChoices: readonly { option: keyof ShareOptions; label: MessageKey }[] = [
  { option: 'hidePalette', label: 'share.hidePalette' },
  { option: 'hideInspector', label: 'share.hideInspector' },
  { option: 'hidePanels', label: 'share.hideSidePanels' },
  { option: 'lockEditing', label: 'share.lockEditing' },
  { option: 'autoplay', label: 'share.autoplay' },
  { option: 'projector', label: 'share.projector' },
];

/** The share dialog, opened by the toolbar's Share button. */
export function ShareDialog() {
  const open = useUi((state) => state.dialog === 'share');
  return open ? <ShareContent /> : null;
}

/** Returns the trained weights of every parameter, or null before the first training step. */
function trainedWeights(): Record<string, TensorData> | null {
  if (trainingController.snapshot.steps === 0) return null;
  const entries = trainingController.parameterIds().flatMap((id) => {
    const value = trainingController.parameterValue(id);
    return value ? [[id, value] as const] : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

function ShareContent() {
  const t = useT();
  const document = useEditor((state) => state.document);
  const cursor = useEditor((state) => state.cursor);
  const presetId = useEditor((state) => state.presetId);
  const steps = useEditor((state) => state.trace?.steps.length ?? 0);
  const trainedSteps = useTraining((snapshot) => snapshot.steps);
  const [options, setOptions] = useState<ShareOptions>(defaultShareOptions);
  const [copyState, setCopyState] = useState<{ done: boolean; error?: string } | null>(null);
  const urlField = useRef<HTMLInputElement>(null);

  const weights = useMemo(() => (trainedSteps > 0 ? trainedWeights() : null), [trainedSteps]);
  const link = useMemo((): { url: string } | { error: string } => {
    try {
      const fragment = shareFragment({ document, cursor, weights, presetId }, options);
      return { url: `${location.origin}${location.pathname}${location.search}#${fragment}` };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [document, cursor, weights, presetId, options]);

  useEffect(() => urlField.current?.select(), [link]);
  const toggle = (option: keyof ShareOptions) => {
    setOptions({ ...options, [option]: !options[option] });
    setCopyState(null);
  };
  const copy = async (url: string) => {
    try {
      await appEnvironment.clipboard.writeText(url);
      setCopyState({ done: true });
    } catch (error) {
      setCopyState({ done: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
  const download = () => {
    const shared = sharedDocument({ document, cursor, weights }, options);
    downloadBlob(new Blob([serializeDocument(shared)], { type: 'application/json' }), `${baseFileName(shared)}.json`);
  };

  return (
    <ModalDialog name="share" title={t('share.title')} closeLabel={t('help.close')} onClose={close}>
      <fieldset>
        {weights && <Choice label={t('share.includeWeights')} testId="share-includeWeights" checked={options.includeWeights} onChange={() => toggle('includeWeights')} />}
        {steps > 0 && (
          <Choice label={t('share.includeTimeline', { step: cursor, count: steps })} testId="share-includeTimeline" checked={options.includeTimeline} onChange={() => toggle('includeTimeline')} />
        )}
      </fieldset>
      <fieldset>
        <legend>{t('share.lectureHeading')}</legend>
        {lectureChoices.map(({ option, label }) => (
          <Choice key={option} label={t(label)} testId={`share-${option}`} checked={options[option]} onChange={() => toggle(option)} />
        ))}
      </fieldset>
      {'error' in link ? (
        <p className="share-problem" role="alert">{t('share.encodeFailed', { message: link.error })}</p>
      ) : (
        <LinkField url={link.url} field={urlField} copyState={copyState} onCopy={() => void copy(link.url)} onDownload={download} />
      )}
    </ModalDialog>
  );
}

function Choice({ label, testId, checked, onChange }: { label: string; testId: string; checked: boolean; onChange(): void }) {
  return (
    <label className="share-choice">
      <input type="checkbox" data-testid={testId} checked={checked} onChange={onChange} />
      {label}
    </label>
  );
}

interface LinkFieldProps {
  url: string;
  field: RefObject<HTMLInputElement | null>;
  copyState: { done: boolean; error?: string } | null;
  onCopy(): void;
  onDownload(): void;
}

/** Shows the link, its length and the copy button, and past the reliable length offers the JSON file instead. */
function LinkField({ url, field, copyState, onCopy, onDownload }: LinkFieldProps) {
  const t = useT();
  const tooLong = url.length > MAX_RELIABLE_LINK_CHARS;
  return (
    <div className="share-link">
      <label htmlFor="share-url">{t('share.link')}</label>
      <div className="share-row">
        <input id="share-url" ref={field} readOnly value={url} data-testid="share-url" onFocus={(event) => event.target.select()} />
        <button type="button" data-testid="share-copy" onClick={onCopy}>{copyState?.done ? t('share.copied') : t('share.copy')}</button>
      </div>
      <p className="hint" data-testid="share-length">{t('share.length', { count: url.length.toLocaleString('en-US') })}</p>
      {copyState?.error !== undefined && <p className="share-problem" role="alert">{t('share.copyFailed', { reason: copyState.error })}</p>}
      {url.length > LONG_LINK_CHARS && !tooLong && (
        <p className="share-warning" data-testid="share-warning">{t('share.longWarning', { limit: LONG_LINK_CHARS.toLocaleString('en-US') })}</p>
      )}
      {tooLong && (
        <div className="share-warning" data-testid="share-too-long">
          <p>{t('share.tooLong', { limit: MAX_RELIABLE_LINK_CHARS.toLocaleString('en-US') })}</p>
          <button type="button" data-testid="share-download" onClick={onDownload}>{t('share.downloadJson')}</button>
        </div>
      )}
    </div>
  );
}
