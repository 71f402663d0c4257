import type { DatasetSettings, GraphDocument } from '../engine/document';

export interface LocalizedText {
  en: string;
  'zh-CN': string;
}

export interface Preset {
  /** Stable id used in links (#preset=id) and on the command line. */
  id: string;
  title: LocalizedText;
  explanation: LocalizedText;
  build(): GraphDocument;
  /** Rebuilds a training preset for another dataset, resizing its first and last layers. */
  buildForDataset?(dataset: DatasetSettings): GraphDocument;
}
