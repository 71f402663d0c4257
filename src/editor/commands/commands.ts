import { copySelection, cutSelection, duplicateSelection, pasteFromClipboard } from './clipboard-actions';
import { tidyEdits } from './tidy-layout';
import type { Command, CommandEnvironment, CommandId } from './types';

const isLocked = (env: CommandEnvironment) => env.editor.getState().lecture.lockEditing;
const hasSelectedNodes = (env: CommandEnvironment) => env.editor.getState().selection.nodes.length > 0;
const hasNodes = (env: CommandEnvironment) => env.editor.getState().document.nodes.length > 0;
const hasSteps = (env: CommandEnvironment) => (env.editor.getState().trace?.steps.length ?? 0) > 0;

/** Elements that act on Space themselves. */
const ACTIVATED_BY_SPACE = 'button, a[href], summary, [role="button"], [role="menuitem"], [role="option"]';
/** Elements that act on the arrow keys themselves; React Flow moves a focused, selected node with them. */
const MOVED_BY_ARROWS = `${ACTIVATED_BY_SPACE}, .react-flow__node, .react-flow__edge`;

/** Every command of the editor, in the order the help dialog lists them. */
export const commands: readonly Command[] = [
  {
    id: 'undo',
    label: 'command.undo',
    keys: [{ key: 'z', mod: true }],
    repeats: true,
    enabled: (env) => !isLocked(env) && env.editor.temporal.getState().pastStates.length > 0,
    perform: (env) => env.editor.getState().undo(),
  },
  {
    id: 'redo',
    label: 'command.redo',
    keys: [{ key: 'z', mod: true, shift: true }, { key: 'y', mod: true }],
    repeats: true,
    enabled: (env) => !isLocked(env) && env.editor.temporal.getState().futureStates.length > 0,
    perform: (env) => env.editor.getState().redo(),
  },
  {
    id: 'delete',
    label: 'command.delete',
    keys: [{ key: 'Delete' }, { key: 'Backspace' }],
    enabled: (env) => {
      const { selection } = env.editor.getState();
      return !isLocked(env) && selection.nodes.length + selection.edges.length > 0;
    },
    perform: (env) => {
      const { selection, dispatch } = env.editor.getState();
      dispatch({ type: 'removeItems', nodeIds: selection.nodes, edgeIds: selection.edges });
    },
  },
  {
    id: 'copy',
    label: 'command.copy',
    keys: [{ key: 'c', mod: true }],
    enabled: hasSelectedNodes,
    perform: async (env) => void (await copySelection(env)),
  },
  {
    id: 'cut',
    label: 'command.cut',
    keys: [{ key: 'x', mod: true }],
    enabled: (env) => !isLocked(env) && hasSelectedNodes(env),
    perform: cutSelection,
  },
  {
    id: 'paste',
    label: 'command.paste',
    keys: [{ key: 'v', mod: true }],
    enabled: (env) => !isLocked(env),
    perform: (env, context) => pasteFromClipboard(env, { at: context?.at }),
  },
  {
    id: 'duplicate',
    label: 'command.duplicate',
    keys: [{ key: 'd', mod: true }],
    enabled: (env) => !isLocked(env) && hasSelectedNodes(env),
    perform: duplicateSelection,
  },
  {
    id: 'selectAll',
    label: 'command.selectAll',
    keys: [{ key: 'a', mod: true }],
    enabled: hasNodes,
    perform: (env) => {
      const { document, setSelection } = env.editor.getState();
      setSelection({ nodes: document.nodes.map((node) => node.id), edges: document.edges.map((edge) => edge.id) });
    },
  },
  {
    id: 'addNode',
    label: 'command.addNode',
    keys: [{ key: '/' }],
    enabled: (env) => !isLocked(env),
    perform: (env, context) => {
      const view = env.view();
      const flow = context?.at ?? view?.visibleCentre() ?? { x: 0, y: 0 };
      const screen = context?.screen ?? view?.toScreen(flow) ?? { x: 0, y: 0 };
      env.ui.setState({ addNode: { screen, flow }, contextMenu: null });
    },
  },
  {
    id: 'tidyLayout',
    label: 'command.tidyLayout',
    keys: [{ key: 'l', shift: true }],
    enabled: (env) => !isLocked(env) && hasNodes(env),
    perform: (env) => {
      const { document, dispatch } = env.editor.getState();
      dispatch(...tidyEdits(document, env.view()?.nodeSizes() ?? new Map()));
      env.view()?.fitView();
    },
  },
  {
    id: 'fitView',
    label: 'command.fitView',
    keys: [{ key: '!', code: 'Digit1', shift: true }, { key: 'f' }],
    enabled: hasNodes,
    perform: (env) => env.view()?.fitView(),
  },
  {
    id: 'playPause',
    label: 'command.playPause',
    keys: [{ key: ' ' }],
    ownKeysSelector: ACTIVATED_BY_SPACE,
    enabled: hasSteps,
    perform: (env) => env.editor.getState().togglePlay(),
  },
  {
    id: 'stepBack',
    label: 'command.stepBack',
    keys: [{ key: 'ArrowLeft' }],
    ownKeysSelector: MOVED_BY_ARROWS,
    repeats: true,
    enabled: hasSteps,
    perform: (env) => env.editor.getState().stepBack(),
  },
  {
    id: 'stepForward',
    label: 'command.stepForward',
    keys: [{ key: 'ArrowRight' }],
    ownKeysSelector: MOVED_BY_ARROWS,
    repeats: true,
    enabled: hasSteps,
    perform: (env) => env.editor.getState().stepForward(),
  },
  {
    id: 'help',
    label: 'command.help',
    keys: [{ key: '?', shift: 'any' }],
    enabled: () => true,
    perform: (env) => env.ui.setState({ dialog: 'help', contextMenu: null, addNode: null }),
  },
];

const byId = new Map(commands.map((command) => [command.id, command]));

export function findCommand(id: CommandId): Command {
  const command = byId.get(id);
  if (!command) throw new Error(`findCommand: no command "${id}"; the known commands are ${[...byId.keys()].join(', ')}`);
  return command;
}
