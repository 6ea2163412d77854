//! The sorted term dictionary: lookups by binary search over block keys, or through a hash table.

use super::reader::Reader;
use super::store::{Store, BLOCK};

/// The dictionary as a hash table (`Store::term_table`), built for small datasets (see `Engine`):
/// per slot, where the term is in the store's bytes (plus one; 0 for an empty slot) and its id.
/// Open addressing with linear probing, at most two thirds full.
pub struct TermTable {
    pub(super) slots: Vec<(u32, u32)>,
}

impl TermTable {
    /// The ids it holds, in slot order (for tests that compare it with the sorted dictionary).
    pub fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.slots.iter().filter(|s| s.0 != 0).map(|s| s.1)
    }
}

/// FxHash, the workspace's one hash for tables (crosscheck-text's `hash`): the table is the
/// store's own, filled from its dictionary, so chosen collisions are no concern.
fn term_hash(term: &[u8]) -> u32 {
    use std::hash::Hasher;
    let mut h = crosscheck_text::hash::FxHasher::default();
    h.write(term);
    (h.finish() >> 32) as u32
}

/// A term's first four bytes as a big-endian integer, zero-padded. Cutting and padding with the
/// smallest byte keep the order: a smaller key is a smaller term, and equal keys say nothing.
pub(super) fn prefix_key(term: &[u8]) -> u32 {
    let mut key = [0u8; 4];
    for (k, b) in key.iter_mut().zip(term) {
        *k = *b;
    }
    u32::from_be_bytes(key)
}

impl Store {
    /// The id of a term: a binary search over the first term of each block of the sorted
    /// dictionary, then a scan of that block.
    pub fn term_id(&self, term: &str) -> Option<u32> {
        let term = term.as_bytes();
        let heads = &self.term_at.at;
        let head = |b: usize| Reader::at(&self.bytes, heads[b] as usize).bytes_field().unwrap_or(&[]);
        let key = prefix_key(term);
        // The last block whose first term is not after `term`.
        let (mut lo, mut hi) = (0usize, heads.len().min(self.term_keys.len()));
        while lo < hi {
            let mid = (lo + hi) / 2;
            let not_after = match self.term_keys[mid].cmp(&key) {
                std::cmp::Ordering::Less => true,
                std::cmp::Ordering::Greater => false,
                std::cmp::Ordering::Equal => head(mid) <= term,
            };
            if not_after {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let block = lo.checked_sub(1)?;
        let mut r = Reader::at(&self.bytes, heads[block] as usize);
        let first = block * BLOCK;
        for _ in first..(first + BLOCK).min(self.term_count()) {
            let found = r.bytes_field().ok()?.cmp(term);
            let id = r.varint().ok()? as u32;
            match found {
                std::cmp::Ordering::Less => {}
                std::cmp::Ordering::Equal => return Some(id),
                std::cmp::Ordering::Greater => return None,
            }
        }
        None
    }

    /// Every term of the dictionary by hash, for `term_id_in`; `None` if the dictionary cannot be
    /// walked (only damaged bytes that opening let through could do that).
    pub fn term_table(&self) -> Option<TermTable> {
        let n = self.term_count();
        // At most two thirds full (a third on average): short probes, for 8 bytes a slot.
        let size = (n + n / 2 + 1).next_power_of_two();
        let mut slots = vec![(0u32, 0u32); size];
        let mask = size - 1;
        for (b, &at) in self.term_at.at.iter().enumerate() {
            let mut r = Reader::at(&self.bytes, at as usize);
            for _ in b * BLOCK..((b + 1) * BLOCK).min(n) {
                let pos = r.pos;
                let term = r.bytes_field().ok()?;
                let id = u32::try_from(r.varint().ok()?).ok()?;
                let mut k = term_hash(term) as usize & mask;
                while slots[k].0 != 0 {
                    k = (k + 1) & mask;
                }
                slots[k] = (u32::try_from(pos).ok()?.checked_add(1)?, id);
            }
        }
        Some(TermTable { slots })
    }

    /// `term_id`, through the table `term_table` built: one hash and, mostly, one comparison.
    pub fn term_id_in(&self, table: &TermTable, term: &str) -> Option<u32> {
        let term = term.as_bytes();
        let mask = table.slots.len().checked_sub(1)?;
        let mut k = term_hash(term) as usize & mask;
        // The table always has empty slots, so one ends every probe.
        loop {
            let (pos, id) = *table.slots.get(k)?;
            if pos == 0 {
                return None;
            }
            if Reader::at(&self.bytes, pos as usize - 1).bytes_field().ok()? == term {
                return Some(id);
            }
            k = (k + 1) & mask;
        }
    }
}
