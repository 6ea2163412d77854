// place.js — where the popup goes: below the end of the selection, or above it when there is more room there; never
// over the selection while the viewport leaves 10rem on either side (the popup shrinks to the room and scrolls). On
// touch screens below when possible: the system's selection menu sits above the selection. Only the selection's two
// ends are measured (collapsed ranges), never the whole range: the rectangles of a select-all on a long page number
// in the hundred thousands, and placement runs on every scroll frame.

const GAP = 8;   // px between the popup and the selection or the viewport edge

/** @typedef {{ top: number, bottom: number, left: number, right: number }} Box */

/**
 * The box of one end of a range: a caret there, or, at an element boundary (where a caret has no box), the last
 * (or first) visible character next to it.
 * @param {Range} range @param {boolean} end
 * @returns {Box | null}
 */
export function edgeBox(range, end) {
  const node = end ? range.endContainer : range.startContainer, offset = end ? range.endOffset : range.startOffset;
  const doc = node.ownerDocument ?? /** @type {Document} */ (node);
  const probe = doc.createRange();
  /** @param {Text} text @param {number} from @param {number} to */
  const measure = (text, from, to) => {
    if (from < 0 || to > text.length || from >= to) return null;
    probe.setStart(text, from);
    probe.setEnd(text, to);
    const rects = probe.getClientRects();
    const r = rects[end ? rects.length - 1 : 0];
    if (!r || !(r.height > 0)) return null;
    const x = end ? r.right : r.left;
    return { top: r.top, bottom: r.bottom, left: x, right: x };
  };
  const walk = doc.createTreeWalker(doc, NodeFilter.SHOW_TEXT);
  /** @type {Node | null} */
  let at;
  if (node.nodeType === 3) {
    const text = /** @type {Text} */ (node);
    const here = end ? measure(text, offset - 1, offset) : measure(text, offset, offset + 1);
    if (here) return here;
    walk.currentNode = node;
    at = end ? walk.previousNode() : walk.nextNode();
  } else if (end) {
    const before = node.childNodes[offset - 1];
    if (before) {
      let n = before;
      while (n.lastChild) n = n.lastChild;
      walk.currentNode = n;
      at = n.nodeType === 3 ? n : walk.previousNode();
    } else { walk.currentNode = node; at = walk.previousNode(); }
  } else {
    const after = node.childNodes[offset];
    walk.currentNode = after ?? node;
    at = after?.nodeType === 3 ? after : walk.nextNode();
  }
  // The nearest visible character before the end (after the start), a few text nodes away at most: collapsed white
  // space has no box.
  for (let step = 0; at && step < 50; step++) {
    const text = /** @type {Text} */ (at);
    const box = end ? measure(text, text.length - 1, text.length) : measure(text, 0, 1);
    if (box) return box;
    walk.currentNode = at;
    at = end ? walk.previousNode() : walk.nextNode();
  }
  return null;
}

/**
 * Positions the panel for a selection.
 * @param {{ panel: HTMLElement, pos: CSSStyleDeclaration, range: Range, touch: boolean }} at
 */
export function place({ panel, pos, range, touch }) {
  const doc = panel.ownerDocument, win = /** @type {Window} */ (doc.defaultView);
  const vw = doc.documentElement.clientWidth || win.innerWidth, vh = win.innerHeight;
  const last = edgeBox(range, true);
  if (!last) return;
  const first = edgeBox(range, false) ?? last;
  // The selection's top is its start's top; its bottom is its end's.
  const box = { top: Math.min(first.top, last.top), bottom: Math.max(first.bottom, last.bottom), left: Math.min(first.left, last.left), right: Math.max(first.right, last.right) };
  pos.removeProperty('max-height');
  const w = panel.offsetWidth, h = panel.offsetHeight;
  const top = touch ? box.bottom + 3 * GAP : last.bottom + GAP;   // on touch, clear of the selection handles
  const below = vh - top - GAP, above = box.top - 2 * GAP;
  const under = h <= below || below >= above || (touch && below >= 160);
  const room = under ? below : above;
  if (room >= 160 && h > room) pos.setProperty('max-height', `${Math.floor(room)}px`);
  const height = room >= 160 ? Math.min(h, room) : h;
  // The end of a right-to-left selection is its left edge.
  const end = range.endContainer, rtl = win.getComputedStyle(end.nodeType === 1 ? /** @type {Element} */ (end) : /** @type {Element} */ (end.parentElement)).direction === 'rtl';
  let x = rtl ? (touch ? box.right : last.left + 3 * GAP) - w : touch ? box.left : last.right - 3 * GAP;
  let y = under ? top : box.top - GAP - height;
  x = Math.max(GAP, Math.min(x, vw - w - GAP));
  y = Math.max(GAP, Math.min(y, vh - height - GAP));
  pos.setProperty('left', `${Math.round(x)}px`);
  pos.setProperty('top', `${Math.round(y)}px`);
}
