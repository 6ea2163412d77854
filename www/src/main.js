// crosscheck.js — the widget shell: when a reader selects text, shows the claims it makes and who corroborates or
// conflicts with them. Embed:
//   <script type="module" src=".../crosscheck.js" data-scope="main" data-source-base="articles"></script>
// Options are data attributes on that tag (data-scope, data-dataset, data-theme, data-source-base, data-automark,
// data-attach="manual") or attach(options); docs/widget.md has the API and the events. Everything stays in the page:
// ./pkg/ (next to this file) is the wasm core, which embeds the dataset and does the matching.
// This is the entry of the bundle that scripts/build-web.sh makes with esbuild (www/crosscheck.js).
import { createShell } from './shell.js';
import { fromScript } from './options.js';
import { dict, own } from './util.js';

const HERE = import.meta.url;

// A page global of the same name that is the page's own (a property it set itself) is left alone, and so is a copy
// of this script that came first; a polluted Object.prototype.crosscheck is neither.
const taken = typeof own(own(Object.getOwnPropertyDescriptor(globalThis, 'crosscheck'), 'value'), 'attach') === 'function';
if (!taken) {
  const shell = createShell({ base: HERE, document });
  const api = Object.freeze({ attach: shell.attach, detach: shell.detach, lookup: shell.lookup, get ready() { return shell.ready; } });
  // Defined, not assigned, with a descriptor without a prototype: a setter or a `get` a page put on Object.prototype
  // never comes into it.
  Object.defineProperty(globalThis, 'crosscheck', dict({ value: api, configurable: true, writable: true, enumerable: true }));
  const tag = [...document.querySelectorAll('script[src]')].find((s) => /** @type {HTMLScriptElement} */ (s).src === HERE);
  const options = fromScript(tag);
  if (options.attach !== 'manual') shell.attach(options);
}
