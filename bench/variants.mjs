// variants.mjs — the configurations the browser bench did not pick, scored in node (same packages, same V8) so that
// docs/benchmarks.md can say what each choice is worth without quoting a number from elsewhere: Lunr's idx.search on
// raw tweets (and how many it throws on), Lunr's query builder without the trimmer, FlexSearch's Document index with
// tokenize 'forward'. MAP@5 only; speed is measured in the browser.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function variants(claims, tweets, map5) {
  const lunr = require('lunr');
  const { Document } = require('flexsearch');
  const out = {};
  const idx = lunr(function () {
    this.ref('id');
    this.field('vclaim');
    this.field('title');
    for (const c of claims) this.add(c);
  });
  let threw = 0;
  const raw = {};
  for (const [id, text] of tweets) {
    try { raw[id] = idx.search(text).slice(0, 5).map((r) => r.ref); } catch { threw++; raw[id] = []; }
  }
  out.lunrSearchRaw = { map5: map5(raw), threw, queries: tweets.length };
  const untrimmed = {};
  for (const [id, text] of tweets) untrimmed[id] = idx.query((q) => q.term(lunr.tokenizer(text))).slice(0, 5).map((r) => r.ref);
  out.lunrNoTrimmer = { map5: map5(untrimmed) };
  const doc = new Document({ document: { id: 'id', index: ['vclaim', 'title'] }, tokenize: 'forward' });
  for (const c of claims) doc.add(c);
  const forward = {};
  for (const [id, text] of tweets) forward[id] = doc.search(text, { limit: 5, suggest: true, merge: true }).slice(0, 5).map((r) => String(r.id));
  out.flexForward = { map5: map5(forward) };
  return out;
}
