// marker.js — auto-marking: every sentence of the scope that carries a claim is tinted (CSS Custom Highlight API, so
// the page's DOM is never touched), and the popup opens on a click on one, or on Enter with the caret in it. Blocks
// are matched in short background slices, those in view first, through the core's lean marksUtf8() (offsets only:
// the popup looks the accounts up when it opens). The ranges go into the Highlight in a few batches, not per block:
// after any change to it, however small, the next frame re-checks every mark. A MutationObserver re-queues the
// blocks that change.
import { MAX_CHARS, SETTLE_MS, SLICE_MS, dict, nextTask } from './util.js';

const BLOCKS = 'p, li, blockquote, h1, h2, h3, h4, h5, h6, td, dd';
const FLUSH_MS = 250;   // while marking, new marks reach the page at most this often (besides those in view)
// A heading or a block of few words says little: its words match a claim's by chance more easily (a headline's
// "last flight out" and a general's last plane), so it is marked only when the core is this sure (its confidence,
// which is 1 for a sentence that is a claim's own wording).
const HEADINGS = 'h1, h2, h3, h4, h5, h6';
const SHORT_WORDS = 8;
const STRONG = 0.95;
// The tints: settled claims, and over them those that sources dispute (a second highlight painted above the first,
// so that 'crosscheck' keeps every mark).
const TINTS = '::highlight(crosscheck) { background-color: rgba(31, 154, 168, 0.2); }\n'
  + '::highlight(crosscheck-disputed) { background-color: rgba(232, 128, 16, 0.34); }';

/** @typedef {{ range: Range, block: Element, offset: number }} Mark */
/** @typedef {import('./core.js').Engine} Engine */

export class Marker {
  /** @type {Map<Element, Mark[]>} */ marks = new Map();
  // What is left to mark: the blocks found at start, by index into #blocks in the order of #spans ([from, to) index
  // ranges: in view first, then below, then above), and the blocks a mutation re-queued. Indexes, not a Set of every
  // block: on a long page making a JS object of each block at once is itself a long task (docs/widget.md).
  /** @type {{ length: number, at(i: number): Element }} */ #blocks = { length: 0, at: () => /** @type {any} */ (null) };
  /** @type {[number, number][]} */ #spans = [];
  /** @type {Set<Element>} */ #again = new Set();
  /** @type {Set<Range>} */ #fresh = new Set();
  /** @type {Range[]} */ #stale = [];
  /** @type {any} */ #highlight = null;
  /** @type {any} */ #disputed = null;
  /** @type {Set<Range>} */ #disputedRanges = new Set();
  /** @type {Map<number, boolean>} whether a claim (by index) has accounts on both sides */ #contested = new Map();
  /** Called once, the first time marks reach the page. @type {(() => void) | null} */ onFirstMarks = null;
  #shownAny = false; #pointer = false;
  /** @type {CSSStyleSheet | null} */ #sheet = null;
  /** @type {MutationObserver | null} */ #observer = null;
  #flushedAt = 0; #inViewFirst = false; #nearLeft = 0; #pending = false; #stopped = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */ #timer;
  /** @type {Uint8Array | null} */ #utf8 = null;
  #encoder = new TextEncoder();

  /** @type {Engine | null} */ engine = null;

  /**
   * @param {Document} doc @param {string} scope @param {Element} widget
   * @param {<F extends (...args: any[]) => any>(fn: F) => F} guard
   */
  constructor(doc, scope, widget, guard) {
    this.doc = doc; this.scope = scope; this.widget = widget; this.guard = guard;
  }

  /**
   * The marks' style, as soon as the widget is attached, while the page is still loading: the first `::highlight`
   * rule makes the browser restyle every element of the page, a long task on a long page, better not after ready.
   */
  prepare() {
    const doc = this.doc, win = /** @type {any} */ (doc.defaultView);
    if (!win?.CSS?.highlights || !win.Highlight || this.#sheet) return;
    const sheet = this.#sheet = new win.CSSStyleSheet();
    // A tint, not an underline: a text decoration counts as visual overflow, so the browser recomputes the ink
    // overflow of every marked line whenever the highlights change (docs/benchmarks.md). Translucent, so that it
    // reads on light and dark pages alike.
    sheet.replaceSync(TINTS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  }

  /** @param {Engine} engine */
  start(engine) {
    const doc = this.doc, win = /** @type {any} */ (doc.defaultView);
    if (!win?.CSS?.highlights || !win.Highlight || this.#stopped) return;
    this.engine = engine;
    this.prepare();
    const mark = this.#highlight = new win.Highlight();
    win.CSS.highlights.set('crosscheck', mark);
    const disputed = this.#disputed = new win.Highlight();
    disputed.priority = 1;
    win.CSS.highlights.set('crosscheck-disputed', disputed);
    const scopes = [...doc.querySelectorAll(this.scope)];
    const lists = scopes.map((s) => s.querySelectorAll(BLOCKS));
    if (lists.length === 1) { const list = lists[0]; this.#blocks = { length: list.length, at: (i) => list[i] }; }
    else { const all = lists.flatMap((l) => [...l]); this.#blocks = { length: all.length, at: (i) => all[i] }; }
    this.#spans = [[0, this.#blocks.length]];
    this.#inViewFirst = true;
    this.#observer = new win.MutationObserver(this.guard((/** @type {MutationRecord[]} */ records) => this.#changed(records)));
    for (const s of scopes) /** @type {MutationObserver} */ (this.#observer).observe(s, dict({ childList: true, subtree: true, characterData: true }));
    this.#soon();
  }

  stop() {
    this.#stopped = true;
    this.#observer?.disconnect();
    this.#observer = null;
    clearTimeout(this.#timer);
    this.#spans = []; this.#again.clear();
    if (this.#highlight) /** @type {any} */ (this.doc.defaultView)?.CSS?.highlights?.delete('crosscheck');
    if (this.#disputed) /** @type {any} */ (this.doc.defaultView)?.CSS?.highlights?.delete('crosscheck-disputed');
    this.#highlight = null; this.#disputed = null;
    if (this.#sheet) {
      const doc = this.doc, sheet = this.#sheet;
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
      /** @type {any} */ (doc.defaultView)?.CSS?.highlights?.delete('crosscheck');
      /** @type {any} */ (doc.defaultView)?.CSS?.highlights?.delete('crosscheck-disputed');
      this.#sheet = null;
    }
    this.marks.clear(); this.#fresh.clear(); this.#stale = []; this.#nearLeft = 0; this.#disputedRanges.clear(); this.#pointer = false;
  }

  /** @param {MutationRecord[]} records */
  #changed(records) {
    const changed = (/** @type {Element | null} */ el) => { const block = el?.closest(BLOCKS); if (block && !this.widget.contains(block)) this.#again.add(block); };
    for (const r of records) {
      // The block the change is in, the blocks an added subtree brings, and the marked blocks a removed one takes
      // away. Not every block under the target: a paragraph appended to <main> would re-mark the whole page.
      changed(r.target.nodeType === 1 ? /** @type {Element} */ (r.target) : r.target.parentElement);
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1 || n === this.widget) continue;
        changed(/** @type {Element} */ (n));
        for (const b of /** @type {Element} */ (n).querySelectorAll(BLOCKS)) this.#again.add(b);
      }
      for (const n of r.removedNodes) {
        if (n.nodeType === 1) for (const b of [/** @type {Element} */ (n), .../** @type {Element} */ (n).querySelectorAll(BLOCKS)]) if (this.marks.has(b)) this.#again.add(b);
      }
    }
    // Debounced: a page that streams content in changes many times a second.
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.guard(() => this.#soon()), SETTLE_MS);
  }

  // A pass over the queue starts in a background task (or, without those, when the page is idle), then goes on in
  // tasks of its own, at most SLICE_MS each, until the queue is empty.
  #soon(going = false) {
    const win = /** @type {any} */ (this.doc.defaultView);
    if (this.#pending || !this.#left() || this.#stopped) return;
    this.#pending = true;
    const run = this.guard((/** @type {IdleDeadline | null} */ deadline) => {
      this.#pending = false;
      if (this.#stopped || !this.#highlight) return;
      const started = performance.now();
      if (!going) this.#flushedAt = started;
      if (this.#inViewFirst) {
        this.#inViewFirst = false;
        const [from, to] = inView(win, this.#blocks);
        this.#spans = /** @type {[number, number][]} */ ([[from, to], [to, this.#blocks.length], [0, from]]).filter(([a, b]) => b > a);
        this.#nearLeft = to - from;
      }
      const left = () => Math.min(SLICE_MS - (performance.now() - started), deadline ? deadline.timeRemaining() : Infinity);
      // A batch when the blocks around the reader are done, then one per FLUSH_MS while there is more, and the last.
      let nearDone = false;
      do {
        const block = this.#take();
        if (block) this.#markBlock(block);
        if (this.#nearLeft > 0 && --this.#nearLeft === 0) nearDone = true;
      } while (this.#left() && !nearDone && left() > 1 && !this.#stopped);
      if (this.#stopped) return;
      const now = performance.now();
      if (nearDone || !this.#left() || now - this.#flushedAt >= FLUSH_MS) { this.#flush(); this.#flushedAt = now; }
      this.#soon(true);
    });
    if (going || win.scheduler?.postTask) nextTask(win, () => run(null));
    else if (win.requestIdleCallback) win.requestIdleCallback(run, dict({ timeout: 1000 }));
    else setTimeout(() => run(null), 0);
  }

  #left() { return this.#again.size > 0 || this.#spans.length > 0; }

  /** The next block to mark: the blocks of the first pass in their order, then those a mutation re-queued. */
  #take() {
    const span = this.#spans[0];
    if (span) {
      const block = this.#blocks.at(span[0]++);
      if (span[0] >= span[1]) this.#spans.shift();
      return block;
    }
    const block = this.#again.values().next().value;
    if (block) this.#again.delete(block);
    return block ?? null;
  }

  /** @param {string} text */
  #bytes(text) {
    // Into one buffer, reused: MAX_CHARS UTF-16 units are at most three bytes each.
    const buf = this.#utf8 ??= new Uint8Array(3 * MAX_CHARS);
    return buf.subarray(0, this.#encoder.encodeInto(text.slice(0, MAX_CHARS), buf).written);
  }

  // Matches one block and replaces its marks; the ranges wait in #fresh (the old ones in #stale) for #flush.
  /** @param {Element} block */
  #markBlock(block) {
    for (const m of this.marks.get(block) ?? []) if (!this.#fresh.delete(m.range)) this.#stale.push(m.range);
    this.marks.delete(block);
    if (!block.isConnected) return;
    const text = block.textContent ?? '';
    if (!text.trim() || block.closest('[contenteditable], input, textarea') || block.querySelector('p, li')) return;
    // [offset, length, claim, ...] in JavaScript string indexes; a sentence with two claims comes twice.
    if (!this.engine) return;
    const found = this.engine.marksUtf8(this.#bytes(text));
    /** @type {[number, number][]} */
    const spans = [];
    /** @type {Set<number>} the starts of the sentences with a disputed claim */
    const contested = new Set();
    // Headings and short blocks are marked only where the core is sure (the lean marks carry no confidence, so
    // those few blocks are looked up in full); a block with a claim not seen before is looked up too, to learn
    // whether that claim is disputed.
    let sure = null;
    const strict = found.length > 0 && (block.matches(HEADINGS) || text.trim().split(/\s+/).length < SHORT_WORDS);
    let unknown = false;
    for (let i = 2; i < found.length && !unknown; i += 3) unknown = !this.#contested.has(found[i]);
    if (strict || unknown) {
      const matches = this.#learn(text.slice(0, MAX_CHARS), found);
      if (strict) sure = new Set(matches.filter((m) => m.score >= STRONG).map((m) => m.offset));
    }
    for (let i = 0; i < found.length; i += 3) {
      if (sure && !sure.has(found[i])) continue;
      if (this.#contested.get(found[i + 2])) contested.add(found[i]);
      if (!spans.some(([start]) => start === found[i])) spans.push([found[i], found[i] + found[i + 1]]);
    }
    spans.sort((a, b) => a[0] - b[0]);
    /** @type {Mark[]} */
    const marks = [];
    for (const [[start], range] of rangesOf(this.doc, block, spans)) {
      marks.push({ range, block, offset: start });
      this.#fresh.add(range);
      if (contested.has(start)) this.#disputedRanges.add(range);
    }
    if (marks.length) this.marks.set(block, marks);
  }

  #flush() {
    for (const r of this.#stale) { this.#highlight.delete(r); if (this.#disputedRanges.delete(r)) this.#disputed?.delete(r); }
    for (const r of this.#fresh) { this.#highlight.add(r); if (this.#disputedRanges.has(r)) this.#disputed?.add(r); }
    const added = this.#fresh.size > 0;
    this.#stale = []; this.#fresh.clear();
    if (added && !this.#shownAny) { this.#shownAny = true; this.onFirstMarks?.(); }
  }

  /**
   * Looks a block up in full and learns, for each claim it carries (by the index the marks give), whether sources
   * dispute it (its summary has both sides). lookup() names each claim once, at its first sentence, in the order the
   * marks first give it (the e2e tests check that), so the two line up. A claim is learnt once: a page looks up at
   * most as many blocks as it carries distinct claims, plus its headings and short blocks. (claims() would say it
   * for every claim at once, in one task of hundreds of ms.)
   * @param {string} text @param {Uint32Array} found
   */
  #learn(text, found) {
    const matches = this.engine?.lookup(text).matches ?? [];
    /** @type {number[]} */
    const firsts = [];
    for (let i = 2; i < found.length; i += 3) if (!firsts.includes(found[i])) firsts.push(found[i]);
    firsts.forEach((index, k) => {
      const s = matches.length === firsts.length ? matches[k]?.summary : null;
      // Lined up: the claim's summary says; not lined up (never seen): not disputed, and not asked again.
      if (!this.#contested.has(index) || s) this.#contested.set(index, !!s && s.corroborates > 0 && s.conflicts > 0);
    });
    return matches;
  }

  /**
   * The pointer cursor while the pointer is over a mark (a highlight cannot carry a cursor, and the page's DOM is not
   * touched: a rule of the marker's own sheet, there only while the pointer is on a mark).
   * @param {boolean} on
   */
  pointer(on) {
    if (on === this.#pointer || !this.#sheet) return;
    this.#pointer = on;
    this.#sheet.replaceSync(on ? `${TINTS}\n:root, :root * { cursor: pointer !important; }` : TINTS);
  }

  /**
   * The mark at a point, if any: only the marks of the blocks around the point are tried.
   * @param {Node | null | undefined} node @param {number} offset
   * @returns {Mark | null}
   */
  markAt(node, offset) {
    for (let el = node?.nodeType === 1 ? /** @type {Element} */ (node) : node?.parentElement; el; el = el.parentElement) {
      const hit = this.marks.get(el)?.find((m) => m.range.isPointInRange(/** @type {Node} */ (node), offset));
      if (hit) return hit;
    }
    return null;
  }
}

/**
 * DOM ranges over character spans [start, end) of an element's text content (in increasing order, as the core gives
 * them), in one walk over its text nodes, without the spans that run past the text.
 * @param {Document} doc @param {Element} root @param {[number, number][]} spans
 * @returns {[[number, number], Range][]}
 */
export function rangesOf(doc, root, spans) {
  /** @type {[[number, number], Range][]} */
  const out = [];
  if (!spans.length) return out;
  const walk = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let i = 0, seen = 0;
  /** @type {Range | null} */
  let range = null;
  for (let n = /** @type {Text | null} */ (walk.nextNode()); n && i < spans.length; n = /** @type {Text | null} */ (walk.nextNode())) {
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

/**
 * Where the blocks in view (and a viewport's height around it) are, so that they are marked first, then those below,
 * then those above: the reader sees marks where they are reading, and most readers go on down. The blocks come in
 * document order, which is their order down the page on any ordinary page, so the ones in view are found by bisection
 * and a walk outwards: a few dozen layout reads, not one per block (which on a long page made one long task). On a
 * page laid out out of order the order is only less good; every block is still marked.
 * @param {Window} win @param {{ length: number, at(i: number): Element }} blocks
 * @returns {[number, number]} the index range [from, to) of the blocks near the viewport
 */
export function inView(win, blocks) {
  const h = win.innerHeight;
  // The first block that does not end above the near zone (a block without a box counts as not above).
  let lo = 0, hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = blocks.at(mid).getBoundingClientRect();
    if (r.bottom < -h && !(r.top === 0 && r.bottom === 0)) lo = mid + 1; else hi = mid;
  }
  let end = lo;
  while (end < blocks.length && end - lo < 2000 && blocks.at(end).getBoundingClientRect().top <= 2 * h) end++;
  return [lo, end];
}
