//! Sync benchmark input: `gen_units N DIR` makes headquarters (DIR/hq.db) and N unit sites, each
//! a branch with departments, positions and people (~130 records), enrolled at headquarters,
//! and writes each unit's first bundle to DIR/bundles/. HQ's database is left before any import.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use branchdesk_app::sync::Scope;
use branchdesk_app::{App, Ctx, InitOptions};
use branchdesk_domain::Role;

fn site(path: &Path, name: &str, role: Role) -> App {
    App::init(
        path,
        &InitOptions {
            site_name: Some(name.into()),
            group_name: Some("齐鲁示范保险集团".into()),
            role,
            ..InitOptions::default()
        },
        Ctx::local(),
    )
    .unwrap()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, n, dir] = args.as_slice() else {
        eprintln!("usage: gen_units N DIR");
        std::process::exit(2);
    };
    let n: usize = n.parse().unwrap();
    let dir = Path::new(dir);
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("units")).unwrap();
    std::fs::create_dir_all(dir.join("bundles")).unwrap();
    let mut hq = site(&dir.join("hq.db"), "集团总部", Role::Hq);
    let mut records = 0;
    for i in 0..n {
        let code = format!("B{i:04}");
        let mut unit = site(
            &dir.join(format!("units/{code}.db")),
            &format!("第{i}支公司"),
            Role::Unit,
        );
        let mut units = format!("编码,名称,类型,上级单位编码\nQL,齐鲁示范保险集团,集团,\n{code},第{i}支公司,支公司,QL\n");
        let mut positions = String::from("编码,所属单位编码,岗位名称,直属上级岗位编码\n");
        let mut people = String::from("工号,姓名\n");
        let mut assign = String::from("工号,岗位编码,开始日期\n");
        positions.push_str(&format!("{code}-GM,{code},经理,\n"));
        for d in 0..4 {
            units.push_str(&format!("{code}-D{d},第{d}部,部门,{code}\n"));
            for p in 0..5 {
                positions.push_str(&format!("{code}-D{d}-P{p},{code}-D{d},岗位{p},{code}-GM\n"));
            }
        }
        for k in 0..30 {
            let (d, p) = (k % 4, k % 5);
            people.push_str(&format!("{code}{k:03},员工{i}-{k}\n"));
            assign.push_str(&format!("{code}{k:03},{code}-D{d}-P{p},2016-01-01\n"));
        }
        let files: Vec<(String, Vec<u8>)> = [
            ("u.csv", units),
            ("p.csv", positions),
            ("r.csv", people),
            ("a.csv", assign),
        ]
        .into_iter()
        .map(|(n, t)| (n.to_string(), t.into_bytes()))
        .collect();
        unit.org_import(&files, Some("2016-01-01")).unwrap();
        let enrol = hq.sync_enrol(&code).unwrap();
        unit.sync_import_with(
            &enrol.bytes,
            "enrol.bdk",
            &branchdesk_app::sync::ImportOptions {
                passcode: Some(enrol.passcode),
            },
        )
        .unwrap();
        let (bundle, r) = unit
            .sync_export(None, Scope::Changes, &mut |_, _| {})
            .unwrap();
        records += r.records;
        std::fs::write(dir.join(format!("bundles/{code}.bdk")), bundle).unwrap();
    }
    println!("{n} unit bundles, {records} records in all");
}
