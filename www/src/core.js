// core.js — the one module that talks to the wasm core (pkg/crosscheck.js). Everything the shell asks the core goes
// through an Engine made here, so that a change of the core's API is a change of this file only, and so that a core
// that threw once (a trap, what a Rust panic becomes in wasm, or any other exception) is never called again: its
// state is unknown, so it answers "no match" from then on, and freeing it is skipped.

/**
 * @typedef {{ id: string, file: string, outlet: string, title: string, author: string, date: string,
 *   language: string, url: string | null, within: string | null }} Source
 * @typedef {{ stance: string, speaker: string, role: string, via: string[], origin: string, quote: string,
 *   note: string, source: number }} Account
 * @typedef {{ corroborates: number, conflicts: number, context: number, corroborating_origins: number,
 *   conflicting_origins: number }} Summary
 * @typedef {{ claim: { id: string, text: string }, score: number, offset: number, length: number, summary: Summary,
 *   accounts: Account[] }} Match
 * @typedef {{ matches: Match[], sources: Source[] }} Answer  each account's `source` is an index into `sources`
 * @typedef {{ lookup(text: string): Answer, marksUtf8(bytes: Uint8Array): Uint32Array, warm(): void,
 *   info(): any, free(): void }} Engine
 */

/** @returns {Answer} */
export const noMatch = () => ({ matches: [], sources: [] });

/**
 * A loader of the core for one glue URL. `onBroken(error)` is called once, the first time a call into the core throws.
 * @param {string | URL} base  the URL pkg/ is next to
 * @param {(error: unknown) => void} onBroken
 */
export function createCore(base, onBroken) {
  /** @type {Promise<any> | null} */
  let loading = null;
  let broken = false;

  /**
   * Runs one call into the core; after a throw the core is broken for good and every later call answers `fallback`.
   * @template T
   * @param {() => T} fn
   * @param {T} fallback
   * @returns {T}
   */
  function call(fn, fallback) {
    if (broken) return fallback;
    try {
      return fn();
    } catch (error) {
      broken = true;
      onBroken(error);
      return fallback;
    }
  }

  // The wasm module is loaded once per page, relative to the shell, so crosscheck.js and pkg/ can be copied anywhere.
  // The glue and the wasm are requested together, and the wasm compiles as it arrives, while the glue loads.
  function load() {
    return loading ??= (async () => {
      if (typeof WebAssembly !== 'object') throw new Error('this browser has no WebAssembly');
      const wasm = new URL('./pkg/crosscheck_bg.wasm', base);
      const compiled = fetch(wasm).then((res) => {
        if (!res.ok) throw new Error(`${wasm}: HTTP ${res.status}`);
        // Streaming compilation needs the application/wasm type; a server that sends another type still works
        // through the bytes.
        const streaming = (res.headers.get('content-type') || '').split(';')[0].trim() === 'application/wasm';
        return streaming ? WebAssembly.compileStreaming(res) : res.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
      });
      const [mod, module] = await Promise.all([import(new URL('./pkg/crosscheck.js', base).href), compiled]);
      await mod.default({ module_or_path: module });
      return mod;
    })();
  }

  /**
   * An engine over the embedded dataset (no bytes) or over a `.ccd` of the page's own. Throws (an Error naming the
   * problem) when the bytes are not a dataset.
   * @param {Uint8Array} [bytes]
   * @returns {Promise<Engine>}
   */
  async function open(bytes) {
    const mod = await load();
    if (broken) throw new Error('the core failed earlier on this page');
    let raw;
    try {
      raw = bytes ? new mod.Crosscheck(bytes) : new mod.Crosscheck();
    } catch (error) {
      // A bad dataset is refused with an Error; a trap leaves the core broken.
      if (error instanceof WebAssembly.RuntimeError) { broken = true; onBroken(error); }
      throw error;
    }
    let freed = false;
    return {
      lookup: (text) => call(() => raw.lookup(text), noMatch()),
      marksUtf8: (utf8) => call(() => raw.marksUtf8(utf8), new Uint32Array(0)),
      warm: () => call(() => raw.warm(), undefined),
      info: () => call(() => raw.info(), null),
      // Freed once, and never after a throw: a trap inside a method can leave the engine borrowed, and freeing it
      // then throws.
      free: () => { if (!freed) { freed = true; call(() => raw.free(), undefined); } },
    };
  }

  return {
    load, open, call,
    get broken() { return broken; },
  };
}
