import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { createStore } from 'zustand/vanilla';

/**
 * The start actions that read a field: `training` fields (the training
 * panel's settings) feed Train, Step and the comparison's run, and `compare`
 * fields (a comparison's own rates) feed only the comparison's run.
 */
export type FieldScope = 'training' | 'compare';

/** A setting field whose text is not a valid value, so the value it shows is not the one a run would use. */
export interface InvalidField {
  /** The field's name as the note that lists blocked fields shows it. */
  name: string;
  scope: FieldScope;
}

/** Invalid setting fields by their test id, which is unique on the page. */
const invalidFieldStore = createStore<Readonly<Record<string, InvalidField>>>(() => ({}));

/** Records that the field `id` has invalid text, or with null, that its text is valid again or the field is gone. */
export function reportInvalidField(id: string, field: InvalidField | null): void {
  const current = invalidFieldStore.getState();
  if (field === null && !(id in current)) return;
  if (field !== null && current[id]?.name === field.name && current[id]?.scope === field.scope) return;

  const next = { ...current };
  if (field === null) delete next[id];
  else next[id] = field;
  invalidFieldStore.setState(next, true);
}

/** Returns the names of the invalid fields whose scope is one of `scopes`, in the order they became invalid. */
export function useInvalidFieldNames(scopes: readonly FieldScope[]): string[] {
  return useStore(
    invalidFieldStore,
    useShallow((fields) => Object.values(fields).filter((field) => scopes.includes(field.scope)).map((field) => field.name)),
  );
}

/** Joins field names as a list in the language, such as "Seed and Learning rate" or "随机种子和学习率". */
export function joinFieldNames(language: string, names: readonly string[]): string {
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(names);
}
