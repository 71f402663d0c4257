import type { GraphDocument } from '../engine/document';
import { compile } from '../engine/compile';
import { gradientCheck, type GradientCheckEntry } from '../engine/gradcheck';
import type { KindRegistry } from '../engine/types';
import { registry as builtinRegistry } from '../nodes';

export interface GradcheckOutput {
  text: string;
  /** Compile problems to print on stderr. */
  problems: string[];
  /** 1 when an entry is 'wrong' or the graph has an error diagnostic, else 0. Kinks do not fail the check. */
  exitCode: number;
}

export interface GradcheckOptions {
  json: boolean;
  /** Maximum number of elements checked per node; all of them when absent. */
  maxElementsPerNode?: number;
}

const VERDICT_NOTES: Record<GradientCheckEntry['verdict'], string> = {
  ok: '',
  kink: '  (a ReLU or max is near its switch point, where central differences average the two one-sided slopes)',
  wrong: '  (backward disagrees with central differences)',
};

/**
 * Compares every input and parameter element's gradient from the engine's
 * backward pass with central differences, and formats the entries as a table
 * or as JSON. `registry` is a parameter so tests can check a kind with a
 * deliberately wrong backward.
 */
export function checkGradients(document: GraphDocument, options: GradcheckOptions, registry: KindRegistry = builtinRegistry): GradcheckOutput {
  const diagnostics = compile(document, registry).diagnostics;
  const problems = diagnostics.map((diagnostic) => `${diagnostic.severity}: ${diagnostic.message}`);
  // gradientCheck spreads its options over the defaults, so an absent limit must not be passed as undefined.
  const limit = options.maxElementsPerNode === undefined ? {} : { maxElementsPerNode: options.maxElementsPerNode };
  const result = gradientCheck(document, registry, limit);

  const failed = !result.ok || diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  const text = options.json ? JSON.stringify({ ok: result.ok, entries: result.entries }, null, 2) : entriesTable(result.entries);
  return { text, problems, exitCode: failed ? 1 : 0 };
}

function entriesTable(entries: readonly GradientCheckEntry[]): string {
  if (entries.length === 0) return 'The graph has no input or parameter node that runs, so there is nothing to check.';
  const rows = [['node', 'index', 'analytic', 'numeric', 'relative error', 'verdict']];
  for (const entry of entries) {
    rows.push([entry.nodeId, String(entry.index), formatNumber(entry.analytic), formatNumber(entry.numeric), entry.relativeError.toExponential(2), entry.verdict]);
  }
  const widths = rows[0].map((_unused, column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row, index) => {
    const line = row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
    return index === 0 ? line : line + VERDICT_NOTES[entries[index - 1].verdict];
  });
  const counts = (['ok', 'kink', 'wrong'] as const).map((verdict) => `${entries.filter((entry) => entry.verdict === verdict).length} ${verdict}`);
  return `${lines.join('\n')}\n\n${entries.length} elements checked: ${counts.join(', ')}.`;
}

function formatNumber(value: number): string {
  return Number(value.toPrecision(6)).toString();
}
