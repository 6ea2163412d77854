// harness.js — the in-page half of the benchmark (side.html): loads one engine, builds or loads its index over the
// CheckThat claims, and times queries with performance.now(). bench/run.mjs drives it step by step through
// page.evaluate, so that it can take heap measurements (CDP) between the steps. Nothing here is tuned per engine beyond
// the configurations below, which docs/benchmarks.md states.

const now = () => performance.now();

async function fetchOk(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res;
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(s);
  });
}

// bench/out/claims.tsv: a header line, then id<TAB>vclaim<TAB>title, one claim per line (bench/prepare.mjs).
function parseClaims(tsv) {
  return tsv.split('\n').slice(1).filter((l) => l.trim()).map((l) => {
    const [id, vclaim = '', title = ''] = l.split('\t');
    return { id: id.trim(), vclaim, title };
  });
}

// The dev tweets, read as raw tab-separated text: a header line, then id<TAB>text (the same rule as the Rust
// eval::queries_from_tsv: split at the first tab, text kept as it is, quotes included).
export function parseQueries(tsv) {
  return tsv.split('\n').map((l, n) => {
    const i = l.indexOf('\t');
    if (i < 0) return null;
    const id = l.slice(0, i).trim();
    if (!id || (n === 0 && !/^\d+$/.test(id))) return null;
    return [id, l.slice(i + 1)];
  }).filter(Boolean);
}

// seed_dev_queries.tsv: comment lines, then qid<TAB>kind<TAB>query<TAB>expect; the query is column 3.
export function parseSeedQueries(tsv) {
  return tsv.split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t')[2]).filter(Boolean);
}

// Each engine: load() fetches its code (and for crosscheck the compiled claims), claims() parses the TSV the JS
// libraries index, build() makes the index and returns it, top5(index, text) the ids of the five best claims.
const ENGINES = {
  crosscheck: {
    async load(state) {
      state.mod = await import('/pkg/crosscheck.js');
      state.wasm = await state.mod.default({ module_or_path: '/pkg/crosscheck_bg.wasm' });
      state.bytes = new Uint8Array(await (await fetchOk('/data/checkthat.ccd')).arrayBuffer());
    },
    async claims() { /* compiled into bench/out/checkthat.ccd; nothing to parse in the page */ },
    build: (state) => new state.mod.Crosscheck(state.bytes),
    drop: (index) => index.free(),
    top5: (index, text) => index.search(text, 5).map((r) => r[0]),
  },
  minisearch: {
    async load() { await loadScript('/lib/minisearch.js'); },
    build(state) {
      const ms = new MiniSearch({ fields: ['vclaim', 'title'], idField: 'id' });
      ms.addAll(state.claims);
      return ms;
    },
    // MiniSearch's defaults, spelled out: any term may match (OR), exact terms only.
    top5: (ms, text) => ms.search(text, { combineWith: 'OR', prefix: false, fuzzy: false }).slice(0, 5).map((r) => r.id),
  },
  lunr: {
    async load() { await loadScript('/lib/lunr.js'); },
    build(state) {
      const claims = state.claims;
      return lunr(function () {   // the default English pipeline: trimmer, stop words, Porter stemmer
        this.ref('id');
        this.field('vclaim');
        this.field('title');
        for (const c of claims) this.add(c);
      });
    },
    // A tweet is not Lunr query syntax (':', '-', '+', '~', '^' and '*' mean something there, and some tweets make
    // idx.search throw), so the text is given to the query builder as terms: Lunr's own tokenizer, then its trimmer
    // (the index pipeline's first step, which the search pipeline lacks), each term optional (OR).
    top5: (idx, text) => idx.query((q) => q.term(lunr.tokenizer(text).map((t) => lunr.trimmer(t)).filter((t) => t.toString())))
      .slice(0, 5).map((r) => r.ref),
  },
  flexsearch: {
    async load() { await loadScript('/lib/flexsearch.js'); },
    build(state) {
      const doc = new FlexSearch.Document({ document: { id: 'id', index: ['vclaim', 'title'] }, tokenize: 'strict' });
      for (const c of state.claims) doc.add(c);
      return doc;
    },
    // suggest: without it a tweet's many terms must all occur in one claim and nothing is found; merge: one list.
    top5: (doc, text) => doc.search(text, { limit: 5, suggest: true, merge: true }).slice(0, 5).map((r) => r.id),
  },
  // The configuration that reproduces the reference FlexSearch figure: an Index over "vclaim title" as one text.
  'flexsearch-index': {
    async load() { await loadScript('/lib/flexsearch.js'); },
    build(state) {
      const ix = new FlexSearch.Index({ tokenize: 'strict' });
      for (const c of state.claims) ix.add(c.id, `${c.vclaim} ${c.title}`);
      return ix;
    },
    top5: (ix, text) => ix.search(text, { limit: 5, suggest: true }).slice(0, 5),
  },
};

const state = { engine: null, index: null, claims: null };

export async function load(name) {
  const engine = ENGINES[name];
  if (!engine) throw new Error(`unknown engine ${name}`);
  state.engine = engine;
  state.name = name;
  const t = now();
  await engine.load(state);
  const tweets = parseQueries(await (await fetchOk('/data/tweets.tsv')).text());
  const seed = parseSeedQueries(await (await fetchOk('/data/seed_queries.tsv')).text());
  state.tweets = tweets;
  state.seed = seed;
  return { loadMs: now() - t, tweets: tweets.length, seedQueries: seed.length, isolated: globalThis.crossOriginIsolated === true };
}

// The JS libraries index claims the page has parsed; run.mjs measures the heap before and after this step.
export async function claims() {
  if (state.name === 'crosscheck') return { claims: null };
  const tsv = await (await fetchOk('/data/claims.tsv')).text();
  const t = now();
  state.claims = parseClaims(tsv);
  return { claims: state.claims.length, parseMs: now() - t };
}

export const wasmBytes = () => state.wasm?.memory.buffer.byteLength ?? null;

export function build() {
  const t = now();
  state.index = state.engine.build(state);
  return now() - t;
}

// More builds, for a median; each index is dropped (freed, for crosscheck) as soon as it is timed.
export function rebuild(times) {
  const out = [];
  for (let i = 0; i < times; i++) {
    const t = now();
    const ix = state.engine.build(state);
    out.push(now() - t);
    state.engine.drop?.(ix);
  }
  return out;
}

// Latency of fn over every query: `warm` untimed passes, then `reps` timed passes; each call timed on its own.
function latency(queries, reps, warm, fn) {
  for (let w = 0; w < warm; w++) for (const q of queries) fn(q);
  const times = new Float64Array(queries.length * reps);
  let k = 0;
  for (let r = 0; r < reps; r++) {
    for (const q of queries) {
      const t = now();
      fn(q);
      times[k++] = now() - t;
    }
  }
  return Array.from(times);
}

// The five best claims per dev tweet (for MAP@5), then the timed runs.
export function tweets(reps, warm) {
  const { engine, index } = state;
  const top5 = {};
  for (const [id, text] of state.tweets) top5[id] = engine.top5(index, text).map(String);
  const times = latency(state.tweets.map((t) => t[1]), reps, warm, (text) => engine.top5(index, text));
  return { top5, times };
}

// crosscheck only: lookup() (the widget's call: threshold, sentences, the full JSON view) over the tweets.
export function tweetLookups(reps, warm) {
  const { index } = state;
  const top5 = {};
  let answered = 0;
  for (const [id, text] of state.tweets) {
    const m = index.lookup(text).matches;
    if (m.length) answered++;
    top5[id] = m.slice(0, 5).map((x) => String(x.claim.id));
  }
  const times = latency(state.tweets.map((t) => t[1]), reps, warm, (text) => index.lookup(text));
  return { top5, times, answered };
}

// crosscheck only: the module-level lookup() over the seed dev queries, against the embedded dataset.
export function seedLookups(reps, warm) {
  const { mod } = state;
  const t = now();
  mod.ready();
  const readyMs = now() - t;
  const answered = state.seed.filter((q) => mod.lookup(q).matches.length).length;
  const times = latency(state.seed, reps, warm, (q) => mod.lookup(q));
  return { readyMs, answered, times, wasmBytes: wasmBytes() };
}
