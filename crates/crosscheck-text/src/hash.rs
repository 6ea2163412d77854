//! FxHash, the one hash of the workspace's word-keyed tables.

use std::hash::{BuildHasherDefault, Hasher};

/// The word-keyed tables of analysis (stop words, the lexicon's phrases) hash with FxHash, the
/// hasher rustc uses for its own tables: a word is hashed twice per token, and SipHash, the
/// standard default, cost more than the lookups themselves. SipHash's defence against chosen
/// collisions is not needed here: every table is filled once, from the shipped stop-word lists
/// and the dataset, and what a page passes in is only looked up, never inserted. Written here, not
/// taken from a crate, because the analysis needs only std (it runs in build scripts and the browser).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Whole words as fixed-size loads; only the tail is copied byte by byte.
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.mix(u64::from(i));
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type Fx = BuildHasherDefault<FxHasher>;
