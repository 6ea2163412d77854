// popup.test.mjs — the popup as a reader meets it (issue 22): it leads with where the selection stands and who says
// otherwise, both sides in the first screenful; a citation for every account; "this article" for the page the reader
// is on; marks with a disputed tint, a legend, a pointer and a preview; a note when a selection carries no claim;
// the same size under any root font size; Arabic labels for an Arabic selection; zero axe-core violations in the
// popup, on the demo and on a third-party page embedded with the README's one line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ROOT, startServer, launch, selectText, readPopup, waitForPopup, findDisputedQuote, HELMER, ARTICLE_2024, ARTICLE_2019 } from './helpers.mjs';
import { withPage, htmlPage, escapeHtml } from './harness.mjs';

const SHOTS = process.env.UPDATE_SCREENSHOTS ? join(ROOT, 'docs', 'screenshots') : join(tmpdir(), 'crosscheck-screenshots');
mkdirSync(SHOTS, { recursive: true });
const AXE = readFileSync(join(ROOT, 'tests/e2e/node_modules/axe-core/axe.min.js'), 'utf8');
const THIRD_PARTY = '/csp/fixtures/thirdparty.html';
const FALSE_BELARUS = 'This was false. The Kremlin record shows Putin was in Moscow on all the three days.';
const CANONICAL = 'https://johnhelmer.online/writing-on-the-kremlin-wall-is-it-strategy-or-alibi/';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// Records CSP violations (init scripts run outside the page's policy).
const WATCH_CSP = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
};

const inShadow = (page, fn, arg) => page.evaluate(([body, arg]) => {
  const root = document.querySelector('crosscheck-popup').shadowRoot;
  return new Function('root', 'arg', body)(root, arg);
}, [`return (${fn})(root, arg);`, arg]);

// Clicks every "N more" button of the open popup until all accounts are rendered.
const expandAll = (page) => page.evaluate(() => {
  const root = document.querySelector('crosscheck-popup').shadowRoot;
  for (let i = 0; i < 20; i++) { const b = root.querySelector('section button.more'); if (!b) break; b.click(); }
  for (const t of root.querySelectorAll('button.toggle[aria-expanded=false]')) t.click();
});

// axe-core run over the page with the popup open; only what is inside the widget counts (the demo's own page is not
// the widget's to fix). Injected through the devtools protocol, which the page's CSP does not govern.
async function axePopup(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.filter((n) => JSON.stringify(n.target).includes('crosscheck-popup')).map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary}`) }))
      .filter((v) => v.nodes.length);
  });
}

// The parts of the first claim that are in view inside the popup's scroll region, as it opens (no scrolling).
const firstScreen = (page) => inShadow(page, (root) => {
  const region = root.querySelector('.claims').getBoundingClientRect();
  const visible = (el) => { if (!el) return false; const r = el.getBoundingClientRect(); return r.height > 0 && r.top >= region.top - 1 && r.bottom <= region.bottom + 1; };
  const claim = root.querySelector('article');
  return {
    scrollTop: root.querySelector('.claims').scrollTop,
    lead: visible(claim.querySelector('.lead')),
    sides: [...claim.querySelectorAll('section')].map((s) => ({
      stance: s.className, heading: visible(s.querySelector('h3')),
      // The strongest account: its speaker and its quote (a long quote may run on below).
      first: visible(s.querySelector('li .who')) && s.querySelector('li blockquote').getBoundingClientRect().top < region.bottom - 10,
    })),
  };
});

test('third-party page (reset, 62.5% root, strict CSP, one-line embed): a disputed sentence shows its side, both sides and a citation for every account in the first screenful', async () => {
  await withPage(browser, server.origin + THIRD_PARTY, async (page) => {
    assert.ok(page.info?.claims > 0, 'the core loaded under the page\'s CSP');
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '10px');
    await selectText(page, FALSE_BELARUS, { scope: 'article', at: 120 });
    await waitForPopup(page);
    const api = await page.evaluate((t) => window.crosscheck.lookup(t), FALSE_BELARUS);
    const popup = await readPopup(page);
    const claim = popup.claims[0];
    assert.match(claim.text, /Belarus/, 'the claim the sentence disputes');
    // The first line says where the selection stands: the core's side when it gives one, else what is certain.
    const side = api.matches[0].side ?? 'unknown';
    assert.equal(claim.side, side);
    const expected = { asserts: /^Your selection agrees with this claim$/, disputes: /^Your selection disputes this claim$/, unknown: /^Contested claim: \d+ independent sources? agrees?, \d+ disagrees?$/ }[side];
    assert.match(claim.lead, expected);
    if (side === 'disputes') {
      assert.match(claim.groups[0].name, /^Support the claim · says otherwise · \d+$/, 'who says otherwise comes first');
      assert.match(claim.groups[1].name, /^Dispute the claim · on your side · \d+$/);
    }
    // Both sides, each with its strongest account, without scrolling.
    const screen = await firstScreen(page);
    assert.equal(screen.scrollTop, 0);
    assert.ok(screen.lead, 'the lead line is in view');
    for (const stance of ['corroborates', 'conflicts']) {
      const s = screen.sides.find((x) => x.stance === stance);
      assert.ok(s?.heading && s.first, `${stance}: heading and first account in view: ${JSON.stringify(screen)}`);
    }
    // The selection's own account is not offered back as the first evidence.
    // (The core's side_account, or the account whose quote the selection is, word for word.)
    const counts = Object.fromEntries(['corroborates', 'conflicts', 'context'].map((st) => [st, api.matches[0].accounts.filter((a) => a.stance === st).length]));
    for (const g of claim.groups) if (counts[g.stance] > 1) assert.equal(g.accounts[0].selected, false, `${g.name}: first is not the selection`);
    // Every account: a citation; a link when its source has a url (not to this page); "this article" for this page's.
    await expandAll(page);
    const all = (await readPopup(page)).claims[0].groups.flatMap((g) => g.accounts);
    const shown = api.matches[0].accounts;
    assert.equal(all.length, shown.length, 'every account can be shown');
    for (const a of all) {
      const account = shown.find((x) => x.quote === a.quote);
      const src = api.sources[account.source];
      assert.ok(a.cite.includes(src.outlet || src.title), `a citation for ${a.who}: "${a.cite}"`);
      if (src.title) assert.ok(a.cite.includes(src.title), `its title: "${a.cite}"`);
      const fromHere = src.url === CANONICAL || api.sources.find((s) => s.id === src.within)?.url === CANONICAL;
      assert.equal(a.here, fromHere, `${a.who}: "this article" exactly when the source is this page`);
      if (src.url && src.url !== CANONICAL) assert.ok(a.links.some((l) => l.startsWith(src.url)), `${a.who}: a link to ${src.url}: ${a.links}`);
      else assert.deepEqual(a.links, [], `${a.who}: no url elsewhere, no source base: a plain citation`);
      assert.ok(a.links.every((l) => !l.startsWith(CANONICAL)), 'no link to the page the reader is on');
    }
    assert.ok(all.some((a) => a.here) && all.some((a) => a.cite.startsWith('this article')), 'accounts from this page say so');
    const mine = all.filter((a) => a.selected);
    assert.equal(mine.length, 1, 'the account the selection quotes is marked as the reader\'s selection');
    assert.ok(FALSE_BELARUS.includes(mine[0].quote.trim()), mine[0].quote);
    // The same size whatever the root font size (the page's 62.5%, the browser's 100%, a reader's 200%).
    const size = () => page.evaluate(() => {
      const panel = document.querySelector('crosscheck-popup').shadowRoot.querySelector('.panel');
      return { w: panel.getBoundingClientRect().width, font: getComputedStyle(panel).fontSize, h2: getComputedStyle(panel.querySelector('h2')).fontSize, close: panel.querySelector('.close').getBoundingClientRect().width };
    });
    const at62 = await size();
    for (const root of ['100%', '200%', '8px']) {
      await page.evaluate((v) => { document.documentElement.style.fontSize = v; }, root);
      assert.deepEqual(await size(), at62, `root font size ${root}`);
    }
    await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
    assert.equal(at62.font, '14px');
    assert.equal(at62.close, 32);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(page.problems, []);
    await page.screenshot({ path: join(SHOTS, 'popup-third-party.png') });
  }, { init: WATCH_CSP });
});

test('axe-core finds no violation in the open popup: on the demo, on a disputed claim with every account shown, and on the third-party page', async () => {
  await withPage(browser, server.origin + ARTICLE_2024, async (page) => {
    await selectText(page, HELMER);
    await waitForPopup(page);
    assert.deepEqual(await axePopup(page), [], 'demo, light');
    await selectText(page, FALSE_BELARUS);
    await waitForPopup(page);
    await expandAll(page);
    assert.deepEqual(await axePopup(page), [], 'demo, a disputed claim, all accounts');
  });
  await withPage(browser, server.origin + ARTICLE_2024, async (page) => {
    await selectText(page, FALSE_BELARUS);
    await waitForPopup(page);
    await expandAll(page);
    assert.deepEqual(await axePopup(page), [], 'demo, dark');
  }, { colorScheme: 'dark' });
  await withPage(browser, server.origin + THIRD_PARTY, async (page) => {
    await selectText(page, FALSE_BELARUS, { scope: 'article' });
    await waitForPopup(page);
    assert.deepEqual(await axePopup(page), [], 'third-party page');
    await expandAll(page);
    assert.deepEqual(await axePopup(page), [], 'third-party page, all accounts');
    // The scroll region takes focus, so the arrow keys scroll the popup, not the page.
    await page.keyboard.press('Alt+Shift+C');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focus = await inShadow(page, (root) => root.activeElement?.className);
    assert.equal(focus, 'claims');
    const before = await inShadow(page, (root) => [root.querySelector('.claims').scrollTop, scrollY]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(200);
    const after = await inShadow(page, (root) => [root.querySelector('.claims').scrollTop, scrollY]);
    assert.ok(after[0] > before[0], `the popup scrolled: ${before} -> ${after}`);
    assert.equal(after[1], before[1], 'the page did not');
  });
});

test('the counts jump to each side; with several claims each headline and its counts are in view', async () => {
  await withPage(browser, server.origin + ARTICLE_2024, async (page) => {
    await selectText(page, FALSE_BELARUS);
    await waitForPopup(page);
    const jumped = await inShadow(page, (root) => {
      const jump = root.querySelector('button.jump.context') ?? root.querySelector('button.jump.conflicts');
      jump.click();
      const section = root.getElementById(jump.getAttribute('aria-controls'));
      const region = root.querySelector('.claims').getBoundingClientRect(), r = section.getBoundingClientRect();
      return { focused: root.activeElement === section, inView: r.top >= region.top - 1 && r.top < region.bottom };
    });
    assert.deepEqual(jumped, { focused: true, inView: true });
  });
  await withPage(browser, server.origin + ARTICLE_2019, async (page) => {
    const paragraph = await page.evaluate(async () => {
      for (const p of document.querySelectorAll('main p')) {
        const { matches } = await window.crosscheck.lookup(p.textContent);
        if (new Set(matches.map((m) => m.claim.id)).size >= 3) return p.textContent;
      }
      return null;
    });
    assert.ok(paragraph, 'a paragraph with three claims');
    await selectText(page, paragraph, { at: 20 });
    await waitForPopup(page);
    const heads = await inShadow(page, (root) => {
      const region = root.querySelector('.claims').getBoundingClientRect();
      const inView = (el) => { const r = el.getBoundingClientRect(); return r.top >= region.top - 1 && r.bottom <= region.bottom + 1; };
      return [...root.querySelectorAll('article')].slice(0, 3).map((a) => ({ h2: inView(a.querySelector('h2')), counts: inView(a.querySelector('.summary')), height: Math.round(a.getBoundingClientRect().height), region: Math.round(region.height) }));
    });
    await page.screenshot({ path: join(SHOTS, 'popup-several-claims.png') });
    for (const h of heads) assert.ok(h.h2 && h.counts, JSON.stringify(heads));
    // A count opens its claim's accounts and goes to them.
    const opened = await inShadow(page, (root) => {
      const claim = root.querySelectorAll('article')[1];
      claim.querySelector('button.jump').click();
      return { body: !claim.querySelector('.body').hidden, toggle: claim.querySelector('button.toggle').getAttribute('aria-expanded') };
    });
    assert.deepEqual(opened, { body: true, toggle: 'true' });
  }, { viewport: { width: 1100, height: 1000 } });
});

test('an Arabic selection gets Arabic labels in a right-to-left popup', async () => {
  await withPage(browser, server.origin + ARTICLE_2019, async (page) => {
    const found = await findDisputedQuote(page, { language: 'ar', minWords: 6 }) || await findDisputedQuote(page, { language: 'ar' });
    assert.ok(found, 'an Arabic sentence of the article carries a claim');
    await selectText(page, found.quote, { at: 90 });
    await waitForPopup(page);
    const popup = await readPopup(page);
    assert.equal(popup.lang, 'ar');
    assert.equal(popup.dir, 'rtl');
    assert.match(popup.claims[0].lead, /[\u0600-\u06ff]/, `an Arabic lead: ${popup.claims[0].lead}`);
    assert.ok(popup.claims[0].groups.every((g) => /[\u0600-\u06ff]/.test(g.name)), 'Arabic group names');
    const look = await inShadow(page, (root) => ({
      direction: getComputedStyle(root.querySelector('.panel')).direction,
      close: root.querySelector('.close').getAttribute('aria-label'),
      // In a right-to-left panel the close button is at the left.
      closeLeft: root.querySelector('.close').getBoundingClientRect().left - root.querySelector('.panel').getBoundingClientRect().left < 60,
    }));
    assert.deepEqual(look, { direction: 'rtl', close: 'إغلاق', closeLeft: true });
    assert.deepEqual(await axePopup(page), []);
    // An English selection on the same page is back in English, left to right.
    const english = await findDisputedQuote(page, { language: 'en' });
    await selectText(page, english.quote);
    await page.waitForFunction(() => document.querySelector('crosscheck-popup').shadowRoot.querySelector('.panel').lang === 'en');
    const back = await readPopup(page);
    assert.equal(back.dir, 'ltr');
  });
});

test('a mouse selection of a few words that carries no claim gets a brief note; a word or two gets none', async () => {
  await withPage(browser, server.origin + THIRD_PARTY, async (page) => {
    const toast = () => inShadow(page, (root) => { const t = root.querySelector('.toast'); return t.hidden ? null : { text: t.textContent, aria: t.getAttribute('aria-hidden') }; });
    await selectText(page, 'The weather in the capital was mild for the season', { scope: 'article' });
    await page.waitForFunction(() => !document.querySelector('crosscheck-popup').shadowRoot.querySelector('.toast').hidden, null, { timeout: 3000 });
    assert.deepEqual(await toast(), { text: 'No known claim here', aria: 'true' });
    await page.waitForFunction(() => /No known claim here/.test(document.querySelector('crosscheck-popup').shadowRoot.querySelector('[aria-live]').textContent));
    assert.equal(await readPopup(page), null, 'no popup');
    await page.waitForFunction(() => document.querySelector('crosscheck-popup').shadowRoot.querySelector('.toast').hidden, null, { timeout: 4000 });
    await selectText(page, 'weather', { scope: 'article' });
    await page.waitForTimeout(400);
    assert.equal(await toast(), null, 'one word: no note');
    // A selection with a claim opens the popup and no note.
    await selectText(page, FALSE_BELARUS, { scope: 'article' });
    await waitForPopup(page);
    assert.equal(await toast(), null);
    assert.deepEqual(page.problems, []);
  });
});

test('marks: disputed claims have their own tint, a legend appears once, a pointer and a preview on hover or caret; headings need a surer match', async () => {
  const HEADLINE = 'The last flight out: how Bashar al-Assad left Damascus';
  const body = `<main><h2 id="headline">${escapeHtml(HEADLINE)}</h2>
<p id="disputed">${escapeHtml(FALSE_BELARUS)}</p>
<p id="short">Putin was visiting Belarus.</p>
<p id="plain">The weather in the capital was mild for the season, and the markets were busy until late.</p>
${readFileSync(join(ROOT, 'www', ARTICLE_2024), 'utf8').match(/<main[^>]*>([\s\S]*?)<\/main>/)[1]}</main>`;
  server.put('/popup/marks.html', htmlPage({ attrs: { scope: 'main', automark: '' }, body }));
  await withPage(browser, `${server.origin}/popup/marks.html`, async (page) => {
    await page.waitForFunction(() => CSS.highlights.get('crosscheck')?.size > 0, null, { timeout: 20000 });
    await page.waitForTimeout(1500);
    const r = await page.evaluate(async (headline) => {
      const all = [...CSS.highlights.get('crosscheck')], disputed = new Set(CSS.highlights.get('crosscheck-disputed'));
      const BLOCKS = 'p, li, blockquote, h1, h2, h3, h4, h5, h6, td, dd';
      // Each mark's claims as the core's marks() gives them (every sentence that carries a claim), and whether each
      // has accounts on both sides by its summary.
      const core = await import('/pkg/crosscheck.js');
      const engine = new core.Crosscheck();
      const claims = engine.claims().claims;
      const wrong = [];
      for (const range of all) {
        const block = range.startContainer.parentElement.closest(BLOCKS);
        const before = document.createRange();
        before.setStart(block, 0); before.setEnd(range.startContainer, range.startOffset);
        const offset = before.toString().length, flat = engine.marks(block.textContent);
        let contested = false;
        for (let i = 0; i < flat.length; i += 3) if (flat[i] === offset) { const s = claims[flat[i + 2]].summary; contested ||= s.corroborates > 0 && s.conflicts > 0; }
        if (contested !== disputed.has(range)) wrong.push(range.toString().slice(0, 60));
      }
      const markedIn = (id) => all.some((x) => document.getElementById(id).contains(x.startContainer));
      return {
        marks: all.length, disputed: disputed.size, wrong,
        disputedMarked: markedIn('disputed') && [...disputed].some((x) => document.getElementById('disputed').contains(x.startContainer)),
        plain: markedIn('plain'), short: markedIn('short'), headline: markedIn('headline'),
        headlineCore: engine.marks(headline).length > 0, headlineScore: engine.lookup(headline).matches[0]?.score ?? null,
        priority: CSS.highlights.get('crosscheck-disputed').priority,
      };
    }, HEADLINE);
    assert.ok(r.disputed > 0 && r.disputed < r.marks, `${r.disputed} of ${r.marks} marks disputed`);
    assert.deepEqual(r.wrong, [], 'the disputed tint is on exactly the marks of claims with both sides');
    assert.ok(r.disputedMarked, 'the disputed sentence is marked with the disputed tint');
    assert.equal(r.plain, false);
    assert.ok(r.headlineCore, 'the core alone would mark the headline');
    assert.equal(r.headline, false, `the headline is not marked (its best match at ${r.headlineScore})`);
    assert.equal(r.short, true, 'a short block the core is sure of is marked');
    assert.equal(r.priority, 1);
    // The legend, once, in the page's language, with a dismiss button.
    const legend = await inShadow(page, (root) => { const l = root.querySelector('.legend'); return l && { text: l.textContent, swatches: l.querySelectorAll('.swatch').length, role: l.getAttribute('role') }; });
    assert.ok(legend, 'a legend appeared with the first marks');
    assert.equal(legend.swatches, 2);
    assert.match(legend.text, /disputed claim/);
    await page.screenshot({ path: join(SHOTS, 'marks-legend.png') });
    await inShadow(page, (root) => root.querySelector('.legend button').click());
    assert.equal(await inShadow(page, (root) => root.querySelector('.legend')), null);
    // Hover: a pointer and a preview with the claim and its counts; away from the mark, neither.
    const point = await page.evaluate(() => {
      const p = document.getElementById('disputed');
      p.scrollIntoView({ block: 'center' });
      const r = [...CSS.highlights.get('crosscheck')].find((x) => p.contains(x.startContainer)).getClientRects()[0];
      return { x: r.left + 30, y: r.top + r.height / 2 };
    });
    await page.mouse.move(point.x, point.y);
    await page.waitForFunction(() => !document.querySelector('crosscheck-popup').shadowRoot.querySelector('.peek').hidden, null, { timeout: 3000 });
    const peek = await inShadow(page, (root) => ({ text: root.querySelector('.peek').textContent, role: root.querySelector('.peek').getAttribute('role') }));
    assert.match(peek.text, /Belarus/);
    assert.match(peek.text, /\d+ supports?.*\d+ disputes?/);
    assert.equal(peek.role, 'tooltip');
    assert.equal(await page.evaluate(({ x, y }) => getComputedStyle(document.elementFromPoint(x, y)).cursor, point), 'pointer');
    await page.mouse.move(5, 5);
    await page.waitForFunction(() => document.querySelector('crosscheck-popup').shadowRoot.querySelector('.peek').hidden, null, { timeout: 3000 });
    assert.equal(await page.evaluate(({ x, y }) => getComputedStyle(document.elementFromPoint(x, y)).cursor, point), 'auto');
    // The caret in a mark previews it too; Enter opens it.
    await page.evaluate(() => {
      const p = document.getElementById('disputed');
      const mark = [...CSS.highlights.get('crosscheck')].find((x) => p.contains(x.startContainer));
      getSelection().collapse(mark.startContainer, mark.startOffset + 5);
    });
    await page.waitForFunction(() => !document.querySelector('crosscheck-popup').shadowRoot.querySelector('.peek').hidden, null, { timeout: 3000 });
    await page.keyboard.press('Enter');
    await waitForPopup(page);
    assert.equal(await inShadow(page, (root) => root.querySelector('.peek').hidden), true, 'the preview gives way to the popup');
    assert.deepEqual(page.problems, []);
  });
});

test('screenshots: a disputed claim with both sides, a 375 px phone, and the third-party page in dark mode', async () => {
  await withPage(browser, server.origin + ARTICLE_2024, async (page) => {
    await selectText(page, FALSE_BELARUS, { at: 90 });
    await waitForPopup(page);
    await page.screenshot({ path: join(SHOTS, 'popup-both-sides.png') });
  });
  await withPage(browser, server.origin + ARTICLE_2024, async (page) => {
    const sel = await selectText(page, FALSE_BELARUS, { mouseup: false, at: 80 });
    await waitForPopup(page);
    const { rect } = await readPopup(page);
    assert.ok(rect.left >= 8 && rect.right <= 375 - 8, `inside a 375 px screen: ${rect.left}..${rect.right}`);
    assert.ok(rect.top >= sel.bottom - 1, 'below the selection');
    await page.screenshot({ path: join(SHOTS, 'popup-mobile-375.png') });
  }, { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  await withPage(browser, server.origin + THIRD_PARTY, async (page) => {
    await selectText(page, FALSE_BELARUS, { scope: 'article', at: 120 });
    await waitForPopup(page);
    await page.screenshot({ path: join(SHOTS, 'popup-third-party-dark.png') });
  }, { colorScheme: 'dark' });
});
