import { useEffect, useState, type KeyboardEvent } from 'react';
import { parseNumber } from '../canvas/ValueField';
import { useEditor } from '../store/use-editor';
import { reportInvalidField, type FieldScope } from './invalid-fields';

interface NumberSettingProps {
  testId: string;
  label: string;
  value: number;
  /** Returns the problem with a number, or null when it is valid. */
  validate(value: number): string | null;
  onCommit(value: number): void;
  disabled?: boolean;
  /** The start actions that read this field, which invalid text disables; none when omitted. */
  scope?: FieldScope;
  /** The field's name in the note that lists invalid fields; the label by default. */
  fieldName?: string;
  /** A remark on the valid value, shown under the field, such as that a batch size exceeds the data. */
  note?: string | null;
}

/**
 * Edits a number of the training settings. The value is applied on Enter or when
 * the field loses focus, so typing "0.05" is one document edit and rebuilds
 * the trainer once. Invalid text stays in the field, marked, and is not applied,
 * and the start actions of the field's scope are disabled until the text is
 * fixed or Escape restores the value.
 */
export function NumberSetting({ testId, label, value, validate, onCommit, disabled, scope, fieldName = label, note }: NumberSettingProps) {
  const [text, setText] = useState(String(value));
  const loadCount = useEditor((state) => state.loadCount);
  const loadId = useEditor((state) => state.loadId);
  const parsed = parseNumber(text);
  const problem = parsed === null ? validate(Number.NaN) : validate(parsed);

  // Shows a value changed elsewhere, such as by undo, and the value of every newly loaded document,
  // such as another preset's or an opened file's, even when it equals the old value, so the load replaces
  // invalid text. Undoing or redoing a load changes the load id, so it replaces invalid text too.
  useEffect(() => setText(String(value)), [value, loadCount, loadId]);
  useEffect(() => reportInvalidField(testId, problem === null || !scope ? null : { name: fieldName, scope }), [testId, problem, fieldName, scope]);
  useEffect(() => () => reportInvalidField(testId, null), [testId]);

  const commit = () => {
    if (parsed === null || problem !== null) return;
    if (parsed !== value) onCommit(parsed);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
    // Escape first restores edited text and is marked handled, so only Escape in an unedited field closes the drawer around it.
    if (event.key === 'Escape' && text !== String(value)) {
      event.preventDefault();
      setText(String(value));
    }
  };

  return (
    <label className="training-field">
      <span>{label}</span>
      <input
        type="text"
        inputMode="decimal"
        spellCheck={false}
        data-testid={testId}
        className={problem ? 'invalid' : undefined}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${testId}-error` : undefined}
        title={problem ?? label}
        value={text}
        disabled={disabled}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      {problem && <span className="field-error" id={`${testId}-error`} data-testid={`${testId}-error`}>{problem}</span>}
      {!problem && note && <span className="field-note" data-testid={`${testId}-note`}>{note}</span>}
    </label>
  );
}
