import { compile } from '../engine/compile';
import type { GraphDocument, GraphNode } from '../engine/document';
import { moduleNameOf, outputNames } from '../engine/modules';
import { run } from '../engine/run';
import type { TensorData } from '../engine/tensor';
import type { Trace } from '../engine/trace';
import { registry } from '../nodes';
import { formatTensor, toNested, type Nested } from './format';

export interface RunOutput {
  text: string;
  /** Problems to print on stderr. */
  problems: string[];
  failed: boolean;
}

/** Runs a graph forward and backward and reports every node's value and gradient. */
export function runGraph(document: GraphDocument, json: boolean): RunOutput {
  const trace = run(compile(document, registry));

  const problems = trace.diagnostics.map((diagnostic) => `${diagnostic.severity}: ${diagnostic.message}`);
  const failed = trace.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  const text = json ? JSON.stringify(traceToJson(document, trace), null, 2) : traceToTable(document, trace);
  return { text, problems, failed };
}

/** Keys each node's output value and gradient by node id; several outputs become an object by port. */
function traceToJson(document: GraphDocument, trace: Trace): { values: Record<string, unknown>; grads: Record<string, unknown> } {
  const values: [string, unknown][] = [];
  const grads: [string, unknown][] = [];
  for (const node of document.nodes) {
    const record = trace.nodes[node.id];
    if (!record) continue;
    const ports = outputPorts(document, node);
    values.push([node.id, byPort(ports, record.outputs)]);
    if (record.upstream) grads.push([node.id, byPort(ports, record.upstream)]);
  }
  // Object.fromEntries defines each id as an own property, so a node named "__proto__" is listed too.
  return { values: Object.fromEntries(values), grads: Object.fromEntries(grads) };
}

/** Output port names of a node: its kind's, or for a module node its module's outputs. */
function outputPorts(document: GraphDocument, node: GraphNode): string[] {
  const kind = registry.get(node.kind);
  if (kind) return kind.outputs.map((port) => port.name);
  const name = moduleNameOf(node);
  return name !== null && document.modules && Object.hasOwn(document.modules, name) ? outputNames(document.modules[name]) : [];
}

function byPort(ports: string[], tensors: TensorData[]): Nested | Record<string, Nested> {
  if (tensors.length === 1) return toNested(tensors[0]);
  return Object.fromEntries(ports.map((port, index) => [port, toNested(tensors[index])]));
}

function traceToTable(document: GraphDocument, trace: Trace): string {
  const rows = [['node', 'kind', 'value', 'gradient']];
  for (const node of document.nodes) {
    const record = trace.nodes[node.id];
    const value = record ? record.outputs.map(formatTensor).join(', ') : '(not run)';
    const gradient = record?.upstream ? record.upstream.map(formatTensor).join(', ') : '-';
    rows.push([node.id, node.kind, value, gradient]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}
