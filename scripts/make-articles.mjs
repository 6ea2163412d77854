// make-articles.mjs — turns the seed corpus (data/seed/corpus/*.txt) into the demo's readable article pages (www/articles/).
// Usage: node scripts/make-articles.mjs   (no dependencies; run again whenever the corpus or sources*.toml change)
// Each page embeds the widget exactly as a site owner would: one script tag, with data-source-base pointing at this
// folder, so that a popup's "Read in context" link opens the page that holds the quote. The article list in
// www/index.html (between <!-- articles --> and <!-- /articles -->) is rewritten too, so the two never drift apart.
import { readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = join(ROOT, 'data/seed');
const OUT = join(ROOT, 'www/articles');

const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/g;
const LATIN = /[A-Za-z]/g;

// Just enough TOML for [[source]] tables of `key = "string"` lines: a real parser would be a dependency, and the
// compiler (crosscheck build) already checks these files properly.
function readSources() {
  const sources = [];
  for (const file of readdirSync(SEED).filter((f) => /^sources.*\.toml$/.test(f)).sort()) {
    for (const block of readFileSync(join(SEED, file), 'utf8').split(/^\[\[source\]\]\s*$/m).slice(1)) {
      const src = {};
      for (const m of block.matchAll(/^(\w+)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*')\s*(?:#.*)?$/gm)) {
        src[m[1]] = m[2][0] === '"' ? JSON.parse(m[2]) : m[2].slice(1, -1);
      }
      sources.push(src);
    }
  }
  return sources;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const longDate = (d = '') => { const [y, m, day] = d.split('-'); return [day && Number(day), m && MONTHS[m - 1], y].filter(Boolean).join(' '); };

function paragraph(text) {
  const arabic = (text.match(ARABIC) || []).length, latin = (text.match(LATIN) || []).length;
  // dir="auto" lets each Arabic paragraph run right to left; lang tells fonts and screen readers what it is.
  const attrs = arabic ? (arabic > latin ? ' dir="auto" lang="ar"' : ' dir="auto"') : '';
  return `<p${attrs}>${text.split('\n').map((line) => escape(line.trim())).join('<br>\n')}</p>`;
}

function page({ title, byline, paragraphs, name }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — crosscheck demo</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="../demo.css">
<!-- The one line a site owner adds. source-base "." maps a source's text file to the page beside this one. -->
<script type="module" src="../crosscheck.js" data-scope="main" data-source-base="."></script>
</head>
<body>
<header class="site"><a href="../index.html">crosscheck</a> <span>demo article · select any sentence to check it</span></header>
<main class="article" id="${escape(name)}">
<h1>${escape(title)}</h1>
<p class="byline">${escape(byline)}</p>
${paragraphs.map(paragraph).join('\n')}
</main>
<footer class="site"><p>Text reproduced from the crosscheck seed corpus (<code>data/seed/corpus/${escape(name)}.txt</code>) for demonstrating the widget.</p></footer>
</body>
</html>
`;
}

const sources = readSources();
mkdirSync(OUT, { recursive: true });
const list = [];
for (const file of readdirSync(join(SEED, 'corpus')).filter((f) => f.endsWith('.txt')).sort()) {
  const name = basename(file, '.txt');
  const text = readFileSync(join(SEED, 'corpus', file), 'utf8').replace(/\r\n?/g, '\n');
  // The page's own publication: the first source of this file that is not carried inside another one.
  const own = sources.find((s) => s.file === `corpus/${file}` && !s.within) || {};
  const paragraphs = text.split(/\n[ \t\u00a0]*\n/).map((p) => p.replace(/^\s+|\s+$/g, '')).filter(Boolean);
  const title = own.title || paragraphs[0];
  if (paragraphs[0]?.replace(/\s+/g, ' ') === title.replace(/\s+/g, ' ')) paragraphs.shift();   // the h1 already shows it
  const byline = [own.outlet, own.author && `by ${own.author}`, longDate(own.date)].filter(Boolean).join(' · ');
  writeFileSync(join(OUT, `${name}.html`), page({ title, byline, paragraphs, name }));
  list.push(`  <li><a href="articles/${name}.html">${escape(title)}</a>${byline ? ` <span class="byline">${escape(byline)}</span>` : ''}</li>`);
  console.log(`www/articles/${name}.html  ${paragraphs.length} paragraphs  ${title}`);
}

const indexPath = join(ROOT, 'www/index.html');
const index = readFileSync(indexPath, 'utf8');
const block = /<!-- articles -->[\s\S]*?<!-- \/articles -->/;
if (!block.test(index)) throw new Error('www/index.html has no <!-- articles --> … <!-- /articles --> block to fill');
const updated = index.replace(block, () => `<!-- articles -->\n${list.join('\n')}\n<!-- /articles -->`);
writeFileSync(indexPath, updated);
