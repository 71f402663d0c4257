import { ExpressionSection } from './ExpressionSection';
import { ModuleSection } from './ModuleSection';

/** Inspector sections of the teaching tools for the selected node: module actions, then its formula. */
export function TeachingSections({ nodeId }: { nodeId: string }) {
  return (
    <>
      <ModuleSection nodeId={nodeId} />
      <ExpressionSection nodeId={nodeId} />
    </>
  );
}
