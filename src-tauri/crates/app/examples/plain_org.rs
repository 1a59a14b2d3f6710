//! `plain_org ORG.XLSX OUT.db`: a plain (unencrypted) database holding the organisation in
//! ORG.XLSX, as `org import --effective 2016-01-01` leaves it; the benchmarks' `sqlite3` peer
//! reads the same rows from it that the encrypted unit database holds.
#![allow(clippy::unwrap_used)]

use branchdesk_app::{App, Ctx, InitOptions};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, xlsx, out] = args.as_slice() else {
        eprintln!("usage: plain_org ORG.XLSX OUT.db");
        std::process::exit(2);
    };
    let mut app = App::init(
        std::path::Path::new(out),
        &InitOptions {
            site_name: Some("济南市分公司".into()),
            ..InitOptions::default()
        },
        Ctx::local(),
    )
    .unwrap();
    let bytes = std::fs::read(xlsx).unwrap();
    app.org_import(&[("org.xlsx".into(), bytes)], Some("2016-01-01"))
        .unwrap();
}
