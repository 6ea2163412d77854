// render.js — what the popup shows for an answer. It leads with the answer to the reader's question (where does my
// selection stand, and who says otherwise?): each claim opens with a line saying what the selection is, the claim,
// and counts that jump to each side; then each side with its strongest account first and the rest behind a button.
// Every account carries a plain citation (outlet, title, author, date), linked when the source has a web address.
// All text goes in as text nodes. What is shown is bounded whatever the dataset holds: at most MAX_CLAIMS claims
// and, per side, MAX_ACCOUNTS accounts per batch of "N more", every string cut for display.
import { make, own, cut } from './util.js';
import { EN } from './labels.js';

/** @typedef {import('./core.js').Answer} Answer @typedef {import('./core.js').Match} Match */
/** @typedef {import('./core.js').Account} Account @typedef {import('./core.js').Source} Source */
/** @typedef {import('./labels.js').Labels} Labels */
/**
 * What the renderer needs to know about where it is: the labels' language, the folder of local copies
 * (data-source-base) and the page the reader is on (its normalised URLs: location and canonical).
 * @typedef {{ labels: Labels, base: URL | null, here: Set<string>, selection?: string }} Context
 */

export const MAX_CLAIMS = 5;
export const MAX_ACCOUNTS = 8;
/** Display lengths (characters): the full strings stay in the dataset; a popup is not the place for 100 KB. */
const LONG = { claim: 400, quote: 700, note: 400, name: 120, title: 200 };
const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
/** @type {('corroborates' | 'conflicts' | 'context')[]} */
const STANCES = ['corroborates', 'conflicts', 'context'];

/** @param {number} n @param {string} one @param {string} many */
export const plural = (n, one, many) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** @param {unknown} obj @param {string} key */
const num = (obj, key) => { const v = own(obj, key); return typeof v === 'number' && v >= 0 ? v : 0; };

/** @param {unknown} date @param {Labels} [labels] */
export function formatDate(date, labels = EN) {
  const [y, m, d] = (typeof date === 'string' ? date : '').split('-');
  if (labels.locale !== 'en' && /^\d{4}$/.test(y ?? '') && Number(m) >= 1 && Number(m) <= 12) {
    const opts = /** @type {Intl.DateTimeFormatOptions} */ ({ year: 'numeric', month: 'long', timeZone: 'UTC', ...(d ? { day: 'numeric' } : {}) });
    try { return new Intl.DateTimeFormat(labels.locale, opts).format(Date.UTC(Number(y), Number(m) - 1, Number(d) || 1)); } catch { /* below */ }
  }
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
 * A page's address for comparison: no scheme, no `www.`, no fragment, no trailing slash, no tracking parameters; the
 * same article reached by http or https, with or without `www.` or `utm_` parameters is the same page.
 * @param {unknown} url @param {string | URL} [base]
 * @returns {string}
 */
export function samePage(url, base) {
  if (typeof url !== 'string' || !url) return '';
  try {
    const u = new URL(url, base);
    if (!/^https?:$/.test(u.protocol) && u.protocol !== 'file:') return '';
    for (const k of [...u.searchParams.keys()]) if (/^(utm_|fbclid$|gclid$)/.test(k)) u.searchParams.delete(k);
    const q = u.searchParams.toString();
    return `${u.hostname.replace(/^www\./, '').toLowerCase()}${u.port ? `:${u.port}` : ''}${u.pathname.replace(/\/(index\.html?)?$/, '')}${q ? `?${q}` : ''}`;
  } catch { return ''; }
}

/**
 * The page the reader is on, as samePage() addresses: its location and its canonical URL.
 * @param {Document} doc
 * @returns {Set<string>}
 */
export function pageAddresses(doc) {
  const here = new Set([samePage(doc.location?.href)]);
  for (const link of doc.querySelectorAll('link[rel~="canonical" i][href]')) here.add(samePage(link.getAttribute('href'), doc.baseURI));
  for (const meta of doc.querySelectorAll('meta[property="og:url" i][content]')) here.add(samePage(meta.getAttribute('content'), doc.baseURI));
  here.delete('');
  return here;
}

/**
 * Where the reader can see the quote: the source's own page, or, for a source carried inside another article (or
 * without a url), the page the site owner maps its text file to with source-base.
 * @param {unknown} src @param {string} quote @param {URL | null} base @param {Labels} [labels]
 * @returns {[string, string][]}
 */
export function sourceLinks(src, quote, base, labels = EN) {
  const url = own(src, 'url'), file = own(src, 'file');
  const frag = textFragment(quote);
  const name = (typeof file === 'string' ? file : '').split('/').pop()?.replace(/\.txt$/i, '') ?? '';
  const mapped = base && name ? withFragment(new URL(`${encodeURIComponent(name)}.html`, base).href, frag) : null;
  if (isWeb(url) && !own(src, 'within')) return [[labels.readSource, withFragment(url, frag)]];
  if (mapped) return isWeb(url) ? [[labels.readInContext, mapped], [labels.original, url]] : [[labels.readInContext, mapped]];
  return isWeb(url) ? [[labels.readSource, withFragment(url, frag)]] : [];
}

/**
 * The match's side as the core gives it: how the reader's selection stands to the claim, and which account (if any)
 * the selection quotes. A core without the field, or a value it does not know, is "unknown".
 * @param {unknown} match
 * @returns {{ side: 'asserts' | 'disputes' | 'unknown', account: number }}
 */
export function sideOf(match) {
  const side = own(match, 'side'), account = own(match, 'side_account');
  const accounts = own(match, 'accounts');
  return {
    side: side === 'asserts' || side === 'disputes' ? side : 'unknown',
    account: Number.isInteger(account) && Array.isArray(accounts) && account >= 0 && account < accounts.length ? account : -1,
  };
}

/**
 * The first line of a claim: what the selection is.
 * @param {unknown} match @param {Labels} labels
 */
export function leadLine(match, labels) {
  const { side } = sideOf(match);
  if (side === 'asserts') return labels.asserts;
  if (side === 'disputes') return labels.disputes;
  const s = own(match, 'summary');
  if (num(s, 'corroborates') && num(s, 'conflicts')) {
    return labels.contested(num(s, 'corroborating_origins') || 1, num(s, 'conflicting_origins') || 1);
  }
  return labels.found;
}

/**
 * The popup's content for an answer: the first MAX_CLAIMS claims and a button for the rest. One claim shows its
 * accounts; several show each claim's lead, headline and counts, the accounts behind a button (or a count's jump).
 * @param {Document} doc @param {Answer} answer @param {Context} ctx
 * @returns {Node[]}
 */
export function renderAnswer(doc, answer, ctx) {
  const sources = Array.isArray(own(answer, 'sources')) ? own(answer, 'sources') : [];
  const matches = Array.isArray(own(answer, 'matches')) ? own(answer, 'matches') : [];
  return paged(doc, matches, MAX_CLAIMS, MAX_CLAIMS, (m, i) => renderClaim(doc, m, i, sources, ctx, matches.length === 1), (k) => ctx.labels.more(k, 'claims'));
}

/**
 * The first `first` items, then a "N more" button that shows the next `batch`. With a `list`, the items go into it
 * and the button after it (a list holds list items only); without, the button follows the items.
 * @template T
 * @param {Document} doc @param {T[]} items @param {number} first @param {number} batch
 * @param {(item: T, index: number) => Node} render @param {(left: number) => string} label
 * @param {HTMLElement | null} [list]
 * @returns {Node[]}
 */
function paged(doc, items, first, batch, render, label, list = null) {
  const shown = items.slice(0, first).map(render);
  list?.append(...shown);
  if (items.length <= first) return list ? [list] : shown;
  let next = first;
  const more = make(doc, 'button', { type: 'button', class: 'more' });
  more.textContent = label(items.length - next);
  more.addEventListener('click', () => {
    const added = items.slice(next, next + batch).map((item, k) => render(item, next + k));
    next += added.length;
    if (list) list.append(...added); else more.before(...added);
    if (next >= items.length) more.remove(); else more.textContent = label(items.length - next);
    // Focus goes to the first new item rather than to the top of the popup when the button leaves.
    const target = /** @type {HTMLElement | undefined} */ (added[0]);
    /** @type {HTMLElement | null | undefined} */ (target?.querySelector?.('a, button'))?.focus?.({ preventScroll: true });
  });
  return list ? [list, more] : [...shown, more];
}

/**
 * The accounts of one side, the strongest first: not the selection's own quote, not from the page the reader is
 * on, first-hand before relayed, then one per origin before a second from the same origin (independent voices
 * before repetitions); otherwise in the dataset's order.
 * @param {{ a: Account, i: number, here: boolean }[]} items @param {number} selected
 */
export function strongestFirst(items, selected) {
  const rank = (/** @type {{ a: Account, i: number, here: boolean }} */ x) => {
    const via = own(x.a, 'via');
    return (x.i === selected ? 4 : 0) + (x.here ? 2 : 0) + (Array.isArray(via) && via.length ? 1 : 0);
  };
  const ranked = items.map((x) => ({ x, r: rank(x) })).sort((p, q) => p.r - q.r || p.x.i - q.x.i);
  // Round robin over origins, keeping that order within each: each account's round is how many of its origin came
  // before it; then by round, rank and place (a sort, not a loop of rounds: a crafted dataset may hold thousands).
  /** @type {Map<unknown, number>} */
  const seen = new Map();
  const keyed = ranked.map((p, place) => {
    const o = own(p.x.a, 'origin') || `#${p.x.i}`, round = seen.get(o) ?? 0;
    seen.set(o, round + 1);
    return { x: p.x, r: p.r, round, place };
  });
  return keyed.sort((p, q) => p.round - q.round || p.r - q.r || p.place - q.place).map((p) => p.x);
}

/**
 * @param {Document} doc @param {Match} match @param {number} index @param {Source[]} sources @param {Context} ctx
 * @param {boolean} open
 */
function renderClaim(doc, match, index, sources, ctx, open) {
  const h = (/** @type {string} */ tag, /** @type {any} */ attrs, /** @type {any[]} */ ...kids) => make(doc, tag, attrs, ...kids);
  const L = ctx.labels, id = `cc-claim-${index}`;
  const accounts = Array.isArray(own(match, 'accounts')) ? /** @type {Account[]} */ (own(match, 'accounts')) : [];
  const { side, account } = sideOf(match);
  const selected = account >= 0 ? account : quotedBy(accounts, ctx.selection);
  const sourceOf = (/** @type {Account} */ a) => { const k = own(a, 'source'); return Number.isInteger(k) && k >= 0 && k < sources.length ? sources[k] : null; };
  const fromHere = (/** @type {Account} */ a) => isHere(sourceOf(a), sources, ctx);
  // The side that "says otherwise" when the selection has a side: it comes first, the selection's own side next.
  const order = side === 'disputes' ? ['corroborates', 'conflicts', 'context'] : side === 'asserts' ? ['conflicts', 'corroborates', 'context'] : STANCES;
  const hint = (/** @type {string} */ stance) => (side === 'unknown' || stance === 'context' ? ''
    : (stance === 'corroborates') === (side === 'asserts') ? L.withYou : L.otherwise);
  const body = h('div', { class: 'body', id: `${id}-body`, hidden: !open });
  const jumps = [];
  for (const stance of order) {
    const these = accounts.map((a, i) => ({ a, i, here: fromHere(a) })).filter((x) => own(x.a, 'stance') === stance);
    if (!these.length) continue;
    const sid = `${id}-${stance}`, count = these.length.toLocaleString(L.locale), note = hint(stance);
    const ranked = strongestFirst(these, selected);
    body.append(h('section', { class: stance, id: sid, 'aria-labelledby': `${sid}-h`, tabindex: '-1' },
      h('h3', { id: `${sid}-h` }, L.group[/** @type {'corroborates'} */ (stance)], note ? h('span', { class: 'hint' }, ` · ${note}`) : null, ` · ${count}`),
      paged(doc, ranked, 1, MAX_ACCOUNTS, (x) => renderAccount(doc, x.a, sourceOf(x.a), x.here, x.i === selected, ctx), (k) => L.more(k, 'accounts'), h('ul', null))));
    const label = stance === 'corroborates' ? L.agree(these.length) : stance === 'conflicts' ? L.disagree(these.length) : L.context(these.length);
    const jump = h('button', { type: 'button', class: `jump ${stance}`, 'aria-controls': sid }, label);
    jump.addEventListener('click', () => {
      if (body.hidden) toggle?.click();
      const section = body.querySelector(`#${sid}`);
      section?.scrollIntoView({ block: 'nearest' });
      /** @type {HTMLElement | null} */ (section)?.focus({ preventScroll: true });
    });
    jumps.push(jump);
  }
  /** @type {HTMLElement | null} */
  let toggle = null;
  if (!open) {
    const t = toggle = h('button', { type: 'button', class: 'toggle', 'aria-expanded': 'false', 'aria-controls': `${id}-body` }, L.showAccounts);
    t.addEventListener('click', () => {
      body.hidden = !body.hidden;
      t.setAttribute('aria-expanded', String(!body.hidden));
      t.textContent = body.hidden ? L.showAccounts : L.hideAccounts;
    });
  }
  const claim = own(match, 'claim');
  // With several claims, "Claim found" over each would only push the next headline down: the lead is there when it
  // says something (a side, or a contested claim).
  const lead = leadLine(match, L);
  return h('article', { class: 'claim', 'data-side': side, 'aria-labelledby': id },
    open || lead !== L.found ? h('p', { class: `lead ${side}` }, lead) : null,
    h('h2', { id, dir: 'auto' }, cut(own(claim, 'text'), LONG.claim)),
    h('p', { class: 'summary' }, jumps, toggle),
    body);
}

/** @param {string} s */
const squash = (s) => s.replace(/\s+/g, ' ').replace(/^[\s"“”'‘’«»]+|[\s"“”'‘’«».,;:!?]+$/g, '').toLowerCase();

/**
 * The account whose quote the selection is or contains, word for word (the longest such quote), or -1: it is the
 * reader's own sentence, not evidence to offer back. Used when the core gives no side_account.
 * @param {Account[]} accounts @param {string | undefined} selection
 */
export function quotedBy(accounts, selection) {
  if (!selection) return -1;
  const sel = squash(selection);
  let best = -1, length = 0;
  accounts.forEach((a, i) => {
    const q = own(a, 'quote');
    const quote = typeof q === 'string' ? squash(q) : '';
    if (quote.length >= 12 && quote.length > length && sel.includes(quote)) { best = i; length = quote.length; }
  });
  return best;
}

/**
 * Whether a source is the page the reader is on: its url, or the local copy its file maps to, is this page; a
 * source carried inside another (`within`) is from here when its carrier is.
 * @param {unknown} src @param {Source[]} sources @param {Context} ctx @returns {boolean}
 */
function isHere(src, sources, ctx, depth = 0) {
  if (!src || !ctx.here.size) return false;
  if (ctx.here.has(samePage(own(src, 'url')))) {
    // A source carried inside another article shares its file, not its url: its own url is elsewhere.
    if (!own(src, 'within')) return true;
  }
  const file = own(src, 'file');
  const name = (typeof file === 'string' ? file : '').split('/').pop()?.replace(/\.txt$/i, '') ?? '';
  if (ctx.base && name && ctx.here.has(samePage(new URL(`${encodeURIComponent(name)}.html`, ctx.base).href))) return true;
  const within = own(src, 'within');
  if (typeof within === 'string' && depth < 3) {
    const carrier = sources.find((s) => own(s, 'id') === within);
    if (carrier) return isHere(carrier, sources, ctx, depth + 1);
  }
  return false;
}

// Folds a name for comparison: "Nasser Kandil" and "Kandil" are one person in a chain, and so are the same words
// in another case.
/** @param {string} s */
const fold = (s) => s.toLowerCase().replace(/\(.*?\)/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * The reporting chain without repeats: speaker → via → outlet, a step left out when it names someone already in the
 * chain (an outlet that is the speaker's own, a translator who relays the author back).
 * @param {string[]} steps
 */
export function chainOf(steps) {
  /** @type {string[]} */
  const out = [];
  for (const step of steps) {
    const f = fold(step);
    if (!f) continue;
    if (out.some((o) => { const g = fold(o); return g === f || (f.length > 3 && g.split(' ').includes(f)) || (g.length > 3 && f.split(' ').includes(g)); })) continue;
    out.push(step);
  }
  return out;
}

/**
 * @param {Document} doc @param {Account} a @param {Source | null} src @param {boolean} here @param {boolean} selected
 * @param {Context} ctx
 */
function renderAccount(doc, a, src, here, selected, ctx) {
  const h = (/** @type {string} */ tag, /** @type {any} */ attrs, /** @type {any[]} */ ...kids) => make(doc, tag, attrs, ...kids);
  const L = ctx.labels;
  const text = (/** @type {unknown} */ obj, /** @type {string} */ key, /** @type {number} */ max) => { const v = own(obj, key); return typeof v === 'string' ? cut(v.trim(), max) : ''; };
  const outlet = text(src, 'outlet', LONG.name), author = text(src, 'author', LONG.name);
  const speaker = text(a, 'speaker', LONG.name), role = text(a, 'role', LONG.name), note = text(a, 'note', LONG.note);
  const title = text(src, 'title', LONG.title), language = text(src, 'language', 20);
  const quote = own(a, 'quote');
  const fullQuote = typeof quote === 'string' ? quote : '';
  const via = own(a, 'via');
  // Who relayed it between the speaker and the outlet (the speaker is the line above, the outlet is in the citation).
  const chain = chainOf([speaker, ...(Array.isArray(via) ? via.slice(0, 10).map((v) => cut(v, LONG.name)) : []), outlet || author]).slice(1);
  if (chain.length && fold(chain[chain.length - 1]) === fold(outlet || author)) chain.pop();
  const date = formatDate(own(src, 'date'), L);
  // Links to where the quote can be read; none to the page the reader is on (they are reading it).
  const links = sourceLinks(src, fullQuote, ctx.base, L).filter(([, href]) => !ctx.here.has(samePage(href)));
  const primary = links[0];
  // The quotation marks stay outside the isolate, so that a right-to-left title keeps them around it.
  const titleText = title ? [L.dir === 'rtl' ? '«' : '“', h('bdi', null, title), L.dir === 'rtl' ? '»' : '”'] : null;
  const citation = [
    outlet ? h('span', { class: 'outlet' }, h('bdi', null, outlet)) : null,
    titleText ? (primary && !here
      ? h('a', { href: primary[1], target: '_blank', rel: 'noopener noreferrer', class: 'title' }, titleText)
      : h('span', { class: 'title' }, titleText)) : null,
    author && author !== outlet ? h('bdi', null, author) : null,
    date ? h('span', { class: 'date' }, date) : null,
  ].filter(Boolean).flatMap((part, i) => (i ? [', ', part] : [part]));
  // The other links (the local copy and the original, or a source with no title to hang the link on).
  // On the page it came from, a link elsewhere is the original publication (a copy of it is what the reader has).
  const rest = links.filter((l) => !(titleText && l === primary && !here)).map(([label, href]) => (here ? [L.original, href] : [label, href]));
  return h('li', { class: [here ? 'here' : '', selected ? 'selected' : ''].filter(Boolean).join(' ') || null },
    h('p', { class: 'who' }, h('bdi', null, speaker || L.unnamed), role ? h('span', { class: 'role' }, ', ', h('bdi', null, role)) : null,
      selected ? h('span', { class: 'tag' }, L.yourSelection) : null),
    chain.length ? h('p', { class: 'chain' }, `${L.via} `, chain.flatMap((step, i) => (i ? [' → ', h('bdi', null, step)] : [h('bdi', null, step)]))) : null,
    h('blockquote', { dir: 'auto', lang: language || null }, cut(fullQuote, LONG.quote)),
    note ? h('p', { class: 'note', dir: 'auto' }, note) : null,
    h('p', { class: 'cite' }, here ? h('span', { class: 'tag here' }, L.thisArticle) : null, here && citation.length ? ' · ' : null, citation,
      rest.length ? ' · ' : null,
      rest.flatMap(([label, href], i) => [i ? ' · ' : null, h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label,
        title ? h('span', { class: 'sr' }, `: ${title}`) : null)])));
}
