import { describe, expect, test } from 'vitest';
import { translateLoadProblem } from '../../src/editor/i18n/load-problem-text';
import { en } from '../../src/editor/i18n/en';
import { zhCN } from '../../src/editor/i18n/zh-CN';
import { decodeLink } from '../../src/engine/link';
import { LINK_LAYOUT_CODES, type LinkLayoutCode } from '../../src/engine/link-compact-decode';
import { registry } from '../../src/nodes';
import { craftLink, craftVersion1Content, craftVersion1Link } from '../engine/link-craft';

const jsonSyntaxMessage = (() => {
  try {
    JSON.parse('[');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the JSON text should not parse');
})();

/** Returns a document whose only node is input "x" with the parameters `params` (JSON text). */
function withParams(params: string): string {
  return `[[1,null,[["x","input",0,0,${params}]],[]]]`;
}

/** Returns a document with no nodes and one module "m" whose compact definition is `definition` (JSON text). */
function withModule(definition: string): string {
  return `[[1,null,[],[],null,{"m":${definition}}]]`;
}

interface Case {
  name: string;
  code: LinkLayoutCode;
  link: () => string;
  /** The layout problem's English sentence, without the link's prefix. */
  en: string;
  zh: string;
}

const cases: Case[] = [
  {
    name: 'length beyond the bytes',
    code: 'length',
    link: () => craftLink(1, craftVersion1Content(Buffer.from([5]))),
    en: 'the length of its JSON part is missing or too large',
    zh: '其 JSON 部分的长度缺失或过大',
  },
  { name: 'unparsable JSON', code: 'json', link: () => craftVersion1Link('['), en: `its JSON part cannot be read: ${jsonSyntaxMessage}`, zh: '无法读取其 JSON 部分：内容在中途结束' },
  {
    name: 'leftover tensor bytes',
    code: 'leftover',
    link: () => craftVersion1Link('[[1,null,[],[]]]', new Uint8Array(3)),
    en: '3 bytes of tensor data are left over',
    zh: '多出了 3 字节的张量数据',
  },
  { name: 'content object', code: 'not-list', link: () => craftVersion1Link('{"a":1}'), en: 'the content must be a list, found an object', zh: '内容必须是列表，实际为对象' },
  { name: 'document number', code: 'not-list', link: () => craftVersion1Link('[5]'), en: 'the document must be a list, found a number', zh: '文档必须是列表，实际为数字' },
  {
    name: 'document nodes string',
    code: 'not-list',
    link: () => craftVersion1Link('[[1,null,"x"]]'),
    en: 'the node list of the document must be a list, found a string',
    zh: '文档的节点列表必须是列表，实际为字符串',
  },
  {
    name: 'document edges missing',
    code: 'not-list',
    link: () => craftVersion1Link('[[1,null,[]]]'),
    en: 'the edge list of the document must be a list, found nothing',
    zh: '文档的连线列表必须是列表，实际为缺失的值',
  },
  { name: 'node boolean', code: 'not-list', link: () => craftVersion1Link('[[1,null,[true],[]]]'), en: 'node 0 must be a list, found a boolean', zh: '索引为 0 的节点必须是列表，实际为布尔值' },
  { name: 'edge null', code: 'not-list', link: () => craftVersion1Link('[[1,null,[],[null]]]'), en: 'edge 0 must be a list, found null', zh: '索引为 0 的连线必须是列表，实际为空值（null）' },
  { name: 'module number', code: 'not-list', link: () => craftVersion1Link(withModule('5')), en: 'module "m" must be a list, found a number', zh: '模块“m”必须是列表，实际为数字' },
  {
    name: 'module nodes object',
    code: 'not-list',
    link: () => craftVersion1Link(withModule('[{},[],[],[]]')),
    en: 'the node list of module "m" must be a list, found an object',
    zh: '模块“m”的节点列表必须是列表，实际为对象',
  },
  {
    name: 'module edges number',
    code: 'not-list',
    link: () => craftVersion1Link(withModule('[[],1,[],[]]')),
    en: 'the edge list of module "m" must be a list, found a number',
    zh: '模块“m”的连线列表必须是列表，实际为数字',
  },
  {
    name: 'module inputs string',
    code: 'not-list',
    link: () => craftVersion1Link(withModule('[[],[],"i",[]]')),
    en: 'the inputs of module "m" must be a list, found a string',
    zh: '模块“m”的输入列表必须是列表，实际为字符串',
  },
  {
    name: 'module outputs null',
    code: 'not-list',
    link: () => craftVersion1Link(withModule('[[],[],[],null]')),
    en: 'the outputs of module "m" must be a list, found null',
    zh: '模块“m”的输出列表必须是列表，实际为空值（null）',
  },
  {
    name: 'module port number',
    code: 'not-list',
    link: () => craftVersion1Link(withModule('[[],[],[3],[]]')),
    en: 'port 0 of module "m" must be a list, found a number',
    zh: '模块“m”中索引为 0 的端口必须是列表，实际为数字',
  },
  {
    name: 'modules list',
    code: 'modules-not-object',
    link: () => craftVersion1Link('[[1,null,[],[],null,[1]]]'),
    en: 'the modules must be an object, found a list',
    zh: '模块表必须是对象，实际为列表',
  },
  {
    name: 'parameters list',
    code: 'params-not-object',
    link: () => craftVersion1Link(withParams('[1]')),
    en: 'the parameters of node 0 must be an object, found a list',
    zh: '索引为 0 的节点的参数必须是对象，实际为列表',
  },
  {
    name: 'binary tensor type',
    code: 'binary-tensor',
    link: () => craftVersion1Link(withParams('{"value":[[2],"f16",2]}')),
    en: 'a binary tensor must be [shape, "f32" or "f64", count], found type "f16" and count 2',
    zh: '二进制张量必须是 [shape, "f32" 或 "f64", count]，实际类型为 "f16"，数量为 2',
  },
  {
    name: 'binary tensor count missing',
    code: 'binary-tensor-count',
    link: () => craftVersion1Link(withParams('{"value":[[2],"f32"]}')),
    en: 'a binary tensor must be [shape, "f32" or "f64", count], found type "f32" and count nothing',
    zh: '二进制张量必须是 [shape, "f32" 或 "f64", count]，实际类型为 "f32"，数量为缺失的值',
  },
  {
    name: 'edge node index',
    code: 'node-index',
    link: () => craftVersion1Link('[[1,null,[["x","input",0,0]],[[0,"out",5,"a"]]]]'),
    en: 'edge 0 refers to node 5, but the node list has length 1',
    zh: '索引为 0 的连线引用了节点 5，但节点列表的长度是 1',
  },
  {
    name: 'module port node index',
    code: 'node-index',
    link: () => craftVersion1Link(withModule('[[["n","exp",0,0]],[],[["x",2,"x"]],[]]')),
    en: 'port 0 of module "m" refers to node 2, but the node list has length 1',
    zh: '模块“m”中索引为 0 的端口引用了节点 2，但节点列表的长度是 1',
  },
  {
    name: 'module node number',
    code: 'not-list',
    link: () => craftVersion1Link(withModule('[[5],[],[],[]]')),
    en: 'node 0 of module "m" must be a list, found a number',
    zh: '模块“m”中索引为 0 的节点必须是列表，实际为数字',
  },
  {
    name: 'module parameters number',
    code: 'params-not-object',
    link: () => craftVersion1Link(withModule('[[["n","exp",0,0,7]],[],[],[]]')),
    en: 'the parameters of node 0 of module "m" must be an object, found a number',
    zh: '模块“m”中索引为 0 的节点的参数必须是对象，实际为数字',
  },
  {
    name: 'module edge node index',
    code: 'node-index',
    link: () => craftVersion1Link(withModule('[[["n","exp",0,0]],[[0,"out",9,"x"]],[],[]]')),
    en: 'edge 0 of module "m" refers to node 9, but the node list has length 1',
    zh: '模块“m”中索引为 0 的连线引用了节点 9，但节点列表的长度是 1',
  },
  {
    name: 'tensor data short',
    code: 'tensor-data',
    link: () => craftVersion1Link(withParams('{"value":[[2],"f32",2]}'), new Uint8Array(4)),
    en: 'a tensor needs 2 f32 values, but only 4 bytes of tensor data are left',
    zh: '一个张量需要 2 个 f32 值，但只剩 4 字节的张量数据',
  },
];

describe('link layout text', () => {
  test.each(cases.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const result = decodeLink(entry.link(), registry);
    if (result.ok) expect.fail('the link should be rejected');
    const [english] = result.errors;
    const [problem] = result.problems;

    expect(problem?.code).toBe('link-layout');
    expect(problem?.layout?.code).toBe(entry.code);
    expect(english).toBe(`The link's content does not have the layout of link format 1: ${entry.en}.`);
    expect(translateLoadProblem('en', problem!, 'fallback')).toBe(english);
    expect(translateLoadProblem('zh-CN', problem!, 'fallback')).toBe(`链接内容不符合链接格式 1 的布局：${entry.zh}。`);
  });

  test('every layout code has a case', () => {
    const tested = new Set(cases.map((entry) => entry.code));

    expect(LINK_LAYOUT_CODES.filter((code) => !tested.has(code))).toEqual([]);
  });

  test('every layout key has Chinese text', () => {
    const keys = Object.keys(en).filter((key) => key.startsWith('linkLayout.')) as (keyof typeof en)[];

    expect(keys.length).toBeGreaterThan(LINK_LAYOUT_CODES.length);
    for (const key of keys) expect(zhCN[key], key).toMatch(/[\u4e00-\u9fff]|^\{owner\}$/);
  });
});
