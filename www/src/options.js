// options.js — the widget's options, from the script tag's attributes or from attach(options). Read only from what
// the page set itself (getAttribute, own properties) into objects without a prototype: a page whose
// Object.prototype carries `dataset`, `sourceBase` or `theme` (prototype pollution) changes nothing.
import { own } from './util.js';

/**
 * @typedef {{ scope: string, dataset: string, theme: 'light' | 'dark' | 'auto', sourceBase: string,
 *   automark: boolean, document: Document | null }} Options
 * @typedef {{ scope?: unknown, dataset?: unknown, theme?: unknown, sourceBase?: unknown, automark?: unknown,
 *   document?: unknown, attach?: unknown }} RawOptions
 */

const ATTRIBUTES = /** @type {const} */ ([['scope', 'data-scope'], ['dataset', 'data-dataset'], ['theme', 'data-theme'],
  ['sourceBase', 'data-source-base'], ['automark', 'data-automark'], ['attach', 'data-attach']]);

/**
 * The options written on the script tag (`data-*` attributes); a missing attribute is missing, whatever the page's
 * prototypes say.
 * @param {Element | null | undefined} tag
 * @returns {RawOptions}
 */
export function fromScript(tag) {
  /** @type {Record<string, string>} */
  const raw = Object.create(null);
  if (tag) for (const [name, attr] of ATTRIBUTES) if (tag.hasAttribute(attr)) raw[name] = tag.getAttribute(attr) ?? '';
  return raw;
}

/**
 * Checked options with their defaults, from what attach() or the script tag gave.
 * @param {unknown} input
 * @param {Document} fallbackDoc
 * @param {(message: string) => void} warn
 * @returns {Options}
 */
export function normalize(input, fallbackDoc, warn) {
  const get = (/** @type {string} */ key) => own(input, key);
  const d = get('document');
  const doc = isDocument(d) ? d : fallbackDoc;
  const scope = str(get('scope'));
  const theme = str(get('theme'));
  const automark = get('automark');
  /** @type {Options} */
  const opts = Object.create(null);
  opts.scope = scope && validSelector(doc, scope, warn) ? scope : 'body';
  opts.dataset = str(get('dataset'));
  opts.theme = theme === 'light' || theme === 'dark' ? theme : 'auto';
  opts.sourceBase = str(get('sourceBase'));
  // Present with no value (data-automark), on, true, yes or 1; anything else is off.
  opts.automark = automark === true || (typeof automark === 'string' && /^(on|true|yes|1|)$/.test(automark));
  opts.document = doc;
  return opts;
}

/** @param {unknown} v */
const str = (v) => (typeof v === 'string' ? v : '');

/** @param {unknown} d @returns {d is Document} */
function isDocument(d) {
  // A Document of this window or of a same-origin frame (another realm: instanceof would say no).
  return d != null && typeof d === 'object' && /** @type {any} */ (d).nodeType === 9 && typeof /** @type {any} */ (d).createElement === 'function';
}

/** @param {Document} doc @param {string} selector @param {(message: string) => void} warn */
function validSelector(doc, selector, warn) {
  try { doc.querySelector(selector); return true; } catch { warn(`data-scope "${selector}" is not a CSS selector; using body.`); return false; }
}
