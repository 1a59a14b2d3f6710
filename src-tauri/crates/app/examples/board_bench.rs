#![allow(clippy::unwrap_used)] // a benchmark: a broken fixture may panic
//! The monitoring board at scale: the demo database with `N` more sub-branches, each with the
//! demo scheme's seven months of figures (11 metrics), an annual plan being executed and, for
//! one in three, an overdue action item; then the time to compute the board (median of 3) and
//! to write it as xlsx. Prints figures; asserts nothing.
//!
//! `cargo run --release -p branchdesk-app --example board_bench -- 14000 target/bench/board.db`

use std::time::Instant;

use branchdesk_app::board::BoardQuery;
use branchdesk_app::{App, Ctx, InitOptions};
use branchdesk_domain::{
    ActionItem, ActionStatus, ControlMode, Milestone, PlanLevel, PlanNode, PlanStatus, Priority,
    UnitAttrs, UnitKind,
};
use branchdesk_store::{new_id, Store};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, n, path] = args.as_slice() else {
        eprintln!("usage: board_bench N DB");
        std::process::exit(2);
    };
    let n: usize = n.parse().unwrap();
    let path = std::path::Path::new(path);
    // BOARD_BENCH_REUSE=1: measure the database made by an earlier run.
    if std::env::var_os("BOARD_BENCH_REUSE").is_none() {
        make(n, path);
    }
    measure(path);
}

fn make(n: usize, path: &std::path::Path) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    let t = Instant::now();
    drop(
        App::init(
            path,
            &InitOptions {
                demo: true,
                ..InitOptions::default()
            },
            Ctx::local(),
        )
        .unwrap(),
    );
    let mut store = Store::open(path).unwrap();
    let city = store
        .units(None)
        .unwrap()
        .into_iter()
        .find(|u| u.code == "ZB")
        .unwrap()
        .id;
    // A sub-branch's figures to vary from: 张店's.
    let pattern: Vec<(String, String, String)> = store
        .kpi_values()
        .unwrap()
        .into_iter()
        .filter(|(u, ..)| u == "ZB-ZD")
        .map(|(_, p, m, v)| (p, m, v))
        .collect();
    let mut records = 0usize;
    store
        .write(|w| -> branchdesk_store::Result<()> {
            for i in 0..n {
                let attrs = UnitAttrs {
                    name: format!("第{i}支公司"),
                    kind: UnitKind::Branch,
                    parent_id: Some(city.clone()),
                    control_mode: Some(ControlMode::Operational),
                    econ_assessed: true,
                    sort: 100 + i as i64,
                    ..UnitAttrs::default()
                };
                let id = w.add_unit(
                    &format!("B{i:05}"),
                    &attrs,
                    "2015-01-01",
                    "2015-01-01T00:00:00Z",
                )?;
                for (k, (p, m, v)) in pattern.iter().enumerate() {
                    // Numbers move by up to ±20% with the unit; grades stay.
                    let value = match v.parse::<i64>() {
                        Ok(x) => (x * (90 + ((i * 7 + k * 13) % 21) as i64) / 100)
                            .max(1)
                            .to_string(),
                        Err(_) => v.clone(),
                    };
                    w.put_kpi_value(&id, p, m, &value)?;
                    records += 1;
                }
                let plan = new_id();
                w.put_plan_node(&PlanNode {
                    id: plan.clone(),
                    unit_id: id.clone(),
                    parent_id: None,
                    level: PlanLevel::Annual,
                    title: format!("第{i}支公司2016年度经营计划"),
                    owner_person_id: None,
                    owner_position_id: None,
                    period: "2016".into(),
                    priority: Priority::Medium,
                    weight: "100".into(),
                    target_value: None,
                    target_unit: String::new(),
                    kpi_metric: None,
                    actual_value: None,
                    progress: (70 + (i % 31)).to_string(),
                    status: PlanStatus::Executing,
                    deviation: String::new(),
                    outcome: String::new(),
                    milestones: vec![Milestone {
                        title: "年度总结".into(),
                        due_on: "2016-12-20".into(),
                        done: i % 2 == 0,
                    }],
                    sort: 0,
                    updated_at: "2016-12-01T00:00:00Z".into(),
                    issued_from: None,
                })?;
                records += 1;
                if i % 3 == 0 {
                    w.put_action(&ActionItem {
                        id: new_id(),
                        meeting_id: None,
                        unit_id: Some(id.clone()),
                        title: format!("第{i}支公司清理长期未登录用户"),
                        detail: String::new(),
                        owner_id: None,
                        due_on: format!("2016-12-{:02}", 1 + i % 20),
                        status: ActionStatus::Open,
                        plan_node_id: Some(plan),
                        doc_id: None,
                        created_at: "2016-11-20T00:00:00Z".into(),
                        closed_on: None,
                        sort: 0,
                    })?;
                    records += 1;
                }
            }
            Ok(())
        })
        .unwrap();
    drop(store);
    println!(
        "made {n} more units, {records} records in {:.1} s",
        t.elapsed().as_secs_f64()
    );
}

fn measure(path: &std::path::Path) {
    let app = App::open(path, Ctx::local()).unwrap();
    // Where the time goes: the parts the board reads.
    let part = |name: &str, f: &dyn Fn()| {
        let t = Instant::now();
        f();
        println!("  {name}: {:.3} s", t.elapsed().as_secs_f64());
    };
    part("plans", &|| drop(app.plans(None).unwrap()));
    part("settings", &|| drop(app.settings().unwrap()));
    part("sync status", &|| drop(app.sync_status().unwrap()));
    part("organisation", &|| drop(app.org_snapshot(None).unwrap()));
    part("actions", &|| {
        drop(app.actions_board(&Default::default()).unwrap())
    });
    part("kpi entry grid, one month", &|| {
        drop(app.kpi_entry(None, "2016-12").unwrap())
    });
    part("kpi score, one month", &|| {
        drop(
            app.kpi_score(&branchdesk_app::kpi::ScoreQuery::of("2016-11"))
                .unwrap(),
        )
    });
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let b = app.board(&BoardQuery::default()).unwrap();
        times.push(t.elapsed().as_secs_f64());
        rows = b.rows.len();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "board: {rows} rows, median {:.3} s (runs {:?})",
        times[1], times
    );
    let t = Instant::now();
    let bytes = app.board_xlsx(&BoardQuery::default()).unwrap();
    println!(
        "board as xlsx: {:.1} KiB in {:.3} s",
        bytes.len() as f64 / 1024.0,
        t.elapsed().as_secs_f64()
    );
}
