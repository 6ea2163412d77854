// util.js — small helpers every module of the shell shares: limits, own-property reads, DOM building, task scheduling.

/** The longest text the shell hands the core: more than any claim needs; cut so a select-all cannot stall the page. */
export const MAX_CHARS = 20000;
/** Keyboard and touch selections change on every step: wait until they settle (ms). */
export const SETTLE_MS = 300;
/** The longest an auto-marking task runs before it yields (ms). */
export const SLICE_MS = 12;

/**
 * A property of an object the page can reach (answers, options), read only when the object has it itself: a page
 * that sets `Object.prototype.url` must not put a link into the popup.
 * @param {unknown} obj
 * @param {string} key
 * @returns {any}
 */
export function own(obj, key) {
  return obj != null && typeof obj === 'object' && Object.hasOwn(obj, key) ? /** @type {any} */ (obj)[key] : undefined;
}

/**
 * A dictionary for a platform API (addEventListener, observe, focus...): without a prototype, so that a page's
 * `Object.prototype.once = true` cannot add a member the shell never set.
 * @template {object} T
 * @param {T} members
 * @returns {T}
 */
export const dict = (members) => Object.assign(Object.create(null), members);

/** @typedef {string | Node | null | undefined | false} Kid */

/**
 * An element with attributes and children; strings become text nodes, so dataset text is never parsed as HTML.
 * @param {Document} doc
 * @param {string} tag
 * @param {Record<string, string | boolean | null | undefined> | null} attrs
 * @param {...(Kid | Kid[])} kids
 * @returns {HTMLElement}
 */
export function make(doc, tag, attrs, ...kids) {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v != null && v !== false && v !== '') el.setAttribute(k, v === true ? '' : v);
  el.append(.../** @type {(string | Node)[]} */ (kids.flat().filter((k) => k != null && k !== '' && k !== false)));
  return el;
}

/**
 * At most `max` characters of a string for display, cut at a character boundary, with an ellipsis.
 * @param {unknown} value
 * @param {number} max
 * @returns {string}
 */
export function cut(value, max) {
  const s = typeof value === 'string' ? value : value == null ? '' : String(value);
  if (s.length <= max) return s;
  let end = max - 1;
  if (/[\ud800-\udbff]/.test(s[end - 1])) end--;   // not half a surrogate pair
  return `${s.slice(0, end)}…`;
}

/**
 * Runs fn in a task of its own, soon: a background task where there is scheduler.postTask (the page's own work,
 * input and rendering go first), else a message to ourselves (setTimeout would wait at least 4 ms after a few rounds).
 * @param {Window} win
 * @param {() => void} fn
 */
export function nextTask(win, fn) {
  const scheduler = /** @type {any} */ (win).scheduler;
  if (typeof scheduler?.postTask === 'function') { scheduler.postTask(fn, dict({ priority: 'background' })); return; }
  const channel = new (/** @type {Window & typeof globalThis} */ (win)).MessageChannel();
  channel.port1.onmessage = () => { channel.port1.close(); fn(); };
  channel.port2.postMessage(null);
}
