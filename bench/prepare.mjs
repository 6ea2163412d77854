// prepare.mjs — writes bench/out/claims.tsv: the CheckThat claims one per line, the input every engine in the bench indexes.
// verified_claims.docs.tsv holds 14 claims whose quoted text runs onto a second line. Read line by line (as the
// crosscheck CLI's reader does), each becomes two bogus claims, and the header line, whose id column is empty, becomes a
// claim too: 10,390 "claims" instead of 10,375. Here a line that does not start with a numeric id continues the claim
// before it (joined with a space); the text is otherwise left raw (quotes included), and the header gets an id column
// name so that every reader skips it.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const EVAL = process.env.CROSSCHECK_EVAL || join(HERE, '..', '..', 'shared', 'eval');
const src = join(EVAL, 'checkthat2020', 'verified_claims.docs.tsv');
const lines = readFileSync(src, 'utf8').replace(/\r/g, '').split('\n');
const records = [];
let continued = 0;
const data = lines.slice(1).filter((line) => line.trim());
for (const line of data) {
  if (/^\d+\t/.test(line)) records.push(line);
  else if (records.length) { records[records.length - 1] += ' ' + line; continued++; }
  else throw new Error(`${src}: a continuation line before any claim: ${line.slice(0, 60)}`);
}
const ids = new Set(records.map((r) => r.split('\t')[0]));
if (ids.size !== records.length) throw new Error(`${src}: duplicate claim ids`);
mkdirSync(join(HERE, 'out'), { recursive: true });
writeFileSync(join(HERE, 'out', 'claims.tsv'), ['vclaim_id\tvclaim\ttitle', ...records].join('\n') + '\n');
console.log(`bench/out/claims.tsv: ${records.length} claims (${data.length} lines after the header, ${continued} continuation lines joined)`);
