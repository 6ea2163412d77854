// shell.js — the widget as a page sees it: attach(), detach(), lookup() and ready, over one <crosscheck-popup> at a
// time. All of the widget's state lives in the object createShell() returns (a test makes a fresh one), none in
// module variables. A widget must never break the page it sits on: it reports its first problem once, as a console
// warning starting "crosscheck:", and stays quiet after that.
import { createCore, noMatch } from './core.js';
import { normalize } from './options.js';
import { popupClass, TAG } from './popup.js';
import { emit } from './events.js';
import { MAX_CHARS, dict } from './util.js';

/** @typedef {import('./core.js').Answer} Answer */

/**
 * @param {{ base: string | URL, document: Document, console?: Pick<Console, 'warn'> }} env
 *   base: the URL pkg/ sits next to; document: the default document to attach to
 */
export function createShell(env) {
  const out = env.console ?? console;
  let warned = false;
  /** @param {string} message @param {unknown} [error] */
  const warn = (message, error) => { if (!warned) { warned = true; out.warn(`crosscheck: ${message}`, error ?? ''); } };
  /** @type {any} */
  let current = null;
  // Off after a failure means off for the page's scripts too; never attached (data-attach="manual") is not off.
  let disabled = false;
  /** @type {Promise<import('./core.js').Engine> | null} the engine lookup() uses while no widget is attached */
  let apiEngine = null;

  // A core call that threw leaves the core in an unknown state: the widget turns itself off.
  const core = createCore(env.base, (error) => { warn('internal error in the core, so it is turned off.', error); disabled = true; detach(); });

  /**
   * Wraps an event handler or timer: whatever goes wrong is warned about once and never reaches the page.
   * @template {(...args: any[]) => any} F
   * @param {F} fn @returns {F}
   */
  const guard = (fn) => /** @type {F} */ ((/** @type {any[]} */ ...args) => {
    try { return fn(...args); } catch (e) { warn('internal error.', e); }
  });

  const host = { isCurrent: (/** @type {Element} */ el) => el === current, guard };

  /** @param {unknown} [options] @returns {Promise<any>} */
  function attach(options) {
    detach();
    const opts = normalize(options, env.document, warn);
    const doc = /** @type {Document} */ (opts.document);
    const win = /** @type {Window & typeof globalThis} */ (doc.defaultView ?? window);
    const registry = win.customElements;
    // One class per window; a page that defined the name first keeps it.
    let Popup = registry.get(TAG);
    if (!Popup) {
      const made = popupClass(win.HTMLElement);
      Object.defineProperty(made, MINE, dict({ value: true }));
      registry.define(TAG, made);
      Popup = made;
    } else if (!Object.hasOwn(Popup, MINE)) {
      warn(`another script already defined <${TAG}>, so this copy is turned off.`);
      return Promise.resolve(null);
    }
    const el = current = /** @type {any} */ (new /** @type {any} */ (Popup)());
    disabled = false;
    el.configure(host, opts, open(opts, doc).then((engine) => ({ engine, info: engine.info() })).catch((/** @type {unknown} */ error) => {
      warn('could not load its WebAssembly core or dataset, so it is turned off.', error);
      if (current === el) { disabled = true; detach(); }
      return null;
    }));
    (doc.body || doc.documentElement).append(el);
    el.ready.then((/** @type {any} */ info) => { if (info && current === el) emit(doc, 'ready', { info }); });
    return el.ready;
  }

  /** @param {import('./options.js').Options} opts @param {Document} doc */
  async function open(opts, doc) {
    // A dataset of the page's own is requested at once too, not after the core has loaded.
    const data = opts.dataset ? fetch(new URL(opts.dataset, doc.baseURI)) : null;
    data?.catch(() => {});   // reported below, unless the core fails first (then the core's failure is the one reported)
    if (!data) return core.open();
    await core.load();
    const res = await data;
    if (!res.ok) throw new Error(`dataset ${opts.dataset}: HTTP ${res.status}`);
    return core.open(new Uint8Array(await res.arrayBuffer()));
  }

  function detach() {
    const el = current;
    current = null;
    if (!el) return;
    try { el.remove(); } catch (e) { warn('internal error.', e); }
    // The engine is freed through the core's guard: never after a failure, and a throw stays inside.
    el.dispose();
  }

  /** @param {unknown} text @returns {Promise<Answer>} */
  async function lookup(text) {
    try {
      const input = String(text ?? '').slice(0, MAX_CHARS);
      if (current) { const el = current; return (await el.ready) && current === el ? el.lookup(input) : noMatch(); }
      if (disabled || core.broken) return noMatch();
      return (await (apiEngine ??= core.open())).lookup(input);
    } catch (e) {
      warn('lookup failed', e);
      return noMatch();
    }
  }

  return {
    attach, detach, lookup, warn,
    get ready() { return current?.ready ?? Promise.resolve(null); },
  };
}

// Marks the element class this shell defined (two copies of crosscheck.js make one widget; another script's class
// under the same name is not ours).
const MINE = Symbol.for('crosscheck.popup');
