//! Fresh copies of the small dataset fixture, for native tests that break it on purpose.

use std::path::{Path, PathBuf};

/// A fresh copy of tests/fixtures/small in the temporary folder, named after the test and the process.
pub fn small_copy(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosscheck-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(Path::new("tests/fixtures/small"), &dir);
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
