import { useMemo } from 'react';
import { useEditor } from '../store/use-editor';
import { translatorFor, type Translate } from './translate';

/** Returns the translate function for the current language. */
export function useT(): Translate {
  const language = useEditor((state) => state.language);
  return useMemo(() => translatorFor(language), [language]);
}
