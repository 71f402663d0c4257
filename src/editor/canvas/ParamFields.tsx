import { memo } from 'react';
import type { NodeKind, ParamSpec, ParamValue, Params } from '../../engine/types';
import { formatTensor } from '../format';
import { useT } from '../i18n/use-t';
import { editorStore, useEditor } from '../store/use-editor';
import { NumberField, ShapeField, TensorField } from './ValueField';

interface ParamFieldsProps {
  nodeId: string;
  kind: NodeKind;
  params: Params;
}

/**
 * In-place editors for a node's parameters; each valid change is one setParam
 * edit. A disabled fieldset makes every field read-only while a lecture link locks editing.
 */
export const ParamFields = memo(function ParamFields({ nodeId, kind, params }: ParamFieldsProps) {
  const locked = useEditor((state) => state.lecture.lockEditing);
  if (kind.params.length === 0) return null;
  return (
    <fieldset className="gate-params" disabled={locked}>
      {kind.params.filter((spec) => spec.isRelevant?.(params) ?? true).map((spec) => (
        <ParamField key={spec.name} nodeId={nodeId} spec={spec} value={params[spec.name] ?? spec.default} />
      ))}
    </fieldset>
  );
});

/** Largest tensor edited in place as a comma-separated list; larger ones (datasets) show a preview only. */
const MAX_EDITABLE_VALUES = 16;

function ParamField({ nodeId, spec, value }: { nodeId: string; spec: ParamSpec; value: ParamValue }) {
  const t = useT();
  const set = (next: ParamValue) => editorStore.getState().dispatch({ type: 'setParam', nodeId, name: spec.name, value: next });

  // Source nodes keep their value in the tensor parameter "value"; it gets the short test id value-<node>.
  const testId = spec.name === 'value' ? `value-${nodeId}` : `param-${nodeId}-${spec.name}`;
  const label = spec.name === 'value' ? t('node.valueLabel', { node: nodeId }) : t('node.paramLabel', { node: nodeId, param: spec.name });

  let field;
  if (spec.type === 'tensor' && typeof value === 'object' && !Array.isArray(value)) {
    const editable = value.data.length >= 1 && value.data.length <= MAX_EDITABLE_VALUES;
    field = editable
      ? <TensorField testId={testId} label={label} value={value} onChange={set} />
      : <span className="param-preview" data-testid={testId}>{formatTensor(value)}</span>;
  } else if (spec.type === 'shape' && Array.isArray(value)) {
    field = <ShapeField testId={testId} label={label} value={value} onChange={set} />;
  } else if (spec.type === 'number' && typeof value === 'number') {
    field = <NumberField testId={testId} label={label} value={value} onChange={set} />;
  } else if (spec.type === 'boolean') {
    field = <input className="nodrag" type="checkbox" data-testid={testId} aria-label={label} checked={value === true} onChange={(event) => set(event.target.checked)} />;
  } else if (spec.type === 'choice') {
    field = (
      <select className="nodrag" data-testid={testId} aria-label={label} value={String(value)} onChange={(event) => set(event.target.value)}>
        {spec.choices?.map((choice) => <option key={choice} value={choice}>{choice}</option>)}
      </select>
    );
  } else {
    return null;
  }
  return (
    <label className="gate-param">
      <span className="gate-param-name">{spec.name}</span>
      {field}
    </label>
  );
}
