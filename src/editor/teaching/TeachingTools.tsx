import './teaching.css';
import { FormulaBuilder, FormulaButton } from './FormulaBuilder';
import { GradcheckButton, GradcheckPanel } from './GradcheckPanel';

/** Toolbar buttons for the teaching panels, and the panels themselves, which float over the canvas. */
export function TeachingTools() {
  return (
    <>
      <FormulaButton />
      <GradcheckButton />
      <FormulaBuilder />
      <GradcheckPanel />
    </>
  );
}
