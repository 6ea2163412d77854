use crosscheck::text::{analyze, Lexicon};
use std::collections::HashMap;
fn main() {
    let tsv = std::fs::read_to_string("bench/out/claims.tsv").unwrap();
    let lex = Lexicon::default();
    let mut dict: HashMap<String, usize> = HashMap::new();
    let mut occ = 0; let mut uniq_doc = 0; let mut pairs = std::collections::HashSet::new();
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let mut seen = std::collections::HashSet::new();
        for t in f.iter().skip(1) {
            let terms = analyze(t, &lex);
            occ += terms.len();
            for w in terms.windows(2) { pairs.insert(format!("{} {}", w[0], w[1])); }
            for t in terms { *dict.entry(t.clone()).or_default() += 1; if seen.insert(t) { uniq_doc += 1; } }
        }
    }
    let bytes: usize = dict.keys().map(|k| k.len()).sum();
    let mut freq: Vec<usize> = dict.values().copied().collect(); freq.sort_unstable_by(|a,b| b.cmp(a));
    let (mut v1, mut v2) = (0usize, 0usize);
    for (i, f) in freq.iter().enumerate() { v1 += f * if i < 128 {1} else if i < 16384 {2} else {3}; }
    let mut sorted: Vec<&String> = dict.keys().collect(); sorted.sort();
    for (i, k) in sorted.iter().enumerate() { v2 += dict[*k] * if i < 128 {1} else if i < 16384 {2} else {3}; }
    println!("terms {} bytes {} occ {} (term,doc) {} pairs {} varint freq-order {} lex-order {}", dict.len(), bytes, occ, uniq_doc, pairs.len(), v1, v2);
}
