import { temporal, type TemporalState } from 'zundo';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BackendChoice } from '../../engine/backend';
import type { GraphDocument } from '../../engine/document';
import type { LoadProblem } from '../../engine/load-problems';
import { emptyDocument } from '../../engine/document';
import type { Trace } from '../../engine/trace';
import { registry } from '../../nodes';
import { findPreset } from '../../presets';
import { editGroupKey, historyOptions, type HistoryEntry } from '../commands/history';
import type { Language, Message } from '../i18n/translate';
import { applyEdit, type GraphEdit, type Point } from './edits';
import { emptyEvaluation, evaluateDocument, groupByNode, type Evaluation } from './evaluate';
import { createNode } from './new-node';
import { clampCursor, indexSteps, sameSteps } from './timeline';

export interface Selection {
  nodes: readonly string[];
  edges: readonly string[];
}

export interface LoadError {
  /** The file's name, or a message such as "share link" that is translated where it is shown. */
  fileName: string | Message;
  /** English sentences, one per problem, for logs and as the fallback text. */
  messages: readonly string[];
  /**
   * Each message's code and values, or a message to translate, in the order
   * of `messages`. A null or missing entry shows the English sentence.
   */
  problems?: readonly (LoadProblem | Message | null)[];
}

export type BackendStatus =
  | { status: 'starting' }
  | { status: 'ready'; choice: BackendChoice; renderer: string | null };

export interface SelectionChange {
  id: string;
  selected: boolean;
}

export const speeds = [0.5, 1, 2, 4] as const;

/** What a lecture link hides or locks; every field false is the normal editor. */
export interface LectureMode {
  hidePalette: boolean;
  hideInspector: boolean;
  /** Hides the explanation, training and other side panels around the canvas. */
  hideSidePanels: boolean;
  /** Rejects every document edit, so the canvas and fields are read-only. */
  lockEditing: boolean;
}

export const normalMode: LectureMode = { hidePalette: false, hideInspector: false, hideSidePanels: false, lockEditing: false };

export interface EditorState extends Evaluation {
  /** The graph: the single source of truth that the canvas, trace and autosave derive from. */
  document: GraphDocument;
  /** Preset the document was loaded from, for the preset menu and explanation; null for other documents. */
  presetId: string | null;
  /** True once the user changed the document after it was loaded. */
  edited: boolean;
  /** Incremented each time a whole document is loaded, so the canvas can fit the new graph into view. */
  loadCount: number;
  /**
   * Id of the load that brought in the current document: loadCount just after that load, or 0 for the
   * document the store was created with. Undo and redo restore it with the document, unlike loadCount.
   */
  loadId: number;
  selection: Selection;
  /** Number of revealed trace steps: steps[0..cursor) are shown. */
  cursor: number;
  playing: boolean;
  speed: number;
  language: Language;
  backend: BackendStatus;
  loadError: LoadError | null;
  notices: readonly Message[];
  explanationOpen: boolean;
  lecture: LectureMode;
}

export interface EditorActions {
  /** Applies edits in order and recompiles once if anything but positions changed. */
  dispatch(...edits: GraphEdit[]): void;
  /**
   * Applies edits like dispatch, as part of the undo step named `group`: consecutive
   * dispatches with one group form one step, such as the moves of one slider drag.
   */
  dispatchInGroup(group: string, ...edits: GraphEdit[]): void;
  /** Adds a node of `kind` at `position` and returns its id, or null for an unknown kind. */
  addNodeOfKind(kind: string, position: Point): string | null;
  loadDocument(document: GraphDocument, presetId: string | null): void;
  /** Loads a preset by id; returns false when there is no such preset. */
  loadPreset(id: string): boolean;
  /**
   * Shows a trace computed outside the store, such as a training batch, fully
   * revealed on the canvas and in the inspector. The document is unchanged, and
   * the next document change replaces the trace with the document's own.
   */
  showTrace(trace: Trace): void;
  setSelection(selection: Selection): void;
  applySelectionChanges(nodes: readonly SelectionChange[], edges: readonly SelectionChange[]): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  /** Advances the playing timeline by one step and stops at the end. */
  tick(): void;
  stepForward(): void;
  stepBack(): void;
  seek(cursor: number): void;
  setSpeed(speed: number): void;
  setLanguage(language: Language): void;
  setBackendStarting(): void;
  setBackendReady(choice: BackendChoice, renderer: string | null): void;
  setLoadError(error: LoadError | null): void;
  addNotice(notice: Message): void;
  dismissNotice(index: number): void;
  setExplanationOpen(open: boolean): void;
  /** Restores the document before the last undo step; does nothing while editing is locked. */
  undo(): void;
  redo(): void;
  /**
   * Ends the current group of setParam edits, so the next edit of the same
   * field is a new undo step. Call it when a field loses focus.
   */
  endEditGroup(): void;
  setLecture(lecture: LectureMode): void;
}

export type EditorStore = EditorState & EditorActions;

/** The editor store with its undo history in `temporal`. */
export type EditorStoreApi = StoreApi<EditorStore> & { temporal: StoreApi<TemporalState<HistoryEntry>> };

export interface InitialState {
  document?: GraphDocument;
  presetId?: string | null;
  language?: Language;
  notices?: readonly Message[];
}

export function createEditorStore(initial: InitialState = {}): EditorStoreApi {
  return createStore<EditorStore>()(temporal((set, get, api) => {
    /** Recompiles `document` when the backend is ready and keeps the cursor if the steps did not change. */
    const evaluated = (state: EditorState, document: GraphDocument): Partial<EditorState> => {
      if (state.backend.status !== 'ready') return { document };
      const evaluation = evaluateDocument(document);
      const steps = evaluation.trace?.steps ?? [];
      const unchangedSteps = state.trace !== null && sameSteps(state.trace.steps, steps);
      return {
        document,
        ...evaluation,
        cursor: unchangedSteps ? clampCursor(state.cursor, steps.length) : steps.length,
        playing: unchangedSteps && state.playing,
      };
    };
    const stepCount = () => get().trace?.steps.length ?? 0;

    // zundo types the history store inside the creator as unknown; it is the one `temporal` adds.
    const historyOf = () => (api as unknown as EditorStoreApi).temporal.getState();
    /** Key of the open group of field edits, or null when the next edit starts a new undo step. */
    let openEditGroup: string | null = null;
    /** Applies `update` without recording an undo step when `record` is false. */
    const setTracked = (record: boolean, update: Partial<EditorState>) => {
      const history = historyOf();
      if (!record) history.pause();
      set(update);
      if (!record) history.resume();
    };
    /** Applies edits as one undo step, or as part of the open one when `group` continues it. */
    const applyEdits = (edits: readonly GraphEdit[], group: string | null) => {
      const state = get();
      if (state.lecture.lockEditing) return;

      const document = edits.reduce(applyEdit, state.document);
      if (document === state.document) return;
      const onlyMoves = edits.every((edit) => edit.type === 'moveNode');
      const update = onlyMoves ? { document } : evaluated(state, document);
      const continuesGroup = group !== null && group === openEditGroup;
      openEditGroup = group;

      // A canvas emptied of every node is no longer the preset, so its name and explanation go; undo brings them back.
      const presetId = document.nodes.length === 0 ? null : state.presetId;
      setTracked(!continuesGroup, { ...update, presetId, edited: true, selection: pruneSelection(state.selection, document) });
    };
    /** Re-evaluates the document that undo or redo just restored. */
    const travel = (direction: 'undo' | 'redo') => {
      const history = historyOf();
      if (get().lecture.lockEditing) return;
      openEditGroup = null;
      if (direction === 'undo') history.undo();
      else history.redo();

      const state = get();
      set({ ...evaluated(state, state.document), edited: true, selection: pruneSelection(state.selection, state.document) });
    };

    return {
      ...emptyEvaluation,
      document: initial.document ?? emptyDocument(),
      presetId: initial.presetId ?? null,
      edited: false,
      loadCount: 0,
      loadId: 0,
      selection: { nodes: [], edges: [] },
      cursor: 0,
      playing: false,
      speed: 1,
      language: initial.language ?? 'en',
      backend: { status: 'starting' },
      loadError: null,
      notices: initial.notices ?? [],
      explanationOpen: true,
      lecture: normalMode,

      dispatch: (...edits) => applyEdits(edits, editGroupKey(edits)),

      dispatchInGroup: (group, ...edits) => applyEdits(edits, `group ${group}`),

      addNodeOfKind: (kindName, position) => {
        const kind = registry.get(kindName);
        if (!kind) return null;
        const node = createNode(get().document, kind, position);
        get().dispatch({ type: 'addNode', node });
        return node.id;
      },

      loadDocument: (document, presetId) => {
        const state = get();

        const update = evaluated({ ...state, trace: null }, document);
        openEditGroup = null;

        // The first document is the starting point, so it is not an undo step; later loads are.
        setTracked(state.loadCount > 0, {
          ...update,
          presetId,
          edited: false,
          loadCount: state.loadCount + 1,
          loadId: state.loadCount + 1,
          selection: { nodes: [], edges: [] },
          loadError: null,
        });
      },

      loadPreset: (id) => {
        const preset = findPreset(id);
        if (!preset) return false;
        get().loadDocument(preset.build(), preset.id);
        return true;
      },

      showTrace: (trace) =>
        set({ trace, stepIndex: indexSteps(trace.steps), diagnosticsByNode: groupByNode(trace.diagnostics), cursor: trace.steps.length, playing: false }),

      setSelection: (selection) => set({ selection }),

      applySelectionChanges: (nodeChanges, edgeChanges) => {
        const { selection } = get();
        set({
          selection: {
            nodes: applyChanges(selection.nodes, nodeChanges),
            edges: applyChanges(selection.edges, edgeChanges),
          },
        });
      },

      play: () => {
        const count = stepCount();
        if (count === 0) return;
        set({ playing: true, cursor: get().cursor >= count ? 0 : get().cursor });
      },
      pause: () => set({ playing: false }),
      togglePlay: () => (get().playing ? get().pause() : get().play()),
      tick: () => {
        const next = Math.min(get().cursor + 1, stepCount());
        set({ cursor: next, playing: get().playing && next < stepCount() });
      },
      stepForward: () => set({ playing: false, cursor: clampCursor(get().cursor + 1, stepCount()) }),
      stepBack: () => set({ playing: false, cursor: clampCursor(get().cursor - 1, stepCount()) }),
      seek: (cursor) => set({ playing: false, cursor: clampCursor(cursor, stepCount()) }),
      setSpeed: (speed) => {
        if ((speeds as readonly number[]).includes(speed)) set({ speed });
      },

      setLanguage: (language) => set({ language }),

      setBackendStarting: () => set({ backend: { status: 'starting' }, playing: false }),
      setBackendReady: (choice, renderer) => {
        const state = get();
        const ready: EditorState = { ...state, backend: { status: 'ready', choice, renderer }, trace: null };
        set({ ...evaluated(ready, state.document), backend: ready.backend });
      },

      setLoadError: (loadError) => set({ loadError }),
      addNotice: (notice) => set({ notices: [...get().notices, notice] }),
      dismissNotice: (index) => set({ notices: get().notices.filter((_notice, i) => i !== index) }),
      setExplanationOpen: (explanationOpen) => set({ explanationOpen }),

      undo: () => travel('undo'),
      redo: () => travel('redo'),
      endEditGroup: () => {
        openEditGroup = null;
      },
      setLecture: (lecture) => set({ lecture }),
    };
  }, historyOptions));
}

function pruneSelection(selection: Selection, document: GraphDocument): Selection {
  const nodeIds = new Set(document.nodes.map((node) => node.id));
  const edgeIds = new Set(document.edges.map((edge) => edge.id));
  const nodes = selection.nodes.filter((id) => nodeIds.has(id));
  const edges = selection.edges.filter((id) => edgeIds.has(id));
  return nodes.length === selection.nodes.length && edges.length === selection.edges.length ? selection : { nodes, edges };
}

function applyChanges(selected: readonly string[], changes: readonly SelectionChange[]): readonly string[] {
  if (changes.length === 0) return selected;
  const result = new Set(selected);
  for (const change of changes) {
    if (change.selected) result.add(change.id);
    else result.delete(change.id);
  }
  return [...result];
}
