import { serializeDocument } from '../engine/document';
import { decodeLink, encodeLink, MAX_LINK_CHARS } from '../engine/link';
import { registry } from '../nodes';
import { readGraph, UsageError } from './input';

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
  const result = decodeLink(link, registry);
  // A rejected link is invalid input, as an invalid file is, so it exits with the same status.
  if (!result.ok) return { stdout: '', stderr: `${result.message}\n`, exitCode: 2 };
  const { document, view, lecture } = result;
  const text = json ? JSON.stringify({ document, view, lecture }, null, 2) : serializeDocument(document);
  return { stdout: `${text}\n`, stderr: '', exitCode: 0 };
}
