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

type TensorValue = Extract<ParamValue, { data: number[] }>;

/** The field a parameter value is shown in, with the value narrowed to what that field edits. */
export type ParamFieldOf =
  | { field: 'tensor' | 'preview'; value: TensorValue }
  | { field: 'shape'; value: number[] }
  | { field: 'number'; value: number }
  | { field: 'boolean' | 'choice' };

/** Picks the field for a parameter value, or returns null when the value does not fit the parameter's type and nothing is shown. */
export function paramFieldOf(spec: ParamSpec, value: ParamValue): ParamFieldOf | null {
  if (spec.type === 'tensor' && typeof value === 'object' && !Array.isArray(value)) {
    return { field: value.data.length >= 1 && value.data.length <= MAX_EDITABLE_VALUES ? 'tensor' : 'preview', value };
  }
  if (spec.type === 'shape' && Array.isArray(value)) return { field: 'shape', value };
  if (spec.type === 'number' && typeof value === 'number') return { field: 'number', value };
  if (spec.type === 'boolean' || spec.type === 'choice') return { field: spec.type };
  return null;
}

function ParamField({ nodeId, spec, value }: { nodeId: string; spec: ParamSpec; value: ParamValue }) {
  const t = useT();
  const set = (next: ParamValue) => editorStore.getState().dispatch({ type: 'setParam', nodeId, name: spec.name, value: next });

  // Source nodes keep their value in the tensor parameter "value"; it gets the short test id value-<node>.
  const testId = spec.name === 'value' ? `value-${nodeId}` : `param-${nodeId}-${spec.name}`;
  const label = spec.name === 'value' ? t('node.valueLabel', { node: nodeId }) : t('node.paramLabel', { node: nodeId, param: spec.name });

  const paramField = paramFieldOf(spec, value);
  if (!paramField) return null;
  let field;
  switch (paramField.field) {
    case 'tensor':
      field = <TensorField testId={testId} label={label} value={paramField.value} onChange={set} />;
      break;
    case 'preview':
      field = <span className="param-preview" data-testid={testId}>{formatTensor(paramField.value)}</span>;
      break;
    case 'shape':
      field = <ShapeField testId={testId} label={label} value={paramField.value} onChange={set} />;
      break;
    case 'number':
      field = <NumberField testId={testId} label={label} value={paramField.value} onChange={set} />;
      break;
    case 'boolean':
      field = <input className="nodrag" type="checkbox" data-testid={testId} aria-label={label} checked={value === true} onChange={(event) => set(event.target.checked)} />;
      break;
    case 'choice':
      field = (
        <select className="nodrag" data-testid={testId} aria-label={label} value={String(value)} onChange={(event) => set(event.target.value)}>
          {spec.choices?.map((choice) => <option key={choice} value={choice}>{choice}</option>)}
        </select>
      );
      break;
  }
  return (
    <label className="gate-param">
      <span className="gate-param-name">{spec.name}</span>
      {field}
    </label>
  );
}
