import { useEffect, useMemo, useRef } from 'react';
import { useT } from '../i18n/use-t';
import { useViewSettings } from '../projector/view-settings';
import { findTemplateMatrix, MNIST_SIDE, templateImage } from './templates';
import { trainingController, useTraining } from './use-training';

/**
 * Draws the columns of a linear classifier's [784, 10] weight matrix as 28 × 28
 * images, one per digit: the "template" each class score compares an image
 * with. Redrawn when the weights change (a new trainer, an epoch end, a reset).
 */
export function Templates() {
  const t = useT();
  const revision = useTraining((snapshot) => snapshot.revision);
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const nodeId = useMemo(
    () => findTemplateMatrix(trainingController.parameterIds(), (id) => trainingController.parameterValue(id)),
    [revision],
  );
  const classes = useTraining((snapshot) => snapshot.classes);
  const palette = useViewSettings((state) => state.palette);

  useEffect(() => {
    const weights = nodeId ? trainingController.parameterValue(nodeId) : null;
    if (!weights) return;
    canvases.current.forEach((canvas, column) => {
      const image = new ImageData(templateImage(weights, column), MNIST_SIDE, MNIST_SIDE);
      canvas?.getContext('2d')?.putImageData(image, 0, 0);
    });
  }, [revision, nodeId, classes, palette]);

  if (!nodeId) return null;
  return (
    <section className="training-templates">
      <h3>{t('training.templates', { node: nodeId })}</h3>
      <div className="training-template-grid" data-testid="templates">
        {Array.from({ length: classes }, (_unused, digit) => (
          <figure key={digit}>
            <canvas
              ref={(element) => {
                canvases.current[digit] = element;
              }}
              width={MNIST_SIDE}
              height={MNIST_SIDE}
              aria-label={t('training.templateDigit', { digit })}
            />
            <figcaption>{digit}</figcaption>
          </figure>
        ))}
      </div>
      <p className="hint">{t('training.templatesHint')}</p>
    </section>
  );
}
