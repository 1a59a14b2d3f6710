#![allow(clippy::unwrap_used)] // a test may panic on what it reads
//! The map in ARCHITECTURE.md, checked: which room may import which, how long a file may grow,
//! and what each crate must never do.

use std::path::{Path, PathBuf};

const FEATURES: &[&str] = &[
    "org", "plans", "minutes", "docs", "kpi", "sync", "search", "site", "backup",
];

fn crates() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
    }
    out.sort();
    out
}

/// The code of a file without its line comments (docs mention other rooms freely).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn app_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn shared_imports_no_feature() {
    let mut bad = Vec::new();
    for (path, text) in sources(&app_src().join("shared")) {
        let code = code(&text);
        for f in FEATURES {
            if code.contains(&format!("crate::{f}::")) || code.contains(&format!("crate::{f};")) {
                bad.push(format!("{} uses crate::{f}", path.display()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "shared must not import a feature:\n{}",
        bad.join("\n")
    );
}

/// The submodules of a feature (its files and folders besides `mod.rs`).
fn submodules(feature: &str) -> Vec<String> {
    std::fs::read_dir(app_src().join(feature))
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            let stem = p.file_stem()?.to_str()?.to_string();
            (stem != "mod").then_some(stem)
        })
        .collect()
}

#[test]
fn features_use_only_each_others_front_door() {
    let mut bad = Vec::new();
    for f in FEATURES {
        for (path, text) in sources(&app_src().join(f)) {
            let code = code(&text);
            for other in FEATURES.iter().filter(|o| *o != f) {
                for sub in submodules(other) {
                    if code.contains(&format!("crate::{other}::{sub}::")) {
                        bad.push(format!(
                            "{} reaches into crate::{other}::{sub}",
                            path.display()
                        ));
                    }
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "a feature may use another feature only through what its mod.rs offers:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_file_in_app_grows_past_600_lines_without_a_reason() {
    let mut long = Vec::new();
    for (path, text) in sources(&app_src()) {
        let n = text.lines().count();
        let reason = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .any(|l| l.contains("Long because"));
        if n > 600 && !reason {
            long.push(format!("{} has {n} lines", path.display()));
        }
    }
    assert!(
        long.is_empty(),
        "split these, or say in the header why not (\"Long because …\"):\n{}",
        long.join("\n")
    );
}

#[test]
fn the_domain_does_no_io_and_reads_no_clock() {
    let mut bad = Vec::new();
    for (path, text) in sources(&crates().join("domain/src")) {
        // Tests may write the generated TypeScript; the domain itself may not.
        let code = code(text.split("#[cfg(test)]").next().unwrap_or_default());
        for word in [
            "std::fs", "std::env", "std::net", "::now(", "File::", "rusqlite",
        ] {
            if code.contains(word) {
                bad.push(format!("{} uses {word}", path.display()));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn only_the_store_talks_to_sqlite_and_the_front_doors_only_to_the_app() {
    let deps = |krate: &str| {
        let toml = std::fs::read_to_string(crates().join(krate).join("Cargo.toml")).unwrap();
        toml.split("[dev-dependencies]")
            .next()
            .unwrap_or_default()
            .to_string()
    };
    for krate in ["domain", "kpi", "report", "sync", "app", "cli"] {
        assert!(
            !deps(krate).contains("rusqlite"),
            "{krate} depends on rusqlite: SQL belongs in the store"
        );
    }
    let desktop = std::fs::read_to_string(crates().join("../Cargo.toml")).unwrap();
    for (name, text) in [("cli", deps("cli")), ("desktop", desktop)] {
        assert!(
            !text.contains("branchdesk-store"),
            "the {name} front door calls branchdesk-app, never the store"
        );
    }
    // Nothing below the desktop shell knows about Tauri.
    for krate in ["domain", "store", "kpi", "report", "sync", "app", "cli"] {
        assert!(!deps(krate).contains("tauri"), "{krate} depends on tauri");
    }
}
