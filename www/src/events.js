// events.js — what the widget tells the host page: CustomEvents dispatched on the document it runs in, named
// `crosscheck:ready`, `crosscheck:match`, `crosscheck:nomatch`, `crosscheck:open` and `crosscheck:close`
// (docs/widget.md lists each event's detail). A page's listener that throws is the page's own error: dispatchEvent
// reports it and returns, so it cannot break the widget.
import { dict } from './util.js';

/**
 * @param {Document} doc @param {'ready' | 'match' | 'nomatch' | 'open' | 'close'} name @param {object} detail
 */
export function emit(doc, name, detail) {
  const win = /** @type {Window & typeof globalThis} */ (doc.defaultView);
  if (!win) return;
  const frozen = Object.freeze(Object.assign(Object.create(null), detail));
  for (const v of Object.values(frozen)) if (Array.isArray(v)) Object.freeze(v);
  doc.dispatchEvent(new win.CustomEvent(`crosscheck:${name}`, dict({ detail: frozen })));
}
