import { deflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { translateLoadProblem } from '../../src/editor/i18n/load-problem-text';
import { decodeLink, encodeLink, MAX_INFLATED_BYTES, MAX_LINK_CHARS, type DecodeLinkResult } from '../../src/engine/link';
import { LOAD_PROBLEM_CODES, type LoadProblemCode } from '../../src/engine/load-problems';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { craftCompactForm, craftEnvelope, craftLink, craftVersion1Content, craftVersion1Link, leb128 } from '../engine/link-craft';

const addMulLink = encodeLink(findPreset('add-mul')!.build());
const compactForm = craftCompactForm(JSON.stringify([[1, 't', [['x', 'input', 0, 0]], []]]));

function changeAt(link: string, index: number): string {
  return link.slice(0, index) + (link[index] === 'A' ? 'B' : 'A') + link.slice(index + 1);
}

interface Case {
  code: LoadProblemCode;
  link: () => unknown;
  /** The English error, or a pattern for one whose numbers depend on the encoder. */
  en: string | RegExp;
  /** The Chinese line, built from the English error's match when `en` is a pattern. */
  zh: string | ((match: RegExpMatchArray) => string);
}

const cases: Case[] = [
  { code: 'link-not-text', link: () => 42, en: 'A link must be text, found number.', zh: '链接必须是文本，实际为 number。' },
  {
    code: 'link-too-long',
    link: () => `graph=${'A'.repeat(MAX_LINK_CHARS)}`,
    en: `The link is ${MAX_LINK_CHARS + 6} characters long; links of up to ${MAX_LINK_CHARS} characters are accepted. Share the graph as a file instead.`,
    zh: `链接长 ${MAX_LINK_CHARS + 6} 个字符；只接受最多 ${MAX_LINK_CHARS} 个字符的链接。请改用文件分享这个图。`,
  },
  {
    code: 'link-not-link',
    link: () => 'preset=add-mul',
    en: 'This is not a Backprop Studio graph link: the part after "#" must start with "graph=", found "preset=add-mul".',
    zh: '这不是 Backprop Studio 的图链接：“#”之后的部分必须以 "graph=" 开头，实际为 "preset=add-mul"。',
  },
  {
    code: 'link-bad-character',
    link: () => `${addMulLink.slice(0, 20)}!${addMulLink.slice(21)}`,
    en: 'The link is corrupt: character "!" at position 15 of its data is not allowed in a link. Copy the whole link again.',
    zh: '链接已损坏：其数据第 15 个位置的字符 "!" 不允许出现在链接中。请重新复制完整的链接。',
  },
  {
    code: 'link-trailing-character',
    link: () => `${addMulLink}A`,
    en: 'The link is corrupt: its last character does not belong to its data. Copy the whole link again.',
    zh: '链接已损坏：最后一个字符不属于其数据。请重新复制完整的链接。',
  },
  {
    code: 'link-newer-format',
    link: () => craftLink(2, Buffer.from([1, 2, 3])),
    en: 'The link uses link format 2, written by a newer Backprop Studio; this one reads link formats up to 1. Open the link in a newer version of the app.',
    zh: '链接使用链接格式 2，由更新版本的 Backprop Studio 生成；此版本只能读取 1 及以下的链接格式。请在更新版本的应用中打开此链接。',
  },
  {
    code: 'link-unknown-format',
    link: () => craftLink(0, craftVersion1Content(compactForm)),
    en: 'The link declares link format 0, which does not exist.',
    zh: '链接声明的链接格式 0 不存在。',
  },
  {
    code: 'link-size-missing',
    link: () => craftLink(1, Buffer.from([0x80])),
    en: 'The link is corrupt: the size of its content is missing.',
    zh: '链接已损坏：缺少其内容的大小。',
  },
  {
    code: 'link-too-large',
    link: () => craftLink(1, Buffer.concat([Buffer.from(leb128(MAX_INFLATED_BYTES + 1)), Buffer.from([3, 0])])),
    en: `The link's content would be ${MAX_INFLATED_BYTES + 1} bytes once decompressed; the limit is ${MAX_INFLATED_BYTES}.`,
    zh: `链接内容解压后将有 ${MAX_INFLATED_BYTES + 1} 字节；上限是 ${MAX_INFLATED_BYTES}。`,
  },
  {
    code: 'link-inflate-overflow',
    link: () => craftLink(1, Buffer.concat([Buffer.from(leb128(1000)), deflateRawSync(Buffer.alloc(4096))])),
    en: "The link's content decompresses to more than the 1000 bytes its header declares, so decoding stopped. The link is damaged or was built to exhaust memory.",
    zh: '链接内容解压后超过其头部声明的 1000 字节，因此已停止解码。链接已损坏，或是为耗尽内存而构造的。',
  },
  {
    code: 'link-inflate-failed',
    link: () => craftLink(1, Buffer.concat([Buffer.from(leb128(100)), Buffer.from([0xff, 0xff, 0xff, 0xff])])),
    en: /^The link is corrupt: its compressed content cannot be decompressed \((.+)\)\.$/,
    zh: (match) => `链接已损坏：其压缩内容无法解压（${match[1]}）。`,
  },
  {
    code: 'link-size-mismatch',
    link: () => craftLink(1, craftVersion1Content(compactForm, compactForm.length + 5)),
    en: `The link is corrupt: its content decompresses to ${compactForm.length} bytes, but its header declares ${compactForm.length + 5}.`,
    zh: `链接已损坏：其内容解压后为 ${compactForm.length} 字节，但头部声明为 ${compactForm.length + 5} 字节。`,
  },
  {
    code: 'link-layout',
    link: () => craftVersion1Link('{"a":1}'),
    en: "The link's content does not have the layout of link format 1: the content must be a list, found an object.",
    zh: '链接内容不符合链接格式 1 的布局：内容必须是列表，实际为对象。',
  },
  {
    code: 'link-empty',
    link: () => 'graph=',
    en: 'The link is incomplete: nothing follows "graph=". Copy the whole link again.',
    zh: '链接不完整："graph=" 之后没有内容。请重新复制完整的链接。',
  },
  {
    code: 'link-short',
    link: () => addMulLink.slice(0, addMulLink.length - 8),
    en: /^The link is incomplete: it holds (\d+) bytes of data, but its header declares (\d+)\. Copy the whole link again\.$/,
    zh: (match) => `链接不完整：它有 ${match[1]} 字节的数据，但头部声明为 ${match[2]} 字节。请重新复制完整的链接。`,
  },
  {
    code: 'link-short-unreadable',
    link: () => `graph=${craftEnvelope(1, Buffer.alloc(300)).subarray(0, 2).toString('base64url')}`,
    en: /^The link is incomplete: it holds (\d+) bytes of data, but its header cannot be read\. Copy the whole link again\.$/,
    zh: (match) => `链接不完整：它有 ${match[1]} 字节的数据，但无法读取其头部。请重新复制完整的链接。`,
  },
  {
    code: 'link-long',
    link: () => `graph=${Buffer.concat([craftEnvelope(1, Buffer.alloc(3)), Buffer.alloc(3)]).toString('base64url')}`,
    en: /^The link is corrupt: it holds (\d+) bytes of data, but its header declares (\d+)\. Copy the whole link again\.$/,
    zh: (match) => `链接已损坏：它有 ${match[1]} 字节的数据，但头部声明为 ${match[2]} 字节。请重新复制完整的链接。`,
  },
  {
    code: 'link-length-field',
    link: () => `graph=${Buffer.from([1, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0]).toString('base64url')}`,
    en: 'The link is corrupt: the length in its header cannot be read.',
    zh: '链接已损坏：无法读取其头部中的长度。',
  },
  {
    code: 'link-checksum',
    link: () => changeAt(addMulLink, addMulLink.length - 20),
    en: /^The link is corrupt: its checksum (0x[0-9a-f]{8}) does not match its data \((0x[0-9a-f]{8})\), so characters were changed or lost\. Copy the whole link again\.$/,
    zh: (match) => `链接已损坏：其校验和 ${match[1]} 与数据（${match[2]}）不符，说明有字符被改动或丢失。请重新复制完整的链接。`,
  },
];

function failure(result: DecodeLinkResult): Extract<DecodeLinkResult, { ok: false }> {
  if (result.ok) expect.fail('the link should be rejected');
  return result;
}

describe('link problem text', () => {
  test.each(cases.map((entry) => [entry.code, entry] as const))('%s', (_code, entry) => {
    const result = failure(decodeLink(entry.link() as string, registry));
    expect(result.errors).toHaveLength(1);
    expect(result.problems).toHaveLength(1);
    const [english] = result.errors;
    const problem = result.problems[0];
    expect(problem?.code).toBe(entry.code);

    let zh: string;
    if (typeof entry.en === 'string') {
      expect(english).toBe(entry.en);
      zh = entry.zh as string;
    } else {
      const match = english.match(entry.en);
      expect(match, english).not.toBeNull();
      zh = (entry.zh as (match: RegExpMatchArray) => string)(match!);
    }
    expect(translateLoadProblem('en', problem!, 'fallback')).toBe(english);
    expect(translateLoadProblem('zh-CN', problem!, 'fallback')).toBe(zh);
  });

  test('every link code has a case', () => {
    const tested = new Set(cases.map((entry) => entry.code));
    expect(LOAD_PROBLEM_CODES.filter((code) => code.startsWith('link-') && !tested.has(code))).toEqual([]);
  });

  test('invalid graph carries document problems', () => {
    const json = '[[1,null,[["x","input",0,0],["q","add",1,1]],[["x","out","nowhere","a"]]]]';
    const result = failure(decodeLink(craftVersion1Link(json), registry));
    const index = result.errors.indexOf('Edge "x.out->nowhere.a" (x.out → nowhere.a): target node "nowhere" does not exist.');
    expect(index).toBeGreaterThanOrEqual(0);

    expect(translateLoadProblem('zh-CN', result.problems[index]!, 'fallback')).toBe('连线“x.out->nowhere.a”（x.out → nowhere.a）：目标节点“nowhere”不存在。');
  });
});

describe('link option problems', () => {
  test('lecture option issue in both languages', () => {
    const result = failure(decodeLink(craftVersion1Link('[[1,null,[],[]],null,{"autoplay":"yes"}]'), registry));

    expect(result.errors).toEqual(['Field "lecture.autoplay": Invalid input: expected boolean, received string.']);
    expect(translateLoadProblem('en', result.problems[0]!, 'fallback')).toBe('Field "lecture.autoplay": Invalid input: expected boolean, received string.');
    expect(translateLoadProblem('zh-CN', result.problems[0]!, 'fallback')).toBe('字段“lecture.autoplay”：无效输入：期望 boolean，实际接收 string。');
  });
});
