import { describe, expect, test } from 'vitest';
import { loadErrorLines } from '../../src/editor/i18n/load-problem-text';
import { openLink } from '../../src/editor/share/open-link';
import { defaultShareOptions, shareFragment, type ShareOptions } from '../../src/editor/share/share-link';
import { characterParam } from '../../src/editor/share/link-problems';
import { cleanLinkText } from '../../src/engine/link-text';
import { translateMessage } from '../../src/editor/i18n/translate';
import { findPreset } from '../../src/presets';
import { craftVersion1Link } from '../engine/link-craft';
import { commandEnvironment } from '../helpers/editor';
import { parserMessage } from '../helpers/json-parser-message';

const readyStore = () => commandEnvironment().editor;

/** Opens `link` in a fresh store and returns the load-error lines in both languages, or null when it opened. */
function openAndRead(link: string): { en: string[]; zh: string[] } | null {
  const store = readyStore();
  const result = openLink(store, link);
  const error = store.getState().loadError;
  if (result.ok) return null;
  expect(error, 'load error after a failed link').not.toBeNull();
  return { en: loadErrorLines('en', error!), zh: loadErrorLines('zh-CN', error!) };
}

const fragmentOfPreset = (id: string, options: Partial<ShareOptions> = {}) =>
  shareFragment({ document: findPreset(id)!.build(), cursor: 0, weights: null, presetId: id }, { ...defaultShareOptions, ...options });

describe('cleanLinkText', () => {
  const cases: [name: string, input: string, expected: string][] = [
    ['encoded trailing space', '#graph=abc%20', '#graph=abc'],
    ['encoded line break', '#graph=abc%0D%0A', '#graph=abc'],
    ['plain whitespace around', ' \t#graph=abc \n', '#graph=abc'],
    ['whole URL', 'http://127.0.0.1:4173/#graph=abc%20%20', 'http://127.0.0.1:4173/#graph=abc'],
    ['space before prefix', '#%20graph=abc', '#graph=abc'],
    ['zero-width space and BOM', '\u200b#graph=abc\ufeff', '#graph=abc'],
    ['inner space kept', '#graph=ab%20cd', '#graph=ab cd'],
    ['malformed escape kept', '#graph=ab%zz', '#graph=ab%zz'],
    ['fragment without hash', 'graph=abc%20', 'graph=abc'],
  ];
  test.each(cases)('%s', (_name, input, expected) => {
    expect(cleanLinkText(input)).toBe(expected);
  });
});

describe('opening links with whitespace', () => {
  const links: [name: string, fragment: () => string][] = [
    ['document', () => shareFragment({ document: findPreset('add-mul')!.build(), cursor: 0, weights: null }, defaultShareOptions)],
    ['preset view', () => fragmentOfPreset('knn')],
    ['lecture', () => fragmentOfPreset('optimizer-race', { hidePalette: true, lockEditing: true, autoplay: true, includeTimeline: true })],
  ];
  const wrappers: [name: string, wrap: (fragment: string) => string][] = [
    ['as made', (fragment) => `#${fragment}`],
    ['encoded space', (fragment) => `#${fragment}%20`],
    ['encoded line break', (fragment) => `#${fragment}%0A`],
    ['whitespace around', (fragment) => ` \n#${fragment}\r\n `],
  ];
  for (const [linkName, fragment] of links) {
    test.each(wrappers)(`${linkName} link, %s`, (_name, wrap) => {
      const store = readyStore();
      const result = openLink(store, wrap(fragment()));
      expect(result.ok).toBe(true);
      expect(store.getState().loadError).toBeNull();
    });
  }
});

describe('bad character message', () => {
  test('inner space named as space', () => {
    const fragment = fragmentOfPreset('add-mul');
    // "graph=" is 6 characters, so the space is character 11 of the data.
    const lines = openAndRead(`#${fragment.slice(0, 16)}%20${fragment.slice(16)}`)!;
    expect(lines.en).toEqual([
      'The link is corrupt: its data contains a space at position 11, which a link cannot contain. After "#graph=" a link contains only the letters A–Z and a–z, the digits 0–9, "-" and "_". Copy the whole link again.',
    ]);
    expect(lines.zh).toEqual(['链接已损坏：其数据第 11 个位置是空格，链接中不能出现这个字符。链接在 “#graph=” 之后只包含字母 A–Z 和 a–z、数字 0–9、“-” 和 “_”。请重新复制完整的链接。']);
  });

  test('visible character quoted', () => {
    const lines = openAndRead('#graph=AB*CD')!;
    expect(lines.en[0]).toContain('its data contains "*" at position 3,');
    expect(lines.zh[0]).toContain('其数据第 3 个位置是“*”，');
  });

  test('emoji named whole', () => {
    const fragment = fragmentOfPreset('add-mul');
    const lines = openAndRead(`#${fragment.slice(0, 16)}%F0%9F%98%80${fragment.slice(16)}`)!;
    expect(lines.en[0]).toContain('its data contains "\u{1F600}" at position 11,');
    expect(lines.zh[0]).toContain('其数据第 11 个位置是“\u{1F600}”，');
  });

  test('malformed escape names percent', () => {
    const lines = openAndRead('#graph=AB%zz')!;
    expect(lines.en[0]).toContain('its data contains "%" at position 3,');
  });
});

describe('JSON syntax message', () => {
  test('trailing comma at line and column', () => {
    const json = '[\n  [1, "t", [], []],\n]';
    const lines = openAndRead(`#${craftVersion1Link(json)}`)!;
    expect(lines.en).toEqual([
      `The graph in the link is not valid JSON: syntax error at line 3, column 1, at "]" (${parserMessage(json)}). Share the graph again to make a new link.`,
    ]);
    expect(lines.zh).toEqual(['链接中的图不是有效的 JSON：第 3 行第 1 列（“]”）有语法错误。请重新分享这个图以生成新链接。']);
  });

  test('early end named', () => {
    const json = '[1,';
    const lines = openAndRead(`#${craftVersion1Link(json)}`)!;
    expect(lines.en[0]).toContain('syntax error at line 1, column 4, at the end of the text (');
    expect(lines.zh[0]).toContain('第 1 行第 4 列（文本末尾）有语法错误');
  });

  test('character outside BMP whole', () => {
    const json = '[1, \u{1F600}]';
    const lines = openAndRead(`#${craftVersion1Link(json)}`)!;
    expect(lines.en[0]).toContain('syntax error at line 1, column 5, at "\u{1F600}" (');
  });
});

describe('characterParam', () => {
  const name = (character: string | undefined, language: 'en' | 'zh-CN') => {
    const param = characterParam(character);
    if ('texts' in param) return param.texts[language];
    return translateMessage(language, param);
  };

  test('names invisible characters', () => {
    expect(name('\u200b', 'en')).toBe('the invisible character U+200B');
    expect(name('\u00a0', 'zh-CN')).toBe('不可见字符 U+00A0');
    expect(name('\t', 'en')).toBe('a tab');
    expect(name('\r', 'zh-CN')).toBe('换行符');
  });
});
