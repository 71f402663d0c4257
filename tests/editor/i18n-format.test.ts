import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/engine/diagnostics';
import { formatNumber, formatTensor } from '../../src/editor/format';
import { en } from '../../src/editor/i18n/en';
import { detectLanguage, translate, translateDiagnostic } from '../../src/editor/i18n/translate';
import { zhCN } from '../../src/editor/i18n/zh-CN';

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}

describe('i18n', () => {
  test('zh-CN uses the same placeholders as English', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(new Set(placeholders(zhCN[key])), key).toEqual(new Set(placeholders(en[key])));
    }
  });

  test('detectLanguage picks zh-CN for any Chinese tag', () => {
    expect(detectLanguage(['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLanguage(['en-US', 'zh'])).toBe('zh-CN');
    expect(detectLanguage(['de-DE', 'en'])).toBe('en');
    expect(detectLanguage([])).toBe('en');
  });

  test('translate fills placeholders', () => {
    expect(translate('en', 'timeline.count', { k: 3, n: 10 })).toBe('step 3 / 10');
    expect(translate('zh-CN', 'timeline.forward', { node: 'q' })).toBe('前向：节点 q');
  });

  test('diagnostic translated by code', () => {
    const diagnostic: Diagnostic = {
      code: 'missing-input', severity: 'warning', nodeId: 'mul1', port: 'a',
      details: { kind: 'multiply', port: 'a' }, message: 'English message',
    };
    expect(translateDiagnostic('zh-CN', diagnostic)).toBe('节点“mul1”（multiply）的输入 a 没有连线；连接一个值后此节点才能运行。');
  });

  test('non-finite node without inputs', () => {
    const source: Diagnostic = {
      code: 'non-finite-value', severity: 'error', nodeId: 'W',
      details: { kind: 'parameter', source: 'yes' }, message: 'English message',
    };
    const computed: Diagnostic = { ...source, nodeId: 'h', details: { kind: 'log' } };
    expect(translateDiagnostic('en', source)).toMatch(/^Node "W" \(parameter\) has no inputs, and its own value is NaN or infinite\./);
    expect(translateDiagnostic('zh-CN', source)).toMatch(/^节点“W”（parameter）没有输入/);
    expect(translateDiagnostic('en', computed)).toContain('although its inputs are finite');
  });

  test('diagnostic with missing details falls back', () => {
    const diagnostic: Diagnostic = {
      code: 'blocked-by-input', severity: 'warning', nodeId: 'f', port: 'a',
      details: { kind: 'multiply' }, message: 'English message',
    };
    expect(translateDiagnostic('zh-CN', diagnostic)).toBe('English message');
  });
});

describe('number format', () => {
  test('formatNumber keeps 4 significant digits', () => {
    expect(formatNumber(-12)).toBe('-12');
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(0.19661193)).toBe('0.1966');
    expect(formatNumber(0.7310585737228394)).toBe('0.7311');
    expect(formatNumber(0.30000001192092896)).toBe('0.3');
    expect(formatNumber(12345.6)).toBe('12350');
    expect(formatNumber(-0)).toBe('0');
  });

  test('formatNumber output parses back', () => {
    for (const value of [-12, 123456, 0.000012345, -7.5e-8, 2.5]) {
      const text = formatNumber(value);
      expect(Number(text), text).toBeCloseTo(value, 3 - Math.floor(Math.log10(Math.abs(value))));
    }
    expect(formatNumber(123456)).toBe('1.235e+5');
  });

  test('formatNumber names non-finite values', () => {
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
  });

  test('formatTensor shows shape and first values', () => {
    expect(formatTensor({ shape: [], data: [-4] })).toBe('-4');
    expect(formatTensor({ shape: [2], data: [1, 2] })).toBe('[2] 1, 2');
    expect(formatTensor({ shape: [2, 3], data: [1, 2, 3, 4, 5, 6] })).toBe('[2×3] 1, 2, 3, …');
  });
});
