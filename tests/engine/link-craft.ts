import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Builds and takes apart share links with Node's own base64url, zlib and
 * CRC-32, independently of src/engine/link*, following the layout in
 * docs/share-links.md. Tests use it to check the format and to craft links
 * that the encoder never writes.
 */

/** Unsigned LEB128 bytes of a non-negative integer. */
export function leb128(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    const low = rest % 128;
    rest = Math.floor(rest / 128);
    bytes.push(rest > 0 ? low + 128 : low);
  } while (rest > 0);
  return bytes;
}

/** Wraps content in the envelope: version, content length, content, CRC-32 (big-endian). */
export function craftEnvelope(version: number, content: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from([version, ...leb128(content.length)]), content]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body));
  return Buffer.concat([body, checksum]);
}

export function craftLink(version: number, content: Uint8Array): string {
  return `graph=${craftEnvelope(version, content).toString('base64url')}`;
}

/** Link format 1 content: declared inflated size, then the raw-deflated compact form. */
export function craftVersion1Content(compactForm: Uint8Array, declaredSize = compactForm.length): Buffer {
  return Buffer.concat([Buffer.from(leb128(declaredSize)), deflateRawSync(compactForm)]);
}

/** Builds a compact form: JSON length, JSON text, then binary tensor data. */
export function craftCompactForm(json: string, binary: Uint8Array = new Uint8Array(0)): Buffer {
  const text = Buffer.from(json, 'utf8');
  return Buffer.concat([Buffer.from(leb128(text.length)), text, binary]);
}

/** Builds a version-1 link whose compact form has the given JSON text and binary data. */
export function craftVersion1Link(json: string, binary?: Uint8Array): string {
  return craftLink(1, craftVersion1Content(craftCompactForm(json, binary)));
}

export interface OpenedLink {
  version: number;
  storedChecksum: number;
  computedChecksum: number;
  declaredSize: number;
  json: unknown;
  binary: Buffer;
}

/** Takes a version-1 link apart without the code under test. */
export function openVersion1Link(fragment: string): OpenedLink {
  const bytes = Buffer.from(fragment.replace(/^graph=/, ''), 'base64url');
  const [contentLength, afterLength] = readLeb128(bytes, 1);
  const contentEnd = afterLength + contentLength;
  const content = bytes.subarray(afterLength, contentEnd);
  const [declaredSize, afterSize] = readLeb128(content, 0);
  const compactForm = inflateRawSync(content.subarray(afterSize));
  const [jsonLength, afterJsonLength] = readLeb128(compactForm, 0);
  return {
    version: bytes[0],
    storedChecksum: bytes.readUInt32BE(contentEnd),
    computedChecksum: crc32(bytes.subarray(0, contentEnd)),
    declaredSize,
    json: JSON.parse(compactForm.subarray(afterJsonLength, afterJsonLength + jsonLength).toString('utf8')),
    binary: compactForm.subarray(afterJsonLength + jsonLength),
  };
}

function readLeb128(bytes: Uint8Array, offset: number): [number, number] {
  let value = 0;
  let scale = 1;
  let at = offset;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 127) * scale;
    scale *= 128;
    if (byte < 128) return [value, at];
  }
}
