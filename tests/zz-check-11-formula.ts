// Scratch check for check11 item 3: the inspector formula after edits, moves, undo, redo, grouping and preset switches.
import type { Page } from 'playwright-core';
import { BASE, launch, log, shot } from './zz-check-11-lib';

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const tex = (page: Page, id: string) => byTestId(page, id).locator('annotation').first().textContent({ timeout: 5000 }).catch(() => '(none)');

async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(400);
}

async function formula(page: Page): Promise<string> {
  await settle(page);
  const expression = await tex(page, 'inspector-expression');
  const derivative = await tex(page, 'inspector-derivative');
  const error = await byTestId(page, 'inspector-expression-error').textContent({ timeout: 200 }).catch(() => '');
  return `expr=${expression} | d=${derivative}${error ? ` | error=${error}` : ''}`;
}

async function dragNode(page: Page, id: string, dx: number, dy: number): Promise<void> {
  const box = (await node(page, id).locator('.gate-header').boundingBox())!;
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) await page.mouse.move(start.x + (dx * step) / 10, start.y + (dy * step) / 10);
  await page.mouse.up();
}

const browser = await launch();
try {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));

  await page.goto(`${BASE}#preset=gate-patterns`);
  await node(page, 'g_max').waitFor();
  await node(page, 'g_max').locator('.gate-header').click();
  await byTestId(page, 'inspector-expression').locator('.katex').waitFor({ timeout: 20_000 });
  log('gate-patterns g_max initial', await formula(page));
  await byTestId(page, 'derivative-variable').selectOption('a3');
  log('derivative by a3', await formula(page));
  log('branch note', await page.locator('.expression-section .hint').textContent().catch(() => ''));

  // Edit a3 so the max picks b3.
  await byTestId(page, 'value-a3').fill('-5');
  await byTestId(page, 'value-a3').press('Enter');
  log('after a3 = -5', await formula(page));
  log('branch note', await page.locator('.expression-section .hint').textContent().catch(() => ''));

  // Edit the constant of g_max.
  const c = byTestId(page, 'param-g_max-c');
  log('param field present', await c.count());
  if (await c.count()) {
    await c.fill('3');
    await c.press('Enter');
    log('after c = 3', await formula(page));
  }
  await page.locator('.react-flow__pane').click({ position: { x: 900, y: 60 } });
  await node(page, 'g_max').locator('.gate-header').click();
  log('reselect g_max', await formula(page));

  // Move then check, then undo and redo edits.
  await dragNode(page, 'g_max', 60, 30);
  log('after move of g_max', await formula(page));
  await dragNode(page, 'a3', -30, 20);
  log('after move of a3', await formula(page));
  await page.keyboard.press('ControlOrMeta+z');
  log('undo (move a3)', await formula(page));
  await page.keyboard.press('ControlOrMeta+z');
  log('undo (move g_max)', await formula(page));
  await page.keyboard.press('ControlOrMeta+z');
  log('undo (c=3)', await formula(page));
  await page.keyboard.press('ControlOrMeta+z');
  log('undo (a3=-5)', await formula(page));
  await page.keyboard.press('ControlOrMeta+Shift+z');
  log('redo (a3=-5)', await formula(page));
  await page.keyboard.press('ControlOrMeta+Shift+z');
  log('redo (c=3)', await formula(page));
  await dragNode(page, 'g_max', -60, -30);
  log('move again', await formula(page));
  await byTestId(page, 'value-b3').fill('-7');
  await byTestId(page, 'value-b3').press('Enter');
  log('after move then b3 = -7 (a3=-5, so max->a3)', await formula(page));
  await node(page, 'g_max').locator('.gate-header').click();
  await shot(page, 'formula-gate-patterns');

  // Rewire: delete wire a3 -> max.a, formula should fail; undo restores it.
  const wire = page.locator('.react-flow__edge[data-id="a3.out->max.a"]');
  log('wire a3->max present', await wire.count());
  const wireIds = await page.locator('.react-flow__edge').evaluateAll((edges) => edges.map((edge) => (edge as HTMLElement).dataset.id));
  log('wire ids', wireIds);
  const targetWire = wireIds.find((id) => id?.startsWith('a3') && id.includes('max'));
  if (targetWire) {
    await page.locator(`.react-flow__edge[data-id="${targetWire}"]`).click({ force: true });
    await page.keyboard.press('Delete');
    await node(page, 'g_max').locator('.gate-header').click();
    log('after deleting wire a3->max', await formula(page));
    // Reconnect a2 -> max.a by dragging handles.
    const from = await node(page, 'a2').locator('.react-flow__handle.source').first().boundingBox();
    const to = await node(page, 'max').locator('.react-flow__handle.target').first().boundingBox();
    if (from && to) {
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      for (let step = 1; step <= 10; step++) await page.mouse.move(from.x + ((to.x - from.x) * step) / 10 + to.width / 2, from.y + ((to.y - from.y) * step) / 10 + to.height / 2);
      await page.mouse.up();
    }
    await node(page, 'g_max').locator('.gate-header').click();
    log('after connecting a2->max.a', await formula(page));
    await page.keyboard.press('ControlOrMeta+z');
    log('undo connect', await formula(page));
    await page.keyboard.press('ControlOrMeta+z');
    log('undo delete', await formula(page));
  }

  // Preset switch with the same node id selected: add-mul f, then sigmoid-neuron f.
  await byTestId(page, 'preset-menu').selectOption('add-mul');
  await node(page, 'f').waitFor();
  await node(page, 'f').locator('.gate-header').click();
  log('add-mul f', await formula(page));
  await dragNode(page, 'f', 40, 40);
  log('add-mul f after move', await formula(page));
  await byTestId(page, 'preset-menu').selectOption('sigmoid-neuron');
  await page.waitForTimeout(800);
  await node(page, 'f').locator('.gate-header').click();
  log('sigmoid-neuron f', await formula(page));
  await page.keyboard.press('ControlOrMeta+z');
  await page.waitForTimeout(800);
  log('undo preset switch, inspector', await formula(page));
  await node(page, 'f').locator('.gate-header').click().catch(() => undefined);
  log('undo preset switch, reselect f', await formula(page));

  // Grouping and renaming a module.
  await byTestId(page, 'preset-menu').selectOption('sigmoid-gates');
  await page.waitForTimeout(800);
  const gates = ['neg', 'e', 'plus1', 'f'];
  await node(page, 'f').locator('.gate-header').click();
  log('sigmoid-gates f before group', await formula(page));
  await node(page, gates[0]).locator('.gate-header').click();
  for (const id of gates.slice(1)) await node(page, id).locator('.gate-header').click({ modifiers: ['Shift'] });
  await byTestId(page, 'group-module').click();
  await byTestId(page, 'module-name').fill('sig');
  await byTestId(page, 'module-group-confirm').click();
  await node(page, 'sig').waitFor();
  await node(page, 'sig').locator('.gate-header').click();
  log('module sig', await formula(page));
  await dragNode(page, 'sig', 30, 30);
  log('module sig after move', await formula(page));
  if (await byTestId(page, 'module-rename').count()) {
    await byTestId(page, 'module-rename').fill('sigmoidal');
    await byTestId(page, 'module-rename').press('Enter');
    log('module renamed', await formula(page));
  }
  await page.keyboard.press('ControlOrMeta+z');
  log('undo rename', await formula(page));
  await shot(page, 'formula-module');
  log('page errors', errors);
  await context.close();
} finally {
  await browser.close();
}
