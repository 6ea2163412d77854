// pkg.js — times each start-up step through the pkg API: importing the glue, fetching and compiling the wasm,
// instantiating it, ready() (decoding the embedded seed dataset and indexing it), the first and second lookup; with
// ?dataset=1, fetching the compiled CheckThat claims, new Crosscheck(bytes) and the first search.
import { parseSeedQueries, parseQueries } from './harness.js';

const now = () => performance.now();
const r = {};
try {
  const query = parseSeedQueries(await (await fetch('/data/seed_queries.tsv')).text())[0];
  const tweet = parseQueries(await (await fetch('/data/tweets.tsv')).text())[0][1];
  let t = now();
  const mod = await import('/pkg/crosscheck.js');
  r.importMs = now() - t;
  t = now();
  const module = await WebAssembly.compileStreaming(fetch('/pkg/crosscheck_bg.wasm'));
  r.fetchCompileMs = now() - t;
  t = now();
  const wasm = await mod.default({ module_or_path: module });
  r.instantiateMs = now() - t;
  r.wasmAfterInit = wasm.memory.buffer.byteLength;
  t = now();
  r.claims = mod.ready().claims;
  r.readyMs = now() - t;
  r.wasmAfterReady = wasm.memory.buffer.byteLength;
  t = now();
  r.firstMatches = mod.lookup(query).matches.length;
  r.firstLookupMs = now() - t;
  t = now();
  mod.lookup(query);
  r.secondLookupMs = now() - t;
  if (new URLSearchParams(location.search).has('dataset')) {
    t = now();
    const bytes = new Uint8Array(await (await fetch('/data/checkthat.ccd')).arrayBuffer());
    r.datasetFetchMs = now() - t;
    r.datasetBytes = bytes.length;
    const before = wasm.memory.buffer.byteLength;
    t = now();
    const engine = new mod.Crosscheck(bytes);
    r.datasetOpenMs = now() - t;
    r.datasetWasmGrowth = wasm.memory.buffer.byteLength - before;
    r.datasetClaims = engine.info().claims;
    t = now();
    engine.search(tweet, 5);
    r.datasetFirstSearchMs = now() - t;
  }
} catch (e) {
  r.error = String(e?.stack || e);
}
window.__result = r;
