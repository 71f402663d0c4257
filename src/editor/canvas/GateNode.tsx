import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { Diagnostic } from '../../engine/diagnostics';
import type { NodeKind } from '../../engine/types';
import { registry } from '../../nodes';
import { translateDiagnostic } from '../i18n/translate';
import { QuizReadout } from '../quiz/QuizReadout';
import { useNodeQuizzed } from '../quiz/quiz-view';
import { useEditor } from '../store/use-editor';
import { moduleDisplayKind } from '../teaching/module-kind';
import { ParamFields } from './ParamFields';
import { findNode, isActiveNode, nodeGradientText, nodeValueText } from './selectors';

export interface GateNodeData extends Record<string, unknown> {
  kind: string;
}

export type GateFlowNode = Node<GateNodeData, 'gate'>;

const noDiagnostics: readonly Diagnostic[] = [];
const noPorts: readonly string[] = [];

/**
 * A node on the canvas: its symbol, id and kind, parameter fields, one handle per port, and its revealed value and gradient.
 * A large graph zoomed out is drawn by CompactCanvas instead, without node components.
 */
export const GateNode = memo(function GateNode({ id, data, selected }: NodeProps<GateFlowNode>) {
  return <DetailedGate id={id} data={data} selected={selected} />;
});

type GateProps = Pick<NodeProps<GateFlowNode>, 'id' | 'data' | 'selected'>;

/** Tells how a node's diagnostics colour its border: any error wins over warnings. */
function severityOf(diagnostics: readonly Diagnostic[]): 'error' | 'warning' | null {
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return 'error';
  return diagnostics.length > 0 ? 'warning' : null;
}

/** Looks up a node's kind in the registry, or builds the kind a module node stands for. */
function useNodeKind(id: string, kindName: string): NodeKind | null {
  const params = useEditor((state) => findNode(state.document, id)?.params);
  const modules = useEditor((state) => state.document.modules);
  return useMemo(() => registry.get(kindName) ?? (params ? moduleDisplayKind({ kind: kindName, params }, modules) : null), [kindName, params, modules]);
}

function DetailedGate({ id, data, selected }: GateProps) {
  const kind = useNodeKind(id, data.kind);
  const params = useEditor((state) => findNode(state.document, id)?.params);
  const label = useEditor((state) => findNode(state.document, id)?.label);
  const valueText = useEditor((state) => nodeValueText(state, id));
  const gradientText = useEditor((state) => nodeGradientText(state, id));
  const active = useEditor((state) => isActiveNode(state, id));
  const diagnostics = useEditor((state) => state.diagnosticsByNode[id] ?? noDiagnostics);
  const language = useEditor((state) => state.language);
  const quizzed = useNodeQuizzed(id, kind?.outputs.map((port) => port.name) ?? noPorts);

  const problems = diagnostics.map((diagnostic) => translateDiagnostic(language, diagnostic)).join('\n');
  const severity = severityOf(diagnostics);
  const classes = ['gate-node', selected && 'selected', active && 'active', severity && `has-${severity}`].filter(Boolean).join(' ');

  return (
    <div className={classes} title={problems || undefined} data-testid={`node-${id}`}>
      <div className="gate-header">
        <span className="gate-symbol">{kind?.symbol ?? '?'}</span>
        <span className="gate-id">{id}</span>
        <span className="gate-kind">{data.kind}</span>
      </div>
      {/* React renders the label as text, so markup in a loaded document's label stays inert. */}
      {label && <div className="gate-label" data-testid={`node-label-${id}`}>{label}</div>}
      {kind && params && <ParamFields nodeId={id} kind={kind} params={params} />}
      {kind && <PortRows kind={kind} />}
      {quizzed && kind ? <QuizReadout nodeId={id} kind={kind} /> : <div className="gate-readout">
        {valueText !== null && <span className="node-value" data-testid={`node-value-${id}`}>= {valueText}</span>}
        {gradientText !== null && <span className="node-grad" data-testid={`node-grad-${id}`}>∂ {gradientText}</span>}
      </div>}
      {severity && (
        <span className={`gate-badge ${severity}`} title={problems} data-testid={`node-problem-${id}`}>
          {diagnostics.length}
        </span>
      )}
    </div>
  );
}

/** Renders one row per port index: input port on the left with a target handle, output port on the right with a source handle. */
function PortRows({ kind }: { kind: NodeKind }) {
  const rows = Math.max(kind.inputs.length, kind.outputs.length);
  return (
    <div className="gate-ports">
      {Array.from({ length: rows }, (_unused, index) => {
        const input = kind.inputs[index];
        const output = kind.outputs[index];
        return (
          <div className="gate-port-row" key={index}>
            {input && (
              <>
                <Handle type="target" position={Position.Left} id={input.name} className={`port port-${input.type ?? 'tensor'}`} />
                <span className="port-label in">{input.name}</span>
              </>
            )}
            {output && (
              <>
                <span className="port-label out">{output.name}</span>
                <Handle type="source" position={Position.Right} id={output.name} className={`port port-${output.type ?? 'tensor'}`} />
              </>
            )}
          </div>
        );
      })}
    </div>
  );
}
