import { describe, expect, test } from 'vitest';
import { parseClipboard, type ClipboardResult } from '../../src/editor/commands/clipboard';
import { translateMessage, type Message } from '../../src/editor/i18n/translate';
import { readAutosave, storageKeys } from '../../src/editor/store/persistence';
import { registry } from '../../src/nodes';
import { memoryStorage } from '../helpers/editor';

function failure(result: ClipboardResult): { reason: string; message: Message } {
  if (result.ok) expect.fail('the clipboard text should be rejected');
  return result;
}

const position = { x: 0, y: 0 };

interface PasteCase {
  name: string;
  text: string;
  en: string;
  zh: string;
}

const pasteCases: PasteCase[] = [
  {
    name: 'too long',
    text: ' '.repeat(20_000_001),
    en: 'The clipboard text is 20000001 characters long; the limit is 20000000.',
    zh: '剪贴板文本长 20000001 个字符，上限是 20000000。',
  },
  { name: 'not JSON', text: 'hello', en: 'The clipboard holds no copied nodes: its text is not JSON.', zh: '剪贴板中没有复制的节点：其文本不是 JSON。' },
  { name: 'not an object', text: '[1]', en: 'The clipboard holds no copied nodes: its JSON is not an object.', zh: '剪贴板中没有复制的节点：其 JSON 不是对象。' },
  {
    name: 'wrong format',
    text: '{"format": "other"}',
    en: 'The clipboard holds no copied nodes: field "format" is "other", expected "backprop-studio-clipboard".',
    zh: '剪贴板中没有复制的节点：字段“format”为 "other"，应为 "backprop-studio-clipboard"。',
  },
  {
    name: 'missing format',
    text: '{}',
    en: 'The clipboard holds no copied nodes: field "format" is missing, expected "backprop-studio-clipboard".',
    zh: '剪贴板中没有复制的节点：缺少字段“format”，应为 "backprop-studio-clipboard"。',
  },
  {
    name: 'newer version',
    text: '{"format": "backprop-studio-clipboard", "version": 2}',
    en: 'Copied nodes of version 2 cannot be pasted; this Backprop Studio reads version 1.',
    zh: '无法粘贴版本为 2 的复制节点；此版本的 Backprop Studio 只能读取版本 1。',
  },
  {
    name: 'missing version',
    text: '{"format": "backprop-studio-clipboard"}',
    en: 'Copied nodes of version (missing) cannot be pasted; this Backprop Studio reads version 1.',
    zh: '无法粘贴缺少版本号的复制节点；此版本的 Backprop Studio 只能读取版本 1。',
  },
  {
    name: 'incomplete',
    text: '{"format": "backprop-studio-clipboard", "version": 1, "nodes": []}',
    en: 'The copied nodes are incomplete: fields "nodes" and "edges" must be lists.',
    zh: '复制的节点不完整：字段“nodes”和“edges”必须是列表。',
  },
  {
    name: 'schema and semantics',
    text: JSON.stringify({
      format: 'backprop-studio-clipboard',
      version: 1,
      nodes: [{ id: 'mm', kind: 3, params: {}, position }],
      edges: [],
    }),
    en: 'Field "nodes[0].kind" of node "mm": Invalid input: expected string, received number.',
    zh: '字段“nodes[0].kind”（节点“mm”）：无效输入：期望 string，实际接收 数字。',
  },
  {
    name: 'two semantic errors',
    text: JSON.stringify({
      format: 'backprop-studio-clipboard',
      version: 1,
      nodes: [{ id: 'l', kind: 'leaky-relu', params: { alpha: -1 }, position }],
      edges: [{ id: 'e', source: 'ghost', sourcePort: 'out', target: 'l', targetPort: 'x' }],
    }),
    en: 'Node "l" (leaky-relu), parameter "alpha": expected at least 0, found -1. Edge "e" (ghost.out → l.x): source node "ghost" does not exist.',
    zh: '节点“l”（leaky-relu）的参数“alpha”：应至少为 0，实际为 -1。连线“e”（ghost.out → l.x）：源节点“ghost”不存在。',
  },
];

describe('paste errors', () => {
  test.each(pasteCases.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const { reason, message } = failure(parseClipboard(entry.text, registry));

    expect(reason).toBe(entry.en);
    expect(translateMessage('en', message)).toBe(entry.en);
    expect(translateMessage('zh-CN', message)).toBe(entry.zh);
  });
});

describe('corrupt autosave', () => {
  test('notice reason follows the language', () => {
    const broken = JSON.stringify({ format: 'backprop-studio-graph', version: 1, nodes: [{ id: 'n', kind: 'negate', params: { gain: 2 }, position }], edges: [], colour: 1 });
    const result = readAutosave(memoryStorage({ [storageKeys.document]: broken }));
    if (result.status !== 'corrupt') expect.fail('the autosave should be corrupt');

    expect(result.reason).toBe('Field "(document)": Unrecognized key: "colour".');
    expect(translateMessage('en', result.message)).toBe('Field "(document)": Unrecognized key: "colour".');
    expect(translateMessage('zh-CN', result.message)).toBe('字段“（文档）”：出现未知的键(key): "colour"。');
  });

  test('semantic reasons join per language', () => {
    const broken = JSON.stringify({
      format: 'backprop-studio-graph',
      version: 1,
      nodes: [{ id: 'n', kind: 'negate', params: { gain: 2 }, position }, { id: 'n', kind: 'negate', params: {}, position }],
      edges: [],
    });
    const result = readAutosave(memoryStorage({ [storageKeys.document]: broken }));
    if (result.status !== 'corrupt') expect.fail('the autosave should be corrupt');

    const english = 'Node "n" (negate), parameter "gain": unknown parameter; this kind has no parameters. Node id "n" is used by more than one node; ids must be unique.';
    expect(result.reason).toBe(english);
    expect(translateMessage('en', result.message)).toBe(english);
    expect(translateMessage('zh-CN', result.message)).toBe('节点“n”（negate）的参数“gain”：未知参数；此类型没有参数。节点 id“n”被多个节点使用；id 必须唯一。');
  });
});
