import { serializeDocument } from '../engine/document';
import { decodeLink, encodeLink, MAX_LINK_CHARS, type DecodeLinkResult } from '../engine/link';
import { cleanLinkText } from '../engine/link-text';
import { loadErrorLines } from '../editor/i18n/load-problem-text';
import { linkProblems } from '../editor/share/link-problems';
import { registry } from '../nodes';
import { readGraph, UsageError } from './input';

type LinkFailure = Extract<DecodeLinkResult, { ok: false }>;

export interface LinkOptions {
  /** encode: a URL to print before "#" and the fragment, such as http://127.0.0.1:5173/. */
  url?: string;
  /** decode: print {"document", "view", "lecture"} instead of the document alone. */
  json: boolean;
}

export interface LinkOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Runs `link encode <preset-id | file.json>` or `link decode <link | ->`.
 * "-" reads the link from standard input, because execve on Linux rejects a
 * single argument of 128 KiB or more (E2BIG) and links may be longer.
 */
export async function runLinkCommand(args: string[], options: LinkOptions, readStdin: () => Promise<string>): Promise<LinkOutput> {
  const [action, argument, ...extra] = args;
  if ((action !== 'encode' && action !== 'decode') || argument === undefined || extra.length > 0) {
    throw new UsageError('link takes "encode <preset-id | file.json>" or "decode <link | ->".');
  }
  if (action === 'encode') return encode(argument, options.url);
  if (options.url !== undefined) throw new UsageError('--url applies to link encode only.');
  return decode(argument === '-' ? await readStdin() : argument, options.json);
}

async function encode(argument: string, url: string | undefined): Promise<LinkOutput> {
  const fragment = encodeLink(await readGraph(argument));
  if (fragment.length > MAX_LINK_CHARS) {
    const stderr = `The link would be ${fragment.length} characters long, but links of up to ${MAX_LINK_CHARS} characters decode. Share the graph as a file instead.\n`;
    return { stdout: '', stderr, exitCode: 1 };
  }
  const stdout = url === undefined ? fragment : `${url.replace(/#.*$/, '')}#${fragment}`;
  return { stdout: `${stdout}\n`, stderr: '', exitCode: 0 };
}

function decode(link: string, json: boolean): LinkOutput {
  // Whitespace and percent-encoding around the link are ignored, as the app ignores them.
  const cleaned = cleanLinkText(link);
  const result = decodeLink(cleaned, registry);
  // A rejected link is invalid input, as an invalid file is, so it exits with the same status.
  if (!result.ok) return { stdout: '', stderr: `${rejectionText(cleaned, result)}\n`, exitCode: 2 };
  const { document, view, lecture } = result;
  const text = json ? JSON.stringify({ document, view, lecture }, null, 2) : serializeDocument(document);
  return { stdout: `${text}\n`, stderr: '', exitCode: 0 };
}

/**
 * Returns why a link was rejected, in the English lines that the app's
 * load-error panel shows: a bad character by its name and a JSON syntax
 * error by its line, column and character. When the engine's message puts a
 * heading before the errors, such as for a document's schema errors, the
 * heading comes first and each error follows on its own indented line, as
 * for a rejected file.
 */
function rejectionText(link: string, failure: LinkFailure): string {
  const lines = loadErrorLines('en', { fileName: { key: 'share.linkName' }, messages: failure.errors, problems: linkProblems(link, failure) });
  const list = failure.errors.join(' ');
  if (failure.message === list) return lines.join('\n');
  const heading = failure.message.endsWith(list) ? failure.message.slice(0, -list.length).trimEnd() : failure.message;
  return `${heading}\n  ${lines.join('\n  ')}`;
}
