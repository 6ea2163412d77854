// selection.js — when the reader has selected something to check. Mouse selections are finished at mouseup (the
// selection itself is updated just after it); keyboard and touch selections change on every step, so they count
// once they have settled; Alt+Shift+C asks at once. A burst of events makes one pending check, not one each.
import { MAX_CHARS, SETTLE_MS, dict } from './util.js';

/**
 * @typedef {{ onCheck(byKeyboard: boolean, byMouse?: boolean): void, onEscape(): void, onOutside(): void, inside(e: Event): boolean,
 *   onChange?(): void,
 *   guard<F extends (...args: any[]) => any>(fn: F): F }} SelectionHandlers
 */

/**
 * Listens on a document until `signal` aborts.
 * @param {Document} doc @param {AbortSignal} signal @param {SelectionHandlers} on
 * @returns {{ pointer: () => string }}
 */
export function observeSelection(doc, signal, on) {
  let mouseDown = false, pointer = '', pending = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let settle;
  const win = /** @type {Window} */ (doc.defaultView);
  const listen = (/** @type {EventTarget} */ target, /** @type {string} */ type, /** @type {(e: any) => void} */ fn, capture = false) =>
    target.addEventListener(type, on.guard(fn), dict({ signal, capture, passive: type !== 'keydown' }));
  // One check waits for the end of the current task, however many mouseups come before it.
  const checkSoon = () => {
    if (pending) return;
    pending = true;
    win.setTimeout(on.guard(() => { pending = false; if (!signal.aborted) on.onCheck(false, true); }), 0);
  };
  listen(doc, 'pointerdown', (/** @type {PointerEvent} */ e) => { pointer = e.pointerType; if (!on.inside(e)) on.onOutside(); }, true);
  listen(doc, 'mousedown', (/** @type {MouseEvent} */ e) => { if (e.button === 0 && !on.inside(e)) mouseDown = true; }, true);
  listen(doc, 'mouseup', (/** @type {MouseEvent} */ e) => { mouseDown = false; if (!on.inside(e)) checkSoon(); }, true);
  listen(doc, 'selectionchange', () => {
    on.onChange?.();
    if (mouseDown) return;
    win.clearTimeout(settle);
    settle = win.setTimeout(on.guard(() => { if (!signal.aborted) on.onCheck(false); }), SETTLE_MS);
  });
  listen(doc, 'keydown', (/** @type {KeyboardEvent} */ e) => {
    if (e.key === 'Escape') on.onEscape();
    else if (e.altKey && e.shiftKey && e.code === 'KeyC') { e.preventDefault(); on.onCheck(true); }
  }, true);
  signal.addEventListener('abort', () => win.clearTimeout(settle));
  return { pointer: () => pointer };
}

/**
 * The selected text if it counts: not empty, inside the scope, not in a form field, an editor or the widget.
 * @param {Document} doc @param {string} scope @param {Element} widget
 * @returns {{ text: string, range: Range } | null}
 */
export function selectedText(doc, scope, widget) {
  const sel = doc.getSelection();
  if (!sel || !sel.rangeCount || sel.isCollapsed || sel.containsNode(widget, true)) return null;
  const active = doc.activeElement;
  if (active === widget || /^(INPUT|TEXTAREA|SELECT)$/.test(active?.tagName ?? '')) return null;
  for (const node of [sel.anchorNode, sel.focusNode]) {
    const el = node?.nodeType === 1 ? /** @type {HTMLElement} */ (node) : node?.parentElement;
    if (!el || el.isContentEditable || el.closest('input, textarea, [contenteditable]:not([contenteditable="false"])')) return null;
    if (!el.closest(scope)) return null;
  }
  const text = sel.toString().slice(0, MAX_CHARS).trim();
  return text ? { text, range: sel.getRangeAt(0).cloneRange() } : null;
}
