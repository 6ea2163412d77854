// peek.js — the widget's small signs outside the dialog, in its shadow root: the preview of a mark under the pointer
// or the caret (the claim and its counts), the brief "no known claim here" after a selection that carries none, and
// the legend of the marks' two tints, shown once, the first time marks appear. None of them takes focus or catches
// the pointer (the legend's dismiss button aside); what they say is also said through the live region where it
// matters.
import { make, cut } from './util.js';
import { leadLine } from './render.js';

/** @typedef {import('./labels.js').Labels} Labels @typedef {import('./core.js').Answer} Answer */

const TOAST_MS = 1800;
const LEGEND_MS = 12000;

/**
 * Where a small box goes: above the rectangle when there is room, else below; inside the viewport. The position is
 * written into a rule of the shadow root's constructed sheet, not a style attribute (no inline style anywhere).
 * @param {HTMLElement} el @param {CSSStyleDeclaration | null} pos
 * @param {{ left: number, right: number, top: number, bottom: number }} at @param {Window} win
 */
function putNear(el, pos, at, win) {
  if (!pos) return;
  const w = el.offsetWidth, h = el.offsetHeight, vw = win.innerWidth, vh = win.innerHeight;
  const top = at.top - h - 6 >= 4 ? at.top - h - 6 : Math.min(at.bottom + 6, vh - h - 4);
  const left = Math.max(4, Math.min(at.left, vw - w - 4));
  pos.setProperty('left', `${Math.round(left)}px`);
  pos.setProperty('top', `${Math.round(Math.max(4, top))}px`);
}

export class Peek {
  /** @type {HTMLElement} */ #peek;
  /** @type {HTMLElement} */ #toast;
  /** @type {HTMLElement | null} */ #legend = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */ #toastTimer;
  /** @type {ReturnType<typeof setTimeout> | undefined} */ #legendTimer;
  /** @type {unknown} */ #showing = null;
  #legendShown = false;
  /** @type {CSSStyleDeclaration | null} */ #peekPos = null;
  /** @type {CSSStyleDeclaration | null} */ #toastPos = null;

  /** @param {Document} doc @param {ShadowRoot} root */
  constructor(doc, root) {
    this.doc = doc; this.root = root;
    this.#peek = make(doc, 'div', { class: 'peek', role: 'tooltip', hidden: true });
    // Said through the live region by the popup; the box is for the eye.
    this.#toast = make(doc, 'div', { class: 'toast', 'aria-hidden': 'true', hidden: true });
    root.append(this.#peek, this.#toast);
  }

  /** The rules that place the preview and the note. @param {CSSStyleDeclaration} peek @param {CSSStyleDeclaration} toast */
  positions(peek, toast) { this.#peekPos = peek; this.#toastPos = toast; }

  get previewing() { return this.#showing; }

  /**
   * The preview of a mark: the first claim's lead and text, and its counts.
   * @param {unknown} key  what is previewed (the same key again changes nothing)
   * @param {Answer} answer @param {DOMRect} at @param {Labels} labels
   */
  preview(key, answer, at, labels) {
    const win = this.doc.defaultView;
    if (!win) return;
    const first = answer.matches[0];
    if (!first) { this.hidePreview(); return; }
    if (this.#showing !== key) {
      this.#showing = key;
      const s = first.summary ?? {}, parts = [];
      const el = (/** @type {string} */ tag, /** @type {any} */ attrs, /** @type {any[]} */ ...kids) => make(this.doc, tag, attrs, ...kids);
      if (s.corroborates) parts.push(el('span', { class: 'corroborates' }, labels.agree(s.corroborates)));
      if (s.conflicts) parts.push(el('span', { class: 'conflicts' }, labels.disagree(s.conflicts)));
      if (s.context) parts.push(el('span', { class: 'context' }, labels.context(s.context)));
      if (answer.matches.length > 1) parts.push(el('span', null, labels.more(answer.matches.length - 1, 'claims')));
      this.#peek.setAttribute('lang', labels.lang);
      this.#peek.setAttribute('dir', labels.dir);
      this.#peek.replaceChildren(
        el('span', { class: 'sr' }, `${leadLine(first, labels)}: `),
        el('strong', { dir: 'auto' }, cut(first.claim?.text, 160)),
        el('span', { class: 'counts' }, parts.flatMap((p, i) => (i ? [' · ', p] : [p]))));
    }
    this.#peek.hidden = false;
    putNear(this.#peek, this.#peekPos, at, win);
  }

  hidePreview() { this.#showing = null; this.#peek.hidden = true; }

  /** A brief note near the end of a selection. @param {string} text @param {DOMRect | null} at @param {Labels} labels */
  toast(text, at, labels) {
    const win = this.doc.defaultView;
    if (!win || !at) return;
    clearTimeout(this.#toastTimer);
    this.#toast.textContent = text;
    this.#toast.setAttribute('lang', labels.lang);
    this.#toast.setAttribute('dir', labels.dir);
    this.#toast.hidden = false;
    putNear(this.#toast, this.#toastPos, { left: at.right - 8, right: at.right, top: at.top, bottom: at.bottom }, win);
    this.#toastTimer = setTimeout(() => { this.#toast.hidden = true; }, TOAST_MS);
  }

  hideToast() { clearTimeout(this.#toastTimer); this.#toast.hidden = true; }

  /** The legend of the marks' tints, once per attachment. @param {Labels} labels */
  legend(labels) {
    if (this.#legendShown) return;
    this.#legendShown = true;
    const h = (/** @type {string} */ tag, /** @type {any} */ attrs, /** @type {any[]} */ ...kids) => make(this.doc, tag, attrs, ...kids);
    const dismiss = h('button', { type: 'button', 'aria-label': labels.dismiss }, '×');
    const legend = this.#legend = h('div', { class: 'legend', role: 'note', 'aria-label': labels.legendTitle, lang: labels.lang, dir: labels.dir },
      h('span', null, h('span', { class: 'swatch settled' }), labels.legendSettled),
      h('span', null, h('span', { class: 'swatch disputed' }), labels.legendDisputed),
      h('span', null, labels.legendHow),
      dismiss);
    dismiss.addEventListener('click', () => this.hideLegend());
    this.root.append(legend);
    this.#legendTimer = setTimeout(() => this.hideLegend(), LEGEND_MS);
  }

  hideLegend() { clearTimeout(this.#legendTimer); this.#legend?.remove(); this.#legend = null; }

  /** Everything away (detach). */
  clear() { this.hidePreview(); this.hideToast(); this.hideLegend(); this.#legendShown = false; }
}
