import { useEffect, useState } from 'react';

type FormulaTools = typeof import('./formula-tools');

let loading: Promise<FormulaTools> | null = null;

/** Loads the formula tools once and returns them, or null until they have loaded. */
export function useFormulaTools(): FormulaTools | null {
  const [tools, setTools] = useState<FormulaTools | null>(null);
  useEffect(() => {
    let active = true;
    loading ??= import('./formula-tools');
    void loading.then((loaded) => {
      if (active) setTools(loaded);
    });
    return () => {
      active = false;
    };
  }, []);
  return tools;
}
