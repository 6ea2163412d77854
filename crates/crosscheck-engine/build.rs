//! Compiles the default dataset (data/seed) into the binary that the library embeds, search index
//! included, so that the widget analyses no text when it starts. A dataset error stops the build
//! here, with the file, the entry and the fix, so a bad quote can never reach a reader's browser.
//! It compiles with crosscheck-text and crosscheck-format, the crates the engine reads the result
//! with, so the seed is analysed by the code that analyses selections.

use crosscheck_format::{binary, source};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

fn main() {
    // Cargo sets both variables for every build script it runs, so these cannot fail; the build script runs at compile
    // time only, where no reader's input or run-time dataset reaches it.
    #[allow(clippy::expect_used)]
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    #[allow(clippy::expect_used)]
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    // The code that compiles it is crosscheck-text and crosscheck-format, build-dependencies that
    // Cargo tracks itself; the data is the only input left to name.
    println!("cargo:rerun-if-changed=../../data/seed");

    let seed = root.join("../../data/seed");
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
