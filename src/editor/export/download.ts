import type { GraphDocument } from '../../engine/document';
import { exportFileName } from '../files';

/** Saves a blob or data URL under `fileName` through a temporary link. */
export function downloadUrl(url: string, fileName: string): void {
  const link = window.document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  downloadUrl(url, fileName);
  // Revoked on the next task so the browser has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Returns the document's file name without ".json", for files of other types. */
export function baseFileName(document: GraphDocument): string {
  return exportFileName(document).replace(/\.json$/, '');
}

/**
 * Returns a file name base for exported code: the title's letters and digits
 * joined by underscores, so the file runs from a shell without quotes, as in
 * "f = σ(w·x)" → "f_σ_w_x".
 */
export function codeFileName(document: GraphDocument): string {
  const words = (document.title ?? '').match(/[\p{L}\p{N}]+/gu);
  return words ? words.join('_') : 'graph';
}
