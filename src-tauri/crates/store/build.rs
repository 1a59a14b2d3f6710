//! The migrations are the files in `migrations/`, in order: `0001_init.sql`, `0002_kpi.sql`, …
//! This writes the list that `migrate.rs` embeds, so adding a migration is adding its file.
//! Numbers must run from 0001 without gaps or repeats; anything else fails the build.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut files: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".sql"))
            .collect(),
        Err(e) => fail(&format!("{}: {e}", dir.display())),
    };
    files.sort();
    let mut out = String::from("&[\n");
    for (i, name) in files.iter().enumerate() {
        let want = format!("{:04}_", i + 1);
        if !name.starts_with(&want) {
            fail(&format!(
                "migration {name} is out of order: expected a file named {want}….sql"
            ));
        }
        let path = dir.join(name);
        let _ = writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("]\n");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|e| fail(&e.to_string()));
    if let Err(e) = std::fs::write(Path::new(&out_dir).join("migrations.rs"), out) {
        fail(&e.to_string());
    }
}

fn fail(why: &str) -> ! {
    eprintln!("store build script: {why}");
    std::process::exit(1);
}
