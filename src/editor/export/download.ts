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
