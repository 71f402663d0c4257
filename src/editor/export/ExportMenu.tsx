import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { buildScene, readSceneColours } from '../canvas/compact-scene';
import { LARGE_GRAPH_NODES } from '../canvas/drawing';
import { exportDocument } from '../files';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/use-t';
import { editorStore } from '../store/use-editor';
import type { CodeLanguage } from './code-download';
import { baseFileName, codeFileName, downloadBlob, downloadUrl } from './download';
import '../menus/menus.css';

type Format = 'json' | 'png' | 'svg' | CodeLanguage;
const formats: readonly Format[] = ['json', 'png', 'svg', 'tfjs', 'pytorch', 'numpy'];

function reportFailure(message: string): void {
  editorStore.getState().addNotice({ key: 'notice.exportFailed', params: { message } });
}

/**
 * Downloads the graph as JSON, as a PNG or SVG image of the canvas, or as tfjs, PyTorch or NumPy code.
 * The image and code writers load on first use, so the page's first chunk does not carry them.
 */
export function ExportMenu() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const { getNodes } = useReactFlow();

  const exportImage = async (format: 'png' | 'svg') => {
    const viewport = window.document.querySelector<HTMLElement>('.react-flow__viewport');
    if (!viewport) return reportFailure('the canvas is not shown');
    const { document } = editorStore.getState();
    try {
      const { renderGraphImage, renderSceneImage } = await import('./image');
      const fileName = `${baseFileName(document)}.${format}`;
      // The canvas mounts only the nodes in view of a large graph, so its image is drawn from the document.
      if (document.nodes.length >= LARGE_GRAPH_NODES) downloadBlob(await renderSceneImage(format, buildScene(document), readSceneColours(viewport)), fileName);
      else downloadUrl(await renderGraphImage(format, getNodes(), viewport), fileName);
    } catch (error) {
      reportFailure(error instanceof Error ? error.message : String(error));
    }
  };
  const exportCode = async (language: CodeLanguage) => {
    let writeCodeFile;
    try {
      ({ writeCodeFile } = await import('./code-download'));
    } catch (error) {
      return reportFailure(error instanceof Error ? error.message : String(error));
    }
    const { program, trace, document } = editorStore.getState();
    const file = writeCodeFile(language, program, trace);
    if ('message' in file) return reportFailure(file.message);
    downloadBlob(new Blob([file.text], { type: file.type }), `${codeFileName(document)}${file.extension}`);
  };
  const choose = (format: Format) => {
    setOpen(false);
    if (format === 'json') exportDocument();
    else if (format === 'png' || format === 'svg') void exportImage(format);
    else void exportCode(format);
  };

  return (
    // On the wrapper, so Escape also closes a menu opened with the mouse while its button keeps the focus.
    <span className="export-menu" onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}>
      <button type="button" data-testid="export-menu" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('toolbar.exportAs')}
      </button>
      {open && <div className="overlay-backdrop" onMouseDown={() => setOpen(false)} />}
      {open && (
        <ul className="context-menu export-list" role="menu">
          {formats.map((format) => (
            <li key={format} role="none">
              <button type="button" role="menuitem" data-testid={`export-${format}`} onClick={() => choose(format)}>
                {t(`export.${format}` as MessageKey)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
