// run.mjs — the browser half of `make bench`: payload, start-up, lookup latency, marking a long page, and crosscheck side
// by side with MiniSearch, Lunr and FlexSearch, all in the system Chromium (headless, driven by playwright-core). It
// serves the files itself on a loopback port, prints every figure, and writes bench/out/results.json and
// docs/benchmarks.md. scripts/bench.sh prepares its inputs (pkg/, bench/out/claims.tsv, bench/out/checkthat.ccd,
// bench/out/seed.ccd, bench/out/native.json) and is the way to run it.
//
// Knobs (environment): BENCH_REPS timed passes over the 197 dev tweets per engine and page (default 10), BENCH_ROUNDS
// fresh pages per engine for those passes (3, the engines taken in turn), BENCH_SEED_REPS over the
// seed dev queries (100), BENCH_COLD cold page loads for start-up (9), BENCH_DATASET_LOADS (5), BENCH_LONG_RUNS (5),
// CHROMIUM (/usr/bin/chromium), CROSSCHECK_EVAL (../shared/eval), BENCH_DOC (docs/benchmarks.md; "-" writes none),
// BENCH_TRACE_DUMP (a file: the last marking run's Chromium trace, to look into), BENCH_ONLY (a comma-separated list of
// startup, side, marking: runs only those browser sections, after the payload, and writes neither results.json nor the
// document; e.g. `BENCH_ONLY=marking node bench/run.mjs` measures marking in about half a minute), BENCH_JS_FLAGS (V8
// flags for Chromium's --js-flags, to see what a cost comes from, e.g. "--no-wasm-lazy-compilation"; with BENCH_ONLY),
// BENCH_NO_TRACE (set: marking runs without the Chromium trace, to see what tracing itself costs; with BENCH_ONLY: the
// trace is where the task figures come from).
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, dirname, extname, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { variants } from './variants.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const OUT = join(HERE, 'out');
const EVAL = process.env.CROSSCHECK_EVAL || join(ROOT, '..', 'shared', 'eval');
const CT = join(EVAL, 'checkthat2020');
if ((process.env.BENCH_JS_FLAGS || process.env.BENCH_NO_TRACE) && !process.env.BENCH_ONLY) {
  // The document's figures are what a reader's browser does; flags are for looking into a cost.
  console.error('BENCH_JS_FLAGS and BENCH_NO_TRACE are for partial runs: set BENCH_ONLY too');
  process.exit(2);
}
const env = (name, dflt) => (process.env[name] ? Number(process.env[name]) : dflt);
const REPS = env('BENCH_REPS', 10);
const SEED_REPS = env('BENCH_SEED_REPS', 100);
const WARM = 2;
// How many fresh pages each engine's tweet latency is measured in, the engines taken in turn: one page's JIT and GC
// state moved FlexSearch's p50 by half (0.89 against 1.39 ms in two runs of the same build on this machine).
const ROUNDS = Math.max(1, env('BENCH_ROUNDS', 3));
const COLD = env('BENCH_COLD', 9);
const DATASET_LOADS = env('BENCH_DATASET_LOADS', 5);
const LONG_RUNS = env('BENCH_LONG_RUNS', 5);
// A connection slower than loopback (CDP's emulation: latency added per request, bytes throttled), on which the
// order the widget requests its files in shows: a round trip per file requested only after another arrived.
const SLOW_NETWORK = { latency: 100, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 };
const SLOW_NETWORK_NAME = '100 ms round trip, 10 Mbit/s connection';
const LONG_WORDS = 50_000;
const KB = 1000;

const FILES = {
  widget: ['www/crosscheck.js', 'pkg/crosscheck.js', 'pkg/crosscheck_bg.wasm'],
  libs: {
    minisearch: 'bench/node_modules/minisearch/dist/umd/index.js',
    lunr: 'bench/node_modules/lunr/lunr.min.js',
    flexsearch: 'bench/node_modules/flexsearch/dist/flexsearch.bundle.min.js',
  },
};
const INPUTS = {
  claims: join(OUT, 'claims.tsv'),
  ccd: join(OUT, 'checkthat.ccd'),
  seed: join(OUT, 'seed.ccd'),
  tweets: join(CT, 'dev', 'tweets.queries.tsv'),
  qrels: join(CT, 'dev', 'tweet-vclaim-pairs.qrels'),
  seedQueries: join(EVAL, 'seed_dev_queries.tsv'),
};

// ---------------------------------------------------------------- printing and statistics

const results = {};
const print = (...a) => console.log(...a);
const section = (t) => print(`\n\x1b[1m== ${t}\x1b[0m`);
const ms = (x, d = 2) => (x == null || Number.isNaN(x) ? 'n/a' : `${x.toFixed(d)} ms`);
const kb = (b) => (b == null ? 'n/a' : `${(b / KB).toFixed(1)} KB`);
const mb = (b) => (b == null ? 'n/a' : `${(b / 1e6).toFixed(2)} MB`);
const int = (n) => (n == null ? 'n/a' : Math.round(n).toLocaleString('en-US'));
const pctOf = (a, b) => `${((100 * a) / b).toFixed(1)}%`;

// Nearest-rank percentiles (the same definition as benches/core.rs).
function stats(samples) {
  const s = Float64Array.from(samples).sort();
  const at = (p) => (s.length ? s[Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length))) - 1] : NaN);
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: at(100), mean: s.reduce((a, b) => a + b, 0) / (s.length || 1) };
}
const median = (xs) => stats(xs).p50;
// Per-query latency: the median of each query's repeats (timings are pass-major: times[pass * queries + query]). Robust to
// what preempts single calls (GC, other processes on shared cores) while keeping slow queries slow; the percentiles of
// all calls are reported beside it.
function perQuery(times, queries) {
  const passes = times.length / queries;
  return stats(Array.from({ length: queries }, (_, q) => median(Array.from({ length: passes }, (_, r) => times[r * queries + q]))));
}
// A speed-up factor: two decimals near 1 (a 4% shortfall is not "1.0x").
const factor = (x) => `${x.toFixed(x < 1.1 ? 2 : 1)}x`;
const fmtLat = (s) => `p50 ${ms(s.p50, 3)}  p95 ${ms(s.p95, 3)}  p99 ${ms(s.p99, 3)}  max ${ms(s.max, 3)}  (n=${s.n})`;

// ---------------------------------------------------------------- inputs

function need(path, hint) {
  if (!existsSync(path)) throw new Error(`${relative(ROOT, path) || path} is missing: ${hint}`);
}

function checkInputs() {
  need(join(ROOT, 'pkg', 'crosscheck_bg.wasm'), 'build it with ./scripts/build-web.sh');
  need(join(ROOT, 'www', 'pkg', 'crosscheck_bg.wasm'), 'build it with ./scripts/build-web.sh');
  for (const f of ['crosscheck.js', 'crosscheck_bg.wasm']) {
    if (!readFileSync(join(ROOT, 'pkg', f)).equals(readFileSync(join(ROOT, 'www', 'pkg', f)))) {
      throw new Error(`www/pkg/${f} differs from pkg/${f}: run ./scripts/build-web.sh`);
    }
  }
  for (const p of Object.values(FILES.libs)) need(join(ROOT, p), 'run npm ci in bench/');
  need(INPUTS.claims, 'run node bench/prepare.mjs (scripts/bench.sh does)');
  need(INPUTS.ccd, 'compile it: cargo run --release -- build bench/out/claims.tsv -o bench/out/checkthat.ccd');
  need(INPUTS.seed, 'compile it: cargo run --release -- build data/seed -o bench/out/seed.ccd');
  for (const p of [INPUTS.tweets, INPUTS.qrels, INPUTS.seedQueries]) need(p, 'the shared evaluation data (../shared/eval, or CROSSCHECK_EVAL)');
}

const claimsTsv = () => readFileSync(INPUTS.claims, 'utf8');
function parseClaims(tsv) {
  return tsv.split('\n').slice(1).filter((l) => l.trim()).map((l) => {
    const [id, vclaim = '', title = ''] = l.split('\t');
    return { id: id.trim(), vclaim, title };
  });
}
// The dev tweets as raw tab-separated text (the same rule as bench/page/harness.js and eval::queries_from_tsv).
function tweetsTsv() {
  return readFileSync(INPUTS.tweets, 'utf8').split('\n').map((l, n) => {
    const i = l.indexOf('\t');
    if (i < 0) return null;
    const id = l.slice(0, i).trim();
    if (!id || (n === 0 && !/^\d+$/.test(id))) return null;
    return [id, l.slice(i + 1)];
  }).filter(Boolean);
}

function qrels() {
  const rel = new Map();
  for (const line of readFileSync(INPUTS.qrels, 'utf8').split('\n')) {
    const c = line.trim().split(/\s+/);
    if (c.length >= 4 && c[3] !== '0') (rel.get(c[0]) || rel.set(c[0], []).get(c[0])).push(c[2]);
  }
  return rel;
}

// MAP@5 over every query in the qrels; a query without results counts 0 (as crosscheck::eval::score).
function map5(top5, rel) {
  let sum = 0;
  for (const [qid, relevant] of rel) {
    const ranked = (top5[qid] || []).slice(0, 5);
    let hits = 0, ap = 0;
    ranked.forEach((doc, i) => { if (relevant.includes(doc)) { hits++; ap += hits / (i + 1); } });
    sum += ap / Math.min(relevant.length, 5);
  }
  return sum / rel.size;
}

// ---------------------------------------------------------------- machine

function machine() {
  const cpu = (() => {
    try { return readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1]?.trim(); } catch { return null; }
  })() || os.cpus()[0]?.model || 'unknown';
  let nproc = os.availableParallelism?.() ?? os.cpus().length;
  try { nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc; } catch { /* os figure */ }
  const git = (...a) => { try { return execFileSync('git', ['-C', ROOT, ...a], { encoding: 'utf8' }).trim(); } catch { return ''; } };
  // The document this run rewrites does not count: a run after a run would otherwise always be "uncommitted".
  const dirty = git('status', '--porcelain', '--untracked-files=no', '--', '.', ':!docs/benchmarks.md');
  return {
    nproc, cpu, memoryBytes: os.totalmem(), kernel: `${os.type()} ${os.release()}`, node: process.version,
    commit: git('rev-parse', '--short', 'HEAD') + (dirty ? ' (with uncommitted changes)' : ''),
    load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
  };
}

// ---------------------------------------------------------------- 1. payload

function gzip9(buf) {
  try { return execFileSync('gzip', ['-9c'], { input: buf, maxBuffer: 1 << 28 }).length; } catch { return gzipSync(buf, { level: 9 }).length; }
}
function brotli(buf) {
  try { return execFileSync('brotli', ['-c', '-q', '11'], { input: buf, maxBuffer: 1 << 28 }).length; } catch { /* node's */ }
  return brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_LGWIN]: 24, [zc.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length;
}
const sizes = (buf) => ({ raw: buf.length, gzip: gzip9(buf), brotli: brotli(buf) });

// The wasm's sections, from its binary header: name and size (custom sections by their name); and the data section's
// segments with their file offsets, to tell which one carries the embedded dataset.
function wasmSections(buf) {
  const NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'];
  const out = [], segments = [];
  let i = 8;
  const leb = () => { let r = 0, shift = 0, b; do { b = buf[i++]; r += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return r; };
  while (i < buf.length) {
    const id = buf[i++];
    const size = leb();
    const start = i;
    let name = NAMES[id] || `section ${id}`;
    if (id === 0) { const n = leb(); name = `custom "${buf.subarray(i, i + n).toString('utf8')}"`; }
    if (id === 11) {
      const count = leb();
      for (let k = 0; k < count; k++) {
        const flags = leb();
        if (flags === 2) leb();                                  // memory index
        if (flags !== 1) { while (buf[i] !== 0x0b) i++; i++; }   // the offset expression, up to its `end`
        const len = leb();
        segments.push({ index: k, start: i, bytes: len });
        i += len;
      }
    }
    out.push({ id, name, body: size });
    i = start + size;
  }
  return { sections: out, segments };
}

function twiggy(file, n) {
  for (const bin of ['twiggy', join(os.homedir(), '.cargo', 'bin', 'twiggy')]) {
    try {
      const rows = JSON.parse(execFileSync(bin, ['top', '-n', String(n), '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 26 }));
      return rows.map((r) => ({ name: r.name, bytes: r.shallow_size, percent: r.shallow_size_percent }));
    } catch { /* next */ }
  }
  return null;
}

function payload() {
  section('1. Payload: what a page downloads for the widget');
  const parts = FILES.widget.map((f) => ({ file: f, ...sizes(readFileSync(join(ROOT, f))) }));
  const total = parts.reduce((a, p) => ({ raw: a.raw + p.raw, gzip: a.gzip + p.gzip, brotli: a.brotli + p.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const together = sizes(Buffer.concat(FILES.widget.map((f) => readFileSync(join(ROOT, f)))));
  for (const p of parts) print(`  ${p.file.padEnd(24)} raw ${kb(p.raw).padStart(9)}  gzip -9 ${kb(p.gzip).padStart(9)} (${pctOf(p.gzip, total.gzip)})  brotli ${kb(p.brotli).padStart(9)}`);
  print(`  ${'total (3 files)'.padEnd(24)} raw ${kb(total.raw).padStart(9)}  gzip -9 ${kb(total.gzip).padStart(9)}          brotli ${kb(total.brotli).padStart(9)}`);

  const wasm = readFileSync(join(ROOT, 'pkg', 'crosscheck_bg.wasm'));
  const seed = readFileSync(INPUTS.seed);
  const at = wasm.indexOf(seed);
  const { sections, segments } = wasmSections(wasm);
  const seedPart = { raw: seed.length, gzipAlone: gzip9(seed), brotliAlone: brotli(seed), foundInWasm: at >= 0 };
  const holder = segments.find((g) => at >= g.start && at + seed.length <= g.start + g.bytes);
  if (holder) seedPart.segment = { name: `data[${holder.index}]`, bytes: holder.bytes };
  if (at >= 0) {
    // The seed's share of the compressed wasm: how much smaller the wasm compresses with those bytes taken out.
    const without = Buffer.concat([wasm.subarray(0, at), wasm.subarray(at + seed.length)]);
    seedPart.gzipMarginal = parts[2].gzip - gzip9(without);
    seedPart.brotliMarginal = parts[2].brotli - brotli(without);
    seedPart.wasmWithoutSeed = { raw: without.length, gzip: gzip9(without), brotli: brotli(without) };
  }
  print(`  embedded seed dataset (bench/out/seed.ccd): ${kb(seed.length)} raw = ${pctOf(seed.length, wasm.length)} of the wasm${at >= 0 ? `, found byte for byte at offset ${at}${holder ? ` in ${seedPart.segment.name} (${int(holder.bytes)} bytes)` : ''}` : ', NOT found byte for byte in the wasm'}`);
  if (at >= 0) {
    print(`    compressed share: the wasm is ${kb(seedPart.gzipMarginal)} smaller gzipped (${pctOf(seedPart.gzipMarginal, parts[2].gzip)}) and ${kb(seedPart.brotliMarginal)} smaller brotli'd without it (alone it gzips to ${kb(seedPart.gzipAlone)})`);
    print(`    the wasm without the seed: raw ${kb(seedPart.wasmWithoutSeed.raw)}, gzip ${kb(seedPart.wasmWithoutSeed.gzip)}, brotli ${kb(seedPart.wasmWithoutSeed.brotli)}`);
  }
  print('  wasm sections:');
  for (const s of sections) print(`    ${s.name.padEnd(34)} ${kb(s.body).padStart(9)}  ${pctOf(s.body, wasm.length)}`);
  const top = twiggy(join(ROOT, 'pkg', 'crosscheck_bg.wasm'), 12);
  const named = existsSync(join(ROOT, 'target/wasm32-unknown-unknown/release/crosscheck.wasm'))
    ? twiggy(join(ROOT, 'target/wasm32-unknown-unknown/release/crosscheck.wasm'), 40) : null;
  if (top) {
    print('  twiggy top, pkg/crosscheck_bg.wasm (names are stripped by wasm-opt):');
    for (const r of top) print(`    ${r.name.padEnd(34)} ${int(r.bytes).padStart(9)} B  ${r.percent.toFixed(2)}%`);
  } else print('  twiggy: not installed and could not be installed; item list skipped');
  const functions = named?.filter((r) => !/section|subsection|^data segment|^\.\.\. and/.test(r.name)).slice(0, 12) ?? null;
  if (functions) {
    print('  twiggy top functions, target/wasm32-unknown-unknown/release/crosscheck.wasm (before wasm-bindgen and wasm-opt, names kept):');
    for (const r of functions) print(`    ${r.name.slice(0, 90).padEnd(90)} ${int(r.bytes).padStart(7)} B`);
  }
  const libs = Object.fromEntries(Object.entries(FILES.libs).map(([k, f]) => [k, { file: f, ...sizes(readFileSync(join(ROOT, f))) }]));
  const data = { claimsTsv: sizes(readFileSync(INPUTS.claims)), checkthatCcd: sizes(readFileSync(INPUTS.ccd)) };
  print('  for the side-by-side: libraries as shipped, and the CheckThat data a page would fetch');
  for (const [k, v] of Object.entries(libs)) print(`    ${k.padEnd(12)} ${v.file.padEnd(56)} raw ${kb(v.raw).padStart(8)}  gzip ${kb(v.gzip).padStart(8)}  brotli ${kb(v.brotli).padStart(8)}`);
  print(`    ${'claims TSV'.padEnd(12)} ${'bench/out/claims.tsv (what the JS libraries index)'.padEnd(56)} raw ${kb(data.claimsTsv.raw).padStart(8)}  gzip ${kb(data.claimsTsv.gzip).padStart(8)}  brotli ${kb(data.claimsTsv.brotli).padStart(8)}`);
  print(`    ${'claims .ccd'.padEnd(12)} ${'bench/out/checkthat.ccd (what crosscheck loads)'.padEnd(56)} raw ${kb(data.checkthatCcd.raw).padStart(8)}  gzip ${kb(data.checkthatCcd.gzip).padStart(8)}  brotli ${kb(data.checkthatCcd.brotli).padStart(8)}`);
  results.payload = { parts, total, together, seed: seedPart, sections: sections.map(({ name, body }) => ({ name, bytes: body })), twiggy: top, functions, libs, data };
}

// ---------------------------------------------------------------- server and browser

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.tsv': 'text/plain; charset=utf-8',
  '.ccd': 'application/octet-stream', '.png': 'image/png',
};

// Loopback only, a port the OS picks. Every response opts into cross-origin isolation (COOP + COEP), which gives
// performance.now() 5 µs resolution instead of 100 µs; the files are served uncompressed and never cached.
function startServer(extra) {
  const routes = [
    ['/www/', join(ROOT, 'www')], ['/pkg/', join(ROOT, 'pkg')], ['/bench/', join(HERE, 'page')],
  ];
  const fixed = new Map([
    ['/lib/minisearch.js', join(ROOT, FILES.libs.minisearch)], ['/lib/lunr.js', join(ROOT, FILES.libs.lunr)],
    ['/lib/flexsearch.js', join(ROOT, FILES.libs.flexsearch)],
    ['/data/claims.tsv', INPUTS.claims], ['/data/checkthat.ccd', INPUTS.ccd], ['/data/tweets.tsv', INPUTS.tweets],
    ['/data/seed_queries.tsv', INPUTS.seedQueries],
  ]);
  const server = createServer(async (req, res) => {
    const headers = { 'Cache-Control': 'no-store', 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let body, file;
      if (extra.has(path)) { body = extra.get(path); file = path; }
      else if (fixed.has(path)) { file = fixed.get(path); }
      else {
        const route = routes.find(([prefix]) => path.startsWith(prefix));
        if (!route) throw new Error('no route');
        file = normalize(join(route[1], path.slice(route[0].length)));
        if (!file.startsWith(route[1])) throw new Error('outside');
      }
      body ??= await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) });
  }));
}

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      ...(process.env.BENCH_JS_FLAGS ? [`--js-flags=${process.env.BENCH_JS_FLAGS}`] : [])],
  });
}

// A fresh context per measurement: its own HTTP cache and compiled-code cache, so every load is cold.
async function withPage(browser, fn, { init } = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  try {
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    page.problems = problems;
    return await fn(page, context);
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- 2. start-up

async function startup(browser, origin) {
  section(`2. Start-up in headless Chromium (median of ${COLD} cold page loads)`);
  // One cold load of the widget's page; `network`: CDP's emulated conditions, for a connection slower than loopback,
  // where the order in which the files are requested shows.
  const load = (network, trace = false) => withPage(browser, async (page, context) => {
      let traced = false;
      if (trace) {
        try { await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] }); traced = true; } catch { /* no trace */ }
      }
      if (network) {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
      }
      await page.goto(`${origin}/bench/startup.html`);
      await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 30_000 });
      const r = await page.evaluate(() => {
        const rt = (suffix) => performance.getEntriesByType('resource').find((e) => e.name.endsWith(suffix));
        const files = ['/www/crosscheck.js', '/www/pkg/crosscheck.js', '/www/pkg/crosscheck_bg.wasm'].map(rt);
        return { readyAt: window.__readyAt, ready: window.__ready, files: files.map((e) => e && { name: e.name, start: e.startTime, end: e.responseEnd }) };
      });
      if (!r.ready || r.files.some((f) => !f)) throw new Error(`the widget did not start: ${JSON.stringify(r)} ${page.problems.join('; ')}`);
      const scriptStart = r.files[0].start;
      const filesLoaded = Math.max(...r.files.map((f) => f.end));
      const cpu = traced ? startupCpu(await browser.stopTracing(), r.readyAt - filesLoaded) : null;
      return { scriptToReady: r.readyAt - scriptStart, afterFiles: r.readyAt - filesLoaded, navToReady: r.readyAt, filesMs: filesLoaded - scriptStart, cpu };
  });
  const widget = [];
  for (let i = 0; i < COLD; i++) widget.push(await load(null));
  const w = Object.fromEntries(['scriptToReady', 'afterFiles', 'navToReady', 'filesMs'].map((k) => [k, stats(widget.map((x) => x[k]))]));
  const slow = [];
  for (let i = 0; i < COLD; i++) slow.push(await load(SLOW_NETWORK));
  const ws = Object.fromEntries(['scriptToReady', 'navToReady', 'filesMs'].map((k) => [k, stats(slow.map((x) => x[k]))]));
  // Traced loads apart (tracing has a cost of its own): what the renderer's threads did between the last file and ready.
  const traced = [];
  for (let i = 0; i < COLD; i++) traced.push(await load(null, true));
  const withCpu = traced.filter((x) => x.cpu);
  const wt = withCpu.length ? Object.fromEntries(['afterFiles', 'cpu.mainBusyMs', 'cpu.mainCpuMs', 'cpu.workersCpuMs'].map((k) => {
    const get = (x) => k.split('.').reduce((o, p) => o[p], x);
    return [k.replace('cpu.', ''), stats(withCpu.map(get))];
  })) : null;
  print(`  widget (www/crosscheck.js, embedded seed): crosscheck.js request -> crosscheck.ready resolved  median ${ms(w.scriptToReady.p50)} (min ${ms(Math.min(...widget.map((x) => x.scriptToReady)))}, max ${ms(w.scriptToReady.max)})`);
  print(`    of which downloading the 3 files (request of crosscheck.js -> last response end)                median ${ms(w.filesMs.p50)}`);
  print(`    ready after the last file arrived                                                            median ${ms(w.afterFiles.p50)} (max ${ms(w.afterFiles.max)})`);
  print(`    navigation start -> ready                                                                    median ${ms(w.navToReady.p50)}`);
  if (wt) print(`    traced (${withCpu.length} more loads): ready ${ms(wt.afterFiles.p50)} after the last file; in that time the main thread was busy ${ms(wt.mainBusyMs.p50)} and used ${ms(wt.mainCpuMs.p50)} of CPU, the renderer's worker threads (V8 compiling the wasm) ${ms(wt.workersCpuMs.p50)} (medians)`);
  print(`  the same on an emulated ${SLOW_NETWORK_NAME}: crosscheck.js request -> ready median ${ms(ws.scriptToReady.p50)} (max ${ms(ws.scriptToReady.max)}), of which the files ${ms(ws.filesMs.p50)}; navigation start -> ready ${ms(ws.navToReady.p50)}`);

  const steps = [];
  for (let i = 0; i < COLD; i++) steps.push(await pkgPage(browser, origin, false));
  const keys = ['importMs', 'fetchCompileMs', 'instantiateMs', 'readyMs', 'firstLookupMs', 'secondLookupMs'];
  const s = Object.fromEntries(keys.map((k) => [k, stats(steps.map((x) => x[k]))]));
  print('  through the pkg API (bench/page/pkg.js), medians:');
  print(`    import pkg/crosscheck.js ${ms(s.importMs.p50)} · fetch + compile the wasm ${ms(s.fetchCompileMs.p50)} · instantiate ${ms(s.instantiateMs.p50)} · ready() (open the seed from its image: catalogue, lexicon, postings; no analysis, ${steps[0].claims} claims) ${ms(s.readyMs.p50)} · first lookup ${ms(s.firstLookupMs.p50, 3)} · second ${ms(s.secondLookupMs.p50, 3)}`);
  print(`    wasm memory after instantiate ${mb(steps[0].wasmAfterInit)}, after ready() ${mb(steps[0].wasmAfterReady)}`);

  section(`2b. Loading the 10,375-claim dataset at run time (median of ${DATASET_LOADS} cold loads)`);
  const ds = [];
  for (let i = 0; i < DATASET_LOADS; i++) ds.push(await pkgPage(browser, origin, true));
  const d = Object.fromEntries(['datasetFetchMs', 'datasetOpenMs', 'datasetFirstSearchMs', 'datasetWasmGrowth'].map((k) => [k, stats(ds.map((x) => x[k]))]));
  print(`  fetch bench/out/checkthat.ccd (${kb(ds[0].datasetBytes)}, loopback) ${ms(d.datasetFetchMs.p50)} · new Crosscheck(bytes) (open: checks + postings, ${ds[0].datasetClaims} claims) ${ms(d.datasetOpenMs.p50)} (min ${ms(Math.min(...ds.map((x) => x.datasetOpenMs)))}, max ${ms(d.datasetOpenMs.max)}) · first search ${ms(d.datasetFirstSearchMs.p50)}`);
  print(`  total fetch + open: median ${ms(median(ds.map((x) => x.datasetFetchMs + x.datasetOpenMs)))}; wasm memory grew by ${mb(d.datasetWasmGrowth.p50)}`);
  results.startup = { widget: w, slowWidget: ws, tracedWidget: wt, pkg: s, pkgFirst: steps[0], dataset: d, datasetFirst: ds[0], datasetTotal: stats(ds.map((x) => x.datasetFetchMs + x.datasetOpenMs)) };
}

function pkgPage(browser, origin, dataset) {
  return withPage(browser, async (page) => {
    await page.goto(`${origin}/bench/pkg.html${dataset ? '?dataset=1' : ''}`);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 120_000 });
    const r = await page.evaluate(() => window.__result);
    if (r.error) throw new Error(`pkg.html: ${r.error}`);
    return r;
  });
}

// ---------------------------------------------------------------- 3 + 5. lookups, and side by side

async function heap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return cdp.send('Runtime.getHeapUsage');
}

async function sideBySide(browser, origin) {
  section(`3 + 5. Lookup latency and side by side: 10,375 claims, 197 dev tweets x ${REPS} timed passes (after ${WARM} warm-up passes) in ${ROUNDS} page${ROUNDS > 1 ? 's' : ''} per engine`);
  const rel = qrels();
  const claims = parseClaims(claimsTsv());
  const json = JSON.stringify(claims.map(({ id, vclaim, title }) => ({ id, vclaim, title })));
  results.claimsJson = { claims: claims.length, length: json.length, utf8Bytes: Buffer.byteLength(json) };
  print(`  claims: ${claims.length}; as JSON [{id, vclaim, title}]: ${int(json.length)} characters (JSON.stringify length), ${int(Buffer.byteLength(json))} bytes UTF-8`);
  const engines = {};
  for (const name of ['crosscheck', 'minisearch', 'lunr', 'flexsearch', 'flexsearch-index']) {
    engines[name] = await withPage(browser, async (page, context) => {
      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.enable');
      await page.goto(`${origin}/bench/side.html`);
      await page.waitForFunction(() => window.bench !== undefined, null, { timeout: 30_000 });
      const loaded = await page.evaluate((n) => window.bench.load(n), name);
      if (!loaded.isolated) print('  warning: the page is not cross-origin isolated; performance.now() is coarsened to 100 µs');
      const h0 = await heap(cdp);
      const parsed = await page.evaluate(() => window.bench.claims());
      const h1 = await heap(cdp);
      const w0 = await page.evaluate(() => window.bench.wasmBytes());
      const first = await page.evaluate(() => window.bench.build());
      const h2 = await heap(cdp);
      const w1 = await page.evaluate(() => window.bench.wasmBytes());
      const more = await page.evaluate(() => window.bench.rebuild(2));
      const r = {
        name, claimsHeap: parsed.claims ? h1.usedSize - h0.usedSize : null, parseMs: parsed.parseMs ?? null,
        indexHeap: h2.usedSize - h1.usedSize, backingStoreGrowth: (h2.backingStorageSize ?? NaN) - (h1.backingStorageSize ?? NaN),
        wasmGrowth: w0 == null ? null : w1 - w0, wasmAfter: w1, builds: [first, ...more], build: median([first, ...more]),
      };
      const search = await page.evaluate(([reps, warm]) => window.bench.tweets(reps, warm), [REPS, WARM]);
      r.search = perQuery(search.times, loaded.tweets);
      r.searchAll = stats(search.times);
      r.firstSearchTimes = search.times;
      r.map5 = map5(search.top5, rel);
      if (name === 'crosscheck') {
        const lookups = await page.evaluate(([reps, warm]) => window.bench.tweetLookups(reps, warm), [REPS, WARM]);
        r.lookup = perQuery(lookups.times, loaded.tweets);
        r.lookupAll = stats(lookups.times);
        r.firstLookupTimes = lookups.times;
        r.lookupMap5 = map5(lookups.top5, rel);
        r.lookupAnswered = lookups.answered;
        const seed = await page.evaluate(([reps, warm]) => window.bench.seedLookups(reps, warm), [SEED_REPS, WARM]);
        r.seed = { ...perQuery(seed.times, loaded.seedQueries), queries: loaded.seedQueries, answered: seed.answered, readyMs: seed.readyMs };
        r.seedAll = stats(seed.times);
      }
      if (page.problems.length) print(`  ${name}: page problems: ${page.problems.join('; ')}`);
      return r;
    });
    const e = engines[name];
    print(`  ${name}`);
    print(`    build/load ${ms(e.build, 1)} (runs: ${e.builds.map((x) => x.toFixed(1)).join(', ')})`);
    print(`    memory: JS heap +${mb(e.indexHeap)} for the index${e.claimsHeap != null ? `, +${mb(e.claimsHeap)} for the parsed claims (${ms(e.parseMs, 1)} to parse)` : ''}${e.wasmGrowth != null ? `; wasm memory +${mb(e.wasmGrowth)} (now ${mb(e.wasmAfter)})` : ''}`);
    print(`    ${name === 'crosscheck' ? 'search(text, 5)' : 'top 5'}: per query ${fmtLat(e.search)}   MAP@5 ${e.map5.toFixed(4)}`);
    print(`      all calls ${fmtLat(e.searchAll)}`);
    if (e.lookup) {
      print(`    lookup(text): per query ${fmtLat(e.lookup)}   MAP@5 of its matches ${e.lookupMap5.toFixed(4)} (answered ${e.lookupAnswered} of 197)`);
      print(`      all calls ${fmtLat(e.lookupAll)}`);
      print(`    seed dev queries, lookup() against the embedded dataset (${e.seed.queries} queries x ${SEED_REPS}): per query ${fmtLat(e.seed)}; ${e.seed.answered} answered; ready() took ${ms(e.seed.readyMs)}`);
      print(`      all calls ${fmtLat(e.seedAll)}`);
    }
  }
  // The other rounds: the tweets again in a fresh page per engine, the engines in turn, every round's calls pooled (each
  // query's latency is then the median of its calls over all rounds).
  for (let round = 1; round < ROUNDS; round++) {
    for (const name of Object.keys(engines)) {
      const times = await withPage(browser, async (page) => {
        await page.goto(`${origin}/bench/side.html`);
        await page.waitForFunction(() => window.bench !== undefined, null, { timeout: 30_000 });
        const loaded = await page.evaluate((n) => window.bench.load(n), name);
        await page.evaluate(() => window.bench.claims());
        await page.evaluate(() => window.bench.build());
        const t = (await page.evaluate(([reps, warm]) => window.bench.tweets(reps, warm), [REPS, WARM])).times;
        const l = name === 'crosscheck' ? (await page.evaluate(([reps, warm]) => window.bench.tweetLookups(reps, warm), [REPS, WARM])).times : null;
        return { tweets: loaded.tweets, search: t, lookup: l };
      });
      const e = engines[name];
      (e.searchTimes ??= []).push(times.search);
      if (times.lookup) (e.lookupTimes ??= []).push(times.lookup);
      print(`  round ${round + 1}, ${name}: search p50 ${ms(perQuery(times.search, times.tweets).p50, 3)}${times.lookup ? `, lookup p50 ${ms(perQuery(times.lookup, times.tweets).p50, 3)}` : ''}`);
    }
  }
  for (const e of Object.values(engines)) {
    if (e.searchTimes) {
      const all = [...e.firstSearchTimes, ...e.searchTimes.flat()];
      e.search = perQuery(all, 197);
      e.searchAll = stats(all);
    }
    if (e.lookupTimes) {
      const all = [...e.firstLookupTimes, ...e.lookupTimes.flat()];
      e.lookup = perQuery(all, 197);
      e.lookupAll = stats(all);
    }
    delete e.firstSearchTimes; delete e.firstLookupTimes; delete e.searchTimes; delete e.lookupTimes;
  }
  if (ROUNDS > 1) {
    for (const [name, e] of Object.entries(engines)) print(`  ${name}, ${ROUNDS} pages pooled: ${name === 'crosscheck' ? 'search(text, 5)' : 'top 5'} per query ${fmtLat(e.search)}${e.lookup ? `; lookup per query ${fmtLat(e.lookup)}` : ''}`);
  }
  results.engines = engines;
  const v = results.variants = variants(claims, tweetsTsv(), (top5) => map5(top5, rel));
  print('  configurations not chosen, MAP@5 only (node, same packages):');
  print(`    Lunr idx.search(raw tweet): ${v.lunrSearchRaw.map5.toFixed(4)} (it throws on ${v.lunrSearchRaw.threw} of ${v.lunrSearchRaw.queries} tweets, counted 0)`);
  print(`    Lunr query builder without the trimmer: ${v.lunrNoTrimmer.map5.toFixed(4)}`);
  print(`    FlexSearch Document, tokenize 'forward': ${v.flexForward.map5.toFixed(4)}`);
}

// ---------------------------------------------------------------- 4. marking a long page

function longPage() {
  const dir = join(ROOT, 'www', 'articles');
  const files = ['000_088caff56e5e4af2', '001_6283fb4440dbd5b9', '002_fc436eb6697b529b', '003_ea11b89cf8f7e83b', '004_424a3bd56c686995'];
  const bodies = files.map((f) => {
    const html = readFileSync(join(dir, `${f}.html`), 'utf8');
    const m = html.match(/<main[^>]*>([\s\S]*?)<\/main>/);
    if (!m) throw new Error(`www/articles/${f}.html: no <main>`);
    return m[1];
  });
  const words = (h) => h.replace(/<[^>]+>/g, ' ').split(/\s+/).filter(Boolean).length;
  const parts = [];
  let count = 0;
  for (let i = 0; count < LONG_WORDS; i++) {
    const b = bodies[i % bodies.length];
    parts.push(`<article>${b}</article>`);
    count += words(b);
  }
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>crosscheck bench: a long page</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/www/demo.css">
<script type="module" src="/www/crosscheck.js" data-scope="main" data-automark></script>
</head><body><main class="article">
${parts.join('\n')}
</main></body></html>`;
  return { html, words: count, articles: parts.length };
}

// Runs before any page script. Marking starts when crosscheck.ready resolves and is over when the widget has no idle
// callback or scheduled task (scheduler.postTask) pending, has added no highlight and finished no such callback for
// QUIET_MS; it ended at the later of the last highlight change and the end of the widget's last callback (its lookups
// included: the widget's next requestIdleCallback or postTask call ends the work of the one before, a timeout right
// after the last one ends that). This holds whether the widget marks one block per callback, many, or everything in
// one task. Long tasks are recorded too.
const QUIET_MS = 1500;
const LONG_INIT = () => {
  const b = window.__bench = { posted: 0, fired: 0, blocks: null, readyAt: null, lastWork: null, lastMark: null, longtasks: [] };
  const ric = window.requestIdleCallback.bind(window);
  window.requestIdleCallback = (cb, opts) => {
    b.posted++;
    if (b.fired) b.lastWork = performance.now();
    return ric((deadline) => {
      b.fired++;
      cb(deadline);
      setTimeout(() => { b.lastWork = Math.max(b.lastWork ?? 0, performance.now()); }, 0);
    }, opts);
  };
  if (window.scheduler?.postTask) {
    const post = window.scheduler.postTask.bind(window.scheduler);
    window.scheduler.postTask = (cb, opts) => {
      b.posted++;
      if (b.fired) b.lastWork = performance.now();
      return post(() => {
        b.fired++;
        try { return cb(); } finally { setTimeout(() => { b.lastWork = Math.max(b.lastWork ?? 0, performance.now()); }, 0); }
      }, opts);
    };
  }
  const add = Highlight.prototype.add;
  Highlight.prototype.add = function (...args) { b.lastMark = performance.now(); return add.apply(this, args); };
  const set = HighlightRegistry.prototype.set;
  HighlightRegistry.prototype.set = function (...args) { b.lastMark = performance.now(); return set.apply(this, args); };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
  document.addEventListener('DOMContentLoaded', () => {
    // The blocks the widget walks (www/crosscheck.js #automark, scope "main"), for the record.
    b.blocks = [...document.querySelectorAll('main')].flatMap((s) => [...s.querySelectorAll('p, li, blockquote, h1, h2, h3, h4, h5, h6, td, dd')]).length;
    window.crosscheck?.ready.then(() => { b.readyAt = performance.now(); performance.mark('cc-ready'); });
  });
};
const MARKING_OVER = (quiet) => {
  const b = window.__bench;
  if (b?.readyAt == null || b.posted !== b.fired) return false;
  return performance.now() - Math.max(b.readyAt, b.lastWork ?? 0, b.lastMark ?? 0) > quiet;
};

// What the renderer did between the last file's arrival and ready, from a Chromium trace ('toplevel' tasks, with
// wall and thread time, cut to the window): how long its main thread was busy and how much CPU that took (the rest of
// the window it waited for a task to run, or for a core), and the CPU of its worker threads (V8 compiling the wasm,
// first in its baseline tier, then optimising the functions that run often). startup.js marks 'cc-ready'.
function startupCpu(trace, afterFilesMs) {
  const events = JSON.parse(trace.toString('utf8')).traceEvents || [];
  const ready = events.find((e) => e.name === 'cc-ready' && e.cat?.includes('blink.user_timing'));
  if (!ready) return null;
  const [from, to] = [ready.ts - afterFilesMs * 1000, ready.ts];
  const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === ready.pid).map((e) => [e.tid, e.args?.name ?? '']));
  const cut = (e) => {
    const overlap = Math.max(0, Math.min(e.ts + e.dur, to) - Math.max(e.ts, from));
    return overlap > 0 && e.dur > 0 ? [overlap / 1000, ((e.tdur ?? e.dur) * overlap) / e.dur / 1000] : [0, 0];
  };
  let mainBusyMs = 0, mainCpuMs = 0, workersCpuMs = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.pid !== ready.pid) continue;
    if (e.tid === ready.tid && e.name === 'ThreadControllerImpl::RunTask') {
      const [wall, cpu] = cut(e);
      mainBusyMs += wall;
      mainCpuMs += cpu;
    } else if (e.name === 'ThreadPool_RunTask' && /^ThreadPool/.test(names.get(e.tid) ?? '')) {
      workersCpuMs += cut(e)[1];
    }
  }
  return { mainBusyMs, mainCpuMs, workersCpuMs };
}

// What the renderer's main thread did while marking, from a Chromium trace ('toplevel' tasks with wall and thread
// time): the longest task, and the time by kind. The Long Tasks API only reports tasks of 50 ms or more, and did not
// report the rendering tasks, which is where a page with many highlights spends its time. Also the first frame after
// the last highlight change (lastMarkMs after ready): the one that shows the last marks, which may end after the
// marking time does.
function traceSummary(trace, markingMs, lastMarkMs) {
  if (process.env.BENCH_TRACE_DUMP) writeFileSync(process.env.BENCH_TRACE_DUMP, trace);
  const events = JSON.parse(trace.toString('utf8')).traceEvents || [];
  const ready = events.find((e) => e.name === 'cc-ready' && e.cat?.includes('blink.user_timing'));
  if (!ready) return null;
  const done = { ts: ready.ts + markingMs * 1000 };   // trace timestamps and performance.now() share one clock rate
  const main = events.filter((e) => e.ph === 'X' && e.pid === ready.pid && e.tid === ready.tid);
  // Tasks that start once marking has (the one ready resolved in is the start-up task, reported on its own).
  const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ts >= ready.ts && e.ts < done.ts);
  if (!tasks.length) return null;
  const kind = (e) => {
    const f = `${e.args?.src_file ?? ''}:${e.args?.src_func ?? ''}`;
    if (/BeginMainFrame/.test(f)) return 'rendering';
    // The widget's idle callbacks and its scheduler.postTask tasks (the page has no other), its lookups included.
    if (/scripted_idle_task|scheduler\/dom_task/.test(f)) return 'matching';
    if (/v8\/src\/heap|cppgc/.test(f)) return 'gc';
    return 'other';
  };
  const byKind = {};
  for (const t of tasks) {
    const k = (byKind[kind(t)] ??= { tasks: 0, wallMs: 0, cpuMs: 0, longestMs: 0 });
    k.tasks++;
    k.wallMs += t.dur / 1000;
    k.cpuMs += (t.tdur ?? t.dur) / 1000;
    k.longestMs = Math.max(k.longestMs, t.dur / 1000);
  }
  const longest = tasks.reduce((a, e) => (e.dur > a.dur ? e : a));
  const lastMark = ready.ts + (lastMarkMs ?? markingMs) * 1000;
  const lastFrame = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ts >= lastMark && kind(e) === 'rendering')
    .reduce((a, e) => (!a || e.ts < a.ts ? e : a), null);
  const longestCpu = tasks.reduce((a, e) => ((e.tdur ?? 0) > (a.tdur ?? 0) ? e : a));
  // The task the widget started in: the longest event on the main thread around the moment ready resolved.
  const around = main.filter((e) => e.ts <= ready.ts && e.ts + e.dur >= ready.ts);
  const startTask = around.reduce((a, e) => (!a || e.dur > a.dur ? e : a), null);
  return {
    windowMs: (done.ts - ready.ts) / 1000, tasks: tasks.length, byKind,
    longestMs: longest.dur / 1000, longestCpuOfItMs: (longest.tdur ?? longest.dur) / 1000, longestKind: kind(longest),
    longestCpuMs: (longestCpu.tdur ?? 0) / 1000, longestCpuKind: kind(longestCpu),
    busyMs: tasks.reduce((a, e) => a + e.dur, 0) / 1000, cpuMs: tasks.reduce((a, e) => a + (e.tdur ?? e.dur), 0) / 1000,
    startTaskMs: startTask ? startTask.dur / 1000 : null, startTaskCpuMs: startTask ? (startTask.tdur ?? startTask.dur) / 1000 : null,
    lastFrameMs: lastFrame ? lastFrame.dur / 1000 : null, lastFrameCpuMs: lastFrame ? (lastFrame.tdur ?? lastFrame.dur) / 1000 : null,
  };
}

// The matching alone: every block's text through crosscheck.lookup once more, after marking (warm code), timed; and
// through the core's marksUtf8() (marks() before it), the offsets-only call the widget marks with, each text encoded by TextEncoder
// as the widget does (the module the widget loaded: same URL).
const MATCH_COST = async () => {
  const blocks = [...document.querySelectorAll('main')].flatMap((s) => [...s.querySelectorAll('p, li, blockquote, h1, h2, h3, h4, h5, h6, td, dd')]);
  const core = new (await import('/www/pkg/crosscheck.js')).Crosscheck();
  let sum = 0, max = 0, n = 0, marksSum = 0;
  const utf8 = new TextEncoder();
  for (const b of blocks) {
    const text = b.textContent;
    if (!text.trim() || b.querySelector('p, li')) continue;
    const t = performance.now();
    await window.crosscheck.lookup(text);
    const d = performance.now() - t;
    sum += d; n++;
    if (d > max) max = d;
  }
  for (const b of blocks) {
    const text = b.textContent;
    if (!text.trim() || b.querySelector('p, li')) continue;
    const t = performance.now();
    if (core.marksUtf8) core.marksUtf8(utf8.encode(text)); else core.marks?.(text);
    marksSum += performance.now() - t;
  }
  return { sum, max, n, marksSum: core.marks ? marksSum : null };
};

async function marking(browser, origin, extra) {
  const page = longPage();
  extra.set('/bench/longpage.html', page.html);
  section(`4. Marking a long page: ${int(page.words)} words (${page.articles} demo articles in a row), data-automark; ${LONG_RUNS} cold loads`);
  const runs = [];
  for (let i = 0; i < LONG_RUNS; i++) {
    runs.push(await withPage(browser, async (p) => {
      let traced = false;
      try { if (!process.env.BENCH_NO_TRACE) { await browser.startTracing(p, { categories: ['toplevel', 'blink.user_timing'] }); traced = true; } } catch { /* no trace */ }
      await p.goto(`${origin}/bench/longpage.html`);
      await p.waitForFunction(MARKING_OVER, QUIET_MS, { timeout: 300_000, polling: 250 });
      const r = await p.evaluate(() => {
        const b = window.__bench;
        return { ...b, doneAt: Math.max(b.readyAt, b.lastWork ?? 0, b.lastMark ?? 0), marks: CSS.highlights.get('crosscheck')?.size ?? null };
      });
      const trace = traced ? traceSummary(await browser.stopTracing(), r.doneAt - r.readyAt, r.lastMark != null ? r.lastMark - r.readyAt : null) : null;
      const matchCost = await p.evaluate(MATCH_COST);
      const inWindow = r.longtasks.filter((t) => t.start >= r.readyAt && t.start < r.doneAt);
      return {
        blocks: r.blocks, marks: r.marks, readyAt: r.readyAt, doneAt: r.doneAt, markingMs: r.doneAt - r.readyAt,
        longtasksAll: r.longtasks, longtasksMarking: inWindow, longestLongtask: Math.max(0, ...inWindow.map((t) => t.duration)),
        longestLongtaskAll: Math.max(0, ...r.longtasks.map((t) => t.duration)), trace, matchCost,
      };
    }, { init: LONG_INIT }));
    const r = runs.at(-1);
    const t = r.trace;
    print(`  run ${i + 1}: ${r.blocks} blocks, ${r.marks} sentences marked; ready at ${ms(r.readyAt, 0)}; marking took ${ms(r.markingMs, 0)} (done at ${ms(r.doneAt, 0)})`);
    print(`    Long Tasks API: ${r.longtasksMarking.length} long tasks while marking${r.longtasksMarking.length ? ` (longest ${ms(r.longestLongtask, 0)})` : ''}, ${r.longtasksAll.length} in the whole load${r.longtasksAll.length ? ` (longest ${ms(r.longestLongtaskAll, 0)})` : ''}`);
    if (t) {
      print(`    trace: ${t.tasks} main-thread tasks while marking, busy ${ms(t.busyMs, 0)} wall / ${ms(t.cpuMs, 0)} CPU; longest ${ms(t.longestMs, 1)} wall (${t.longestKind}, ${ms(t.longestCpuOfItMs, 1)} CPU); longest by CPU ${ms(t.longestCpuMs, 1)} (${t.longestCpuKind}); the start-up task ${ms(t.startTaskMs, 1)} wall / ${ms(t.startTaskCpuMs, 1)} CPU`);
      print(`    by kind: ${Object.entries(t.byKind).map(([k, v]) => `${k} ${v.tasks} tasks, ${ms(v.wallMs, 0)} wall / ${ms(v.cpuMs, 0)} CPU, longest ${ms(v.longestMs, 1)}`).join('; ')}`);
      print(`    the frame that shows the last marks: ${ms(t.lastFrameMs, 1)} wall / ${ms(t.lastFrameCpuMs, 1)} CPU`);
    }
    print(`    the matching alone (each block's lookup once more, warm): ${ms(r.matchCost.sum, 0)} for ${r.matchCost.n} blocks, slowest block ${ms(r.matchCost.max, 1)}; through marksUtf8(): ${ms(r.matchCost.marksSum, 0)}`);
  }
  const s = (f) => median(runs.map(f));
  const traced = runs.every((r) => r.trace);
  results.marking = {
    words: page.words, articles: page.articles, runs,
    markingMs: s((r) => r.markingMs), doneAt: s((r) => r.doneAt), readyAt: s((r) => r.readyAt),
    longestLongtask: Math.max(...runs.map((r) => r.longestLongtask)), longtasks: s((r) => r.longtasksMarking.length),
    tracedLongest: traced ? s((r) => r.trace.longestMs) : null, tracedLongestCpu: traced ? s((r) => r.trace.longestCpuMs) : null,
    busyMs: traced ? s((r) => r.trace.busyMs) : null, cpuMs: traced ? s((r) => r.trace.cpuMs) : null,
    startTask: traced ? s((r) => r.trace.startTaskMs) : null, startTaskCpu: traced ? s((r) => r.trace.startTaskCpuMs) : null,
    matchMs: s((r) => r.matchCost.sum), matchMax: s((r) => r.matchCost.max),
    marksMs: runs.every((r) => r.matchCost.marksSum != null) ? s((r) => r.matchCost.marksSum) : null,
    // The trace may end before that frame (a run that finished its last mark right as tracing stopped).
    lastFrame: traced && runs.some((r) => r.trace.lastFrameMs != null) ? median(runs.map((r) => r.trace.lastFrameMs).filter((x) => x != null)) : null,
  };
  const m = results.marking;
  print(`  medians: marking ${ms(m.markingMs, 0)} after ready (${ms(m.doneAt, 0)} after navigation start); longest task while marking ${m.tracedLongest != null ? `${ms(m.tracedLongest, 1)} wall, ${ms(m.tracedLongestCpu, 1)} by CPU (trace)` : 'n/a (no trace)'}; the frame after ${ms(m.lastFrame, 1)}; matching alone ${ms(m.matchMs, 0)} (through marksUtf8() ${ms(m.marksMs, 0)})`);
}

// ---------------------------------------------------------------- targets and the document

const label = { crosscheck: 'crosscheck', minisearch: 'MiniSearch 7.2.0', lunr: 'Lunr 2.3.9', flexsearch: 'FlexSearch 0.8.212 (Document)', 'flexsearch-index': 'FlexSearch 0.8.212 (Index)' };

function targets() {
  const p = results.payload, st = results.startup, e = results.engines, m = results.marking;
  const cc = e.crosscheck;
  const libs = ['minisearch', 'lunr', 'flexsearch', 'flexsearch-index'].map((k) => ({ key: k, ...e[k] }));
  const fastest = libs.reduce((a, b) => (b.search.p50 < a.search.p50 ? b : a));
  const list = [
    {
      what: 'widget JS + wasm + embedded seed dataset at most 100 KB gzip', limit: 100 * KB, value: p.total.gzip,
      met: p.total.gzip <= 100 * KB, shown: `${kb(p.total.gzip)} gzip -9 (${kb(p.total.brotli)} brotli)`,
      gap: p.total.gzip > 100 * KB ? `${kb(p.total.gzip - 100 * KB)} over (${(p.total.gzip / (100 * KB)).toFixed(2)}x)` : `${kb(100 * KB - p.total.gzip)} to spare`,
    },
    {
      what: 'ready in under 20 ms after the files are loaded', limit: 20, value: st.widget.afterFiles.p50,
      met: st.widget.afterFiles.p50 < 20, shown: `${ms(st.widget.afterFiles.p50, 1)} (median; ready() alone ${ms(st.pkg.readyMs.p50, 1)}${st.tracedWidget ? `; the main thread's CPU in that time ${ms(st.tracedWidget.mainCpuMs.p50, 1)}` : ''})`,
      gap: st.widget.afterFiles.p50 >= 20 ? `${ms(st.widget.afterFiles.p50 - 20, 1)} over (${(st.widget.afterFiles.p50 / 20).toFixed(1)}x)` : `${ms(20 - st.widget.afterFiles.p50, 1)} to spare`,
    },
    {
      what: 'lookup p99 under 1 ms on the 10,375 claims', limit: 1, value: cc.lookup.p99,
      met: cc.lookup.p99 < 1, shown: `lookup p99 ${ms(cc.lookup.p99, 3)} per query (${ms(cc.lookupAll.p99, 3)} over all calls); search(5) p99 ${ms(cc.search.p99, 3)} (${ms(cc.searchAll.p99, 3)})`,
      gap: cc.lookup.p99 >= 1 ? `${ms(cc.lookup.p99 - 1, 3)} over` : `${ms(1 - cc.lookup.p99, 3)} to spare`,
    },
    {
      what: `at least 10x faster than the fastest library (${label[fastest.key]}) at equal or better MAP@5`, limit: 10,
      value: fastest.search.p50 / cc.search.p50,
      met: fastest.search.p50 / cc.search.p50 >= 10 && cc.map5 >= fastest.map5,
      shown: `search p50 ${(fastest.search.p50 / cc.search.p50).toFixed(2)}x, p99 ${(fastest.search.p99 / cc.search.p99).toFixed(2)}x faster; MAP@5 ${cc.map5.toFixed(3)} vs ${fastest.map5.toFixed(3)}`,
      gap: fastest.search.p50 / cc.search.p50 >= 10 ? (cc.map5 >= fastest.map5 ? 'met on both' : 'fast enough but lower MAP@5')
        : `needs ${factor(10 / (fastest.search.p50 / cc.search.p50))} more speed${cc.map5 >= fastest.map5 ? '; MAP@5 is better' : ' and a better MAP@5'}`,
    },
    (() => {
      // The widget's start-up task (decoding and indexing its dataset) comes before marking, but it is the widget's
      // task on this page all the same, so it counts.
      const marking = m.tracedLongest ?? m.longestLongtask;
      const longest = Math.max(marking, m.startTask ?? 0);
      return {
        what: 'marking a 50,000-word page: no task over 50 ms', limit: 50, value: longest, met: longest <= 50,
        shown: m.tracedLongest != null
          ? `the widget's start-up task ${ms(m.startTask, 0)} wall (${ms(m.startTaskCpu, 0)} CPU); while marking, the longest task ${ms(m.tracedLongest, 1)} wall, the longest by CPU ${ms(m.tracedLongestCpu, 1)}`
          : `${m.longtasks} long tasks, longest ${ms(m.longestLongtask, 0)}`,
        gap: longest > 50 ? `${ms(longest - 50, 1)} over${m.startTask > 50 ? ' (start-up)' : ''}${marking > 50 ? `; while marking ${ms(marking - 50, 1)} over in wall time` : ''}` : `${ms(50 - longest, 1)} to spare`,
      };
    })(),
    {
      what: 'marking a 50,000-word page: under 200 ms total', limit: 200, value: m.markingMs,
      met: m.markingMs < 200, shown: `${ms(m.markingMs, 0)} from ready to the last sentence marked; the matching alone ${ms(m.matchMs, 0)}`,
      gap: m.markingMs >= 200 ? `${ms(m.markingMs - 200, 0)} over (${(m.markingMs / 200).toFixed(0)}x)` : `${ms(200 - m.markingMs, 0)} to spare`,
    },
    {
      what: 'the 10,375 claims loaded cost less wasm memory than their JSON', limit: results.claimsJson.length, value: cc.wasmGrowth,
      met: cc.wasmGrowth < results.claimsJson.length,
      shown: `wasm memory +${mb(cc.wasmGrowth)} vs JSON ${mb(results.claimsJson.length)} (${int(results.claimsJson.length)} characters)`,
      gap: cc.wasmGrowth >= results.claimsJson.length ? `${(cc.wasmGrowth / results.claimsJson.length).toFixed(1)}x the JSON` : `${(cc.wasmGrowth / results.claimsJson.length).toFixed(2)}x the JSON`,
    },
  ];
  section('Targets');
  for (const t of list) print(`  ${t.met ? 'MET   ' : 'MISSED'} ${t.what}: ${t.shown} — ${t.gap}`);
  results.targets = list;
  results.fastest = fastest.key;
}

function row(cells) { return `| ${cells.join(' | ')} |`; }

function writeDoc(path, browserVersion, started) {
  const r = results, p = r.payload, st = r.startup, e = r.engines, m = r.marking, mc = r.machine, n = r.native;
  const cc = e.crosscheck;
  const libPayload = (k) => {
    if (k === 'crosscheck') return `${kb(p.total.raw)} / ${kb(p.total.gzip)} (JS + wasm) + ${kb(p.data.checkthatCcd.raw)} / ${kb(p.data.checkthatCcd.gzip)} .ccd`;
    const f = p.libs[k.replace('-index', '')];
    return `${kb(f.raw)} / ${kb(f.gzip)}${k === 'minisearch' ? ' (not minified)' : ''} + ${kb(p.data.claimsTsv.raw)} / ${kb(p.data.claimsTsv.gzip)} TSV`;
  };
  const mem = (x) => (x.wasmGrowth != null ? `wasm +${mb(x.wasmGrowth)}` : `heap +${mb(x.indexHeap)} (+${mb(x.claimsHeap)} claims)`);
  const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}` : 'n/a');
  const L = [];
  L.push('# Benchmarks');
  L.push('');
  L.push(`<!-- Written by bench/run.mjs (make bench); edit the script, not this file. -->`);
  L.push('');
  L.push('How fast and how big crosscheck is, measured in a real browser (headless Chromium) side by side with the in-browser search');
  L.push('libraries a site owner would otherwise pick, and natively. Every figure below comes from one run of:');
  L.push('');
  L.push('```sh');
  L.push('make bench        # = ./scripts/bench.sh: setup, build-web, npm ci in bench/, the native bench, the browser bench');
  L.push('```');
  L.push('');
  L.push(`| | |`);
  L.push(`| --- | --- |`);
  L.push(`| date | ${started.toISOString().replace('T', ' ').slice(0, 16)} UTC |`);
  L.push(`| machine | ${mc.nproc} cores (\`nproc\`), ${mc.cpu} (/proc/cpuinfo), ${(mc.memoryBytes / 2 ** 30).toFixed(1)} GiB memory, ${mc.kernel}; load average ${mc.load} at the start, ${r.loadEnd} at the end (the cores are shared with other work) |`);
  L.push(`| browser | Chromium ${browserVersion} (\`/usr/bin/chromium\`, headless, driven by playwright-core 1.65.1); pages cross-origin isolated, so \`performance.now()\` has 5 µs resolution |`);
  L.push(`| node | ${mc.node} |`);
  L.push(`| crosscheck | commit ${mc.commit}; wasm built by \`./scripts/build-web.sh\` (opt-level "s", LTO, wasm-opt -Oz) |`);
  L.push(`| command | \`make bench\` (knobs: BENCH_REPS=${REPS}, BENCH_ROUNDS=${ROUNDS}, BENCH_SEED_REPS=${SEED_REPS}, BENCH_COLD=${COLD}, BENCH_DATASET_LOADS=${DATASET_LOADS}, BENCH_LONG_RUNS=${LONG_RUNS}) |`);
  L.push('');
  L.push('## Targets');
  L.push('');
  L.push(row(['target', 'measured', 'status', 'gap']));
  L.push(row(['---', '---', '---', '---']));
  for (const t of r.targets) L.push(row([t.what, t.shown, t.met ? '**met**' : '**missed**', t.gap]));
  L.push('');
  L.push('### What dominates each cost, and what would close the gaps');
  L.push('');
  {
    const js = p.parts[0].gzip + p.parts[1].gzip;
    const nv = (k) => n?.[k]?.p50_us != null ? n[k].p50_us / 1000 : null;
    const fast = e[r.fastest];
    const rend = m.runs.map((x) => x.trace?.byKind?.rendering).filter(Boolean);
    const match = m.runs.map((x) => x.trace?.byKind?.matching).filter(Boolean);
    const med = (xs) => (xs.length ? median(xs) : null);
    if (p.seed.foundInWasm) L.push(`- **Size.** The embedded seed dataset is ${kb(p.seed.gzipMarginal)} of the ${kb(p.total.gzip)} gzipped (${pctOf(p.seed.gzipMarginal, p.total.gzip)}); it carries its own index (the term dictionary and every passage as term ids, so that opening it analyses no text), which compresses less well than the wordings' text it replaces. Without it the wasm gzips to ${kb(p.seed.wasmWithoutSeed.gzip)}, ${kb(p.seed.wasmWithoutSeed.gzip + js)} with the two JS files. The code section is ${kb(p.sections.find((x) => x.name === 'code')?.bytes)} raw; the data section, ${kb(p.sections.find((x) => x.name === 'data')?.bytes)}, holds the dataset and ${kb((p.sections.find((x) => x.name === 'data')?.bytes ?? 0) - p.seed.raw)} of other constants (the Unicode fold table, the stop words, the dataset's image that build.rs writes). The wasm is built for speed at small size (opt-level "s"), which costs about 10 KB gzip over the smallest build ("z") and halves the cold start (see ARCHITECTURE.md). Closing the gap takes a smaller core (the largest functions are listed under Payload; text analysis and the decoder lead) and a denser dataset: the term ids are numbered by frequency already (one byte for the 128 commonest), so what is left is content, and 1,798 wordings for 230 claims is a choice of matching quality over size. Halving the payload would mean dropping most wordings, or fetching the dataset after the page has loaded instead of embedding it.`);
    const tw = st.tracedWidget;
    L.push(`- **Start-up.** ${tw ? `In ${COLD} traced loads the widget was ready ${ms(tw.afterFiles.p50, 0)} after the last file; the renderer's main thread was busy for ${ms(tw.mainBusyMs.p50, 0)} of that and used ${ms(tw.mainCpuMs.p50, 0)} of CPU, so for about ${ms(Math.max(0, tw.afterFiles.p50 - tw.mainBusyMs.p50), 0)} it had no task to run (in a fuller trace, it waits there for the last bytes to reach the renderer and for V8's threads to finish the compile; those threads used ${ms(tw.workersCpuMs.p50, 0)} of CPU) and for about ${ms(Math.max(0, tw.mainBusyMs.p50 - tw.mainCpuMs.p50), 0)} its task waited for one of the two shared cores (the untraced loads' median: ${ms(st.widget.afterFiles.p50, 0)}). ${tw.mainCpuMs.p50 >= 20 ? `Even on an idle machine, with no waiting at all, the main thread's ${ms(tw.mainCpuMs.p50, 0)} of CPU alone would miss 20 ms.` : `The main thread's own work, ${ms(tw.mainCpuMs.p50, 0)} of CPU, would fit in 20 ms; what misses the target is the waiting, for a core and for the bytes and the compile (how much of it an idle machine would remove, this machine cannot show).`} ` : ''}Once the files are in, readiness waits for \`ready()\`: opening the embedded dataset, which reads the tables build.rs wrote beside it (where each claim, term and passage starts, the counts, the postings' layout: what checking the bytes found at build time, so nothing is walked again), decodes the catalogue and the analysed aliases into their tables, and writes the postings from the stored passages in one pass; no text is analysed (build.rs built the index). On a cold page that takes ${ms(st.pkg.readyMs.p50, 1)}; the same call takes ${ms(cc.seed.readyMs, 1)} in the side-by-side page, where the code has warmed up${nv('seed_engine') != null ? `, and ${ms(nv('seed_engine'), 1)} natively (compiling that index, which the build does instead, takes ${ms(nv('seed_analysis'), 0)})` : ''}. The difference is V8's: it compiles each wasm function on its first call and runs it unoptimised at first, so on a cold page the first \`lookup\` also takes ${ms(st.pkg.firstLookupMs.p50, 1)} against ${ms(st.pkg.secondLookupMs.p50, 2)} for the second (the widget pays that in a task of its own after ready, \`warm()\`, not in the reader's first highlight nor in auto-marking's first slice). V8 also uses optimised code only from a function's next call, so the build's per-claim loop is a function of its own, called once per claim. What would close the gap: less code run at start (the postings themselves stored, which would cost some 15 KB gzip more; the aliases' tables laid out by the build so that opening reads them in place instead of building hash maps); the rest of the cold cost is V8 running the opening code in its first tier and optimising it meanwhile, which only less code would cut.${st.slowWidget ? ` On a real connection the files are most of the start-up: on an emulated ${SLOW_NETWORK_NAME} the widget is ready ${ms(st.slowWidget.scriptToReady.p50, 0)} after its script is requested, ${ms(st.slowWidget.filesMs.p50, 0)} of it the files arriving (served uncompressed here), which is why the shell requests the glue, the wasm and a page's dataset at once and compiles the wasm while it arrives. That order also moves work after the last file: the files are all in sooner, while compiling, instantiating and opening still follow the wasm's arrival, so the figure after the last file can grow while the time from the script's request to ready shrinks (it was measured with the wasm requested once the glue had loaded until commit 729b54d).` : ''}`);
    L.push(`- **Latency.** \`lookup\` p99 is ${ms(cc.lookup.p99, 3)} per query on the 10,375 claims${nv('ct_lookup') != null ? ` (natively ${ms(n.ct_lookup.p99_us / 1000, 3)})` : ''}; \`search\` p50 is ${ms(cc.search.p50, 3)} in the page${nv('ct_search') != null ? ` and ${ms(nv('ct_search'), 3)} natively` : ''}. The fastest library here, ${label[r.fastest]}, answers in ${ms(fast.search.p50, 3)} (MAP@5 ${fast.map5.toFixed(3)}), ${(fast.search.p50 / cc.search.p50).toFixed(1)}x crosscheck's time${fast.search.p50 / cc.search.p50 < 10 ? `; being 10x faster needs a ${factor(10 * cc.search.p50 / fast.search.p50)} faster search` : ''}. Per query the engine analyses the text (Unicode folding, numbers, stop words, Snowball English stemming written by hand, aliases: about a third of a search natively, the stemmer some 5%), scores the claims the query's postings reach (one multiply-add per posting; a dev tweet reads 1,900 postings on average and reaches 1,600 of the 10,375 claims, and only those are reset and compete for the candidates), looks its terms up in the dictionary (4-byte integer keys, then bytes within a block of 8), and re-ranks the 10 best on their passages (evidence, pairs, per-field scores), which MAP@5 ${cc.map5.toFixed(3)} against the libraries' ${fast.map5.toFixed(3)} comes from.${fast.search.p50 / cc.search.p50 < 10 ? ' What would close the gap:' : ' What would widen the margin:'} fewer allocations in the analysis (each word is still a String of its own, three times over), and scoring that stops adding claims once the terms left cannot lift a new one into the candidates (MaxScore; scoring postings is about 30% of a search natively).`);
    if (rend.length && match.length) {
      const traces = m.runs.map((x) => x.trace).filter(Boolean);
      const lastFrames = m.runs.map((r) => r.trace?.lastFrameMs).filter((x) => x != null);
      const spread = m.runs.map((r) => r.markingMs);
      L.push(`- **Marking.** From ready to the last mark took ${ms(m.markingMs, 0)} (the median of ${m.runs.length} cold loads, which spread over ${ms(Math.min(...spread), 0)}–${ms(Math.max(...spread), 0)}: on these shared cores a change of 10% shows only in an interleaved A/B); the main thread was busy for ${ms(med(traces.map((t) => t.busyMs)), 0)} of it, using ${ms(med(traces.map((t) => t.cpuMs)), 0)} of CPU, the difference being time its tasks spent waiting for a core: the two cores are shared with the browser's other threads, among them V8's background compiler optimising the wasm functions that run hot (on the AMD EPYC machine of 2026-12-02, in one traced load at commit 8047a34, the renderer's worker threads used 219 ms of CPU while the page was marked) and the browser process, which the trace itself keeps busy (untraced, with BENCH_NO_TRACE, the same commit marked the page in 460 ms against 580 ms traced, medians of 6 loads). The widget's ${int(med(match.map((x) => x.tasks)))} tasks (its scheduled tasks: matching, and making the ranges of the marks) used ${ms(med(match.map((x) => x.cpuMs)), 0)} of CPU for ${int(m.runs[0].blocks)} blocks, the page's ${int(med(rend.map((x) => x.tasks)))} frames ${ms(med(rend.map((x) => x.cpuMs)), 0)}. The core's matching alone, the same blocks back to back on warm code, takes ${m.marksMs != null ? `${ms(m.marksMs, 0)} through \`marksUtf8()\`, the offsets-only call the widget marks with (each text as UTF-8) (${ms(m.matchMs, 0)} through \`lookup\`)` : `${ms(m.matchMs, 0)} through \`lookup\``}; "warm" here means compiled, not optimised: V8 runs wasm code from its baseline compiler (Liftoff) until a function has run a while, then optimises it in the background, and in diagnostic runs on that machine at commit 8047a34 (BENCH_ONLY=marking with BENCH_JS_FLAGS) this pass took the same 112 ms with optimisation turned off (--no-wasm-tier-up) and 80 ms with every function optimised at load (--no-wasm-dynamic-tiering; marking 394 ms untraced, against 460 ms); in the page the first pass runs on code the browser has not optimised yet, and the rest is the widget's DOM work (each block's text, the ranges of its marks). The first slice is a background task (\`scheduler.postTask\`) like the others: until commit 267f5e3 it was an idle callback, which on this page came 50 to 70 ms after ready, once the browser found an idle period (marking took 560 ms then, against 470 ms in an interleaved A/B of 10 cold loads). Every change to the highlights makes the next frame rebuild every mark, whatever the change, so the widget adds them in a few batches. The marks are a background tint, not an underline: Chromium counts a text decoration as visual overflow and recomputes it for every marked line at each such frame, which made those frames three times dearer. ${lastFrames.length ? `The frame that shows the last marks takes ${ms(median(lastFrames), 1)}${lastFrames.length < m.runs.length ? ` (the median of the ${lastFrames.length} runs whose trace caught it)` : ''}.` : ''} Under 200 ms would need marking ${(m.markingMs / 200).toFixed(1)}x faster in wall time: the matching several times cheaper (less code on the hot path, which V8 would also optimise sooner and faster), or run in a Worker beside the page's thread (which needs a way to start one from a script served by another site). The longest tasks while marking are ${[...new Set(m.runs.map((x) => x.trace?.longestKind).filter(Boolean))].join(' and ')} tasks (${ms(m.tracedLongestCpu, 1)} of CPU at most, more in wall time when the shared cores are busy); the widget's start-up task, before marking, takes ${ms(m.startTask, 0)} (see Start-up).`);
    }
    if (n?.ct_postings_bytes) L.push(`- **Memory.** Loading the 10,375 claims grew wasm memory by ${mb(cc.wasmGrowth)}, ${(cc.wasmGrowth / r.claimsJson.length).toFixed(2)}x their JSON. Most of it is the ${kb(p.data.checkthatCcd.raw)} of .ccd bytes, copied into wasm memory once and then read in place (claims are decoded only when shown): the claims' text, Huffman-coded string by string (about 4.5 bits a character; 1.05 MB as plain text), the ${int(n.ct_vocab_uni.value)}-term dictionary and every passage as term ids, which the re-ranking reads. The postings built at load take ${kb(n.ct_postings_bytes.value)} (gap varint and one impact byte per (term, claim)); positions kept for every 8th claim and term, the IDFs and the score accumulators take the rest.${cc.wasmGrowth < r.claimsJson.length ? ' The margin is thin: what would widen it is the IDFs kept as 16-bit numbers and the score accumulators as 16-bit fixed point.' : ' What would close the gap: the IDFs kept as 16-bit numbers and the score accumulators as 16-bit fixed point.'}`);
    L.push('');
  }
  L.push('## Side by side: 10,375 CheckThat claims, 197 dev tweets');
  L.push('');
  L.push(`Same browser run, a fresh page per engine, the same claims (\`bench/out/claims.tsv\`) and the same queries (the dev tweets as raw text).`);
  L.push(`Latency includes the JS↔wasm crossing for crosscheck. Each call is timed on its own, over ${REPS} timed passes after ${WARM} warm-up passes in each of ${ROUNDS} fresh page${ROUNDS > 1 ? 's' : ''} per engine${ROUNDS > 1 ? ', the engines taken in turn (one page\'s JIT and GC state alone moved a library\'s p50 by half between runs)' : ''} (${int(197 * REPS * ROUNDS)} calls); p50/p95/p99 are over the 197 queries, each query's latency being the median of its ${REPS * ROUNDS} calls, so that a call preempted by GC or by another process on the shared cores does not pass for a slow query. The p99 over all ${int(197 * REPS * ROUNDS)} calls is in its own column.`);
  L.push(`Build / load is the first build in the page, as a site pays it, with the median of 3 builds in brackets (later builds run on optimised code). For crosscheck it is \`new Crosscheck(bytes)\`, decoding the compiled claims and indexing them; for the others, indexing the parsed claims.`);
  L.push('Payload is raw / gzip -9. Memory: wasm memory growth for crosscheck, JS heap growth (after a forced GC, CDP `Runtime.getHeapUsage`) for the others, with the heap of the parsed claims they index in brackets.');
  L.push('Ratios are the library\'s figure over crosscheck\'s `search` figure (latency: how many times faster crosscheck is).');
  L.push('');
  L.push(row(['engine', 'build / load', 'p50', 'p95', 'p99', 'p99 all calls', 'MAP@5', 'payload', 'memory', 'p50 ratio', 'p99 ratio', 'MAP@5 ratio']));
  L.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---', '---', '---:', '---:', '---:']));
  for (const k of Object.keys(e)) {
    const x = e[k];
    L.push(row([k === 'crosscheck' ? '**crosscheck** `search(text, 5)`' : label[k], `${ms(x.builds[0], 0)} (${ms(x.build, 0)})`, ms(x.search.p50, 3), ms(x.search.p95, 3), ms(x.search.p99, 3), ms(x.searchAll.p99, 3), x.map5.toFixed(3),
      libPayload(k), mem(x), k === 'crosscheck' ? '1' : ratio(x.search.p50, cc.search.p50), k === 'crosscheck' ? '1' : ratio(x.search.p99, cc.search.p99), k === 'crosscheck' ? '1' : ratio(x.map5, cc.map5)]));
    if (k === 'crosscheck') {
      L.push(row(['crosscheck `lookup(text)`', '', ms(x.lookup.p50, 3), ms(x.lookup.p95, 3), ms(x.lookup.p99, 3), ms(x.lookupAll.p99, 3), `${x.lookupMap5.toFixed(3)}¹`, '', '', '', '', '']));
    }
  }
  L.push('');
  L.push(`¹ \`lookup\` is the widget's call: sentences, the no-match threshold, the full JSON view of each match with its accounts. It answered ${cc.lookupAnswered} of 197 tweets; the MAP@5 of its matches counts the others as 0.`);
  L.push('');
  L.push(`The claims as JSON (\`[{id, vclaim, title}]\`) take ${int(r.claimsJson.length)} characters (${int(r.claimsJson.utf8Bytes)} bytes UTF-8); crosscheck's wasm memory grew by ${mb(cc.wasmGrowth)} to load them (${mb(cc.wasmAfter)} in all, the embedded seed's engine not built). Wasm memory never shrinks, so this is the high-water mark of loading (the ${kb(p.data.checkthatCcd.raw)} of .ccd bytes copied in and the decoder's work included)${n ? `; natively the engine holds ${mb(n.ct_heap.value)} on a 64-bit heap (peak ${mb(n.ct_heap_peak.value)})` : ''}.`);
  L.push('');
  L.push('Configurations (in `bench/page/harness.js`):');
  L.push('');
  L.push('- crosscheck: `new Crosscheck(bytes)` over `bench/out/checkthat.ccd` (compiled from `bench/out/claims.tsv` by `crosscheck build`: the claim as the statement, the title as a wording); `search(text, 5)` ranks without the no-match threshold.');
  L.push("- MiniSearch: `fields: ['vclaim', 'title']`, `idField: 'id'`; `search(text, {combineWith: 'OR', prefix: false, fuzzy: false})` (its defaults). Its package ships no minified build, so its payload is the unminified UMD file.");
  L.push(`- Lunr: \`ref('id')\`, fields \`vclaim\` and \`title\`, the default English pipeline (trimmer, stop words, Porter stemmer). Queries go through the query builder, not \`idx.search\`, because tweets are not Lunr query syntax (\`:\`, \`-\`, \`+\`, \`~\`, \`^\`, \`*\`): \`idx.search\` throws on ${r.variants.lunrSearchRaw.threw} of the ${r.variants.lunrSearchRaw.queries} tweets and scores ${r.variants.lunrSearchRaw.map5.toFixed(3)}. Here: \`idx.query(q => q.term(lunr.tokenizer(text).map(lunr.trimmer)))\`, every term optional. The trimmer is the index pipeline's first step, which Lunr's search pipeline lacks; without it words next to punctuation never match, and MAP@5 is ${r.variants.lunrNoTrimmer.map5.toFixed(3)}.`);
  L.push(`- FlexSearch (Document): \`new Document({document: {id: 'id', index: ['vclaim', 'title']}, tokenize: 'strict'})\`; \`search(text, {limit: 5, suggest: true, merge: true})\`. Without \`suggest\`, every term of a tweet must occur in one claim and nothing is found (MAP@5 0). \`tokenize: 'forward'\` scores ${r.variants.flexForward.map5.toFixed(3)} (in node, same package) and builds slower.`);
  L.push("- FlexSearch (Index): `new Index({tokenize: 'strict'})` over `vclaim + ' ' + title` as one text, `search(text, {limit: 5, suggest: true})`: the configuration that reproduces the reference figure below. The Document index's `merge` puts every `vclaim` hit before any `title` hit, which costs it MAP@5.");
  L.push('');
  L.push(`MAP@5 is averaged over the 197 queries of \`dev/tweet-vclaim-pairs.qrels\` (one relevant claim each; no result counts 0). Reference figures measured elsewhere on this data: Lunr 0.759, MiniSearch defaults 0.654, FlexSearch 0.444. Here: Lunr ${e.lunr.map5.toFixed(3)} (${(e.lunr.map5 - 0.759 >= 0 ? '+' : '') + (e.lunr.map5 - 0.759).toFixed(3)}), MiniSearch ${e.minisearch.map5.toFixed(3)} (${(e.minisearch.map5 - 0.654 >= 0 ? '+' : '') + (e.minisearch.map5 - 0.654).toFixed(3)}), FlexSearch ${e['flexsearch-index'].map5.toFixed(3)} with the Index configuration (${(e['flexsearch-index'].map5 - 0.444 >= 0 ? '+' : '') + (e['flexsearch-index'].map5 - 0.444).toFixed(3)}) and ${e.flexsearch.map5.toFixed(3)} with the Document one. How the reference fed tweets to Lunr and MiniSearch is not recorded; the Lunr variants above show how much query preparation alone moves MAP@5.`);
  L.push('');
  L.push('## Payload');
  L.push('');
  L.push('What a page downloads for the widget with the embedded seed dataset, served uncompressed here; gzip -9 and brotli -q 11 are what a server would send.');
  L.push('');
  L.push(row(['file', 'raw', 'gzip -9', 'brotli', 'share of gzip']));
  L.push(row(['---', '---:', '---:', '---:', '---:']));
  for (const x of p.parts) L.push(row([`\`${x.file}\``, kb(x.raw), kb(x.gzip), kb(x.brotli), pctOf(x.gzip, p.total.gzip)]));
  L.push(row(['**total**', `**${kb(p.total.raw)}**`, `**${kb(p.total.gzip)}**`, `**${kb(p.total.brotli)}**`, '100%']));
  if (p.seed.foundInWasm) {
    L.push(row(['of which the embedded seed dataset (230 claims, 589 accounts)', kb(p.seed.raw), `${kb(p.seed.gzipMarginal)}²`, `${kb(p.seed.brotliMarginal)}²`, pctOf(p.seed.gzipMarginal, p.total.gzip)]));
    L.push(row(['the wasm without the seed dataset', kb(p.seed.wasmWithoutSeed.raw), kb(p.seed.wasmWithoutSeed.gzip), kb(p.seed.wasmWithoutSeed.brotli), '']));
  }
  L.push('');
  if (p.seed.foundInWasm) L.push(`² The seed's share of the compressed wasm: how much smaller the wasm compresses with the dataset's bytes (\`bench/out/seed.ccd\`, found byte for byte in the wasm) cut out. Alone, the dataset gzips to ${kb(p.seed.gzipAlone)}.`);
  L.push('');
  L.push('Wasm sections:');
  L.push('');
  L.push(row(['section', 'bytes', 'share']));
  L.push(row(['---', '---:', '---:']));
  const wasmRaw = p.parts[2].raw;
  for (const s of p.sections) L.push(row([s.name.replace(/"/g, '`'), int(s.bytes), pctOf(s.bytes, wasmRaw)]));
  L.push('');
  if (p.twiggy) {
    L.push(`\`twiggy top\` of \`pkg/crosscheck_bg.wasm\` (wasm-opt strips names${p.seed.segment ? `; the seed dataset is ${int(p.seed.raw)} of the ${int(p.seed.segment.bytes)} bytes of \`${p.seed.segment.name}\`, the rest of it other constant data` : ''}):`);
    L.push('');
    L.push(row(['item', 'bytes', 'share']));
    L.push(row(['---', '---:', '---:']));
    for (const t of p.twiggy) L.push(row([`\`${t.name}\``, int(t.bytes), `${t.percent.toFixed(2)}%`]));
    L.push('');
  }
  if (p.functions) {
    L.push('The largest functions by name, from `twiggy top` of the wasm before wasm-bindgen and wasm-opt (`target/wasm32-unknown-unknown/release/crosscheck.wasm`; sizes are before optimisation):');
    L.push('');
    L.push(row(['function', 'bytes']));
    L.push(row(['---', '---:']));
    for (const t of p.functions.slice(0, 10)) L.push(row([`\`${t.name.replace(/::h[0-9a-f]{16}$/, '').replace(/\|/g, '\\|')}\``, int(t.bytes)]));
    L.push('');
  }
  L.push('For the side-by-side, the libraries as their packages ship them (raw / gzip -9 / brotli):');
  L.push('');
  L.push(row(['file', 'raw', 'gzip -9', 'brotli']));
  L.push(row(['---', '---:', '---:', '---:']));
  for (const [k, v] of Object.entries(p.libs)) L.push(row([`${label[k] || k}: \`${v.file.replace('bench/node_modules/', '')}\``, kb(v.raw), kb(v.gzip), kb(v.brotli)]));
  L.push(row(['the claims as TSV (what the libraries index in the page)', kb(p.data.claimsTsv.raw), kb(p.data.claimsTsv.gzip), kb(p.data.claimsTsv.brotli)]));
  L.push(row(['the claims compiled (`checkthat.ccd`, what crosscheck loads)', kb(p.data.checkthatCcd.raw), kb(p.data.checkthatCcd.gzip), kb(p.data.checkthatCcd.brotli)]));
  L.push('');
  L.push('## Start-up');
  L.push('');
  L.push(`Cold page loads (a fresh browser context each: no HTTP or code cache), median of ${COLD}; files come over loopback, so download time is near zero and a real network adds its own.`);
  L.push('');
  L.push(row(['step', 'median', 'max']));
  L.push(row(['---', '---:', '---:']));
  L.push(row(['widget: request of `crosscheck.js` → `crosscheck.ready` resolved', ms(st.widget.scriptToReady.p50, 1), ms(st.widget.scriptToReady.max, 1)]));
  L.push(row(['widget: of which the three files arriving', ms(st.widget.filesMs.p50, 1), ms(st.widget.filesMs.max, 1)]));
  L.push(row(['widget: **ready after the last file arrived**', `**${ms(st.widget.afterFiles.p50, 1)}**`, ms(st.widget.afterFiles.max, 1)]));
  if (st.slowWidget) {
    L.push(row([`widget on an emulated ${SLOW_NETWORK_NAME}: request of \`crosscheck.js\` → ready`, ms(st.slowWidget.scriptToReady.p50, 1), ms(st.slowWidget.scriptToReady.max, 1)]));
    L.push(row(['of which the three files arriving', ms(st.slowWidget.filesMs.p50, 1), ms(st.slowWidget.filesMs.max, 1)]));
  }
  L.push(row(['pkg API: `import` of `pkg/crosscheck.js`', ms(st.pkg.importMs.p50, 1), ms(st.pkg.importMs.max, 1)]));
  L.push(row(['pkg API: fetch + compile the wasm (`WebAssembly.compileStreaming`)', ms(st.pkg.fetchCompileMs.p50, 1), ms(st.pkg.fetchCompileMs.max, 1)]));
  L.push(row(['pkg API: instantiate (`init`)', ms(st.pkg.instantiateMs.p50, 1), ms(st.pkg.instantiateMs.max, 1)]));
  L.push(row([`pkg API: \`ready()\`: open the embedded seed from its image and write its postings (${st.pkgFirst.claims} claims)`, ms(st.pkg.readyMs.p50, 1), ms(st.pkg.readyMs.max, 1)]));
  L.push(row(['pkg API: first `lookup`', ms(st.pkg.firstLookupMs.p50, 2), ms(st.pkg.firstLookupMs.max, 2)]));
  L.push(row(['pkg API: second `lookup`', ms(st.pkg.secondLookupMs.p50, 2), ms(st.pkg.secondLookupMs.max, 2)]));
  L.push(row([`run-time dataset: fetch \`checkthat.ccd\` (${kb(st.datasetFirst.datasetBytes)})`, ms(st.dataset.datasetFetchMs.p50, 1), ms(st.dataset.datasetFetchMs.max, 1)]));
  L.push(row([`run-time dataset: \`new Crosscheck(bytes)\` (${st.datasetFirst.datasetClaims} claims)`, ms(st.dataset.datasetOpenMs.p50, 1), ms(st.dataset.datasetOpenMs.max, 1)]));
  L.push(row(['run-time dataset: fetch + open', ms(st.datasetTotal.p50, 1), ms(st.datasetTotal.max, 1)]));
  L.push(row(['run-time dataset: first `search`', ms(st.dataset.datasetFirstSearchMs.p50, 2), ms(st.dataset.datasetFirstSearchMs.max, 2)]));
  L.push('');
  L.push(`Wasm memory: ${mb(st.pkgFirst.wasmAfterInit)} after instantiation, ${mb(st.pkgFirst.wasmAfterReady)} after \`ready()\`; loading the CheckThat claims grew it by ${mb(st.dataset.datasetWasmGrowth.p50)}.`);
  L.push('');
  L.push('## Lookup latency (crosscheck)');
  L.push('');
  L.push(row(['calls', 'dataset', 'p50', 'p95', 'p99', 'slowest query', 'all calls: p50', 'p95', 'p99', 'max', 'calls timed']));
  L.push(row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  const latRow = (what, ds, q, a) => row([what, ds, ms(q.p50, 3), ms(q.p95, 3), ms(q.p99, 3), ms(q.max, 3), ms(a.p50, 3), ms(a.p95, 3), ms(a.p99, 3), ms(a.max, 3), int(a.n)]);
  L.push(latRow('`engine.search(tweet, 5)`, 197 dev tweets', '10,375 CheckThat claims', cc.search, cc.searchAll));
  L.push(latRow('`engine.lookup(tweet)`, 197 dev tweets', '10,375 CheckThat claims', cc.lookup, cc.lookupAll));
  L.push(latRow(`\`lookup(query)\`, ${cc.seed.queries} seed dev queries`, 'embedded seed', cc.seed, cc.seedAll));
  L.push('');
  L.push(`Every call is timed on its own with \`performance.now()\` in the page, after ${WARM} untimed passes; it includes passing the text into wasm and building the JS result objects. The first columns are over queries (each query's median call), the last over every call (${REPS} passes over the tweets in each of ${ROUNDS} page${ROUNDS > 1 ? 's' : ''}, ${SEED_REPS} over the seed queries in one).`);
  L.push('');
  L.push('## Marking a long page');
  L.push('');
  L.push(`A page of ${int(m.words)} words (${m.articles} demo articles in a row, ${m.runs[0].blocks} blocks) with \`data-automark\`; ${LONG_RUNS} cold loads. Marking runs from \`crosscheck.ready\` until the later of the last change to the CSS highlight and the end of the widget's last idle callback or scheduled task, lookups included. The main thread's work comes from a Chromium trace (\`toplevel\` tasks, wall and thread CPU time): *rendering* is the page's frames (BeginMainFrame), *matching* the widget's idle callbacks and \`scheduler.postTask\` tasks with their lookups. "The matching alone" runs every block's lookup once more after marking, warm, back to back (and through \`marksUtf8()\`, each text encoded by \`TextEncoder\` as the widget does).`);
  L.push('');
  L.push(row(['run', 'ready at', 'marking took', 'sentences marked', 'longest task (wall / its kind)', 'longest by CPU', 'rendering: frames, wall / CPU', 'matching: tasks, wall / CPU, longest', 'the matching alone, slowest block', 'start-up task', 'Long Tasks API: marking / whole load']));
  L.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  m.runs.forEach((x, i) => {
    const t = x.trace, k = t?.byKind ?? {};
    const kindCell = (v, longest) => (v ? `${v.tasks}, ${ms(v.wallMs, 0)} / ${ms(v.cpuMs, 0)}${longest ? `, ${ms(v.longestMs, 1)}` : ''}` : 'n/a');
    L.push(row([String(i + 1), ms(x.readyAt, 0), ms(x.markingMs, 0), int(x.marks), t ? `${ms(t.longestMs, 1)} (${t.longestKind})` : 'n/a', t ? `${ms(t.longestCpuMs, 1)} (${t.longestCpuKind})` : 'n/a',
      kindCell(k.rendering), kindCell(k.matching, true), `${ms(x.matchCost.sum, 0)}, ${ms(x.matchCost.max, 1)}`, t ? `${ms(t.startTaskMs, 0)} / ${ms(t.startTaskCpuMs, 0)} CPU` : 'n/a',
      `${x.longtasksMarking.length} / ${x.longtasksAll.length}${x.longtasksAll.length ? ` (longest ${ms(x.longestLongtaskAll, 0)})` : ''}`]));
  });
  L.push('');
  L.push("The start-up task is the one in which the widget decodes and indexes its embedded dataset (\`ready()\`), before marking starts. The Long Tasks API did not report the rendering tasks of 50 ms or more that the trace shows, so the trace is the measure of the longest task here; wall time includes time the thread waited for a core (compare CPU time, and the load average at the top).");
  L.push('');
  if (n) {
    L.push('## Native (no browser)');
    L.push('');
    L.push('`cargo bench --bench core` (`benches/core.rs`: `std::time::Instant`, no framework; the bench profile has the release settings, opt-level "s"). Heap figures come from a counting allocator, on a 64-bit target (wasm32 pointers are half the size).');
    L.push('');
    L.push(row(['measure', 'p50', 'p95', 'p99', 'max', 'n']));
    L.push(row(['---', '---:', '---:', '---:', '---:', '---:']));
    for (const v of Object.values(n)) if (v.p50_us != null) L.push(row([v.what, ms(v.p50_us / 1000, 3), ms(v.p95_us / 1000, 3), ms(v.p99_us / 1000, 3), ms(v.max_us / 1000, 3), String(v.n)]));
    L.push('');
    for (const v of Object.values(n)) if (v.value != null) L.push(`- ${v.what}: ${v.unit === 'bytes' ? `${int(v.value)} bytes (${mb(v.value)})` : `${Number.isInteger(v.value) ? int(v.value) : v.value.toFixed(4)}${v.unit ? ` ${v.unit}` : ''}`}`);
    L.push('');
  }
  L.push('## Method and caveats');
  L.push('');
  L.push('- The claims: `verified_claims.docs.tsv` holds 14 claims whose quoted text runs onto a second line, and a header whose id column is empty. `bench/prepare.mjs` joins the continuation lines, giving the 10,375 claims every engine here indexes. The crosscheck CLI reads that file line by line (`eval::claims_from_tsv`) and so makes 10,390 claims of it: the header and the 14 second halves become claims of their own.');
  L.push('- The server is `bench/run.mjs` itself, on a random loopback port, `application/wasm` for the wasm, no compression and no caching, with COOP/COEP headers so that pages are cross-origin isolated (5 µs timers instead of 100 µs; the code runs the same).');
  L.push('- JS heap figures come from CDP (`HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage`), before and after building each index, in a fresh page per engine. Wasm memory is `memory.buffer.byteLength` from the `init()` result; it only grows, so it is a high-water mark.');
  L.push('- The two cores are shared with other work; the load average at the start is in the table at the top. Medians are robust to that, the maxima are not.');
  L.push('');
  writeFileSync(path, L.join('\n'));
}

// ---------------------------------------------------------------- main

async function main() {
  // --doc-only: rewrite docs/benchmarks.md from the last run's bench/out/results.json (after editing the template).
  if (process.argv.includes('--doc-only')) {
    const file = join(OUT, 'results.json');
    Object.assign(results, JSON.parse(readFileSync(file, 'utf8')));
    targets();
    const doc = process.env.BENCH_DOC ?? join(ROOT, 'docs', 'benchmarks.md');
    writeDoc(doc, results.browser, new Date(results.started ?? statSync(file).mtime));
    print(`wrote ${relative(ROOT, doc)} from bench/out/results.json`);
    return;
  }
  const started = new Date();
  results.started = started.toISOString();
  checkInputs();
  results.machine = machine();
  const mc = results.machine;
  print(`crosscheck bench: ${started.toISOString()} · ${mc.nproc} cores, ${mc.cpu}, ${(mc.memoryBytes / 2 ** 30).toFixed(1)} GiB · load ${mc.load} · node ${mc.node} · commit ${mc.commit}`);
  payload();
  const extra = new Map();
  const server = await startServer(extra);
  const browser = await launch();
  try {
    results.browser = browser.version();
    print(`\nChromium ${results.browser} · ${server.origin}`);
    const only = process.env.BENCH_ONLY?.split(',');   // for working on one part: startup, side, marking
    if (!only || only.includes('startup')) await startup(browser, server.origin);
    if (!only || only.includes('side')) await sideBySide(browser, server.origin);
    if (!only || only.includes('marking')) await marking(browser, server.origin, extra);
    if (only) { print('\n(BENCH_ONLY: partial run, no targets and no document)'); return; }
  } finally {
    await browser.close();
    await server.close();
  }
  const nativeFile = join(OUT, 'native.json');
  results.native = existsSync(nativeFile) ? JSON.parse(readFileSync(nativeFile, 'utf8')) : null;
  if (!results.native) print('\n(no bench/out/native.json: run cargo bench --bench core with CROSSCHECK_BENCH_JSON=bench/out/native.json for the native section)');
  results.loadEnd = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  targets();
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 1));
  const doc = process.env.BENCH_DOC ?? join(ROOT, 'docs', 'benchmarks.md');
  if (doc !== '-') {
    writeDoc(doc, results.browser, started);
    print(`\nwrote ${relative(ROOT, doc)} and bench/out/results.json (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}

main().catch((e) => { console.error(`bench: ${e.stack || e}`); process.exit(1); });
