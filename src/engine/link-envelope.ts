import { Inflate } from 'fflate';
import { crc32, readVarint, writeVarint } from './link-bytes';

/**
 * The envelope that every link format version shares, so that any link can be
 * checked for truncation and corruption before its version is read:
 *
 *   byte 0        link format version (1–255)
 *   varint        content length N, unsigned LEB128
 *   N bytes       content, laid out as the version defines
 *   4 bytes       CRC-32 of every byte before it, big-endian
 */
export interface Envelope {
  version: number;
  content: Uint8Array;
}

export type EnvelopeProblem =
  | { problem: 'empty' }
  | { problem: 'short'; found: number; expected: number | null }
  | { problem: 'long'; found: number; expected: number }
  | { problem: 'length-field' }
  | { problem: 'checksum'; found: number; expected: number };

const CHECKSUM_BYTES = 4;

export function wrapEnvelope(version: number, content: Uint8Array): Uint8Array {
  const header: number[] = [version];
  writeVarint(header, content.length);
  const bytes = new Uint8Array(header.length + content.length + CHECKSUM_BYTES);
  bytes.set(header, 0);
  bytes.set(content, header.length);
  const checksumAt = header.length + content.length;
  new DataView(bytes.buffer).setUint32(checksumAt, crc32(bytes.subarray(0, checksumAt)));
  return bytes;
}

/** Checks the length and checksum of an envelope and returns its version and content. */
export function openEnvelope(bytes: Uint8Array): Envelope | EnvelopeProblem {
  if (bytes.length === 0) return { problem: 'empty' };
  const length = readVarint(bytes, 1);
  if (!length) {
    // A varint cut off by the end of the bytes is truncation; five continuation bytes are not.
    return bytes.length < 6 ? { problem: 'short', found: bytes.length, expected: null } : { problem: 'length-field' };
  }

  const checksumAt = length.next + length.value;
  const expected = checksumAt + CHECKSUM_BYTES;
  if (bytes.length < expected) return { problem: 'short', found: bytes.length, expected };
  if (bytes.length > expected) return { problem: 'long', found: bytes.length, expected };

  const stored = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(checksumAt);
  const computed = crc32(bytes.subarray(0, checksumAt));
  if (stored !== computed) return { problem: 'checksum', found: stored, expected: computed };
  return { version: bytes[0], content: bytes.subarray(length.next, checksumAt) };
}

/**
 * Compressed bytes pushed to the inflater at a time. The deflate format
 * expands one input byte to at most 1,032 output bytes (one length/distance
 * pair of 2 bits gives 258 bytes; see https://zlib.net/zlib_tech.html), so one
 * push yields at most about 1 MiB and the size limit stops a decompression
 * bomb within that overshoot.
 */
const INFLATE_CHUNK_BYTES = 1024;

export type InflateResult = { bytes: Uint8Array } | { problem: 'over-limit' } | { problem: 'invalid'; reason: string };

/**
 * Inflates raw deflate data, stopping as soon as the output passes `limit`
 * bytes, so memory stays within the limit plus one chunk's output.
 */
export function inflateWithLimit(data: Uint8Array, limit: number): InflateResult {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total <= limit) chunks.push(chunk);
  });
  try {
    for (let start = 0; start < data.length || start === 0; start += INFLATE_CHUNK_BYTES) {
      const end = Math.min(start + INFLATE_CHUNK_BYTES, data.length);
      inflater.push(data.subarray(start, end), end === data.length);
      if (total > limit) return { problem: 'over-limit' };
    }
  } catch (error) {
    return { problem: 'invalid', reason: (error as Error).message };
  }
  return { bytes: concatenate(chunks, total) };
}

function concatenate(chunks: Uint8Array[], total: number): Uint8Array {
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
