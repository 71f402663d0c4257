import { memo, useEffect, useMemo, useState, type ChangeEvent } from 'react';
import type { TensorData } from '../../engine/tensor';
import { useT } from '../i18n/use-t';

/** A number in decimal or scientific notation, such as -2, .5 or 1e-3. JavaScript's Number() also reads 0x10 and 0b11, which this leaves out. */
const DECIMAL_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Parses user text as one finite decimal number, accepting the Unicode minus sign. Returns null for anything else. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(/\u2212/g, '-');
  if (!DECIMAL_NUMBER.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** Parses comma-separated finite numbers; returns null when any is invalid or, given `count`, the count differs. */
export function parseNumberList(text: string, count?: number): number[] | null {
  const values = text.split(',').map(parseNumber);
  if (count !== undefined && values.length !== count) return null;
  return values.every((value) => value !== null) ? (values as number[]) : null;
}

interface ParsedFieldProps {
  testId: string;
  label: string;
  /** The value's text as the field shows it after an outside change. */
  text: string;
  /** Returns the value text stands for, or null when the text is invalid. */
  parse(text: string): unknown;
  /** Tells whether text already stands for the current value, so an outside change does not overwrite typing. */
  matches(text: string): boolean;
  /** Receives the text of each valid change. */
  onValidChange(text: string): void;
  problem: string;
}

/**
 * Text field edited in place on a node. Valid text is applied on every
 * keystroke; invalid text stays in the field, is marked invalid, and is not applied.
 */
const ParsedField = memo(function ParsedField({ testId, label, text: valueText, parse, matches, onValidChange, problem }: ParsedFieldProps) {
  const [text, setText] = useState(valueText);
  const valid = parse(text) !== null;

  // Shows a value changed elsewhere (a preset load or an import) unless the typed text already means it.
  useEffect(() => {
    if (!matches(text)) setText(valueText);
  }, [valueText]); // `text` is left out on purpose: typing must not reset the field.

  const handleChange = (event: ChangeEvent<HTMLInputElement>) => {
    setText(event.target.value);
    if (parse(event.target.value) !== null) onValidChange(event.target.value);
  };

  return (
    <input
      className={`value-field nodrag${valid ? '' : ' invalid'}`}
      type="text"
      inputMode="decimal"
      spellCheck={false}
      data-testid={testId}
      aria-label={label}
      aria-invalid={valid ? undefined : true}
      title={valid ? label : problem}
      value={text}
      onChange={handleChange}
    />
  );
});

interface FieldProps<T> {
  testId: string;
  label: string;
  value: T;
  onChange(value: T): void;
}

/** Field for a tensor: one number for a scalar, else its values in row-major order separated by commas. */
export function TensorField({ testId, label, value, onChange }: FieldProps<TensorData>) {
  const t = useT();
  const size = value.data.length;
  const parse = (text: string) => (value.shape.length === 0 ? wrap(parseNumber(text)) : parseNumberList(text, size));
  return (
    <ParsedField
      testId={testId}
      label={label}
      text={value.data.join(', ')}
      parse={parse}
      matches={(text) => sameNumbers(parse(text), value.data)}
      onValidChange={(text) => onChange({ shape: [...value.shape], data: parse(text)! })}
      problem={value.shape.length === 0 ? t('node.invalidNumber') : t('node.invalidList', { count: size })}
    />
  );
}

/** Field for a number parameter, such as the c of add-constant. */
export function NumberField({ testId, label, value, onChange }: FieldProps<number>) {
  const tensor = useMemo(() => ({ shape: [], data: [value] }), [value]);
  return <TensorField testId={testId} label={label} value={tensor} onChange={(next) => onChange(next.data[0])} />;
}

/** Field for a shape parameter: whole numbers of at least 0 separated by commas. */
export function ShapeField({ testId, label, value, onChange }: FieldProps<number[]>) {
  const t = useT();
  const parse = (text: string) => {
    const dims = text.trim() === '' ? [] : parseNumberList(text);
    return dims && dims.every((dim) => Number.isInteger(dim) && dim >= 0) ? dims : null;
  };
  return (
    <ParsedField
      testId={testId}
      label={label}
      text={value.join(', ')}
      parse={parse}
      matches={(text) => sameNumbers(parse(text), value)}
      onValidChange={(text) => onChange(parse(text)!)}
      problem={t('node.invalidShape')}
    />
  );
}

function wrap(value: number | null): number[] | null {
  return value === null ? null : [value];
}

function sameNumbers(a: readonly number[] | null, b: readonly number[]): boolean {
  return a !== null && a.length === b.length && a.every((number, i) => number === b[i]);
}
