import { Deflate } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';
import { decodeLink, encodeLink, MAX_INFLATED_BYTES, MAX_LINK_CHARS, type DecodeLinkResult, type LinkErrorCode } from '../../src/engine/link';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { craftCompactForm, craftEnvelope, craftLink, craftVersion1Content, craftVersion1Link, leb128 } from './link-craft';

const addMulLink = encodeLink(findPreset('add-mul')!.build());
const PREFIX = 'graph=';

function rejected(result: DecodeLinkResult, code: LinkErrorCode): string {
  if (result.ok) expect.fail(`link should be rejected with ${code}`);
  expect(result.code, result.message).toBe(code);
  expect(result.message.length).toBeGreaterThan(0);
  expect(result.errors.length).toBeGreaterThan(0);
  return result.message;
}

/** Raw deflate data of `megabytes` MiB of zeros, built a MiB at a time. */
function deflatedZeros(megabytes: number): Buffer {
  const chunks: Uint8Array[] = [];
  const deflater = new Deflate({ level: 9 }, (chunk) => chunks.push(chunk));
  const zeros = new Uint8Array(1 << 20);
  for (let index = 0; index < megabytes; index++) deflater.push(zeros);
  deflater.push(new Uint8Array(0), true);
  return Buffer.concat(chunks);
}

describe('damaged links', () => {
  test('text without graph prefix is corrupt', () => {
    expect(rejected(decodeLink('preset=add-mul', registry), 'corrupt')).toContain('"graph="');
    rejected(decodeLink('', registry), 'corrupt');
    rejected(decodeLink('http://127.0.0.1:5173/', registry), 'corrupt');
  });

  test('character outside base64url is named', () => {
    const broken = `${addMulLink.slice(0, 20)}!${addMulLink.slice(21)}`;
    expect(rejected(decodeLink(broken, registry), 'corrupt')).toContain('character "!" at position 15');
    rejected(decodeLink(`${addMulLink.slice(0, 20)}é${addMulLink.slice(21)}`, registry), 'corrupt');
  });

  test('character outside BMP named whole', () => {
    const broken = `${addMulLink.slice(0, 20)}\u{1F600}${addMulLink.slice(20)}`;
    const result = decodeLink(broken, registry);
    expect(rejected(result, 'corrupt')).toContain('character "\u{1F600}" at position 15 of its data');
    if (result.ok) return;
    expect(result.problems[0]?.details).toStrictEqual({ character: '"\u{1F600}"', position: 15 });
  });

  test('lone surrogate named by its escape', () => {
    const broken = `${addMulLink.slice(0, 20)}\ud83d${addMulLink.slice(20)}`;
    expect(rejected(decodeLink(broken, registry), 'corrupt')).toContain('character "\\ud83d" at position 15');
  });

  test('every truncation reports truncated', () => {
    for (let length = PREFIX.length; length < addMulLink.length; length++) {
      rejected(decodeLink(addMulLink.slice(0, length), registry), 'truncated');
    }
  });

  test('every single-character change is rejected', () => {
    const codes = new Map<string, number>();
    for (let index = PREFIX.length; index < addMulLink.length; index++) {
      const replacement = addMulLink[index] === 'A' ? 'B' : 'A';
      const result = decodeLink(addMulLink.slice(0, index) + replacement + addMulLink.slice(index + 1), registry);
      expect(result.ok, `change at ${index}`).toBe(false);
      if (!result.ok) codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
    }
    // Only a change inside the header's length field can make the data look cut off.
    expect([...codes.keys()].filter((code) => code !== 'corrupt' && code !== 'truncated')).toStrictEqual([]);
    expect(codes.get('truncated') ?? 0).toBeLessThanOrEqual(3);
  });

  test('checksum mismatch names both checksums', () => {
    const index = addMulLink.length - 20;
    const broken = addMulLink.slice(0, index) + (addMulLink[index] === 'A' ? 'B' : 'A') + addMulLink.slice(index + 1);
    expect(rejected(decodeLink(broken, registry), 'corrupt')).toMatch(/checksum 0x[0-9a-f]{8} does not match its data \(0x[0-9a-f]{8}\)/);
  });

  test('extra characters are corrupt', () => {
    rejected(decodeLink(`${addMulLink}A`, registry), 'corrupt');
    rejected(decodeLink(`${addMulLink}AAAA`, registry), 'corrupt');
  });
});

describe('crafted links', () => {
  const compactAddMul = craftCompactForm(JSON.stringify([[1, 't', [['x', 'input', 0, 0]], []]]));

  test('newer link format is reported', () => {
    const message = rejected(decodeLink(craftLink(2, Buffer.from([1, 2, 3])), registry), 'newer-version');
    expect(message).toContain('link format 2');
    expect(message).toContain('up to 1');
    rejected(decodeLink(craftLink(255, Buffer.alloc(0)), registry), 'newer-version');
  });

  test('link format 0 is corrupt', () => {
    rejected(decodeLink(craftLink(0, craftVersion1Content(compactAddMul)), registry), 'corrupt');
  });

  test('well-formed crafted link decodes', () => {
    const result = decodeLink(craftLink(1, craftVersion1Content(compactAddMul)), registry);
    if (!result.ok) expect.fail(result.message);
    expect(result.document.nodes[0]).toStrictEqual({ id: 'x', kind: 'input', params: {}, position: { x: 0, y: 0 } });
  });

  test('undecodable deflate data is corrupt', () => {
    const content = Buffer.concat([Buffer.from(leb128(100)), Buffer.from([0xff, 0xff, 0xff, 0xff])]);
    expect(rejected(decodeLink(craftLink(1, content), registry), 'corrupt')).toContain('cannot be decompressed');
  });

  test('size other than declared is corrupt', () => {
    rejected(decodeLink(craftLink(1, craftVersion1Content(compactAddMul, compactAddMul.length + 5)), registry), 'corrupt');
  });

  test('declared size over cap is too large', () => {
    const content = Buffer.concat([Buffer.from(leb128(MAX_INFLATED_BYTES + 1)), Buffer.from([3, 0])]);
    expect(rejected(decodeLink(craftLink(1, content), registry), 'too-large')).toContain(String(MAX_INFLATED_BYTES));
  });

  test('link over length cap rejected quickly', () => {
    const started = performance.now();
    rejected(decodeLink(PREFIX + 'A'.repeat(MAX_LINK_CHARS), registry), 'too-large');
    // The cap is checked before any decoding, so this takes microseconds; 1 s leaves room for a busy machine.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  // Compiles the inflate code once, so the timed decodes below measure the bomb and not the JIT.
  beforeAll(() => {
    decodeLink(craftLink(1, Buffer.concat([Buffer.from(leb128(1000)), deflatedZeros(4)])), registry);
  });

  test.each([
    ['declares 1,000 bytes', 1000, 8],
    ['declares the cap', MAX_INFLATED_BYTES, MAX_INFLATED_BYTES / 2 ** 20 + 8],
  ])('110 MiB bomb that %s stops early', (_name, declared, budgetMegabytes) => {
    const link = craftLink(1, Buffer.concat([Buffer.from(leb128(declared)), deflatedZeros(110)]));
    expect(link.length).toBeLessThan(MAX_LINK_CHARS);

    const before = process.memoryUsage();
    const result = decodeLink(link, registry);
    const after = process.memoryUsage();
    rejected(result, 'too-large');
    const growth = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
    expect(growth / 2 ** 20).toBeLessThan(budgetMegabytes);

    // The fastest of three decodes, so that other processes on a busy machine do not count.
    const seconds = Math.min(...[1, 2, 3].map(() => {
      const started = performance.now();
      decodeLink(link, registry);
      return (performance.now() - started) / 1000;
    }));
    // A generous time budget for a busy 2-core machine; the memory budget above is the sharp check.
    expect(seconds).toBeLessThan(5);
  });

  test.each([
    ['content not a list', '{"a":1}', 'the content must be a list'],
    ['node not a list', '[[1,null,["x"],[]]]', 'node 0 must be a list'],
    ['edge to node index 5 of 1', '[[1,null,[["x","input",0,0]],[[0,"out",5,"a"]]]]', 'refers to node 5'],
    ['binary tensor without data', '[[1,null,[["x","input",0,0,{"value":[[2],"f32",2]}]],[]]]', 'only 0 bytes'],
    ['binary tensor of unknown type', '[[1,null,[["x","input",0,0,{"value":[[2],"i8",2]}]],[]]]', '"i8"'],
    ['parameters as a list', '[[1,null,[["x","input",0,0,[1]]],[]]]', 'must be an object'],
  ])('%s breaks the layout', (_name, json, fragment) => {
    expect(rejected(decodeLink(craftVersion1Link(json), registry), 'invalid')).toContain(fragment);
  });

  test('leftover tensor bytes break the layout', () => {
    const json = '[[1,null,[["x","input",0,0,{"value":[[1],"f32",1]}]],[]]]';
    expect(rejected(decodeLink(craftVersion1Link(json, Buffer.alloc(8)), registry), 'invalid')).toContain('4 bytes of tensor data are left over');
  });

  test('unparsable JSON breaks the layout', () => {
    rejected(decodeLink(craftVersion1Link('[[1,'), registry), 'invalid');
    rejected(decodeLink(craftLink(1, craftVersion1Content(Buffer.from([200, 1, 2]))), registry), 'invalid');
  });

  test('invalid document carries loader messages', () => {
    const json = '[[1,null,[["x","input",0,0],["q","add",1,1]],[["x","out","nowhere","a"],[0,"out",1,"c"]]]]';
    const result = decodeLink(craftVersion1Link(json), registry);
    const message = rejected(result, 'invalid');
    expect(message).toContain('The graph in the link is not a valid document');
    const errors = result.ok ? [] : result.errors;
    expect(errors).toContain('Edge "x.out->nowhere.a" (x.out → nowhere.a): target node "nowhere" does not exist.');
    expect(errors.some((error) => error.includes('has no input port "c"'))).toBe(true);
  });

  test('newer document version is invalid', () => {
    expect(rejected(decodeLink(craftVersion1Link('[[99,null,[],[]]]'), registry), 'invalid')).toContain('version 99');
  });

  test('invalid lecture options are named', () => {
    const message = rejected(decodeLink(craftVersion1Link('[[1,null,[],[]],null,{"autoplay":"yes","zoom":2}]'), registry), 'invalid');
    expect(message).toContain('lecture.autoplay');
  });

  test('negative cursor is invalid', () => {
    expect(rejected(decodeLink(craftVersion1Link('[[1,null,[],[]],{"cursor":-1}]'), registry), 'invalid')).toContain('view.cursor');
  });

  test('five continuation bytes are corrupt', () => {
    const bytes = Buffer.from([1, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0]);
    rejected(decodeLink(PREFIX + bytes.toString('base64url'), registry), 'corrupt');
  });

  test('envelope cut in length field is truncated', () => {
    const bytes = craftEnvelope(1, Buffer.alloc(300)).subarray(0, 2);
    rejected(decodeLink(PREFIX + bytes.toString('base64url'), registry), 'truncated');
  });
});
