import type { NodeHandle, Position } from '@xyflow/react';

// React Flow's Position values, written out so that this file imports nothing at run time.
const LEFT = 'left' as Position.Left;
const RIGHT = 'right' as Position.Right;

/**
 * Box sizes of a node drawn in full (GateNode.tsx), in flow units. They follow
 * the `.gate-*` rules in styles.css and share.css, which fix every height above
 * the port rows, so a handle's distance from the node's top depends only on
 * the node's kind, its parameters and its label. Widths depend on the texts.
 * The sizes that projector mode changes are in NodeMetrics.
 */
const PADDING_TOP = 6;
const PADDING_BOTTOM = 6;
const HEADER_PADDING_X = 10;
const HEADER_GAP = 6;
const LABEL_LINE_HEIGHT = 16;
const LABEL_PADDING_X = 10;
const LABEL_MAX_WIDTH = 220;
const PARAMS_PADDING_TOP = 4;
const PARAMS_PADDING_X = 10;
const PARAM_GAP = 4;
const VALUE_FIELD_WIDTH = 90;
/** A checkbox and Chromium's default margins around it. */
const CHECKBOX_WIDTH = 20;
/**
 * Room a select takes beside its longest option: its padding and border in styles.css and its arrow.
 * NOTE: the arrow's width is measured in Chromium 150 on Debian; other browsers draw it in their own sizes.
 */
const SELECT_EXTRA_WIDTH = 42;
const PORTS_MARGIN_TOP = 4;
const PORT_ROW_HEIGHT = 22;
const PORT_ROW_PADDING_X = 12;
const HANDLE_SIZE = 11;
const READOUT_PADDING_X = 10;
const READOUT_GAP = 10;
const MIN_WIDTH = 150;
const MAX_WIDTH = 240;

/** Fonts of the texts that set a node's width, without the family. */
export const NODE_FONTS = {
  symbol: '700 18px',
  id: '700 14px',
  kind: '12px',
  label: '13px',
  paramName: '14px',
  preview: '14px',
  select: '14px',
  port: '12px',
  readout: '700 14px',
} as const;

export type NodeFont = keyof typeof NODE_FONTS;

/** The fonts of NODE_FONTS in projector mode (projector.css). A label keeps its 13 px. */
export const PROJECTOR_NODE_FONTS: Record<NodeFont, string> = {
  symbol: '700 26px',
  id: '700 19px',
  kind: '16px',
  label: '13px',
  paramName: '19px',
  preview: '19px',
  select: '19px',
  port: '16px',
  readout: '700 19px',
};

/** Sizes of a node's box that differ between normal and projector mode, in flow units. */
export interface NodeMetrics {
  border: number;
  headerHeight: number;
  /** Height the header gains when its kind name breaks after a hyphen onto a second line. */
  kindLineHeight: number;
  /** Height of a parameter row with a text field. */
  fieldRowHeight: number;
  /** Height of a parameter row with a checkbox or a tensor preview. */
  paramRowHeight: number;
  selectRowHeight: number;
  readoutMinHeight: number;
}

/** Normal mode's sizes. NOTE: kindLineHeight is an estimate of one 12 px line, not measured, because no built-in kind's header wrapped in normal mode. */
export const NORMAL_NODE_METRICS: NodeMetrics = { border: 2, headerHeight: 21, kindLineHeight: 14, fieldRowHeight: 22, paramRowHeight: 22, selectRowHeight: 28, readoutMinHeight: 20 };

/** Projector mode's sizes, measured in Chromium 150: its larger type makes some rows taller than their minimums. */
export const PROJECTOR_NODE_METRICS: NodeMetrics = { border: 3, headerHeight: 30, kindLineHeight: 17, fieldRowHeight: 28, paramRowHeight: 22, selectRowHeight: 34, readoutMinHeight: 24 };

function paramRowHeight(param: LayoutParam, metrics: NodeMetrics): number {
  switch (param.field) {
    case 'select':
      return metrics.selectRowHeight;
    case 'text':
      return metrics.fieldRowHeight;
    default:
      return metrics.paramRowHeight;
  }
}

/**
 * Returns the header's height. A header wider than the node leaves its kind
 * name less room, so a kind name with a hyphen, such as "leaky-relu", breaks
 * after it onto a second line.
 * NOTE: a name with several hyphens may take more than two lines, but the estimate counts two.
 */
function headerHeight(input: NodeLayoutInput, measure: MeasureText, width: number, metrics: NodeMetrics): number {
  const content = headerWidth(input, measure);
  const wraps = content > width - 2 * metrics.border && input.kind.includes('-');
  return wraps ? metrics.headerHeight + metrics.kindLineHeight : metrics.headerHeight;
}

function headerWidth(input: NodeLayoutInput, measure: MeasureText): number {
  return 2 * HEADER_PADDING_X + measure(input.symbol, 'symbol') + HEADER_GAP + measure(input.id, 'id') + HEADER_GAP + measure(input.kind, 'kind');
}

/** Returns the width in CSS pixels of `text` set in font `font`. */
export type MeasureText = (text: string, font: NodeFont) => number;

/** A parameter field as the node shows it. */
export type LayoutParam =
  | { name: string; field: 'text' | 'checkbox' }
  | { name: string; field: 'preview'; text: string }
  | { name: string; field: 'select'; choices: readonly string[] };

/** The parts of a node that its size and handle places depend on. */
export interface NodeLayoutInput {
  id: string;
  kind: string;
  symbol: string;
  label?: string;
  /** The parameters shown, in order: those relevant to the node's current values. */
  params: readonly LayoutParam[];
  inputs: readonly string[];
  outputs: readonly string[];
  valueText: string | null;
  gradientText: string | null;
}

export interface NodeLayout {
  width: number;
  height: number;
  /** One handle per port, placed as React Flow measures it: its box relative to the node's top left corner. */
  handles: NodeHandle[];
}

function paramWidth(param: LayoutParam, measure: MeasureText): number {
  const name = measure(param.name, 'paramName') + PARAM_GAP;
  switch (param.field) {
    case 'text':
      return name + VALUE_FIELD_WIDTH;
    case 'checkbox':
      return name + CHECKBOX_WIDTH;
    case 'preview':
      return name + measure(param.text, 'preview');
    case 'select':
      return name + Math.max(0, ...param.choices.map((choice) => measure(choice, 'select'))) + SELECT_EXTRA_WIDTH;
  }
}

/** Returns the width a node takes: its widest row's content, within the node's minimum and maximum width. */
function estimateWidth(input: NodeLayoutInput, measure: MeasureText, border: number): number {
  const header = headerWidth(input, measure);
  const label = input.label ? Math.min(LABEL_MAX_WIDTH, 2 * LABEL_PADDING_X + measure(input.label, 'label')) : 0;
  const params = Math.max(0, ...input.params.map((param) => 2 * PARAMS_PADDING_X + paramWidth(param, measure)));
  let ports = 0;
  for (let row = 0; row < Math.max(input.inputs.length, input.outputs.length); row++) {
    const inputWidth = row < input.inputs.length ? measure(input.inputs[row], 'port') : 0;
    const outputWidth = row < input.outputs.length ? measure(input.outputs[row], 'port') : 0;
    ports = Math.max(ports, 2 * PORT_ROW_PADDING_X + inputWidth + outputWidth);
  }
  const texts = [input.valueText && `= ${input.valueText}`, input.gradientText && `∂ ${input.gradientText}`].filter((text): text is string => Boolean(text));
  const readout = texts.length === 0 ? 0 : 2 * READOUT_PADDING_X + texts.reduce((sum, text) => sum + measure(text, 'readout'), 0) + READOUT_GAP * (texts.length - 1);
  const content = Math.max(header, label, params, ports, readout);
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(content) + 2 * border));
}

/** Characters that Chromium may break a line around: CJK, Hangul and fullwidth forms. */
const CJK = '\\u1100-\\u11ff\\u2e80-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\uff00-\\uffef';

/**
 * Wrap opportunities in a label, as Chromium finds them for `.gate-label`: after
 * a space or a hyphen, and around each CJK or Hangul character. Closing CJK
 * punctuation stays with the character before it, because a line cannot start with it.
 */
const LABEL_UNIT = new RegExp(
  `[${CJK}][\\u3001\\u3002\\u300b\\u300d\\u300f\\u3011\\uff01\\uff09\\uff0c\\uff1a\\uff1b\\uff1f]*\\s*|[^\\s${CJK}]+?(?:-|(?=[\\s${CJK}])|$)\\s*|\\s+`,
  'gu',
);

/** Collapses each run of HTML whitespace into one space and drops it at the ends, as `white-space: normal` draws a label. */
function collapseWhitespace(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, ' ').replace(/^ | $/g, '');
}

/**
 * Counts the lines a label takes in a box `room` pixels wide. Each line takes
 * as many whole units (see LABEL_UNIT) as fit, not counting its trailing
 * spaces. A unit wider than the box is broken between characters, as the
 * label's `overflow-wrap: anywhere` lets the browser do.
 * NOTE: Chromium's rules for where a line may break cover more cases than
 * LABEL_UNIT, such as no break between a hyphen and a digit.
 */
export function countLabelLines(label: string, room: number, measure: MeasureText): number {
  if (measure(label, 'label') <= room) return 1;
  const fits = (text: string) => measure(text.trimEnd(), 'label') <= room;
  let lines = 1;
  let line = '';
  for (const unit of label.match(LABEL_UNIT) ?? []) {
    if (fits(line + unit)) {
      line += unit;
      continue;
    }
    if (line.trim() !== '') lines++;
    line = '';
    for (const character of unit) {
      if (line !== '' && !fits(line + character)) {
        lines++;
        line = '';
      }
      line += character;
    }
  }
  return lines;
}

/**
 * Estimates where React Flow would measure a node's handles and how large the
 * node is, without drawing it. Heights follow from the fixed row heights, the
 * width from the measured texts, and a label's lines from where its text wraps.
 * `metrics` gives the sizes of normal or projector mode, and `measure` must
 * measure in the same mode's fonts.
 */
export function estimateNodeLayout(drawn: NodeLayoutInput, measure: MeasureText, metrics: NodeMetrics = NORMAL_NODE_METRICS): NodeLayout {
  const { border } = metrics;
  const input = drawn.label ? { ...drawn, label: collapseWhitespace(drawn.label) } : drawn;
  const width = estimateWidth(input, measure, border);
  const labelRoom = Math.min(LABEL_MAX_WIDTH, width - 2 * border) - 2 * LABEL_PADDING_X;
  const labelLines = input.label ? countLabelLines(input.label, labelRoom, measure) : 0;
  const params = input.params.length === 0 ? 0 : PARAMS_PADDING_TOP + input.params.reduce((sum, param) => sum + paramRowHeight(param, metrics), 0);
  const portsTop = border + PADDING_TOP + headerHeight(input, measure, width, metrics) + labelLines * LABEL_LINE_HEIGHT + params + PORTS_MARGIN_TOP;
  const rows = Math.max(input.inputs.length, input.outputs.length);

  // A handle is centred on its row's side: React Flow's handle rules translate it by half its size.
  const handleTop = (row: number) => portsTop + row * PORT_ROW_HEIGHT + (PORT_ROW_HEIGHT - HANDLE_SIZE) / 2;
  const handles: NodeHandle[] = [
    ...input.inputs.map((id, row): NodeHandle => ({ id, type: 'target', position: LEFT, x: border - HANDLE_SIZE / 2, y: handleTop(row), width: HANDLE_SIZE, height: HANDLE_SIZE })),
    ...input.outputs.map((id, row): NodeHandle => ({ id, type: 'source', position: RIGHT, x: width - border - HANDLE_SIZE / 2, y: handleTop(row), width: HANDLE_SIZE, height: HANDLE_SIZE })),
  ];
  const height = portsTop + rows * PORT_ROW_HEIGHT + metrics.readoutMinHeight + PADDING_BOTTOM + border;
  return { width, height, handles };
}
