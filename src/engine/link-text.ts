import { fragmentOf, LINK_PREFIX, MAX_INFLATED_BYTES } from './link';
import { decodeBase64Url, readVarint } from './link-bytes';
import { inflateWithLimit, openEnvelope } from './link-envelope';

/**
 * Whitespace that mail clients and chat apps put around a link, including
 * the zero-width space (U+200B) and byte order mark (U+FEFF) some of them insert.
 */
const SURROUNDING_WHITESPACE = /^[\s\u200b\ufeff]+|[\s\u200b\ufeff]+$/g;

/** Removes the whitespace around a link or a name in a URL, such as a preset id in "#preset=<id>". */
export function trimLinkWhitespace(text: string): string {
  return text.replace(SURROUNDING_WHITESPACE, '');
}

/** Percent-decodes text from a URL, or returns it unchanged when its percent-encoding is malformed. */
export function decodeUrlText(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A "%" that does not start an escape: the link decoder then names it as the bad character.
    return text;
  }
}

/**
 * Returns a link as the user meant it: the part after "#" percent-decoded,
 * because browsers write a space in a URL's fragment as "%20", and the
 * whitespace around the link and around that part removed. The data of a
 * link uses only URL-safe base64, which needs no percent-encoding, so
 * decoding changes only characters that do not belong to a link. A fragment
 * whose percent-encoding is malformed stays as it is. The app and the
 * `link decode` command both clean links with it.
 */
export function cleanLinkText(link: string): string {
  const text = trimLinkWhitespace(link);
  const hash = text.indexOf('#');
  const fragment = hash >= 0 ? text.slice(hash + 1) : text;
  const cleaned = trimLinkWhitespace(decodeUrlText(fragment));
  return hash >= 0 ? `${text.slice(0, hash)}#${cleaned}` : cleaned;
}

/**
 * Returns the JSON text inside a link of link format 1, or null when the
 * link does not get that far: bad characters, a damaged envelope, content
 * that does not decompress, or JSON text that is not UTF-8. The engine's
 * decoder keeps this text to itself, and a syntax error's place needs it.
 */
export function linkJsonText(link: string): string | null {
  const fragment = fragmentOf(link);
  if (!fragment.startsWith(LINK_PREFIX)) return null;
  const decoded = decodeBase64Url(fragment.slice(LINK_PREFIX.length));
  if ('problem' in decoded) return null;
  const envelope = openEnvelope(decoded.bytes);
  if ('problem' in envelope || envelope.version !== 1) return null;

  const size = readVarint(envelope.content, 0);
  if (!size || size.value > MAX_INFLATED_BYTES) return null;
  const inflated = inflateWithLimit(envelope.content.subarray(size.next), size.value);
  if ('problem' in inflated) return null;

  const length = readVarint(inflated.bytes, 0);
  if (!length || length.next + length.value > inflated.bytes.length) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes.subarray(length.next, length.next + length.value));
  } catch {
    return null;
  }
}
