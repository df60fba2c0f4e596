//! The shape of the workspace, checked: the crates depend on each other in one direction
//! (`clientele → server → app → store → core`), and no source file outgrows a room (700
//! lines, tests apart). That the edges write only through this crate is checked by clippy
//! (`clippy.toml` of `crates/server` and `crates/clientele`).

use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The workspace crates a crate's manifest names under `[dependencies]`.
fn dependencies(krate: &str) -> Vec<String> {
    let manifest =
        std::fs::read_to_string(workspace().join("crates").join(krate).join("Cargo.toml"))
            .unwrap_or_else(|e| panic!("crates/{krate}/Cargo.toml: {e}"));
    let mut in_dependencies = false;
    let mut found = Vec::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_dependencies = line == "[dependencies]";
        } else if in_dependencies && line.starts_with("clientele-") {
            found.push(line.split(['.', ' ', '=']).next().unwrap_or("").to_owned());
        }
    }
    found.sort();
    found
}

#[test]
fn the_crates_depend_on_each_other_in_one_direction() {
    assert_eq!(dependencies("core"), Vec::<String>::new());
    assert_eq!(dependencies("store"), ["clientele-core"]);
    assert_eq!(dependencies("app"), ["clientele-core", "clientele-store"]);
    for edge in ["server", "clientele"] {
        let deps = dependencies(edge);
        assert!(
            deps.iter().any(|d| d == "clientele-app"),
            "{edge} calls the use cases of clientele-app: {deps:?}"
        );
    }
    assert!(!dependencies("server").iter().any(|d| d == "clientele"));
}

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// Test code (a `tests.rs` or `*_tests.rs` module, or a file under a `tests` folder) may be
/// long; what the product runs may not.
fn is_test_file(path: &Path) -> bool {
    let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    name == "tests"
        || name.ends_with("_tests")
        || path.components().any(|c| c.as_os_str() == "tests")
}

#[test]
fn no_source_file_is_over_700_lines() {
    let mut files = Vec::new();
    for krate in std::fs::read_dir(workspace().join("crates"))
        .unwrap()
        .flatten()
    {
        sources(&krate.path().join("src"), &mut files);
    }
    assert!(files.len() > 50, "found only {} source files", files.len());
    let mut long: Vec<String> = files
        .iter()
        .filter(|f| !is_test_file(f))
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).ok()?.lines().count();
            (lines > 700).then(|| format!("{} ({lines} lines)", f.display()))
        })
        .collect();
    long.sort();
    assert!(long.is_empty(), "split by entity or concern: {long:#?}");
}
