/**
 * Byte-level helpers of the share-link format: URL-safe base64 without padding
 * (RFC 4648, section 5), CRC-32 and unsigned LEB128 varints.
 */

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Value of each character code in the alphabet, or -1 for characters outside it. */
const BASE64URL_VALUES = (() => {
  const values = new Int8Array(128).fill(-1);
  for (let index = 0; index < BASE64URL_ALPHABET.length; index++) values[BASE64URL_ALPHABET.charCodeAt(index)] = index;
  return values;
})();

export function encodeBase64Url(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += 3) {
    const chunk = (bytes[start] << 16) | ((bytes[start + 1] ?? 0) << 8) | (bytes[start + 2] ?? 0);
    const characters = Math.min(4, Math.ceil(((bytes.length - start) * 8) / 6));
    for (let index = 0; index < characters; index++) parts.push(BASE64URL_ALPHABET[(chunk >> (18 - 6 * index)) & 63]);
  }
  return parts.join('');
}

/**
 * Decoded bytes. `exact` is false when the text cannot have come from
 * encodeBase64Url: its length is 4k + 1 (the last character is then ignored)
 * or bits after the last byte are not zero.
 */
export type Base64Result = { bytes: Uint8Array; exact: boolean } | { problem: 'character'; index: number };

/** Decodes unpadded URL-safe base64; a character outside the alphabet is a problem. */
export function decodeBase64Url(text: string): Base64Result {
  const usable = text.length % 4 === 1 ? text.length - 1 : text.length;
  const bytes = new Uint8Array(Math.floor((usable * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const value = code < 128 ? BASE64URL_VALUES[code] : -1;
    if (value < 0) return { problem: 'character', index };
    if (index >= usable) break;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[written++] = (buffer >> bits) & 0xff;
    }
  }
  const exact = usable === text.length && (buffer & ((1 << bits) - 1)) === 0;
  return { bytes, exact };
}

/** Table of the reflected CRC-32 polynomial 0xEDB88320 (the CRC of zlib, PNG and ZIP). */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
    table[byte] = crc;
  }
  return table;
})();

/** CRC-32 of the bytes, as an unsigned 32-bit integer; crc32 of "123456789" is 0xCBF43926. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let index = 0; index < bytes.length; index++) crc = CRC_TABLE[(crc ^ bytes[index]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Appends `value` (a non-negative safe integer) as an unsigned LEB128 varint. */
export function writeVarint(output: number[], value: number): void {
  let rest = value;
  while (rest >= 0x80) {
    output.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  output.push(rest);
}

/** Maximum varint length in bytes: 5 bytes contain 35 bits, more than any size a link can have. */
const MAX_VARINT_BYTES = 5;

/**
 * Reads an unsigned LEB128 varint at `offset`. Returns null when the bytes end
 * inside it or it runs past MAX_VARINT_BYTES.
 */
export function readVarint(bytes: Uint8Array, offset: number): { value: number; next: number } | null {
  let value = 0;
  for (let index = 0; index < MAX_VARINT_BYTES; index++) {
    const byte = bytes[offset + index];
    if (byte === undefined) return null;
    value += (byte & 0x7f) * 2 ** (7 * index);
    if ((byte & 0x80) === 0) return { value, next: offset + index + 1 };
  }
  return null;
}
