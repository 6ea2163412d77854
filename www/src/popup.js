// popup.js — <crosscheck-popup>: the one element the widget adds to a page. It owns the dialog (in an open shadow
// root), asks the selection observer when to check, the core (through an Engine) what the selection claims, the
// renderer what to show and the placement where, and runs the marker when auto-marking is on. It tells the host page
// what happens through CustomEvents on the document (events.js).
import { CSS } from './style.js';
import { dict, make, nextTask } from './util.js';
import { observeSelection, selectedText } from './selection.js';
import { place } from './place.js';
import { renderAnswer, pageAddresses } from './render.js';
import { labelsFor, labelsForLang, EN } from './labels.js';
import { Peek } from './peek.js';
import { Marker } from './marker.js';
import { emit } from './events.js';
import { MAX_CHARS } from './util.js';

export const TAG = 'crosscheck-popup';
/** A mouse selection of at least this many words that carries no claim gets the "no known claim here" note. */
const NOTE_WORDS = 3;

/** @typedef {import('./core.js').Engine} Engine @typedef {import('./core.js').Answer} Answer */
/** @typedef {import('./options.js').Options} Options */
/**
 * What the popup needs from the shell that made it.
 * @typedef {{ isCurrent(el: Element): boolean, guard<F extends (...args: any[]) => any>(fn: F): F }} Host
 */

/**
 * The element class, made for one window's HTMLElement.
 * @param {typeof HTMLElement} Base
 */
export function popupClass(Base) {
  return class CrosscheckPopup extends Base {
    /** @type {Options | null} */ #opts = null;
    /** @type {Host | null} */ #host = null;
    /** @type {Engine | null} */ #engine = null;
    /** @type {Promise<any> | null} */ ready = null;
    /** @type {Promise<void> | null} */ #warmed = null;
    /** @type {AbortController | null} */ #ac = null;
    /** @type {{ pointer: () => string } | null} */ #selection = null;
    /** @type {Marker | null} */ #marker = null;
    #frame = 0; #open = false;
    /** @type {string | null} */ #text = null;
    /** @type {Range | null} */ #range = null;
    /** @type {HTMLElement | null} */ #returnFocus = null;
    /** @type {CSSStyleDeclaration | null} */ #pos = null;
    /** The last text looked up and its answer: a burst of checks of the same selection asks the core once. */
    /** @type {{ text: string, answer: Answer } | null} */ #last = null;
    #live; #panel; #claims; #count; #close; #foot;
    /** @type {Peek} */ #peek;

    constructor() {
      super();
      const root = this.attachShadow(dict({ mode: /** @type {const} */ ('open') }));
      const h = (/** @type {string} */ tag, /** @type {any} */ attrs, /** @type {any[]} */ ...kids) => make(this.ownerDocument, tag, attrs, ...kids);
      this.#live = h('div', { class: 'live', role: 'status', 'aria-live': 'polite' });
      this.#count = h('span', { class: 'count' });
      // The scroll region takes focus itself (tabindex 0), so the arrow keys scroll it even when it holds no link.
      this.#claims = h('div', { class: 'claims', tabindex: '0', role: 'region', 'aria-label': EN.region });
      const close = this.#close = h('button', { type: 'button', class: 'close', 'aria-label': EN.close }, '×');
      close.addEventListener('click', () => this.#host?.guard(() => this.close(true, 'button'))());
      this.#foot = h('p', { class: 'foot' }, EN.foot);
      this.#panel = h('div', { class: 'panel', role: 'dialog', 'aria-modal': 'false', tabindex: '-1', lang: 'en', dir: 'ltr', hidden: true },
        h('div', { class: 'bar' }, h('span', { class: 'brand' }, 'crosscheck'), this.#count, close),
        this.#claims);
      this.#peek = new Peek(this.ownerDocument, root);
      root.append(this.#live, this.#panel);
    }

    /**
     * ready resolves to the dataset's info(), or null when the core could not be loaded. warmed resolves once the
     * core has looked one claim up, in a task of its own after ready: the browser compiles the lookup code on its
     * first call, which the reader's first highlight and the first slice of auto-marking would otherwise wait for.
     * @param {Host} host @param {Options} opts @param {Promise<{ engine: Engine, info: any } | null>} loaded
     */
    configure(host, opts, loaded) {
      this.#host = host; this.#opts = opts;
      this.ready = loaded.then((r) => { this.#engine = r?.engine ?? null; return r?.info ?? null; });
      const win = this.ownerDocument.defaultView ?? window;
      this.#warmed = this.ready.then(() => new Promise((done) => nextTask(win, () => { this.#engine?.warm(); done(); })));
    }

    /** @param {string} text @returns {Answer} */
    lookup(text) {
      if (!this.#engine) return { matches: [], sources: [] };
      if (this.#last?.text !== text) this.#last = { text, answer: this.#engine.lookup(text) };
      return this.#last.answer;
    }

    connectedCallback() {
      // A copy of the element (a page that copies its body, as Turbo's cache does) is not the widget: it leaves.
      const host = this.#host, opts = this.#opts;
      if (!host || !opts || !host.isCurrent(this)) { this.remove(); return; }
      const doc = this.ownerDocument, win = /** @type {Window & typeof globalThis} */ (doc.defaultView);
      // Constructed sheets: host CSS cannot reach them and a `style-src 'self'` policy does not block them.
      const sheet = new win.CSSStyleSheet(), pos = new win.CSSStyleSheet();
      sheet.replaceSync(CSS); pos.replaceSync('.panel { left: 0; top: 0; } .peek { left: 0; top: 0; } .toast { left: 0; top: 0; }');
      const rule = (/** @type {number} */ i) => /** @type {CSSStyleRule} */ (pos.cssRules[i]).style;
      this.#pos = rule(0);
      this.#peek.positions(rule(1), rule(2));
      /** @type {ShadowRoot} */ (this.shadowRoot).adoptedStyleSheets = [sheet, pos];
      this.setAttribute('data-theme', opts.theme);
      // The top layer puts the popup above any z-index the page uses; without it the z-index above does its best.
      if ('popover' in this) this.setAttribute('popover', 'manual');
      const ac = this.#ac = new AbortController();
      const inside = (/** @type {Event} */ e) => e.composedPath().includes(this);
      this.#selection = observeSelection(doc, ac.signal, {
        guard: host.guard,
        inside,
        onCheck: (byKeyboard, byMouse) => this.check(byKeyboard, byMouse),
        onEscape: () => { if (this.#open) this.close(true, 'escape'); },
        onOutside: () => { if (this.#open) this.close(false, 'outside'); },
        onChange: () => this.#caretPreview(),
      });
      const on = (/** @type {EventTarget} */ target, /** @type {string} */ type, /** @type {(e: any) => void} */ fn, capture = false) =>
        target.addEventListener(type, host.guard(fn), dict({ signal: ac.signal, capture, passive: type !== 'keydown' }));
      on(doc, 'click', (e) => this.#clickMark(e));
      on(doc, 'keydown', (e) => this.#enterMark(e));
      // The preview of a mark: under the pointer (at most once a frame), or around the caret.
      let hoverAt = /** @type {{ x: number, y: number } | null} */ (null), hoverFrame = 0;
      on(doc, 'mousemove', (e) => {
        if (!this.#marker?.marks.size) return;
        hoverAt = { x: e.clientX, y: e.clientY };
        if (!hoverFrame) hoverFrame = win.requestAnimationFrame(host.guard(() => { hoverFrame = 0; if (hoverAt) this.#hover(hoverAt.x, hoverAt.y); }));
      });

      const reposition = () => { if (this.#open && !this.#frame) this.#frame = win.requestAnimationFrame(host.guard(() => { this.#frame = 0; this.place(); })); };
      // A scroll moves the text away from the preview and the note: they go (the popup follows its selection).
      on(win, 'scroll', () => { reposition(); this.#peek.hidePreview(); this.#peek.hideToast(); this.#marker?.pointer(false); }, true);
      on(win, 'resize', reposition);
      if (opts.automark) {
        const marker = this.#marker = new Marker(doc, opts.scope, this, host.guard);
        marker.onFirstMarks = () => this.#peek.legend(labelsForLang(doc.documentElement.lang));
        marker.prepare();
        (this.#warmed ?? this.ready)?.then(host.guard(() => {
          if (this.isConnected && this.#engine && this.#marker === marker) marker.start(this.#engine);
        }));
      }
    }

    disconnectedCallback() {
      this.#ac?.abort();
      this.#ac = null;
      const win = this.ownerDocument.defaultView;
      if (this.#frame) win?.cancelAnimationFrame(this.#frame);
      this.#frame = 0;
      this.close(false, 'detach');
      this.#peek.clear();
      this.#marker?.stop();
      this.#marker = null;
    }

    /** Only on detach: a page that moves the element around must not lose the engine. */
    dispose() { const engine = this.#engine; this.#engine = null; this.#last = null; engine?.free(); }

    /** @param {boolean} byKeyboard @param {boolean} [byMouse] a selection made with the mouse (at its mouseup) */
    check(byKeyboard, byMouse = false) {
      if (!this.#engine || !this.#opts) { if (byKeyboard) this.announce(EN.loading); return; }
      const picked = selectedText(this.ownerDocument, this.#opts.scope, this);
      // The shortcut on an open popup moves into it, whatever is selected (focus inside it hides the page's selection).
      if (byKeyboard && this.#open && (!picked || picked.text === this.#text)) return this.#focus();
      if (!picked) { if (byKeyboard) this.announce(labelsFor(this.#text).selectFirst); return; }
      if (this.#open && picked.text === this.#text) { this.#range = picked.range; return this.place(); }
      const answer = this.lookup(picked.text);
      if (!this.isConnected) return;   // the core failed and the widget is gone
      const doc = this.ownerDocument;
      if (!answer.matches.length) {
        this.close(false, 'selection');
        emit(doc, 'nomatch', { text: picked.text });
        const L = labelsFor(picked.text);
        if (byKeyboard) this.announce(L.noneFound);
        // A mouse selection of a few words that carries nothing gets a brief note, so that "no claim here" does not
        // look like "broken"; a word or two (a double-click, a copy) is not asking.
        else if (byMouse && picked.text.split(/\s+/).length >= NOTE_WORDS) {
          const rects = picked.range.getClientRects();
          this.#peek.toast(L.noClaim, rects[rects.length - 1] ?? picked.range.getBoundingClientRect(), L);
          this.announce(L.noClaim);
        }
        return;
      }
      emit(doc, 'match', { text: picked.text, claims: answer.matches.map((m) => m.claim.id) });
      this.#text = picked.text;
      this.show(answer, picked.range, byKeyboard, byKeyboard ? 'keyboard' : 'selection');
    }

    /**
     * @param {Answer} answer @param {Range} range @param {boolean} focus
     * @param {'selection' | 'keyboard' | 'mark'} via
     */
    show(answer, range, focus, via) {
      const doc = this.ownerDocument;
      const base = this.#opts?.sourceBase ? new URL(this.#opts.sourceBase.replace(/\/?$/, '/'), doc.baseURI) : null;
      const n = answer.matches.length;
      // The popup speaks the selection's language.
      const L = labelsFor(range.toString());
      this.#panel.setAttribute('lang', L.lang);
      this.#panel.setAttribute('dir', L.dir);
      this.#close.setAttribute('aria-label', L.close);
      this.#claims.setAttribute('aria-label', L.region);
      this.#foot.textContent = L.foot;
      this.#peek.hidePreview(); this.#peek.hideToast();
      // The note on what the popup is comes last inside the scroll region: the first screenful is for the answer.
      this.#claims.replaceChildren(...renderAnswer(doc, answer, { labels: L, base, here: pageAddresses(doc), selection: range.toString() }), this.#foot);
      this.#count.textContent = n > 1 ? L.claims(n) : '';
      this.#panel.setAttribute('aria-labelledby', 'cc-claim-0');
      this.#claims.scrollTop = 0;
      this.#range = range;
      this.#panel.hidden = false;
      try { if ('popover' in this && !this.matches(':popover-open')) this.showPopover(); } catch { /* not in a document yet */ }
      this.#open = true;
      this.place();
      this.announce(L.live(n, focus));
      if (focus) this.#focus();
      emit(doc, 'open', { claims: answer.matches.map((m) => m.claim.id), via });
    }

    #focus() {
      const doc = this.ownerDocument;
      if (!this.shadowRoot?.activeElement) this.#returnFocus = /** @type {HTMLElement | null} */ (doc.activeElement);
      this.#panel.focus(dict({ preventScroll: true }));
    }

    /** @param {boolean} restoreFocus @param {'escape' | 'button' | 'outside' | 'selection' | 'detach'} reason */
    close(restoreFocus, reason) {
      if (!this.#open) return;
      const hadFocus = !!this.shadowRoot?.activeElement;
      this.#open = false; this.#text = null; this.#range = null;
      this.#panel.hidden = true;
      try { if ('popover' in this && this.matches(':popover-open')) this.hidePopover(); } catch { /* already closed */ }
      const back = this.#returnFocus;
      this.#returnFocus = null;
      if (restoreFocus && hadFocus && back?.isConnected && back !== this) back.focus(dict({ preventScroll: true }));
      emit(this.ownerDocument, 'close', { reason });
    }

    /** @param {string} message */
    announce(message) {
      // Cleared first so that the same message twice is announced twice.
      this.#live.textContent = '';
      setTimeout(() => { this.#live.textContent = message; }, 60);
    }

    place() {
      if (!this.#open || !this.#range || !this.#pos) return;
      const win = /** @type {Window} */ (this.ownerDocument.defaultView);
      const touch = this.#selection?.pointer() === 'touch' || win.matchMedia('(pointer: coarse)').matches;
      place({ panel: this.#panel, pos: this.#pos, range: this.#range, touch });
    }

    // What the popup shows for a mark: the block looked up again in full (the same text gives the same matches),
    // those of the marked sentence. A block changed since it was marked (and not re-marked yet) falls back on the
    // sentence.
    /** @param {import('./marker.js').Mark} mark @returns {Answer} */
    #answerOf(mark) {
      const all = this.lookup((mark.block.textContent ?? '').slice(0, MAX_CHARS));
      const here = all.matches.filter((m) => m.offset === mark.offset);
      return here.length ? { matches: here, sources: all.sources } : this.lookup(mark.range.toString());
    }

    // The preview of the mark under the pointer, if the pointer is on its text (the caret position alone would also
    // answer in the margin beside a line); the pointer cursor over it.
    /** @param {number} x @param {number} y */
    #hover(x, y) {
      const marker = this.#marker;
      if (!marker?.marks.size || !this.#engine) return;
      const hit = this.#markAtPoint(x, y);
      const rect = hit && [...hit.range.getClientRects()].find((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom);
      marker.pointer(!!rect);
      if (!hit || !rect || (this.#open && this.#range && this.#sameRange(hit.range))) {
        if (this.#peek.previewing && this.#peek.previewing !== this.#caretMark) this.#peek.hidePreview();
        return;
      }
      const answer = this.#answerOf(hit);
      if (answer.matches.length) this.#peek.preview(hit, answer, rect, labelsFor(hit.range.toString()));
    }

    /** @type {import('./marker.js').Mark | null} */ #caretMark = null;

    // The caret inside a mark (caret browsing, or a click) previews it, as focus would: Enter then opens it.
    #caretPreview() {
      const marker = this.#marker, doc = this.ownerDocument;
      if (!marker?.marks.size || !this.#engine) return;
      const sel = doc.getSelection();
      const hit = sel?.rangeCount && sel.isCollapsed && !this.#open ? marker.markAt(sel.focusNode, sel.focusOffset) : null;
      if (!hit) { if (this.#caretMark && this.#peek.previewing === this.#caretMark) this.#peek.hidePreview(); this.#caretMark = null; return; }
      this.#caretMark = hit;
      const answer = this.#answerOf(hit);
      const rect = hit.range.getClientRects()[0];
      if (answer.matches.length && rect) this.#peek.preview(hit, answer, rect, labelsFor(hit.range.toString()));
    }

    /** @param {Range} r */
    #sameRange(r) {
      const o = this.#range;
      return !!o && o.startContainer === r.startContainer && o.startOffset === r.startOffset && o.endContainer === r.endContainer && o.endOffset === r.endOffset;
    }

    /** @param {number} x @param {number} y */
    #markAtPoint(x, y) {
      const doc = this.ownerDocument, d = /** @type {any} */ (doc);
      const at = d.caretPositionFromPoint?.(x, y);
      const caret = at ? null : doc.caretRangeFromPoint?.(x, y);
      const node = at ? at.offsetNode : caret?.startContainer;
      const offset = at ? at.offset : caret?.startOffset ?? 0;
      return (node && this.#marker?.markAt(node, offset)) || null;
    }

    // Enter with the caret inside a marked sentence (caret browsing, or after a click) opens its popup.
    /** @param {KeyboardEvent} e */
    #enterMark(e) {
      const marker = this.#marker;
      if (e.key !== 'Enter' || !marker?.marks.size || this.#open || !this.#engine) return;
      const doc = this.ownerDocument, sel = doc.getSelection();
      if (!sel?.rangeCount || !sel.isCollapsed) return;
      const active = doc.activeElement;
      if (active && active !== doc.body && /^(INPUT|TEXTAREA|SELECT|BUTTON|A)$/.test(active.tagName)) return;
      const hit = marker.markAt(sel.focusNode, sel.focusOffset);
      const answer = hit && this.#answerOf(hit);
      if (hit && answer?.matches.length) { e.preventDefault(); this.#text = null; this.#peek.hidePreview(); this.show(answer, hit.range, true, 'mark'); }
    }

    /** @param {MouseEvent} e */
    #clickMark(e) {
      const marker = this.#marker, doc = this.ownerDocument;
      if (!marker?.marks.size || !this.#engine || e.composedPath().includes(this) || !doc.getSelection()?.isCollapsed) return;
      const hit = this.#markAtPoint(e.clientX, e.clientY);
      const answer = hit && this.#answerOf(hit);
      if (hit && answer?.matches.length) { this.#text = null; this.#peek.hidePreview(); this.show(answer, hit.range, false, 'mark'); }
    }
  };
}
