/*
 * Functions that run inside the page through Playwright's evaluate and
 * addInitScript. Playwright sends their source text, so they must not use
 * anything from this module's scope, only their arguments and browser globals.
 */

/** Counters the probes keep on `window`. */
interface ProbeWindow {
  __benchRenders: { counting: boolean; commits: number; nodes: number; edges: number; walk(root: unknown): void; lastRoot: unknown };
  __benchFrames: { running: boolean; count: number; started: number; intervals: number[] };
  __benchTransform: string;
}

/**
 * Installs a minimal React DevTools hook before the app loads. React calls it
 * after every commit, in production builds too. While counting is on, it walks
 * the committed fiber tree and counts the node and edge components whose
 * function ran in that commit. React reuses the fiber objects of a subtree it
 * skipped, so a fiber counts when it is a new object since the previous walk
 * and carries React's PerformedWork flag (1), the test React DevTools uses.
 * Components are recognised by the props React Flow passes: `positionAbsoluteX`
 * and `isConnectable` to node types, `sourceX` and `targetPosition` to edge types.
 */
export function installRenderCounter(): void {
  type Fiber = { tag: number; flags: number; memoizedProps: Record<string, unknown> | null; child: Fiber | null; sibling: Fiber | null };
  const counters = { counting: false, commits: 0, nodes: 0, edges: 0, walk: (_root: unknown) => {}, lastRoot: null as unknown };
  (window as unknown as ProbeWindow).__benchRenders = counters;
  let previous = new WeakSet<Fiber>();

  const kindOf = (fiber: Fiber): 'nodes' | 'edges' | null => {
    const props = fiber.memoizedProps;
    if ((fiber.tag !== 0 && fiber.tag !== 15) || !props) return null;
    if ('positionAbsoluteX' in props && 'isConnectable' in props) return 'nodes';
    if ('sourceX' in props && 'targetPosition' in props) return 'edges';
    return null;
  };
  /** Walks the tree, counting when `count` is true, and remembers its node and edge fibers for the next walk. */
  const walk = (root: unknown, count: boolean) => {
    const seen = new WeakSet<Fiber>();
    const stack: Fiber[] = [(root as { current: Fiber }).current];
    while (stack.length > 0) {
      const fiber = stack.pop()!;
      const kind = kindOf(fiber);
      if (kind) {
        if (count && !previous.has(fiber) && (fiber.flags & 1) !== 0) counters[kind]++;
        seen.add(fiber);
      }
      if (fiber.sibling) stack.push(fiber.sibling);
      if (fiber.child) stack.push(fiber.child);
    }
    previous = seen;
  };
  counters.walk = (root) => walk(root, false);

  (window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => {},
    onScheduleFiberRoot: () => {},
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    setStrictMode: () => {},
    onCommitFiberRoot: (_rendererId: number, root: unknown) => {
      counters.commits++;
      counters.lastRoot = root;
      if (counters.counting) walk(root, true);
    },
  };
}

/**
 * Turns render counting on (zeroing the counts and recording the current tree
 * as the baseline) or off, and returns the counts so far.
 */
export function setRenderCounting(on: boolean): { commits: number; nodes: number; edges: number } {
  const counters = (window as unknown as ProbeWindow).__benchRenders;
  if (on) {
    Object.assign(counters, { commits: 0, nodes: 0, edges: 0 });
    counters.walk(counters.lastRoot);
  }
  counters.counting = on;
  return { commits: counters.commits, nodes: counters.nodes, edges: counters.edges };
}

/** Returns React's commit count since the page loaded. */
export function commitCount(): number {
  return (window as unknown as ProbeWindow).__benchRenders.commits;
}

/** Reads React Flow's viewport transform: translation in pixels and zoom. */
export function readTransform(): { x: number; y: number; zoom: number } | null {
  const viewport = document.querySelector('.react-flow__viewport');
  if (!viewport) return null;
  const matrix = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
  return { x: matrix.e, y: matrix.f, zoom: matrix.a };
}

/** Tells whether React Flow's viewport transform lies within a pixel, and its zoom within 0.1 %, of `target`. */
export function isTransformNear(target: { x: number; y: number; zoom: number }): boolean {
  const viewport = document.querySelector('.react-flow__viewport');
  if (!viewport) return false;
  const matrix = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
  return Math.abs(matrix.e - target.x) <= 1 && Math.abs(matrix.f - target.y) <= 1 && Math.abs(matrix.a / target.zoom - 1) <= 0.001;
}

/**
 * Returns performance.now() once the view is fitted and every node whose top-left
 * corner lies in the pane is shown, else false. Shown means rendered and measured
 * by React Flow (it keeps unmeasured nodes at visibility hidden), or, for a large
 * graph zoomed out, drawn on the compact canvas, which records how many nodes
 * its last frame drew. The view counts as fitted when its transform is not the
 * identity and did not change since the previous frame.
 * `positions` lists [id, x, y] in flow coordinates.
 */
export function allNodesVisible(positions: [string, number, number][]): number | false {
  const probe = window as unknown as ProbeWindow;
  const viewport = document.querySelector('.react-flow__viewport');
  const pane = document.querySelector('.react-flow');
  if (!viewport || !pane) return false;
  const matrix = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
  const key = `${matrix.e},${matrix.f},${matrix.a}`;
  const changed = probe.__benchTransform !== key;
  probe.__benchTransform = key;
  if (changed || (matrix.a === 1 && matrix.e === 0 && matrix.f === 0)) return false;

  const rect = pane.getBoundingClientRect();
  const inPane = positions.filter(([, x, y]) => {
    const screenX = matrix.e + x * matrix.a;
    const screenY = matrix.f + y * matrix.a;
    return screenX >= 0 && screenY >= 0 && screenX <= rect.width && screenY <= rect.height;
  });
  const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="compact-canvas"]');
  if (canvas) return inPane.length > 0 && Number(canvas.dataset.drawnNodes ?? 0) >= inPane.length ? performance.now() : false;
  const rendered = new Map<string, HTMLElement>();
  for (const element of document.querySelectorAll<HTMLElement>('.react-flow__node')) rendered.set(element.dataset.id ?? '', element);
  for (const [id] of inPane) {
    const element = rendered.get(id);
    if (!element || element.style.visibility === 'hidden') return false;
  }
  return inPane.length > 0 ? performance.now() : false;
}

/**
 * Adds a 10-pixel square in the page's top-left corner whose colour changes
 * on every frame, or removes it. Each frame then changes 100 pixels, so the
 * browser's cost per frame is what any change to the page costs at least.
 */
export function setTinyChange(on: boolean): void {
  document.querySelector('[data-bench-tiny-change]')?.remove();
  if (!on) return;
  const square = document.createElement('div');
  square.dataset.benchTinyChange = '';
  square.style.cssText = 'position: fixed; left: 0; top: 0; width: 10px; height: 10px; z-index: 1000; pointer-events: none';
  document.body.append(square);
  square.animate([{ background: '#e00' }, { background: '#00e' }], { duration: 1000, iterations: Infinity, direction: 'alternate' });
}

/** Starts counting animation frames with requestAnimationFrame. */
export function startFrameCount(): void {
  const frames = { running: true, count: 0, started: performance.now(), intervals: [] as number[] };
  (window as unknown as ProbeWindow).__benchFrames = frames;
  let last = frames.started;
  const onFrame = (time: number) => {
    if (!frames.running) return;
    frames.count++;
    frames.intervals.push(time - last);
    last = time;
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
}

/** Stops the frame count and returns frames per second and the longest and 95th-percentile frame intervals. */
export function stopFrameCount(): { fps: number; longestFrameMs: number; p95FrameMs: number; seconds: number } {
  const frames = (window as unknown as ProbeWindow).__benchFrames;
  frames.running = false;
  const seconds = (performance.now() - frames.started) / 1000;
  const sorted = [...frames.intervals].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
  return { fps: frames.count / seconds, longestFrameMs: sorted.at(-1) ?? 0, p95FrameMs: p95, seconds };
}

/**
 * Finds a point of the empty pane (no node, edge or panel under it) near the
 * middle of the canvas, in page coordinates, for panning drags. The compact
 * canvas draws nodes and wires without elements, so there the point lies
 * halfway between the pane's left side and the graph, given its node
 * positions [id, x, y] in flow coordinates.
 */
export function findEmptyPanePoint(positions: [string, number, number][] = []): { x: number; y: number } | null {
  const pane = document.querySelector('.react-flow__pane');
  if (!pane) return null;
  const rect = pane.getBoundingClientRect();
  const viewport = document.querySelector('.react-flow__viewport');
  if (document.querySelector('[data-testid="compact-canvas"]') && viewport && positions.length > 0) {
    const matrix = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
    const graphLeft = rect.left + matrix.e + Math.min(...positions.map(([, x]) => x)) * matrix.a;
    // Margins under 20 pixels leave no room to press beside the graph.
    return graphLeft - rect.left >= 20 ? { x: (rect.left + graphLeft) / 2, y: rect.top + rect.height / 2 } : null;
  }
  for (let ring = 0; ring < 40; ring++) {
    for (let step = 0; step < 16; step++) {
      const angle = (step / 16) * 2 * Math.PI;
      const x = rect.left + rect.width / 2 + Math.cos(angle) * ring * 12;
      const y = rect.top + rect.height / 2 + Math.sin(angle) * ring * 8;
      if (document.elementFromPoint(x, y) === pane) return { x, y };
    }
  }
  return null;
}

/** Returns the centre of the header of the rendered node nearest to the middle of the canvas, with its id. */
export function findNodeNearMiddle(positions: [string, number, number][] = []): { id: string; x: number; y: number } | null {
  const pane = document.querySelector('.react-flow__pane');
  if (!pane) return null;
  const rect = pane.getBoundingClientRect();
  const middle = { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  let best: { id: string; x: number; y: number; distance: number } | null = null;
  // On the compact canvas a node is a 90 × 60 box at its position, drawn without an element.
  const viewport = document.querySelector('.react-flow__viewport');
  if (document.querySelector('[data-testid="compact-canvas"]') && viewport) {
    const matrix = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
    for (const [id, flowX, flowY] of positions) {
      const x = rect.left + matrix.e + (flowX + 45) * matrix.a;
      const y = rect.top + matrix.f + (flowY + 30) * matrix.a;
      const distance = Math.hypot(x - middle.x, y - middle.y);
      if (!best || distance < best.distance) best = { id, x, y, distance };
    }
    return best && { id: best.id, x: best.x, y: best.y };
  }
  for (const element of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
    const box = (element.querySelector('.gate-header') ?? element).getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const distance = Math.hypot(x - middle.x, y - middle.y);
    if (box.width > 0 && (!best || distance < best.distance)) best = { id: element.dataset.id ?? '', x, y, distance };
  }
  return best && { id: best.id, x: best.x, y: best.y };
}
