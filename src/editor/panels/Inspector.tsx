import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MessageKey } from '../i18n/en';
import { translateDiagnostic } from '../i18n/translate';
import { useT } from '../i18n/use-t';
import { maskInspectorModel } from '../quiz/mask-inspector';
import { useQuiz } from '../quiz/quiz-store';
import { useEditor } from '../store/use-editor';
import { TeachingSections } from '../teaching/TeachingSections';
import { OptimizerState } from '../training/OptimizerState';
import { buildInspectorModel, type InspectorModel } from './inspector-model';

/** Details of the selected node: formula, local gradients, inputs, output and "upstream × local = downstream". */
export function Inspector() {
  const t = useT();
  const selectedId = useEditor((state) => state.selection.nodes[0] ?? null);
  const source = useEditor(
    useShallow((state) => ({
      document: state.document,
      trace: state.trace,
      stepIndex: state.stepIndex,
      cursor: state.cursor,
      diagnosticsByNode: state.diagnosticsByNode,
    })),
  );
  // Quiz editing shows the lecturer every number; otherwise the quiz masks the numbers it still hides.
  const revealed = useQuiz((state) => (state.editing ? null : state.revealed));
  const model = useMemo(() => {
    const built = selectedId ? buildInspectorModel(source, selectedId) : null;
    return built && revealed ? maskInspectorModel(built, source.document, revealed) : built;
  }, [source, selectedId, revealed]);

  return (
    <aside className="inspector" data-testid="inspector" aria-label={t('inspector.heading')}>
      <h2>{t('inspector.heading')}</h2>
      {model ? <NodeDetails model={model} /> : <p className="hint">{t('inspector.empty')}</p>}
      {model && <TeachingSections nodeId={model.nodeId} />}
      {model && <OptimizerState nodeId={model.nodeId} />}
    </aside>
  );
}

function NodeDetails({ model }: { model: InspectorModel }) {
  const t = useT();
  const language = useEditor((state) => state.language);
  const { kind } = model;
  const notYet = <span className="muted">{model.hasForwardStep ? t('inspector.notRevealed') : t('inspector.notRun')}</span>;

  return (
    <div className="inspector-body">
      <h3 className="inspector-title">
        <span className="gate-symbol">{kind.symbol}</span> {model.nodeId} <span className="muted">({kind.kind})</span>
      </h3>
      <dl>
        <dt>{t('inspector.formula')}</dt>
        <dd className="formula" data-testid="inspector-formula">{kind.formula}</dd>
        {kind.localFormulas && (
          <>
            <dt>{t('inspector.localFormulas')}</dt>
            {kind.localFormulas.map((formula, index) => (
              <dd key={index} className="formula">
                {kind.inputs[index] ? `∂out/∂${kind.inputs[index].name} = ${formula}` : formula}
              </dd>
            ))}
          </>
        )}
        {kind.pattern && (
          <>
            <dt>{t('inspector.patternHeading')}</dt>
            <dd data-testid="inspector-pattern">{t(`pattern.${kind.pattern}` as MessageKey)}</dd>
          </>
        )}
        <dt>{t('inspector.inputs')}</dt>
        {model.inputs.length === 0 && <dd className="muted">{t('inspector.noInputs')}</dd>}
        {model.inputs.map((input) => (
          <dd key={input.port} data-testid={`inspector-input-${input.port}`}>
            {input.port} ← {input.source ?? <span className="muted">{t('inspector.notWired')}</span>}
            {input.source && <> = {input.value !== null ? <span className="value-text">{input.value}</span> : notYet}</>}
          </dd>
        ))}
        <dt>{t('inspector.output')}</dt>
        {model.outputs === null ? <dd>{notYet}</dd> : model.outputs.map((output) => (
          <dd key={output.port} data-testid={`inspector-output-${output.port}`}>
            {output.port} = <span className="value-text">{output.value}</span>
          </dd>
        ))}
        <GradientSection model={model} />
        {model.diagnostics.length > 0 && (
          <>
            <dt>{t('inspector.problems')}</dt>
            {model.diagnostics.map((diagnostic, index) => (
              <dd key={index} className={`problem ${diagnostic.severity}`}>{translateDiagnostic(language, diagnostic)}</dd>
            ))}
          </>
        )}
      </dl>
    </div>
  );
}

function GradientSection({ model }: { model: InspectorModel }) {
  const t = useT();
  if (!model.hasForwardStep) return null;
  if (!model.hasBackwardStep) {
    return model.outputs === null ? null : (
      <>
        <dt>{t('inspector.gradient')}</dt>
        <dd className="muted">{t('inspector.noGradient')}</dd>
      </>
    );
  }
  if (model.gradients === null) {
    return (
      <>
        <dt>{t('inspector.gradient')}</dt>
        <dd className="muted">{t('inspector.notRevealed')}</dd>
      </>
    );
  }
  const seed = t('inspector.seed');
  return (
    <>
      <dt>{t('inspector.gradient')}</dt>
      {model.gradients.map((gradient) => (
        <dd key={gradient.port} data-testid={`inspector-gradient-${gradient.port}`}>
          ∂/∂{gradient.port} = <span className="grad-text">{gradient.total}</span>
          {gradient.parts.length > 1 && (
            <div className="summed" data-testid={`inspector-summed-${gradient.port}`}>
              {t('inspector.consumersSummed', {
                count: gradient.parts.length,
                parts: gradient.parts.map((part) => (part.edgeId === null ? `${part.value} (${seed})` : part.value)).join(' + '),
                total: gradient.total,
              })}
            </div>
          )}
        </dd>
      ))}
      {model.chain && (
        <>
          <dt>{t('inspector.chainRule')}</dt>
          {model.chain.map((line) => (
            <dd key={line.port} className="chain-line" data-testid={`inspector-chain-${line.port}`}>
              {line.port}: <span className="grad-text">{line.upstream}</span> × {line.local} = <span className="grad-text">{line.downstream}</span>
            </dd>
          ))}
        </>
      )}
      {model.downstream && model.downstream.length > 0 && (
        <>
          <dt>{t('inspector.chainRule')}</dt>
          {model.downstream.map((input) => (
            <dd key={input.port} className="chain-line" data-testid={`inspector-chain-${input.port}`}>
              {input.port}: {t('inspector.copySummed', { parts: model.gradients!.map((gradient) => gradient.total).join(' + '), total: input.value })}
            </dd>
          ))}
        </>
      )}
    </>
  );
}
