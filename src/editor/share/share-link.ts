import type { GraphDocument } from '../../engine/document';
import { encodeLink, withTrainedWeights, type LectureOptions, type LinkView } from '../../engine/link';
import type { TensorData } from '../../engine/tensor';

/** Above this length chat apps and mail clients may cut a link; the dialog warns. */
export const LONG_LINK_CHARS = 2_000;
/**
 * Above this length the dialog offers the JSON file instead of the link. It is
 * an estimate of what browsers and servers open reliably, not a measured limit:
 * Chromium accepts far longer URLs, but other software on the way may not.
 */
export const MAX_RELIABLE_LINK_CHARS = 32_000;

/** Options of a share link besides the graph. */
export interface ShareOptions {
  includeWeights: boolean;
  includeTimeline: boolean;
  hidePalette: boolean;
  hideInspector: boolean;
  hidePanels: boolean;
  lockEditing: boolean;
  autoplay: boolean;
  projector: boolean;
}

export const defaultShareOptions: ShareOptions = {
  includeWeights: false,
  includeTimeline: false,
  hidePalette: false,
  hideInspector: false,
  hidePanels: false,
  lockEditing: false,
  autoplay: false,
  projector: false,
};

export interface ShareInput {
  document: GraphDocument;
  /** Preset the graph came from; the link carries it so its explanation and lecture view open too. */
  presetId?: string | null;
  /** Timeline position: the number of trace steps shown. */
  cursor: number;
  /** Trained values of parameter nodes by id, or null when nothing has been trained. */
  weights: Readonly<Record<string, TensorData>> | null;
}

/** Returns the lecture options of a link, or undefined when the link opens the normal editor. */
function lectureOptions(options: ShareOptions, cursor: number): LectureOptions | undefined {
  const lecture: LectureOptions = {};
  if (options.hidePalette) lecture.hidePalette = true;
  if (options.hideInspector) lecture.hideInspector = true;
  if (options.hidePanels) lecture.hidePanels = true;
  if (options.lockEditing) lecture.lockEditing = true;
  if (options.projector) lecture.projector = true;
  if (options.autoplay) {
    lecture.autoplay = true;
    if (options.includeTimeline) lecture.startStep = cursor;
  }
  return Object.keys(lecture).length > 0 ? lecture : undefined;
}

/** Returns the document a link carries: the current one, with the trained weights in its parameters when requested. */
export function sharedDocument(input: ShareInput, options: ShareOptions): GraphDocument {
  return options.includeWeights && input.weights ? withTrainedWeights(input.document, input.weights) : input.document;
}

/** Builds the link fragment, without "#", for the current graph and the chosen options. */
export function shareFragment(input: ShareInput, options: ShareOptions): string {
  const view: LinkView = {};
  if (options.includeTimeline) view.cursor = input.cursor;
  if (input.presetId) view.preset = input.presetId;
  return encodeLink(sharedDocument(input, options), {
    view: Object.keys(view).length > 0 ? view : undefined,
    lecture: lectureOptions(options, input.cursor),
  });
}
