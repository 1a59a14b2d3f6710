#![allow(clippy::unwrap_used)] // a benchmark: a broken fixture may panic
//! Minutes at scale: fills a demo database with `N` meetings of 10 paragraphs and 3 action
//! items each (through `minutes_save`, as the window does), then measures search over the
//! paragraphs beside a plain `LIKE` scan of the same text (what an app without an index does),
//! and the follow-up board. Prints figures; asserts nothing.
//!
//! `cargo run --release -p branchdesk-app --example work_bench -- 10000 target/bench/work.db`

use std::time::Instant;

use branchdesk_app::minutes::{ActionFilter, ActionInput, MinutesInput};
use branchdesk_app::{App, Ctx, InitOptions};
use branchdesk_domain::{AgendaItem, AttendRole, Attendee, MeetingKind, MinutesBody};

const SUBJECTS: &[&str] = &[
    "续保",
    "移动端报价",
    "微信绑定",
    "支付工具推广",
    "系统培训",
    "长期未登录用户",
    "考核数据",
    "团体业务",
    "车险转保",
    "客户回访",
    "营销活动",
    "保费收入",
];
const VERBS: &[&str] = &[
    "落实", "跟进", "通报", "梳理", "督促", "分析", "整改", "核对", "汇总", "部署",
];
const TAILS: &[&str] = &[
    "情况，本周内反馈。",
    "进度，月底前完成。",
    "存在的问题，逐户登记原因。",
    "数据，报市分公司营销管理部。",
    "工作，纳入个人周计划。",
    "方案，经理室审定后执行。",
];

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
    fn sentence(&mut self) -> String {
        let mut s = String::new();
        for _ in 0..(2 + self.below(3)) {
            s.push_str(&format!(
                "{}{}{}，{}",
                VERBS[self.below(VERBS.len())],
                SUBJECTS[self.below(SUBJECTS.len())],
                TAILS[self.below(TAILS.len())],
                ["本期完成率", "较上周", "同比"][self.below(3)]
            ));
            s.push_str(&format!("{}%。", 40 + self.below(60)));
        }
        s
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let path = std::path::PathBuf::from(
        args.get(2)
            .cloned()
            .unwrap_or_else(|| "target/bench/work.db".into()),
    );
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d)?;
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut app = App::init(
        &path,
        &InitOptions {
            demo: true,
            ..InitOptions::default()
        },
        Ctx::local(),
    )?;
    let snap = app.org_snapshot(None)?;
    let branches: Vec<_> = snap
        .units
        .iter()
        .filter(|u| {
            u.unit.code.starts_with("ZB-")
                && u.unit.attrs.kind == branchdesk_domain::UnitKind::Branch
        })
        .collect();
    let mut rng = Rng(2016);
    let t = Instant::now();
    for i in 0..n {
        let unit = branches[i % branches.len()];
        let people: Vec<&str> = snap
            .people
            .iter()
            .filter(|p| p.person.code.starts_with(&format!("{}-", unit.unit.code)))
            .map(|p| p.person.id.as_str())
            .collect();
        // Weekly meetings ending this week: the newest items are not yet due.
        let weeks = n.div_ceil(branches.len()) as u64;
        let first = chrono::Local::now().date_naive() - chrono::Days::new(7 * weeks);
        let day = first + chrono::Days::new((i / branches.len()) as u64 * 7);
        let series = format!("{}周例会", unit.unit.attrs.name);
        let input = MinutesInput {
            id: None,
            unit_id: unit.unit.id.clone(),
            kind: MeetingKind::Weekly,
            series: series.clone(),
            title: format!("{series}（第{}期）", i / branches.len() + 1),
            held_at: format!("{}T08:30", day.format("%Y-%m-%d")),
            place: "支公司会议室".into(),
            chair_id: Some(people[0].into()),
            recorder_id: Some(people[2].into()),
            body: MinutesBody {
                attendees: people
                    .iter()
                    .map(|p| Attendee {
                        person_id: (*p).into(),
                        role: AttendRole::Present,
                        reason: String::new(),
                    })
                    .collect(),
                agenda: (0..4)
                    .map(|_| AgendaItem {
                        title: format!(
                            "{}{}",
                            VERBS[rng.below(VERBS.len())],
                            SUBJECTS[rng.below(SUBJECTS.len())]
                        ),
                        points: rng.sentence(),
                    })
                    .collect(),
                decisions: (0..5).map(|_| rng.sentence()).collect(),
                revision_note: String::new(),
            },
            actions: (0..3)
                .map(|k| ActionInput {
                    id: None,
                    title: format!(
                        "{}{}{}",
                        VERBS[rng.below(VERBS.len())],
                        SUBJECTS[rng.below(SUBJECTS.len())],
                        TAILS[rng.below(TAILS.len())]
                    ),
                    detail: String::new(),
                    owner_id: Some(people[k % 3].into()),
                    due_on: (day + chrono::Days::new(5 + rng.below(20) as u64))
                        .format("%Y-%m-%d")
                        .to_string(),
                    plan_node_id: None,
                })
                .collect(),
        };
        app.minutes_save(&input)?;
    }
    let fill = t.elapsed().as_secs_f64();
    drop(app);
    let app = App::open(&path, Ctx::local())?;
    let conn = rusqlite::Connection::open(&path)?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    let docs: i64 = conn.query_row("SELECT count(*) FROM search_doc", [], |r| r.get(0))?;
    let text: i64 = conn.query_row(
        "SELECT sum(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB))) FROM search_doc",
        [],
        |r| r.get(0),
    )?;
    let index: i64 = conn.query_row("SELECT sum(length(block)) FROM search_fts_data", [], |r| {
        r.get(0)
    })?;
    let file = std::fs::metadata(&path)?.len();
    let actions: i64 = conn.query_row("SELECT count(*) FROM action_item", [], |r| r.get(0))?;
    println!("meetings {n}, paragraphs indexed {docs}, action items {actions}");
    println!(
        "fill through minutes_save: {fill:.1} s ({:.2} ms per meeting)",
        fill * 1000.0 / n as f64
    );
    println!(
        "text {:.1} MB, index {:.1} MB, database file {:.1} MB",
        text as f64 / 1e6,
        index as f64 / 1e6,
        file as f64 / 1e6
    );

    let queries = [
        "续保",
        "培训",
        "绑定",
        "回访",
        "转保",
        "续保率",
        "移动端报价",
        "微信绑定",
        "长期未登录",
        "支付工具推广",
    ];
    let mut ours = Vec::new();
    let mut like = Vec::new();
    println!(
        "{:<8} {:>8} {:>12} {:>10} {:>12}",
        "query", "hits", "index_ms", "like_hits", "like_ms"
    );
    let mut stmt =
        conn.prepare("SELECT count(*) FROM search_doc WHERE title LIKE ?1 OR body LIKE ?1")?;
    let mut top = conn.prepare("SELECT ref_id FROM search_doc WHERE title LIKE ?1 OR body LIKE ?1 ORDER BY at DESC LIMIT 50")?;
    for q in queries {
        let mut a = Vec::new();
        let mut b = Vec::new();
        let mut hits = 0;
        let mut like_hits = 0;
        for _ in 0..5 {
            let t = Instant::now();
            hits = app.search(q, 50)?.len();
            a.push(t.elapsed().as_secs_f64() * 1000.0);
            let t = Instant::now();
            let pattern = format!("%{q}%");
            let _: Vec<String> = top
                .query_map([&pattern], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            b.push(t.elapsed().as_secs_f64() * 1000.0);
            like_hits = stmt.query_row([&pattern], |r| r.get::<_, i64>(0))?;
        }
        let (ma, mb) = (median(a), median(b));
        println!("{q:<8} {hits:>8} {ma:>12.2} {like_hits:>10} {mb:>12.2}");
        ours.push(ma);
        like.push(mb);
    }
    println!(
        "search, median over the queries: index {:.2} ms, LIKE scan {:.2} ms",
        median(ours),
        median(like)
    );

    let mut board = Vec::new();
    let mut shown = 0;
    for _ in 0..5 {
        let t = Instant::now();
        shown = app.actions_board(&ActionFilter::default())?.len();
        board.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "follow-up board ({shown} open items): median {:.1} ms",
        median(board)
    );
    Ok(())
}
