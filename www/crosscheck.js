// crosscheck.js — the widget shell: when a reader selects text, shows the claims it makes and who corroborates or conflicts with them.
// Embed: <script type="module" src=".../crosscheck.js" data-source-base="articles"></script>. Options are data attributes on
// that tag (data-scope, data-dataset, data-theme, data-source-base, data-automark, data-attach="manual") or attach(options).
// Everything stays in the page: ./pkg/ (next to this file) is the wasm core, which embeds the dataset and does the matching.

const HERE = import.meta.url;
const TAG = 'crosscheck-popup';
const MAX_CHARS = 20000;   // more than any claim needs; cut so a select-all cannot stall the page
const SETTLE_MS = 300;     // keyboard and touch selections change on every step; wait until they settle
const GAP = 8;             // px between the popup and the selection or the viewport edge
const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const BLOCKS = 'p, li, blockquote, h1, h2, h3, h4, h5, h6, td, dd';
const SLICE_MS = 12;       // the longest an auto-marking task runs before it yields
const FLUSH_MS = 250;      // while auto-marking, new marks are added to the page at most this often (besides those in view)
const GROUPS = [['corroborates', 'Corroborate'], ['conflicts', 'Conflict'], ['context', 'Context']];
// Auto-marking hands the core each block as UTF-8 (marksUtf8): the browser's encoder writes a string in one go, where
// the glue's string passing loops over its characters in JavaScript. Into one buffer, reused: MAX_CHARS UTF-16 units
// are at most three bytes each.
const UTF8 = new TextEncoder();
let utf8Buffer = null;
function utf8(text) {
  utf8Buffer ??= new Uint8Array(3 * MAX_CHARS);
  return utf8Buffer.subarray(0, UTF8.encodeInto(text.slice(0, MAX_CHARS), utf8Buffer).written);
}

let warned = false;
// A widget must never break the page it sits on: it reports its first problem once and stays quiet after that.
function warn(message, error) {
  if (!warned) { warned = true; console.warn(`crosscheck: ${message}`, error ?? ''); }
}
// A trap in the core (what a Rust panic becomes in wasm) leaves it in an unknown state: turn the widget off.
let disabled = false;
function failed(e, what) {
  warn(what, e);
  if (e instanceof WebAssembly.RuntimeError) { disabled = true; detach(); }
}
const guard = (fn) => (...args) => { try { return fn(...args); } catch (e) { failed(e, 'internal error, so it is turned off.'); } };

let core = null;
// The wasm module is loaded once per page, relative to this file, so crosscheck.js and pkg/ can be copied anywhere.
function loadCore() {
  return core ??= (async () => {
    if (typeof WebAssembly !== 'object') throw new Error('this browser has no WebAssembly');
    // The glue and the wasm are requested together, and the wasm compiles as it arrives, while the glue loads:
    // not one after the other.
    const wasm = new URL('./pkg/crosscheck_bg.wasm', HERE);
    const compiled = fetch(wasm).then((res) => {
      if (!res.ok) throw new Error(`${wasm}: HTTP ${res.status}`);
      // Streaming compilation needs the application/wasm type; a server that sends another type still works
      // through the bytes.
      const streaming = (res.headers.get('content-type') || '').split(';')[0].trim() === 'application/wasm';
      return streaming ? WebAssembly.compileStreaming(res) : res.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
    });
    const [mod, module] = await Promise.all([import(new URL('./pkg/crosscheck.js', HERE).href), compiled]);
    await mod.default({ module_or_path: module });
    return mod;
  })();
}

async function openEngine(opts, doc) {
  // A dataset of the page's own is requested at once too, not after the core has loaded.
  const data = opts.dataset ? fetch(new URL(opts.dataset, doc.baseURI)) : null;
  data?.catch(() => {});   // reported below, unless the core fails first (then the core's failure is the one reported)
  const mod = await loadCore();
  if (!data) { mod.ready(); return mod; }
  const res = await data;
  if (!res.ok) throw new Error(`dataset ${opts.dataset}: HTTP ${res.status}`);
  // An engine of its own rather than loadDataset(), so that the page-wide default stays the embedded dataset.
  return new mod.Crosscheck(new Uint8Array(await res.arrayBuffer()));
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

function summaryLine(s) {
  const parts = [];
  if (s.corroborates) parts.push(`${plural(s.corroborates, 'account corroborates', 'accounts corroborate')} (${plural(s.corroborating_origins, 'independent origin', 'independent origins')})`);
  if (s.conflicts) parts.push(`${plural(s.conflicts, parts.length ? 'conflicts' : 'account conflicts', parts.length ? 'conflict' : 'accounts conflict')} (${plural(s.conflicting_origins, 'origin', 'origins')})`);
  if (s.context) parts.push(`${plural(s.context, 'gives', 'give')} context`);
  return parts.join(' · ');
}

function formatDate(date) {
  const [y, m, d] = String(date || '').split('-');
  return [d && Number(d), m && MONTHS[m - 1], y].filter(Boolean).join(' ');
}

// A URL text fragment makes the browser scroll to the quote and highlight it; long quotes go as start,end.
function textFragment(quote) {
  const enc = (s) => encodeURIComponent(s).replace(/-/g, '%2D');  // '-' has a meaning of its own in the directive
  const words = String(quote).trim().split(/\s+/);
  return ':~:text=' + (words.length <= 10 ? enc(words.join(' ')) : `${enc(words.slice(0, 4).join(' '))},${enc(words.slice(-4).join(' '))}`);
}
const withFragment = (url, frag) => url + (url.includes('#') ? '' : '#') + frag;
const isWeb = (url) => typeof url === 'string' && /^https?:\/\//i.test(url);

// Where the reader can see the quote: the source's own page, or, for a source carried inside another article
// (or without a url), the page the site owner maps its text file to with source-base.
function sourceLinks(src, quote, base) {
  const frag = textFragment(quote);
  const name = String(src.file || '').split('/').pop().replace(/\.txt$/i, '');
  const mapped = base && name ? withFragment(new URL(`${encodeURIComponent(name)}.html`, base).href, frag) : null;
  if (isWeb(src.url) && !src.within) return [['Read the source', withFragment(src.url, frag)]];
  if (mapped) return isWeb(src.url) ? [['Read in context', mapped], ['Original', src.url]] : [['Read in context', mapped]];
  return isWeb(src.url) ? [['Read the source', withFragment(src.url, frag)]] : [];
}

const dark = '--bg:#1c2128;--fg:#e6edf3;--muted:#9da7b3;--line:#3d444d;--soft:#262c36;--link:#79c0ff;--focus:#79c0ff;--yes:#4fc3cf;--no:#f0b463;--ctx:#a5a0f0;color-scheme:dark;';
const CSS = `
:host { all: initial !important; display: block !important; position: fixed !important; inset: 0 auto auto 0 !important;
  width: 0 !important; height: 0 !important; margin: 0 !important; padding: 0 !important; border: 0 !important;
  overflow: visible !important; background: transparent !important; z-index: 2147483647 !important; visibility: visible !important;
  opacity: 1 !important; transform: none !important; pointer-events: none !important; contain: none !important; }
:host([hidden]) { display: none !important; }
[hidden] { display: none !important; }
.live, .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.panel { --bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--link:#0969da;--focus:#0969da;--yes:#0b6e79;--no:#9a4d00;--ctx:#5a4fcf;color-scheme:light;
  position: fixed; box-sizing: border-box; display: flex; flex-direction: column; pointer-events: auto;
  width: min(28rem, calc(100vw - 16px)); max-height: min(34rem, calc(100vh - 16px), calc(100dvh - 16px));
  background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 10px;
  box-shadow: 0 10px 30px rgba(0,0,0,.22), 0 2px 6px rgba(0,0,0,.12); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif;
  text-align: start; letter-spacing: normal; word-spacing: normal; text-transform: none; animation: cc-in .14s ease-out; }
@media (prefers-color-scheme: dark) { :host(:not([data-theme=light])) .panel { ${dark} } }
:host([data-theme=dark]) .panel { ${dark} }
@keyframes cc-in { from { opacity: 0; transform: translateY(4px); } }
@media (prefers-reduced-motion: reduce) { .panel { animation: none; } }
.panel:focus { outline: none; }
.panel:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.bar { display: flex; align-items: center; gap: .5rem; padding: .4rem .4rem .4rem .85rem; border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; letter-spacing: .02em; }
.count { color: var(--muted); flex: 1; }
button { all: unset; box-sizing: border-box; display: inline-grid; place-items: center; width: 2rem; height: 2rem; border-radius: 6px;
  cursor: pointer; font: 20px/1 system-ui, sans-serif; color: var(--muted); }
button:hover { background: var(--soft); color: var(--fg); }
button:focus-visible, a:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.claims { overflow: auto; overscroll-behavior: contain; padding: 0 .85rem; }
.claim { padding: .75rem 0; }
.claim + .claim { border-top: 2px solid var(--line); }
h2 { font-size: 1.05em; font-weight: 650; margin: 0 0 .25rem; line-height: 1.35; }
h3 { font-size: .75em; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; margin: .75rem 0 .25rem; color: var(--tone); }
.summary { margin: 0; color: var(--muted); font-size: .92em; }
.corroborates { --tone: var(--yes); } .conflicts { --tone: var(--no); } .context { --tone: var(--ctx); }
ul { list-style: none; margin: 0; padding: 0; }
li { padding: .5rem 0; border-top: 1px solid var(--line); }
li:first-child { border-top: 0; padding-top: .2rem; }
p { margin: 0; }
.who { font-weight: 600; } .role { font-weight: 400; color: var(--muted); }
.chain { color: var(--muted); font-size: .9em; }
blockquote { margin: .35rem 0; padding: .1rem 0 .1rem .7rem; border-inline-start: 3px solid var(--tone); unicode-bidi: plaintext; }
blockquote:lang(ar) { font-size: 1.08em; line-height: 1.7; }
.note { font-size: .9em; color: var(--muted); font-style: italic; margin-bottom: .2rem; }
.links { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .9em; }
a { color: var(--link); text-decoration: underline; text-underline-offset: 2px; overflow-wrap: anywhere; }
.foot { padding: .45rem .85rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .8em; }
`;

class CrosscheckPopup extends HTMLElement {
  #opts = {}; #engine = null; #warmed = null; #ac = null; #timer = 0; #frame = 0; #mouseDown = false; #pointer = '';
  #open = false; #text = null; #range = null; #returnFocus = null; #pos = null; #docSheet = null;
  // Auto-marking: the marks by block ({range, block, offset}), the blocks waiting to be matched, and the ranges
  // waiting to be added to (#fresh) or taken off (#stale) the Highlight.
  #highlight = null; #marks = new Map(); #queue = new Set(); #fresh = new Set(); #stale = []; #flushedAt = 0;
  #inViewFirst = false; #nearLeft = 0; #observer = null; #markTimer = 0; #markPending = false;
  #live; #panel; #claims; #count;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const h = (tag, attrs, ...kids) => make(this.ownerDocument, tag, attrs, ...kids);
    this.#live = h('div', { class: 'live', role: 'status', 'aria-live': 'polite' });
    this.#count = h('span', { class: 'count' });
    this.#claims = h('div', { class: 'claims' });
    const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close' }, '×');
    close.addEventListener('click', guard(() => this.close(true)));
    this.#panel = h('div', { class: 'panel', role: 'dialog', 'aria-modal': 'false', tabindex: '-1', lang: 'en', hidden: true },
      h('div', { class: 'bar' }, h('span', { class: 'brand' }, 'crosscheck'), this.#count, close),
      this.#claims,
      h('p', { class: 'foot' }, 'Accounts are quoted verbatim from their sources; crosscheck shows who says what, not who is right.'));
    root.append(this.#live, this.#panel);
  }

  // ready resolves to the dataset's info(), or null when the core could not be loaded.
  // warmed resolves once the core has looked one claim up, in a task of its own after ready: on a cold page the
  // browser compiles the lookup code on its first call (some 20 ms), which the reader's first highlight and the first
  // slice of auto-marking would otherwise wait for.
  configure(opts, loaded) {
    this.#opts = opts;
    this.ready = loaded.then((r) => { this.#engine = r?.engine ?? null; return r?.info ?? null; });
    const win = this.ownerDocument.defaultView ?? window;
    this.#warmed = this.ready.then(() => new Promise((done) => nextTask(win, () => {
      try { this.#engine?.warm?.(); } catch { /* a failed warm-up only loses the head start */ }
      done();
    })));
  }

  lookup(text) { return this.#engine ? this.#engine.lookup(text) : { matches: [] }; }

  connectedCallback() {
    // A copy of the element (a page that copies its body, as Turbo's cache does) is not the widget: it leaves.
    if (this !== current) { this.remove(); return; }
    const doc = this.ownerDocument, win = doc.defaultView;
    // Constructed sheets: host CSS cannot reach them and a `style-src 'self'` policy does not block them.
    const sheet = new win.CSSStyleSheet(), pos = new win.CSSStyleSheet();
    sheet.replaceSync(CSS); pos.replaceSync('.panel { left: 0; top: 0; }');
    this.#pos = pos.cssRules[0].style;
    this.shadowRoot.adoptedStyleSheets = [sheet, pos];
    if (this.#opts.theme) this.setAttribute('data-theme', this.#opts.theme);
    // The top layer puts the popup above any z-index the page uses; without it the z-index above does its best.
    if ('popover' in this) this.setAttribute('popover', 'manual');
    const ac = this.#ac = new AbortController();
    const on = (target, type, fn, capture = false) => target.addEventListener(type, guard(fn), { signal: ac.signal, capture, passive: type !== 'keydown' });
    on(doc, 'pointerdown', (e) => {
      this.#pointer = e.pointerType;
      if (this.#open && !e.composedPath().includes(this)) this.close(false);   // an outside click closes
    }, true);
    on(doc, 'mousedown', (e) => { if (e.button === 0 && !e.composedPath().includes(this)) this.#mouseDown = true; }, true);
    // A mouse selection is finished at mouseup; the selection itself is updated just after it.
    on(doc, 'mouseup', (e) => { this.#mouseDown = false; if (!e.composedPath().includes(this)) setTimeout(guard(() => this.check(false)), 0); }, true);
    on(doc, 'selectionchange', () => {
      if (this.#mouseDown) return;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(guard(() => this.check(false)), SETTLE_MS);
    });
    on(doc, 'keydown', (e) => {
      if (e.key === 'Escape' && this.#open) this.close(true);
      else if (e.altKey && e.shiftKey && e.code === 'KeyC') { e.preventDefault(); this.check(true); }
    }, true);
    on(doc, 'click', (e) => this.#clickMark(e));
    on(doc, 'keydown', (e) => this.#enterMark(e));
    const reposition = () => { if (this.#open && !this.#frame) this.#frame = win.requestAnimationFrame(() => { this.#frame = 0; this.place(); }); };
    on(win, 'scroll', reposition, true);
    on(win, 'resize', reposition);
    if (this.#opts.automark) (this.#warmed ?? this.ready)?.then(guard(() => this.#automark()));
  }

  disconnectedCallback() {
    this.#ac?.abort();
    clearTimeout(this.#timer);
    const win = this.ownerDocument.defaultView;
    if (this.#frame) win?.cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.close(false);
    this.#observer?.disconnect();
    this.#observer = null;
    clearTimeout(this.#markTimer);
    this.#queue.clear();
    this.#highlight = null;
    if (this.#docSheet) {
      const doc = this.ownerDocument;
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== this.#docSheet);
      win?.CSS?.highlights?.delete('crosscheck');
      this.#docSheet = null; this.#marks.clear(); this.#fresh.clear(); this.#stale = []; this.#nearLeft = 0;
    }
  }

  // Only on detach: a page that moves the element around must not lose the engine.
  dispose() { this.#engine?.free?.(); this.#engine = null; }

  // The selected text if it counts: not empty, inside the scope, not in a form field, an editor or this popup.
  #selected() {
    const doc = this.ownerDocument, sel = doc.getSelection();
    if (!sel || !sel.rangeCount || sel.isCollapsed || sel.containsNode(this, true)) return null;
    const active = doc.activeElement;
    if (active === this || /^(INPUT|TEXTAREA|SELECT)$/.test(active?.tagName)) return null;
    for (const node of [sel.anchorNode, sel.focusNode]) {
      const el = node?.nodeType === 1 ? node : node?.parentElement;
      if (!el || el.isContentEditable || el.closest('input, textarea, [contenteditable]:not([contenteditable="false"])')) return null;
      if (!el.closest(this.#opts.scope || 'body')) return null;
    }
    const text = sel.toString().slice(0, MAX_CHARS).trim();
    return text ? { text, range: sel.getRangeAt(0).cloneRange() } : null;
  }

  check(byKeyboard) {
    if (!this.#engine) { if (byKeyboard) this.announce('crosscheck is still loading.'); return; }
    const picked = this.#selected();
    // The shortcut on an open popup moves into it, whatever is selected (focus inside it hides the page's selection).
    if (byKeyboard && this.#open && (!picked || picked.text === this.#text)) return this.#focus();
    if (!picked) { if (byKeyboard) this.announce('Select some text first, then press Alt+Shift+C.'); return; }
    if (this.#open && picked.text === this.#text) { this.#range = picked.range; return this.place(); }
    const { matches } = this.#engine.lookup(picked.text);
    if (!matches?.length) {
      this.close(false);
      if (byKeyboard) this.announce('No claims found in the selection.');
      return;
    }
    this.#text = picked.text;
    this.show(matches, picked.range, byKeyboard);
  }

  show(matches, range, focus) {
    const doc = this.ownerDocument;
    const base = this.#opts.sourceBase ? new URL(this.#opts.sourceBase.replace(/\/?$/, '/'), doc.baseURI) : null;
    this.#claims.replaceChildren(...matches.map((m, i) => renderClaim(doc, m, `cc-claim-${i}`, base)));
    this.#count.textContent = matches.length > 1 ? `${matches.length} claims` : '';
    this.#panel.setAttribute('aria-labelledby', 'cc-claim-0');
    this.#claims.scrollTop = 0;
    this.#range = range;
    this.#panel.hidden = false;
    try { if ('popover' in this && !this.matches(':popover-open')) this.showPopover(); } catch { /* not in a document yet */ }
    this.#open = true;
    this.place();
    this.announce(`${plural(matches.length, 'claim', 'claims')} found.${focus ? '' : ' Press Alt+Shift+C to read.'}`);
    if (focus) this.#focus();
  }

  #focus() {
    const doc = this.ownerDocument;
    if (!this.shadowRoot.activeElement) this.#returnFocus = doc.activeElement;
    this.#panel.focus({ preventScroll: true });
  }

  close(restoreFocus) {
    if (!this.#open) return;
    const hadFocus = !!this.shadowRoot.activeElement;
    this.#open = false; this.#text = null; this.#range = null;
    this.#panel.hidden = true;
    try { if ('popover' in this && this.matches(':popover-open')) this.hidePopover(); } catch { /* already closed */ }
    const back = this.#returnFocus;
    this.#returnFocus = null;
    if (restoreFocus && hadFocus && back?.isConnected && back !== this) back.focus({ preventScroll: true });
  }

  announce(message) {
    // Cleared first so that the same message twice is announced twice.
    this.#live.textContent = '';
    setTimeout(() => { this.#live.textContent = message; }, 60);
  }

  // Below the end of the selection, or above it when there is more room there; never over the selection while the
  // viewport leaves 10rem on either side (the popup shrinks to the room and scrolls). On touch screens below when
  // possible: the system's selection menu sits above the selection.
  place() {
    if (!this.#open || !this.#range) return;
    const doc = this.ownerDocument, win = doc.defaultView;
    const vw = doc.documentElement.clientWidth || win.innerWidth, vh = win.innerHeight;
    const box = this.#range.getBoundingClientRect();
    const last = [...this.#range.getClientRects()].filter((r) => r.width > 0).at(-1) || box;
    const touch = this.#pointer === 'touch' || win.matchMedia('(pointer: coarse)').matches;
    this.#pos.removeProperty('max-height');
    const w = this.#panel.offsetWidth, h = this.#panel.offsetHeight;
    const top = touch ? box.bottom + 3 * GAP : last.bottom + GAP;   // on touch, clear of the selection handles
    const below = vh - top - GAP, above = box.top - 2 * GAP;
    const under = h <= below || below >= above || (touch && below >= 160);
    const room = under ? below : above;
    if (room >= 160 && h > room) this.#pos.setProperty('max-height', `${Math.floor(room)}px`);
    const height = room >= 160 ? Math.min(h, room) : h;
    // The end of a right-to-left selection is its left edge.
    const end = this.#range.endContainer, rtl = win.getComputedStyle(end.nodeType === 1 ? end : end.parentElement).direction === 'rtl';
    let x = rtl ? (touch ? box.right : last.left + 3 * GAP) - w : touch ? box.left : last.right - 3 * GAP;
    let y = under ? top : box.top - GAP - height;
    x = Math.max(GAP, Math.min(x, vw - w - GAP));
    y = Math.max(GAP, Math.min(y, vh - height - GAP));
    this.#pos.setProperty('left', `${Math.round(x)}px`);
    this.#pos.setProperty('top', `${Math.round(y)}px`);
  }

  // Auto-marking: every sentence of the scope that carries a claim is tinted (CSS Custom Highlight API, so the
  // page's DOM is never touched), and a click on one, or Enter with the caret in it, opens its popup. Blocks are
  // matched in short background slices, those in view first, through the core's lean marksUtf8() (offsets
  // only: the popup looks the accounts up when it opens). The ranges go into the Highlight in a few batches, not per
  // block: after any change to it, however small, the next frame re-checks every mark, and on a long page those
  // frames, not the matching, were most of the time. A MutationObserver re-queues the blocks that change.
  #automark() {
    const doc = this.ownerDocument, win = doc.defaultView;
    if (!this.isConnected || !win.CSS?.highlights || !win.Highlight) return;
    const mark = this.#highlight = new win.Highlight();
    win.CSS.highlights.set('crosscheck', mark);
    this.#docSheet = new win.CSSStyleSheet();
    // A tint, not an underline: a text decoration counts as visual overflow, so the browser recomputes the ink
    // overflow of every marked line whenever the highlights change, which tripled the cost of the frames that show
    // them (docs/benchmarks.md). Translucent, so that it reads on light and dark pages alike.
    this.#docSheet.replaceSync('::highlight(crosscheck) { background-color: rgba(31, 154, 168, 0.2); }');
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, this.#docSheet];
    const scopes = [...doc.querySelectorAll(this.#opts.scope || 'body')];
    for (const s of scopes) for (const b of s.querySelectorAll(BLOCKS)) this.#queue.add(b);
    this.#inViewFirst = true;
    this.#observer = new win.MutationObserver(guard((records) => {
      const changed = (el) => { const block = el?.closest(BLOCKS); if (block && !this.contains(block)) this.#queue.add(block); };
      for (const r of records) {
        // The block the change is in, the blocks an added subtree brings, and the marked blocks a removed one takes
        // away. Not every block under the target: a paragraph appended to <main> would re-mark the whole page.
        changed(r.target.nodeType === 1 ? r.target : r.target.parentElement);
        for (const n of r.addedNodes) {
          if (n.nodeType !== 1 || n === this) continue;
          changed(n);
          for (const b of n.querySelectorAll(BLOCKS)) this.#queue.add(b);
        }
        for (const n of r.removedNodes) {
          if (n.nodeType === 1) for (const b of [n, ...n.querySelectorAll(BLOCKS)]) if (this.#marks.has(b)) this.#queue.add(b);
        }
      }
      // Debounced: a page that streams content in changes many times a second.
      clearTimeout(this.#markTimer);
      this.#markTimer = setTimeout(guard(() => this.#markSoon()), SETTLE_MS);
    }));
    for (const s of scopes) this.#observer.observe(s, { childList: true, subtree: true, characterData: true });
    this.#markSoon();
  }

  // A pass over the queue starts in a background task (or, without those, when the page is idle), then goes on in
  // tasks of its own (going), at most SLICE_MS each, until the queue is empty. Not one idle callback per slice: one
  // posted from an idle callback waits for the next idle period (up to 50 ms later, however little of this one was
  // used), which made a long page take seconds.
  #markSoon(going = false) {
    const win = this.ownerDocument.defaultView;
    if (this.#markPending || !this.#queue.size) return;
    this.#markPending = true;
    const run = guard((deadline) => {
      this.#markPending = false;
      if (!this.isConnected || !this.#engine || !this.#highlight) return;
      const started = performance.now();
      if (!going) this.#flushedAt = started;
      if (this.#inViewFirst) { this.#inViewFirst = false; [this.#queue, this.#nearLeft] = inViewFirst(win, this.#queue); }
      const left = () => Math.min(SLICE_MS - (performance.now() - started), deadline ? deadline.timeRemaining() : Infinity);
      // A batch when the blocks around the reader are done, then one per FLUSH_MS while there is more, and the last.
      let nearDone = false;
      do {
        const block = this.#queue.values().next().value;
        this.#queue.delete(block);
        this.#markBlock(block);
        if (this.#nearLeft > 0 && --this.#nearLeft === 0) nearDone = true;
      } while (this.#queue.size && !nearDone && left() > 1);
      const now = performance.now();
      if (nearDone || !this.#queue.size || now - this.#flushedAt >= FLUSH_MS) { this.#flush(); this.#flushedAt = now; }
      this.#markSoon(true);
    });
    // The first slice too is a background task where the browser has them (scheduler.postTask: the page's own tasks,
    // input and rendering still go first, but nothing waits for an idle period, which on a freshly loaded long page
    // came 50 to 70 ms after ready); elsewhere it waits for the page to be idle.
    if (going || win.scheduler?.postTask) nextTask(win, () => run(null));
    else if (win.requestIdleCallback) win.requestIdleCallback(run, { timeout: 1000 });
    else setTimeout(() => run(null), 0);
  }

  // Matches one block and replaces its marks; the ranges wait in #fresh (the old ones in #stale) for #flush.
  #markBlock(block) {
    for (const m of this.#marks.get(block) ?? []) if (!this.#fresh.delete(m.range)) this.#stale.push(m.range);
    this.#marks.delete(block);
    if (!block.isConnected) return;
    const text = block.textContent;
    if (!text.trim() || block.closest('[contenteditable], input, textarea') || block.querySelector('p, li')) return;
    // [offset, length, claim, ...] in JavaScript string indexes; a sentence with two claims comes twice.
    const found = this.#engine.marksUtf8(utf8(text));
    const spans = [];
    for (let i = 0; i < found.length; i += 3) if (!spans.some(([start]) => start === found[i])) spans.push([found[i], found[i] + found[i + 1]]);
    spans.sort((a, b) => a[0] - b[0]);
    const marks = [];
    for (const [[start], range] of rangesOf(this.ownerDocument, block, spans)) {
      marks.push({ range, block, offset: start });
      this.#fresh.add(range);
    }
    if (marks.length) this.#marks.set(block, marks);
  }

  #flush() {
    for (const r of this.#stale) this.#highlight.delete(r);
    for (const r of this.#fresh) this.#highlight.add(r);
    this.#stale = []; this.#fresh.clear();
  }

  // The mark the caret or a click is in, if any: only the marks of the blocks around the point are tried.
  #markAt(node, offset) {
    for (let el = node?.nodeType === 1 ? node : node?.parentElement; el; el = el.parentElement) {
      const hit = this.#marks.get(el)?.find((m) => m.range.isPointInRange(node, offset));
      if (hit) return hit;
    }
    return null;
  }

  // What the popup shows for a mark: the block looked up again in full (the same text gives the same matches), those
  // of the marked sentence. A block changed since it was marked (and not re-marked yet) falls back on the sentence.
  #matchesOf(mark) {
    const text = mark.block.textContent.slice(0, MAX_CHARS);
    const here = this.#engine.lookup(text).matches.filter((m) => m.offset === mark.offset);
    return here.length ? here : this.#engine.lookup(mark.range.toString()).matches;
  }

  // Enter with the caret inside a marked sentence (caret browsing, or after a click) opens its popup.
  #enterMark(e) {
    if (e.key !== 'Enter' || !this.#marks.size || this.#open || !this.#engine) return;
    const sel = this.ownerDocument.getSelection();
    if (!sel?.rangeCount || !sel.isCollapsed) return;
    const active = this.ownerDocument.activeElement;
    if (active && active !== this.ownerDocument.body && /^(INPUT|TEXTAREA|SELECT|BUTTON|A)$/.test(active.tagName)) return;
    const hit = this.#markAt(sel.focusNode, sel.focusOffset);
    const matches = hit && this.#matchesOf(hit);
    if (matches?.length) { e.preventDefault(); this.#text = null; this.show(matches, hit.range, true); }
  }

  #clickMark(e) {
    if (!this.#marks.size || !this.#engine || e.composedPath().includes(this) || !this.ownerDocument.getSelection()?.isCollapsed) return;
    const doc = this.ownerDocument;
    const at = doc.caretPositionFromPoint?.(e.clientX, e.clientY);
    const node = at ? at.offsetNode : doc.caretRangeFromPoint?.(e.clientX, e.clientY)?.startContainer;
    const offset = at ? at.offset : doc.caretRangeFromPoint?.(e.clientX, e.clientY)?.startOffset;
    const hit = node && this.#markAt(node, offset);
    const matches = hit && this.#matchesOf(hit);
    if (matches?.length) { this.#text = null; this.show(matches, hit.range, false); }
  }
}

function make(doc, tag, attrs, ...kids) {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v != null && v !== false && v !== '') el.setAttribute(k, v === true ? '' : v);
  // Strings become text nodes: dataset text is never parsed as HTML.
  el.append(...kids.flat().filter((k) => k != null && k !== ''));
  return el;
}

function renderClaim(doc, match, id, base) {
  const h = (tag, attrs, ...kids) => make(doc, tag, attrs, ...kids);
  const groups = GROUPS.map(([stance, label]) => {
    const accounts = match.accounts.filter((a) => a.stance === stance);
    if (!accounts.length) return null;
    return h('section', { class: stance, 'aria-label': `${label}: ${accounts.length}` },
      h('h3', null, `${label} · ${accounts.length}`),
      h('ul', null, accounts.map((a) => renderAccount(doc, a, base))));
  });
  return h('article', { class: 'claim' },
    h('h2', { id }, match.claim.text),
    h('p', { class: 'summary' }, summaryLine(match.summary)),
    groups);
}

function renderAccount(doc, a, base) {
  const h = (tag, attrs, ...kids) => make(doc, tag, attrs, ...kids);
  const src = a.source || {};
  const outlet = src.outlet || src.author || src.title || '';
  const chain = [a.speaker, ...(a.via || [])];
  if (outlet && chain.at(-1) !== outlet) chain.push(outlet);
  const date = formatDate(src.date);
  return h('li', null,
    h('p', { class: 'who' }, h('bdi', null, a.speaker || 'Unnamed'), a.role ? h('span', { class: 'role' }, ', ', h('bdi', null, a.role)) : null),
    h('p', { class: 'chain' }, chain.filter(Boolean).flatMap((step, i) => (i ? [' → ', h('bdi', null, step)] : [h('bdi', null, step)])), date ? ` · ${date}` : null),
    h('blockquote', { dir: 'auto', lang: src.language || null }, a.quote),
    a.note ? h('p', { class: 'note', dir: 'auto' }, a.note) : null,
    h('p', { class: 'links' }, sourceLinks(src, a.quote, base).map(([label, href]) =>
      h('a', { href, target: '_blank', rel: 'noopener noreferrer', title: src.title || null }, label, src.title ? h('span', { class: 'sr' }, `: ${src.title}`) : null))));
}


// DOM ranges over character spans [start, end) of an element's text content (spans in increasing order, as the core
// gives them), in one walk over its text nodes: [[span, range], ...], without the spans that run past the text.
function rangesOf(doc, root, spans) {
  const out = [];
  if (!spans.length) return out;
  const walk = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let i = 0, seen = 0, range = null;
  for (let n = walk.nextNode(); n && i < spans.length; n = walk.nextNode()) {
    const len = n.data.length;
    // A node may hold the end of one span and the start of the next, or several spans.
    while (i < spans.length) {
      const [start, end] = spans[i];
      if (!range) {
        if (start > seen + len) break;
        range = doc.createRange();
        range.setStart(n, start - seen);
      }
      if (end > seen + len) break;
      range.setEnd(n, end - seen);
      out.push([spans[i], range]);
      range = null; i++;
    }
    seen += len;
  }
  return out;
}

// Runs fn in a task of its own, soon: a background task where there is scheduler.postTask (the page's own work, input
// and rendering go first), else a message to ourselves (setTimeout would wait at least 4 ms after a few rounds).
function nextTask(win, fn) {
  if (win.scheduler?.postTask) { win.scheduler.postTask(fn, { priority: 'background' }); return; }
  const channel = new win.MessageChannel();
  channel.port1.onmessage = () => { channel.port1.close(); fn(); };
  channel.port2.postMessage(null);
}

// The blocks in view (and a viewport's height around it) first, then those below, then those above: the reader sees
// marks where they are reading, and most readers go on down. One layout read per block, in the first slice.
// Returns the blocks in that order and how many are near.
function inViewFirst(win, blocks) {
  const h = win.innerHeight, near = [], below = [], above = [];
  for (const b of blocks) {
    const r = b.getBoundingClientRect();
    (r.bottom < -h ? above : r.top > 2 * h ? below : near).push(b);
  }
  return [new Set([...near, ...below, ...above]), near.length];
}

if (!customElements.get(TAG)) customElements.define(TAG, CrosscheckPopup);

let current = null;

function attach(options = {}) {
  detach();
  const doc = options.document || document;
  const opts = {
    scope: validSelector(doc, options.scope) ? options.scope : 'body',
    dataset: options.dataset || '',
    theme: /^(light|dark)$/.test(options.theme) ? options.theme : 'auto',
    sourceBase: options.sourceBase || '',
    automark: options.automark === true || /^(on|true|yes|1|)$/.test(String(options.automark ?? 'off')),
  };
  if (customElements.get(TAG) !== CrosscheckPopup) {
    warn(`another script already defined <${TAG}>, so this copy is turned off.`);
    return Promise.resolve(null);
  }
  const el = current = new CrosscheckPopup();
  disabled = false;
  el.configure(opts, openEngine(opts, doc).then((engine) => ({ engine, info: engine.info() })).catch((error) => {
    warn('could not load its WebAssembly core or dataset, so it is turned off.', error);
    if (current === el) { disabled = true; detach(); }
    return null;
  }));
  (doc.body || doc.documentElement).append(el);
  return el.ready;
}

function validSelector(doc, selector) {
  try { return !!selector && (doc.querySelector(selector), true); } catch { warn(`data-scope "${selector}" is not a CSS selector; using body.`); return false; }
}

function detach() {
  const el = current;
  current = null;
  el?.remove();
  el?.dispose();
}

async function lookup(text) {
  try {
    const input = String(text ?? '').slice(0, MAX_CHARS);
    if (current) return (await current.ready) ? current.lookup(input) : { matches: [] };
    // Off after a failure means off for the page's scripts too; never attached (data-attach="manual") is not off.
    if (disabled) return { matches: [] };
    return (await loadCore()).lookup(input);
  } catch (e) {
    failed(e, 'lookup failed');
    return { matches: [] };
  }
}

const api = Object.freeze({ attach, detach, lookup, get ready() { return current?.ready ?? Promise.resolve(null); } });

if (!globalThis.crosscheck?.attach) {
  globalThis.crosscheck = api;
  const tag = [...document.querySelectorAll('script[src]')].find((s) => s.src === HERE);
  const d = tag?.dataset || {};
  if (d.attach !== 'manual') {
    attach({ scope: d.scope, dataset: d.dataset, theme: d.theme, sourceBase: d.sourceBase, automark: d.automark ?? 'off' });
  }
}
