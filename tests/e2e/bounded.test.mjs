// bounded.test.mjs — promise 2 in the browser: any text, including what only JavaScript can make (lone surrogates),
// gets an answer from the wasm core without a throw, in bounded time; a real selection of a huge page does not freeze
// it. Each time is printed as a test diagnostic (`# ...` lines); docs/security.md records the worst.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ARTICLE_2024, HELMER } from './helpers.mjs';
import { withPage, htmlPage, escapeHtml } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// Far above what is measured (tens of milliseconds), far below a frozen page; see docs/security.md.
const BOUND_MS = 1000;

// The inputs, built in the page (so that lone surrogates stay lone); the same families as tests/hardening/bounded_input.rs.
function inputs(helmer) {
  const invisible = '\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad\u2060';
  const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f\u0085\u009f';
  return {
    'empty': '',
    'white space only': ' \t\n\r\u00a0\u2003\u3000\u2028'.repeat(2000),
    '1 MB of prose': 'lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(18000),
    '1 MB of the quote': `${helmer}. `.repeat(22000),
    'one 100,000-letter token': 'a'.repeat(100000),
    'control characters': controls.repeat(500),
    'zero-width and direction marks': invisible.repeat(1000),
    'emoji': '👍🏽🇸🇾👨‍👩‍👧‍👦🧪 '.repeat(2000),
    'mixed scripts': 'Assad Асад 阿萨德 असद אסד الأسد Ασάντ アサド '.repeat(500),
    'right-to-left override': `\u202e${helmer}\u202c الأسد في موسكو`,
    'a letter with 10,000 combining marks': 'a' + '\u0301'.repeat(10000),
    'one word 10,000 times': 'Assad '.repeat(10000),
    'numbers 1 to 20,000': Array.from({ length: 20000 }, (_, i) => i + 1).join(' '),
    'Arabic with tatweel': 'ســـــــــوريا والـــــروس '.repeat(1000),
    'lone high surrogates': '\ud800'.repeat(20000),
    'lone low surrogates': '\udc00a'.repeat(10000),
    'reversed surrogate pairs': '\ude00\ud83d'.repeat(10000),
    'a lone surrogate inside the quote': helmer.replace('Moscow', 'Mos\ud800cow').replace('flew', 'flew\udfff'),
    'a pair cut by the 20,000 limit': 'a'.repeat(19999) + '😀' + helmer,
  };
}

test('lookup answers every hostile input without a throw, within the bound, through the shell and the raw wasm API', async (t) => {
  await withPage(browser, server.origin + ARTICLE_2024, async (page) => {
    const rows = await page.evaluate(async ([source, helmer]) => {
      const inputs = new Function(`return (${source})`)()(helmer);
      const mod = await import('/pkg/crosscheck.js');
      const own = new mod.Crosscheck(), other = new mod.Crosscheck();
      const out = [];
      for (const [name, text] of Object.entries(inputs)) {
        const row = { name, length: text.length };
        let t0 = performance.now();
        const shell = await window.crosscheck.lookup(text);
        row.shell = performance.now() - t0;
        row.matches = shell.matches.length;
        // The wasm API itself: no 20,000-character cut in JS, and any throw would surface here.
        try {
          t0 = performance.now();
          const raw = other.lookup(text);
          row.raw = performance.now() - t0;
          t0 = performance.now();
          const byClass = own.lookup(text);
          row.byClass = performance.now() - t0;
          row.ok = Array.isArray(raw.matches) && Array.isArray(byClass.matches) && raw.matches.length === byClass.matches.length;
          row.offsets = raw.matches.every((m) => m.offset >= 0 && m.length > 0 && m.offset + m.length <= text.length);
        } catch (e) {
          row.error = String(e);
        }
        out.push(row);
      }
      own.free();
      return out;
    }, [inputs.toString(), HELMER]);
    for (const r of rows) t.diagnostic(`${r.name.padEnd(36)} ${String(r.length).padStart(8)} units  ${String(r.matches).padStart(2)} matches  shell ${r.shell.toFixed(1)} ms  wasm ${r.raw?.toFixed(1)} ms  class ${r.byClass?.toFixed(1)} ms`);
    const worst = rows.reduce((a, b) => (Math.max(b.shell, b.raw) > Math.max(a.shell, a.raw) ? b : a));
    t.diagnostic(`worst: ${Math.max(worst.shell, worst.raw).toFixed(1)} ms on "${worst.name}"`);
    for (const r of rows) {
      assert.equal(r.error, undefined, `${r.name}: the wasm API threw`);
      assert.ok(r.ok && r.offsets, `${r.name}: a malformed answer`);
      assert.ok(r.shell < BOUND_MS && r.raw < BOUND_MS && r.byClass < BOUND_MS, `${r.name}: ${r.shell} / ${r.raw} / ${r.byClass} ms`);
    }
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    assert.equal(byName['a lone surrogate inside the quote'].matches, 1, 'a lone surrogate becomes U+FFFD, and the quote still matches');
    assert.equal(byName['empty'].matches, 0);
    assert.deepEqual(page.problems, []);
  });
});

// Whether a selection stalls the page: the longest task (PerformanceObserver 'longtask') between the reader's mouseup
// and the popup, for a select-all of a page of `paragraphs`.
async function selectAllStall(page) {
  return page.evaluate(async () => {
    const tasks = [];
    new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    getSelection().selectAllChildren(document.querySelector('main'));
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
    await new Promise((r) => setTimeout(r, 1500));
    return { chars: getSelection().toString().length, longest: Math.max(0, ...tasks) };
  });
}

test('selecting all of a 1 MB page does not freeze it', async (t) => {
  const body = `<main>${Array.from({ length: 2000 }, (_, i) => `<p>${i}. ${escapeHtml(HELMER)}, and the rest of a long paragraph of filler text that makes this page about a megabyte in all, with some more words in it to get there: ${'lorem ipsum dolor sit amet '.repeat(14)}</p>`).join('\n')}</main>`;
  server.put('/bounded/huge.html', htmlPage({ body }));
  await withPage(browser, `${server.origin}/bounded/huge.html`, async (page) => {
    const { chars, longest } = await selectAllStall(page);
    t.diagnostic(`select-all of ${chars} characters: longest task ${longest.toFixed(0)} ms`);
    assert.ok(chars > 1_000_000, `${chars} characters selected`);
    assert.ok(longest < BOUND_MS, `the page froze for ${longest} ms`);
    assert.deepEqual(page.problems, []);
  });
});

// text::sentences looks back over the whole run of dots before every '.', so a run of n dots costs n²/2 steps.
test('regression: a selection of 20,000 dots (a dot leader) is answered without freezing the page', async (t) => {
  server.put('/bounded/dots.html', htmlPage({ body: `<main><p>Contents ${'.'.repeat(30000)} 3</p></main>` }));
  await withPage(browser, `${server.origin}/bounded/dots.html`, async (page) => {
    const { longest } = await selectAllStall(page);
    const direct = await page.evaluate(async () => { const t0 = performance.now(); await window.crosscheck.lookup('.'.repeat(20000)); return performance.now() - t0; });
    t.diagnostic(`select-all of a dot leader: longest task ${longest.toFixed(0)} ms; lookup of 20,000 dots ${direct.toFixed(0)} ms`);
    assert.ok(longest < BOUND_MS && direct < BOUND_MS, `${longest} ms, ${direct} ms`);
  });
});

// Chromium keeps U+00AD in Selection.toString(), and the core splits words at it.
test('regression: on a page hyphenated with &shy;, a selected sentence still finds its claim', async () => {
  server.put('/bounded/shy.html', htmlPage({ body: '<main><p id="shy">Presi&shy;dent As&shy;sad flew to Mos&shy;cow on Novem&shy;ber 29.</p></main>' }));
  await withPage(browser, `${server.origin}/bounded/shy.html`, async (page) => {
    const [selected, found] = await page.evaluate(async () => {
      getSelection().selectAllChildren(document.getElementById('shy'));
      const text = getSelection().toString();
      return [text, (await window.crosscheck.lookup(text)).matches.length];
    });
    assert.ok(selected.includes('\u00ad'), 'the selection keeps the soft hyphens');
    assert.ok(found > 0, 'the claim is found as it is without soft hyphens');
  });
});
