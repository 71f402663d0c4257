import './teaching.css';
import { FormulaBuilder, FormulaButton } from './FormulaBuilder';
import { GradcheckButton, GradcheckPanel } from './GradcheckPanel';
import { GroupModuleButton, GroupModulePanel } from './GroupModulePanel';

/** Toolbar buttons for the teaching panels, and the panels themselves, which float over the canvas. */
export function TeachingTools() {
  return (
    <>
      <FormulaButton />
      <GradcheckButton />
      <GroupModuleButton />
      <FormulaBuilder />
      <GradcheckPanel />
      <GroupModulePanel />
    </>
  );
}
