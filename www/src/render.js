// render.js — what the popup shows for an answer: each claim with its summary and its accounts grouped by stance,
// each account with who said it, through whom, the verbatim quote and links to where the reader can see it. All
// text goes in as text nodes. What is shown is bounded whatever the dataset holds: at most MAX_CLAIMS claims and
// MAX_ACCOUNTS accounts per group at first ("N more" shows the next ones), every string cut for display.
import { make, own, cut } from './util.js';

/** @typedef {import('./core.js').Answer} Answer @typedef {import('./core.js').Match} Match */
/** @typedef {import('./core.js').Account} Account @typedef {import('./core.js').Source} Source */

export const MAX_CLAIMS = 5;
export const MAX_ACCOUNTS = 8;
/** Display lengths (characters): the full strings stay in the dataset; a popup is not the place for 100 KB. */
const LONG = { claim: 400, quote: 700, note: 400, name: 120, title: 200 };
const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const GROUPS = [['corroborates', 'Corroborate'], ['conflicts', 'Conflict'], ['context', 'Context']];

/** @param {number} n @param {string} one @param {string} many */
export const plural = (n, one, many) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** @param {unknown} s */
export function summaryLine(s) {
  const n = (/** @type {string} */ k) => { const v = own(s, k); return typeof v === 'number' ? v : 0; };
  const parts = [];
  if (n('corroborates')) parts.push(`${plural(n('corroborates'), 'account corroborates', 'accounts corroborate')} (${plural(n('corroborating_origins'), 'independent origin', 'independent origins')})`);
  if (n('conflicts')) parts.push(`${plural(n('conflicts'), parts.length ? 'conflicts' : 'account conflicts', parts.length ? 'conflict' : 'accounts conflict')} (${plural(n('conflicting_origins'), 'origin', 'origins')})`);
  if (n('context')) parts.push(`${plural(n('context'), 'gives', 'give')} context`);
  return parts.join(' · ');
}

/** @param {unknown} date */
export function formatDate(date) {
  const [y, m, d] = (typeof date === 'string' ? date : '').split('-');
  return [d && Number(d), m && MONTHS[Number(m) - 1], y].filter(Boolean).join(' ');
}

// A URL text fragment makes the browser scroll to the quote and highlight it; long quotes go as start,end.
/** @param {string} quote */
export function textFragment(quote) {
  const enc = (/** @type {string} */ s) => encodeURIComponent(s).replace(/-/g, '%2D');  // '-' means something in the directive
  // Only the ends of a very long quote are split into words.
  const head = quote.trim().slice(0, 400).split(/\s+/), tail = quote.trim().slice(-400).split(/\s+/);
  if (quote.length <= 400 && head.length <= 10) return ':~:text=' + enc(head.join(' '));
  return `:~:text=${enc(head.slice(0, 4).join(' '))},${enc(tail.slice(-4).join(' '))}`;
}
/** @param {string} url @param {string} frag */
const withFragment = (url, frag) => url + (url.includes('#') ? '' : '#') + frag;
/** @param {unknown} url @returns {url is string} */
const isWeb = (url) => typeof url === 'string' && /^https?:\/\//i.test(url);

/**
 * Where the reader can see the quote: the source's own page, or, for a source carried inside another article (or
 * without a url), the page the site owner maps its text file to with source-base.
 * @param {unknown} src @param {string} quote @param {URL | null} base
 * @returns {[string, string][]}
 */
export function sourceLinks(src, quote, base) {
  const url = own(src, 'url'), file = own(src, 'file');
  const frag = textFragment(quote);
  const name = (typeof file === 'string' ? file : '').split('/').pop()?.replace(/\.txt$/i, '') ?? '';
  const mapped = base && name ? withFragment(new URL(`${encodeURIComponent(name)}.html`, base).href, frag) : null;
  if (isWeb(url) && !own(src, 'within')) return [['Read the source', withFragment(url, frag)]];
  if (mapped) return isWeb(url) ? [['Read in context', mapped], ['Original', url]] : [['Read in context', mapped]];
  return isWeb(url) ? [['Read the source', withFragment(url, frag)]] : [];
}

/**
 * The popup's content for an answer: the first MAX_CLAIMS claims and a button for the rest.
 * @param {Document} doc @param {Answer} answer @param {URL | null} base
 * @returns {Node[]}
 */
export function renderAnswer(doc, answer, base) {
  const sources = Array.isArray(own(answer, 'sources')) ? own(answer, 'sources') : [];
  return paged(doc, answer.matches, MAX_CLAIMS, (m, i) => renderClaim(doc, m, `cc-claim-${i}`, sources, base), 'claims');
}

/**
 * The first `first` items, then a "N more" button that shows the next batch of the same size. With `list`, the items
 * go into it and only the button is returned (to follow the list: a list holds list items only).
 * @template T
 * @param {Document} doc @param {T[]} items @param {number} first
 * @param {(item: T, index: number) => Node} render @param {string} what @param {Element | null} [list]
 * @returns {Node[]}
 */
function paged(doc, items, first, render, what, list = null) {
  const shown = items.slice(0, first).map(render);
  list?.append(...shown);
  if (items.length <= first) return list ? [] : shown;
  let next = first;
  const more = make(doc, 'button', { type: 'button', class: 'more' });
  const label = () => { more.textContent = `${(items.length - next).toLocaleString('en')} more ${what}`; };
  label();
  more.addEventListener('click', () => {
    const batch = items.slice(next, next + first).map((item, k) => render(item, next + k));
    next += batch.length;
    if (list) list.append(...batch); else more.before(...batch);
    if (next >= items.length) more.remove(); else label();
  });
  return list ? [more] : [...shown, more];
}

/** @param {Document} doc @param {Match} match @param {string} id @param {Source[]} sources @param {URL | null} base */
function renderClaim(doc, match, id, sources, base) {
  const h = (/** @type {string} */ tag, /** @type {any} */ attrs, /** @type {any[]} */ ...kids) => make(doc, tag, attrs, ...kids);
  const accounts = Array.isArray(own(match, 'accounts')) ? /** @type {Account[]} */ (own(match, 'accounts')) : [];
  const groups = GROUPS.map(([stance, label]) => {
    const these = accounts.filter((a) => own(a, 'stance') === stance);
    if (!these.length) return null;
    const list = h('ul', null);
    return h('section', { class: stance, 'aria-label': `${label}: ${these.length}` },
      h('h3', null, `${label} · ${these.length.toLocaleString('en')}`),
      list, paged(doc, these, MAX_ACCOUNTS, (a) => renderAccount(doc, a, sources, base), 'accounts', list));
  });
  return h('article', { class: 'claim' },
    h('h2', { id }, cut(own(own(match, 'claim'), 'text'), LONG.claim)),
    h('p', { class: 'summary' }, summaryLine(own(match, 'summary'))),
    groups);
}

/** @param {Document} doc @param {Account} a @param {Source[]} sources @param {URL | null} base */
function renderAccount(doc, a, sources, base) {
  const h = (/** @type {string} */ tag, /** @type {any} */ attrs, /** @type {any[]} */ ...kids) => make(doc, tag, attrs, ...kids);
  const index = own(a, 'source');
  const src = Number.isInteger(index) && index >= 0 && index < sources.length ? sources[index] : null;
  const text = (/** @type {unknown} */ obj, /** @type {string} */ key, /** @type {number} */ max) => { const v = own(obj, key); return typeof v === 'string' ? cut(v, max) : ''; };
  const outlet = text(src, 'outlet', LONG.name) || text(src, 'author', LONG.name) || text(src, 'title', LONG.name);
  const speaker = text(a, 'speaker', LONG.name), role = text(a, 'role', LONG.name), note = text(a, 'note', LONG.note);
  const title = text(src, 'title', LONG.title), language = text(src, 'language', 20);
  const quote = own(a, 'quote');
  const fullQuote = typeof quote === 'string' ? quote : '';
  const via = own(a, 'via');
  const chain = [speaker, ...(Array.isArray(via) ? via.slice(0, 10).map((v) => cut(v, LONG.name)) : [])];
  if (outlet && chain.at(-1) !== outlet) chain.push(outlet);
  const date = formatDate(own(src, 'date'));
  return h('li', null,
    h('p', { class: 'who' }, h('bdi', null, speaker || 'Unnamed'), role ? h('span', { class: 'role' }, ', ', h('bdi', null, role)) : null),
    h('p', { class: 'chain' }, chain.filter(Boolean).flatMap((step, i) => (i ? [' → ', h('bdi', null, step)] : [h('bdi', null, step)])), date ? ` · ${date}` : null),
    h('blockquote', { dir: 'auto', lang: language || null }, cut(fullQuote, LONG.quote)),
    note ? h('p', { class: 'note', dir: 'auto' }, note) : null,
    h('p', { class: 'links' }, sourceLinks(src, fullQuote, base).map(([label, href]) =>
      h('a', { href, target: '_blank', rel: 'noopener noreferrer', title: title || null }, label, title ? h('span', { class: 'sr' }, `: ${title}`) : null))));
}
