//! Helpers shared by the integration tests: the demo database and ids by code.
#![allow(dead_code)] // each test file uses a different subset

pub mod sites;

use branchdesk_app::{App, Ctx, InitOptions};

/// A fresh demo database in `dir`.
pub fn demo(dir: &tempfile::TempDir) -> App {
    App::init(
        &dir.path().join("demo.db"),
        &InitOptions {
            demo: true,
            ..InitOptions::default()
        },
        Ctx::local(),
    )
    .expect("the demo database is created")
}

/// A unit's id by its code.
pub fn unit(app: &App, code: &str) -> String {
    app.org_snapshot(None)
        .expect("the organisation reads")
        .units
        .into_iter()
        .find(|u| u.unit.code == code)
        .unwrap_or_else(|| panic!("no unit {code}"))
        .unit
        .id
}

/// A person's id by their 工号.
pub fn person(app: &App, code: &str) -> String {
    app.org_snapshot(None)
        .expect("the organisation reads")
        .people
        .into_iter()
        .find(|p| p.person.code == code)
        .unwrap_or_else(|| panic!("no person {code}"))
        .person
        .id
}

/// The text of a PDF as poppler reads it (`pdftotext -layout`).
pub fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let f = dir.path().join("r.pdf");
    std::fs::write(&f, pdf).expect("the PDF is written");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", f.to_str().unwrap_or_default(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext refused the file");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
