/** The fields of a KeyboardEvent that shortcuts read, so tests can pass plain objects. */
export interface KeyInput {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  /** True between compositionstart and compositionend of an input method (IME). */
  isComposing?: boolean;
  /** 229 while an IME processes the key, in browsers that do not set isComposing. */
  keyCode?: number;
  target?: unknown;
}

/**
 * A key combination as data. `mod` is Ctrl, or Cmd on a Mac. `shift: 'any'`
 * accepts the key with or without Shift, for characters such as "?" that need
 * Shift on some keyboard layouts only. `code` also matches the physical key,
 * because Shift+1 types "!" on a US layout but another character elsewhere.
 */
export interface KeySpec {
  key: string;
  code?: string;
  mod?: boolean;
  shift?: boolean | 'any';
}

/** Key code that browsers report for every key an IME is processing. */
const IME_KEY_CODE = 229;

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** Input types that take no typed text: their keys move, toggle or press the control. */
const CONTROL_INPUT_TYPES = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file', 'image']);

interface ElementLike {
  tagName?: unknown;
  type?: unknown;
  isContentEditable?: unknown;
  closest?: (selector: string) => unknown;
}

/** Tells whether a key event's target takes typed text: a form field or contenteditable element. */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const element = target as ElementLike;
  if (typeof element.tagName === 'string' && TYPING_TAGS.has(element.tagName.toUpperCase())) return true;
  if (element.isContentEditable === true) return true;
  return typeof element.closest === 'function' && element.closest('[contenteditable=""], [contenteditable="true"]') !== null;
}

/** Tells whether an element matching `selector` contains the target, for keys that element handles itself. */
export function targetWithin(target: unknown, selector: string): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const element = target as ElementLike;
  return typeof element.closest === 'function' && element.closest(selector) !== null;
}

/** Tells whether the target is a control that takes no typed text: a select, or an input such as a slider or a checkbox. */
function isControlInput(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const element = target as ElementLike;
  if (typeof element.tagName !== 'string') return false;
  const tagName = element.tagName.toUpperCase();
  // A select keeps the focus after an option is chosen, and has no text for Ctrl+Z to undo.
  if (tagName === 'SELECT') return true;
  return tagName === 'INPUT' && typeof element.type === 'string' && CONTROL_INPUT_TYPES.has(element.type.toLowerCase());
}

/**
 * Tells whether a key belongs to text entry: typed into a field, or part of an
 * IME composition. Keys with Ctrl or Cmd on a select, slider or checkbox are not,
 * because such a control has no text to undo or select, so Ctrl+Z undoes the last edit.
 */
export function isTextEntryKey(event: KeyInput): boolean {
  if (event.isComposing === true || event.keyCode === IME_KEY_CODE) return true;
  if ((event.ctrlKey || event.metaKey) && isControlInput(event.target)) return false;
  return isTypingTarget(event.target);
}

export function matchesKey(spec: KeySpec, event: KeyInput): boolean {
  if (event.altKey) return false;
  if ((event.ctrlKey || event.metaKey) !== (spec.mod === true)) return false;
  if (spec.shift !== 'any' && event.shiftKey !== (spec.shift === true)) return false;
  return event.key.toLowerCase() === spec.key.toLowerCase() || (spec.code !== undefined && event.code === spec.code);
}

const KEY_NAMES: Readonly<Record<string, string>> = {
  ' ': 'Space',
  ArrowLeft: '←',
  ArrowRight: '→',
  Delete: 'Delete',
  Backspace: 'Backspace',
};

/** Writes a key combination as a person reads it, such as "Ctrl+Shift+Z" or "⌘⇧Z" on a Mac. */
export function formatKey(spec: KeySpec, mac: boolean): string {
  const key = KEY_NAMES[spec.key] ?? (spec.code?.startsWith('Digit') ? spec.code.slice(5) : spec.key.toUpperCase());
  const parts = [spec.mod ? (mac ? '⌘' : 'Ctrl') : null, spec.shift === true ? (mac ? '⇧' : 'Shift') : null, key];
  return parts.filter((part): part is string => part !== null).join(mac ? '' : '+');
}

/** Tells whether the browser runs on a Mac or iOS device, where Cmd takes Ctrl's place in shortcuts. */
export function isMacPlatform(platform: string): boolean {
  return /Mac|iPhone|iPad|iPod/.test(platform);
}
