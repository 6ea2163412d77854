//! Compiles the default dataset (data/seed) into the binary that the library embeds, search index
//! included, so that the widget analyses no text when it starts. A dataset error stops the build
//! here, with the file, the entry and the fix, so a bad quote can never reach a reader's browser.
//! (The text analysis's tables are checked in: see examples/tables.rs.)

#![allow(dead_code)] // build.rs uses the encoder only; the library uses the rest.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

// The dataset modules only refer to each other through `super::`, so they compile here as they do
// in the library.
#[path = "src/dataset/binary.rs"]
mod binary;
#[path = "src/dataset/huffman.rs"]
mod huffman;
#[path = "src/dataset/model.rs"]
mod model;
#[path = "src/dataset/source.rs"]
mod source;
#[path = "src/dataset/variants.rs"]
mod variants;
// The analyser, so that the index is built with the same code that analyses a reader's selection.
#[path = "src/text.rs"]
mod text;

fn main() {
    // Cargo sets both variables for every build script it runs, so these cannot fail; the build script runs at compile
    // time only, where no reader's input or run-time dataset reaches it.
    #[allow(clippy::expect_used)]
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    #[allow(clippy::expect_used)]
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=data/seed");
    for f in [
        "src/dataset/binary.rs",
        "src/dataset/huffman.rs",
        "src/dataset/model.rs",
        "src/dataset/source.rs",
        "src/dataset/variants.rs",
        "src/text.rs",
        "src/text/tables.rs",
    ] {
        println!("cargo:rerun-if-changed={f}");
    }

    let seed = root.join("data/seed");
    match source::compile_dir(&seed) {
        Ok(ds) => {
            let bytes = binary::encode(&ds);
            // The tables opening these bytes finds, so that the widget reads them instead of
            // walking the dataset at every start (binary::Store::image).
            let image = match binary::Store::open(Cow::Owned(bytes.clone())) {
                Ok(store) => store.image(),
                Err(e) => {
                    eprintln!("\nerror: the compiled default dataset does not open: {e}\n");
                    std::process::exit(1);
                }
            };
            write(&out.join("seed.ccd"), &bytes);
            write(&out.join("seed.idx"), &image);
        }
        Err(e) => {
            eprintln!("\nerror: the default dataset does not compile\n  {e}\n");
            std::process::exit(1);
        }
    }
}

fn write(path: &Path, bytes: &[u8]) {
    if let Err(e) = std::fs::write(path, bytes) {
        eprintln!("error: cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
}
