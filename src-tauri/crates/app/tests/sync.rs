#![allow(clippy::unwrap_used)] // test helpers may panic on broken fixtures
//! 同步: units and headquarters exchange bundles; nothing is lost, duplicated, forged or
//! silently overwritten.

use branchdesk_app::docs::OutgoingInput;
use branchdesk_app::kpi::ScoreQuery;
use branchdesk_app::org::UnitInput;
use branchdesk_app::plans::PlanInput;
use branchdesk_app::sync::{ImportOptions, Scope};
use branchdesk_app::{App, Ctx};
use branchdesk_domain::{
    BundleOutcome, DocCategory, DocKind, Lang, PlanLevel, PlanStatus, Priority, Role, UnitAttrs,
    UnitKind,
};
use ed25519_dalek::Signer;

mod common;
use common::sites::{add_unit, digest, down, enrol, jinan, site, up};
use common::unit;

#[test]
fn units_and_headquarters_round_trip_and_hq_sees_every_unit() {
    let dir = tempfile::tempdir().unwrap();
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let mut zb = common::demo(&dir);
    let mut jn = jinan(dir.path());

    let first = enrol(&mut hq, &mut zb, "ZB");
    assert_eq!(first.outcome, BundleOutcome::Applied);
    let zb_info = zb.info().unwrap();
    assert_eq!(hq.info().unwrap().counts.people, zb_info.counts.people);
    assert_eq!(hq.info().unwrap().counts.meetings, zb_info.counts.meetings);
    assert_eq!(
        hq.info().unwrap().counts.kpi_values,
        zb_info.counts.kpi_values
    );
    let from_jn = enrol(&mut hq, &mut jn, "JN");
    // 济南's own copy of the group is the group headquarters already has under that code.
    let units = from_jn.tables.iter().find(|t| t.table == "unit").unwrap();
    assert_eq!((units.written, units.aliased), (2, 1));

    // HQ's organisation: both branches under one group.
    let snap = hq.org_snapshot(None).unwrap();
    let group = unit(&hq, "QL");
    for code in ["ZB", "JN"] {
        let u = snap.units.iter().find(|u| u.unit.code == code).unwrap();
        assert_eq!(
            u.unit.attrs.parent_id.as_deref(),
            Some(group.as_str()),
            "{code}"
        );
    }
    assert_eq!(snap.units.iter().filter(|u| u.unit.code == "QL").count(), 1);

    // HQ scores the units with the scheme that came with the figures, as the unit does; a
    // unit's scheme is never HQ's default, so HQ names it.
    let here = zb.kpi_score(&ScoreQuery::of("2016-Q3")).unwrap();
    assert_eq!(
        hq.kpi_score(&ScoreQuery::of("2016-Q3")).unwrap_err().code(),
        "input.invalid"
    );
    let came = hq.kpi_schemes().unwrap()[0].id.clone();
    let there = hq
        .kpi_score(&ScoreQuery {
            scheme_id: Some(&came),
            ..ScoreQuery::of("2016-Q3")
        })
        .unwrap();
    let totals = |v: &branchdesk_app::kpi::KpiScoreView| {
        v.result
            .units
            .iter()
            .map(|u| (u.unit.clone(), u.total, u.rank))
            .collect::<Vec<_>>()
    };
    assert_eq!(totals(&here), totals(&there));
    assert_eq!(there.result.units.len(), 11);
    let pdf = hq.report_bulletin("2016-Q3", Some(&came), None).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    // Minutes and the search index came along.
    assert_eq!(
        hq.minutes_list(None).unwrap().len(),
        zb.minutes_list(None).unwrap().len()
    );
    assert!(!hq.search("续保", 5).unwrap().is_empty());

    // Headquarters cannot change a unit's record: only its owner does.
    let zb_unit = zb
        .org_snapshot(None)
        .unwrap()
        .units
        .into_iter()
        .find(|u| u.unit.code == "ZB")
        .unwrap()
        .unit;
    let e = hq
        .org_save_unit(&UnitInput {
            id: Some(zb_unit.id.clone()),
            code: "ZB".into(),
            attrs: UnitAttrs {
                name: "改名".into(),
                ..zb_unit.attrs.clone()
            },
            effective: "2016-08-01".into(),
            note: None,
        })
        .unwrap_err();
    assert_eq!(e.code(), "sync.owned", "{}", e.message(Lang::Zh));
    assert_eq!(unit(&hq, "ZB"), zb_unit.id);

    // Down: a target issued to 淄博, and announcements for one unit and for all.
    let target = hq
        .plan_save(&plan_input(
            &unit(&hq, "ZB"),
            PlanLevel::Annual,
            "2017年度保费目标",
            "2017",
            "12000",
        ))
        .unwrap()
        .node;
    assert_eq!(target.status, PlanStatus::Issued);
    // A scheme published by headquarters goes to every unit.
    hq.kpi_add_template("marketing-pools-2016").unwrap();
    hq.announce(Some("JN"), "济南：请补报10月数据", "").unwrap();
    hq.announce(None, "关于报送四季度经营数据的通知", "请于1月5日前报送。")
        .unwrap();
    assert_eq!(down(&mut hq, &mut zb, "ZB").outcome, BundleOutcome::Applied);
    assert_eq!(down(&mut hq, &mut jn, "JN").outcome, BundleOutcome::Applied);
    let titles = |a: &App| {
        a.announcements()
            .unwrap()
            .into_iter()
            .map(|a| a.title)
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&zb), vec!["关于报送四季度经营数据的通知"]);
    assert_eq!(titles(&jn).len(), 2);
    // Waiting to be seen at the units; headquarters' own never pop up in its own window.
    assert!(zb.announcements().unwrap().iter().all(|a| !a.seen));
    assert!(hq.announcements().unwrap().iter().all(|a| a.seen));
    let issued = |a: &App| {
        a.plans(None)
            .unwrap()
            .into_iter()
            .find(|p| p.node.id == target.id)
    };
    let got = issued(&zb).expect("淄博 receives its target");
    assert_eq!(
        (got.node.status, got.node.target_value.as_deref()),
        (PlanStatus::Issued, Some("12000"))
    );
    assert!(issued(&jn).is_none(), "济南 does not receive 淄博's target");
    // A scheme's id is its site's own name: at a unit, headquarters' is stored as `id@site`.
    let hq_site = hq.info().unwrap().site.id;
    for a in [&zb, &jn] {
        assert!(a
            .kpi_schemes()
            .unwrap()
            .iter()
            .any(|s| s.id == format!("marketing-pools-2016@{hq_site}")));
    }
    // Nothing of one unit reaches another through headquarters.
    assert!(jn
        .org_snapshot(None)
        .unwrap()
        .units
        .iter()
        .all(|u| !u.unit.code.starts_with("ZB")));

    // A rename and a deleted draft travel up; the deletion is a tombstone.
    let jn_id = unit(&jn, "JN");
    let attrs = jn
        .org_snapshot(None)
        .unwrap()
        .units
        .into_iter()
        .find(|u| u.unit.id == jn_id)
        .unwrap()
        .unit
        .attrs;
    jn.org_save_unit(&UnitInput {
        id: Some(jn_id.clone()),
        code: "JN".into(),
        attrs: UnitAttrs {
            name: "济南分公司".into(),
            ..attrs
        },
        effective: "2016-07-01".into(),
        note: None,
    })
    .unwrap();
    let r = up(&mut jn, &mut hq);
    assert_eq!(r.seq, 2);
    let names: Vec<String> = hq
        .org_snapshot(None)
        .unwrap()
        .units
        .into_iter()
        .filter(|u| u.unit.id == jn_id)
        .map(|u| u.unit.attrs.name)
        .collect();
    assert_eq!(names, vec!["济南分公司"]);
    let draft = zb
        .minutes_list(None)
        .unwrap()
        .into_iter()
        .find(|m| m.meeting.status == branchdesk_domain::MeetingStatus::Draft)
        .unwrap()
        .meeting
        .id;
    zb.minutes_delete(&draft).unwrap();
    let r = up(&mut zb, &mut hq);
    let meetings = r.tables.iter().find(|t| t.table == "meeting").unwrap();
    assert_eq!(meetings.deleted, 1);
    assert!(hq
        .minutes_list(None)
        .unwrap()
        .iter()
        .all(|m| m.meeting.id != draft));

    // Acknowledgements: after the round trip nothing is outstanding.
    down(&mut hq, &mut zb, "ZB");
    let s = zb.sync_status().unwrap();
    assert_eq!(s.peers[0].unacked_changes, 0);
    assert_eq!(s.peers[0].acked_seq, 2, "bundles 1 and 2 were acknowledged");
    assert!(s
        .history
        .iter()
        .any(|h| h.direction == "in" && h.outcome == BundleOutcome::Applied));
}

#[test]
fn the_same_bundle_twice_changes_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let mut jn = jinan(dir.path());
    let e = hq.sync_enrol("JN").unwrap();
    let with_code = ImportOptions {
        passcode: Some(e.passcode.clone()),
    };
    let file = e.bytes.clone();
    jn.sync_import_with(&file, "e", &with_code).unwrap();
    assert_eq!(
        jn.sync_import_with(&file, "e", &with_code).unwrap().outcome,
        BundleOutcome::Duplicate
    );
    let (b1, _) = jn
        .sync_export(None, Scope::Changes, &mut |_, _| {})
        .unwrap();
    assert_eq!(
        hq.sync_import(&b1, "b1").unwrap().outcome,
        BundleOutcome::Applied
    );
    let before = digest(&dir.path().join("hq.db"));
    let again = hq.sync_import(&b1, "b1").unwrap();
    assert_eq!(again.outcome, BundleOutcome::Duplicate);
    assert!(again.message.contains("已经导入过"), "{}", again.message);
    assert_eq!(digest(&dir.path().join("hq.db")), before);
}

/// Rebuilds a bundle with its manifest changed by `f`, signed by a key nobody registered.
fn forge(bytes: &[u8], f: impl Fn(&mut serde_json::Value)) -> Vec<u8> {
    let mlen = u32::from_le_bytes(bytes[10..14].try_into().unwrap()) as usize;
    let mut m: serde_json::Value = serde_json::from_slice(&bytes[14..14 + mlen]).unwrap();
    f(&mut m);
    let m = serde_json::to_vec(&m).unwrap();
    let mut out = bytes[..10].to_vec();
    out.extend_from_slice(&(m.len() as u32).to_le_bytes());
    out.extend_from_slice(&m);
    out.extend_from_slice(&bytes[14 + mlen..bytes.len() - 64]);
    let key = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    let sig = key.sign(&out);
    out.extend_from_slice(&sig.to_bytes());
    out
}

/// Hex of the public key [`forge`] signs with.
fn stranger_key() -> String {
    let key = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    key.verifying_key()
        .to_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn resign(bytes: &[u8]) -> Vec<u8> {
    forge(bytes, |_| {})
}

#[test]
fn a_bad_bundle_is_refused_by_name_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let mut other_hq = site(dir.path(), "hq2.db", "另一总部", Role::Hq, false);
    let mut jn = jinan(dir.path());
    common::sites::join(&mut hq, &mut jn, "JN");
    let (b1, _) = jn
        .sync_export(None, Scope::Changes, &mut |_, _| {})
        .unwrap();
    let hq_id = hq.info().unwrap().site.id;

    let payload_at = b1.len() - 64 - 10;
    let mut flipped = b1.clone();
    flipped[payload_at] ^= 0x01;
    let mut renamed = b1.clone(); // a byte of the manifest: the sender's name
    let at = b1
        .windows("济南".len())
        .position(|w| w == "济南".as_bytes())
        .unwrap();
    renamed[at + 2] ^= 0x01;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "sync.not_bundle",
            b"PK\x03\x04 a spreadsheet".to_vec(),
            "不是分支管理台的同步包",
        ),
        ("sync.truncated", b1[..b1.len() / 2].to_vec(), "不完整"),
        ("sync.truncated", b1[..b1.len() - 1].to_vec(), "不完整"),
        ("sync.damaged", flipped, "损坏"),
        ("sync.bad_signature", renamed, "签名"),
        ("sync.bad_signature", resign(&b1), "重新签名"),
        (
            "sync.newer_format",
            {
                let mut b = b1.clone();
                b[8] = 9;
                b
            },
            "格式版本",
        ),
        (
            "sync.newer_schema",
            forge(&b1, |m| m["schema"] = 99.into()),
            "更新版本",
        ),
        (
            "sync.wrong_recipient",
            forge(&b1, |m| m["recipient"] = "someone-else".into()),
            "不是发给本站",
        ),
        (
            "sync.unknown_sender",
            forge(&b1, |m| {
                m["sender"]["site_id"] = "0190aaaa".into();
                m["enrol_token"] = serde_json::Value::Null;
            }),
            "未在本站登记",
        ),
        (
            // Signed consistently by a stranger's key, with a token nobody issued.
            "sync.bad_token",
            forge(&b1, |m| {
                m["sender"]["site_id"] = "0190bbbb".into();
                m["sender"]["sign_key"] = stranger_key().into();
                m["enrol_token"] = "feedface".into();
            }),
            "入网凭证",
        ),
    ];
    let before = digest(&dir.path().join("hq.db"));
    for (code, bytes, words) in &cases {
        let e = hq.sync_import(bytes, "bad.bdk").unwrap_err();
        assert_eq!(e.code(), *code, "{}", e.message(Lang::Zh));
        let msg = e.message(Lang::Zh);
        assert!(msg.contains(words), "{code}: {msg}");
        assert_eq!(
            digest(&dir.path().join("hq.db")),
            before,
            "{code} changed the database"
        );
    }
    // Each refusal is in the history, with its check.
    let history = hq.sync_status().unwrap().history;
    assert_eq!(
        history
            .iter()
            .filter(|h| h.outcome == BundleOutcome::Refused)
            .count(),
        cases.len()
    );
    assert!(history.iter().any(|h| h.code == "sync.bad_signature"));
    // Another headquarters cannot read or accept it.
    assert_eq!(
        other_hq.sync_import(&b1, "b1").unwrap_err().code(),
        "sync.wrong_recipient"
    );
    // The genuine bundle still goes in.
    assert_eq!(
        hq.sync_import(&b1, "b1").unwrap().outcome,
        BundleOutcome::Applied
    );
    assert_eq!(hq_id, hq.info().unwrap().site.id);
    // A unit accepts only headquarters' key: HQ's bundle re-signed is refused there too.
    let (h1, _) = hq
        .sync_export(Some("JN"), Scope::Changes, &mut |_, _| {})
        .unwrap();
    assert_eq!(
        jn.sync_import(&resign(&h1), "h1").unwrap_err().code(),
        "sync.bad_signature"
    );
    assert_eq!(
        jn.sync_import(&h1, "h1").unwrap().outcome,
        BundleOutcome::Applied
    );
}

#[test]
fn a_gap_is_held_until_the_missing_bundle_arrives() {
    let dir = tempfile::tempdir().unwrap();
    let hq_db = dir.path().join("hq.db");
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let mut jn = jinan(dir.path());
    enrol(&mut hq, &mut jn, "JN");
    down(&mut hq, &mut jn, "JN");
    // Headquarters' state after bundle 1, kept aside (a backup it will be restored from).
    drop(hq);
    let saved = dir.path().join("hq-after-1.db");
    std::fs::copy(&hq_db, &saved).unwrap();
    let mut hq = App::open(&hq_db, Ctx::local()).unwrap();

    add_unit(
        &mut jn,
        "JN-LX",
        "历下区支公司",
        UnitKind::Branch,
        Some("JN"),
    );
    let (b2, _) = jn
        .sync_export(None, Scope::Changes, &mut |_, _| {})
        .unwrap();
    hq.sync_import(&b2, "b2").unwrap();
    down(&mut hq, &mut jn, "JN");
    add_unit(
        &mut jn,
        "JN-SZ",
        "市中区支公司",
        UnitKind::Branch,
        Some("JN"),
    );
    let (b3, _) = jn
        .sync_export(None, Scope::Changes, &mut |_, _| {})
        .unwrap();

    // Headquarters is restored from the backup: bundle 2 is missing there.
    drop(hq);
    std::fs::copy(&saved, &hq_db).unwrap();
    let mut hq = App::open(&hq_db, Ctx::local()).unwrap();
    let held = hq.sync_import(&b3, "b3").unwrap();
    assert_eq!(held.outcome, BundleOutcome::Held);
    assert!(
        held.message.contains("缺少「济南市分公司」的第 2 号同步包"),
        "{}",
        held.message
    );
    assert!(hq
        .org_snapshot(None)
        .unwrap()
        .units
        .iter()
        .all(|u| u.unit.code != "JN-SZ"));
    assert_eq!(hq.sync_status().unwrap().peers[0].held, 1);

    let filled = hq.sync_import(&b2, "b2").unwrap();
    assert_eq!(filled.outcome, BundleOutcome::Applied);
    assert_eq!(filled.also_applied, vec![3]);
    let codes: Vec<String> = hq
        .org_snapshot(None)
        .unwrap()
        .units
        .into_iter()
        .map(|u| u.unit.code)
        .collect();
    assert!(codes.contains(&"JN-LX".to_string()) && codes.contains(&"JN-SZ".to_string()));
    assert_eq!(hq.sync_status().unwrap().peers[0].held, 0);
    assert_eq!(
        hq.sync_import(&b3, "b3").unwrap().outcome,
        BundleOutcome::Duplicate
    );
}

#[test]
fn secret_documents_go_only_to_units_in_their_scope() {
    let dir = tempfile::tempdir().unwrap();
    // The city branch is headquarters to its district sub-branches.
    let mut city = site(dir.path(), "city.db", "淄博市分公司", Role::Hq, true);
    city.doc_category_save(&DocCategory {
        code: "company".into(),
        name: "公司发文".into(),
        prefix: "淄人保发".into(),
        kind: DocKind::Company,
        foreign: false,
    })
    .unwrap();
    let secret = city
        .outgoing_save(&OutgoingInput {
            id: None,
            unit_id: unit(&city, "ZB"),
            category: "company".into(),
            title: "关于张店区支公司人事调整的决定（秘密）".into(),
            drafting_unit_id: Some(unit(&city, "ZB-OFF")),
            drafter_id: None,
            secret: true,
            scope_units: vec![unit(&city, "ZB-ZD")],
            scope_positions: Vec::new(),
        })
        .unwrap()
        .id;
    let branch = |city: &mut App, file: &str, name: &str, code: &str, dept: Option<&str>| {
        let mut b = site(dir.path(), file, name, Role::Unit, false);
        add_unit(&mut b, "QL", "齐鲁示范保险集团", UnitKind::Group, None);
        add_unit(&mut b, code, name, UnitKind::Branch, Some("QL"));
        if let Some(d) = dept {
            add_unit(&mut b, d, "销售部", UnitKind::Department, Some(code));
        }
        enrol(city, &mut b, code);
        b
    };
    let mut zd = branch(
        &mut city,
        "zd.db",
        "张店区支公司",
        "ZB-ZD",
        Some("ZB-ZD-XS"),
    );
    let mut zc = branch(&mut city, "zc.db", "淄川区支公司", "ZB-ZC", None);
    assert!(city
        .org_snapshot(None)
        .unwrap()
        .units
        .iter()
        .any(|u| u.unit.code == "ZB-ZD-XS"));
    assert_eq!(
        down(&mut city, &mut zd, "ZB-ZD").outcome,
        BundleOutcome::Applied
    );
    assert_eq!(
        down(&mut city, &mut zc, "ZB-ZC").outcome,
        BundleOutcome::Applied
    );
    let has = |a: &App| {
        a.outgoing_list(None)
            .unwrap()
            .iter()
            .any(|d| d.id == secret)
    };
    assert!(has(&zd), "in scope: 张店 receives it");
    assert!(!has(&zc), "out of scope: 淄川 never receives it");
    // Not even a full snapshot carries it to 淄川.
    let (full, r) = city
        .sync_export(Some("ZB-ZC"), Scope::Full, &mut |_, _| {})
        .unwrap();
    assert!(r.tables.iter().all(|t| t.table != "doc_scope"));
    zc.sync_import(&full, "full").unwrap();
    assert!(!has(&zc));
    // Nor anything of 张店's own records, which headquarters holds but does not own.
    assert!(zc
        .org_snapshot(None)
        .unwrap()
        .units
        .iter()
        .all(|u| u.unit.code != "ZB-ZD-XS"));
}

fn plan_input(
    unit_id: &str,
    level: PlanLevel,
    title: &str,
    period: &str,
    target: &str,
) -> PlanInput {
    PlanInput {
        id: None,
        unit_id: unit_id.into(),
        parent_id: None,
        level,
        title: title.into(),
        owner_person_id: None,
        owner_position_id: None,
        period: period.into(),
        priority: Priority::High,
        weight: "100".into(),
        target_value: Some(target.into()),
        target_unit: "万元".into(),
        kpi_metric: None,
        actual_value: None,
        progress: "0".into(),
        milestones: Vec::new(),
        outcome: String::new(),
        deviation: String::new(),
    }
}

#[test]
fn headquarters_decides_with_records_of_its_own_that_the_unit_applies() {
    use branchdesk_app::minutes::SubmissionInput;
    use branchdesk_app::plans::AdjustInput;
    use branchdesk_domain::{AdjustStatus, DecisionState, PlanAction, SubmissionKind, Verdict};

    let dir = tempfile::tempdir().unwrap();
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let mut zb = common::demo(&dir);
    enrol(&mut hq, &mut zb, "ZB");

    // HQ issues a target; 淄博 drafts its own plan from it (the target stays HQ's record).
    let zb_id = unit(&hq, "ZB");
    let target = hq
        .plan_save(&plan_input(
            &zb_id,
            PlanLevel::Annual,
            "2027年度保费目标",
            "2027",
            "12000",
        ))
        .unwrap()
        .node;
    down(&mut hq, &mut zb, "ZB");
    let mine = zb
        .plan_transition(&target.id, PlanAction::Accept, "")
        .unwrap()
        .node;
    assert_ne!(mine.id, target.id);
    assert_eq!(mine.issued_from.as_deref(), Some(target.id.as_str()));
    assert_eq!(
        (mine.status, mine.target_value.as_deref()),
        (PlanStatus::Draft, Some("12000"))
    );
    assert!(zb
        .plans(None)
        .unwrap()
        .iter()
        .all(|p| p.node.id != target.id));
    let twice = zb
        .plan_transition(&target.id, PlanAction::Accept, "")
        .unwrap_err();
    assert!(
        twice.message(Lang::Zh).contains("已根据该目标起草"),
        "{}",
        twice.message(Lang::Zh)
    );
    let mut changed = plan_input(
        &mine.unit_id,
        PlanLevel::Annual,
        "2027年度保费目标",
        "2027",
        "9000",
    );
    changed.id = Some(mine.id.clone());
    let e = zb.plan_save(&changed).unwrap_err();
    assert_eq!(
        e.code(),
        "input.invalid",
        "the issued target stays as issued"
    );
    zb.plan_transition(&mine.id, PlanAction::Submit, "")
        .unwrap();

    // A monthly plan with an adjustment request, and a briefing for review.
    let month = zb
        .plan_save(&plan_input(
            &mine.unit_id,
            PlanLevel::Month,
            "2027年3月保费",
            "2027-03",
            "1000",
        ))
        .unwrap()
        .node;
    let adj = zb
        .plan_adjust_request(&AdjustInput {
            node_id: month.id.clone(),
            month: "2027-03".into(),
            new_target: "900".into(),
            reason: "重点客户续保推迟".into(),
        })
        .unwrap();
    let zc = unit(&zb, "ZB-ZC");
    let figure = |a: &App| {
        let scheme = a.kpi_schemes().unwrap()[0].id.clone();
        a.kpi_entry(Some(&scheme), "2016-09")
            .unwrap()
            .values
            .get("ZB-ZC")
            .and_then(|v| v.get("compliant_submissions"))
            .cloned()
            .unwrap()
            .parse::<i64>()
            .unwrap()
    };
    let before = figure(&zb);
    let brief = zb
        .submission_add(&SubmissionInput {
            unit_id: zc.clone(),
            kind: SubmissionKind::Briefing,
            title: "9月经营简报".into(),
            submitted_on: "2016-09-20".into(),
        })
        .unwrap()
        .submission;
    up(&mut zb, &mut hq);

    // HQ decides: none of this is refused as another site's record, and the unit's records
    // stay as they are at HQ until the unit applies the decisions.
    let r = hq
        .plan_transition(&mine.id, PlanAction::Approve, "同意")
        .unwrap();
    assert_eq!(r.node.status, PlanStatus::Submitted);
    let again = hq
        .plan_transition(&mine.id, PlanAction::Approve, "同意")
        .unwrap_err();
    assert!(
        again.message(Lang::Zh).contains("下一个同步包"),
        "{}",
        again.message(Lang::Zh)
    );
    hq.plan_adjust_decide(&adj.id, AdjustStatus::Approved, "同意调整")
        .unwrap();
    hq.submission_review(&brief.id, Some(Verdict::Compliant), "")
        .unwrap();
    let waiting = hq.decisions().unwrap();
    assert_eq!(waiting.len(), 3);
    assert!(waiting.iter().all(|d| d.state == DecisionState::Waiting));
    assert_eq!(
        figure(&hq),
        before,
        "the count changes where the figure is owned"
    );

    let r = down(&mut hq, &mut zb, "ZB");
    assert!(
        r.message
            .contains("总部批准了计划「2027年度保费目标」：同意"),
        "{}",
        r.message
    );
    let node = |a: &App, id: &str| {
        a.plans(None)
            .unwrap()
            .into_iter()
            .find(|p| p.node.id == id)
            .unwrap()
            .node
    };
    assert_eq!(node(&zb, &mine.id).status, PlanStatus::Approved);
    let log = zb.plan_history(&mine.id).unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (
            last.to_status,
            last.comment.as_str(),
            last.by.ends_with("（总部）")
        ),
        (PlanStatus::Approved, "同意", true)
    );
    let a = zb.plan_adjustments(Some(&month.id)).unwrap();
    assert_eq!(
        (a[0].status, a[0].decision.as_str()),
        (AdjustStatus::Approved, "同意调整")
    );
    assert_eq!(node(&zb, &month.id).target_value.as_deref(), Some("900"));
    assert_eq!(figure(&zb), before + 1);
    assert!(zb
        .decisions()
        .unwrap()
        .iter()
        .all(|d| d.state == DecisionState::Applied));

    // The unit's changes travel back up: HQ sees them done, the target replaced by the plan.
    up(&mut zb, &mut hq);
    assert_eq!(node(&hq, &mine.id).status, PlanStatus::Approved);
    assert!(hq
        .plans(None)
        .unwrap()
        .iter()
        .all(|p| p.node.id != target.id));
    assert_eq!(figure(&hq), before + 1);
    assert!(hq
        .decisions()
        .unwrap()
        .iter()
        .all(|d| d.state == DecisionState::Done));

    // A decision on a record the unit moved on meanwhile changes nothing there, and says so.
    zb.plan_transition(&month.id, PlanAction::Submit, "")
        .unwrap();
    up(&mut zb, &mut hq);
    hq.plan_transition(&month.id, PlanAction::Return, "请细化到周")
        .unwrap();
    zb.plan_transition(&month.id, PlanAction::Approve, "本单位审批")
        .unwrap();
    let r = down(&mut hq, &mut zb, "ZB");
    assert!(r.message.contains("未作改动"), "{}", r.message);
    assert_eq!(node(&zb, &month.id).status, PlanStatus::Approved);
    let stale: Vec<_> = zb
        .decisions()
        .unwrap()
        .into_iter()
        .filter(|d| d.state == DecisionState::Stale)
        .collect();
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0].subject, "2027年3月保费");
}

#[test]
fn a_unit_restored_from_a_backup_is_told_apart_and_numbers_on() {
    let dir = tempfile::tempdir().unwrap();
    let hq_db = dir.path().join("hq.db");
    let jn_db = dir.path().join("jn.db");
    let mut hq = site(dir.path(), "hq.db", "集团总部", Role::Hq, false);
    let mut jn = jinan(dir.path());
    enrol(&mut hq, &mut jn, "JN");
    down(&mut hq, &mut jn, "JN");
    // The unit's backup.
    drop(jn);
    let saved = dir.path().join("jn-backup.db");
    std::fs::copy(&jn_db, &saved).unwrap();
    let mut jn = App::open(&jn_db, Ctx::local()).unwrap();
    add_unit(
        &mut jn,
        "JN-LX",
        "历下区支公司",
        UnitKind::Branch,
        Some("JN"),
    );
    assert_eq!(up(&mut jn, &mut hq).seq, 2);

    // The laptop is restored from the backup; a change is made there, and its bundle carries
    // a number headquarters has already applied.
    drop(jn);
    std::fs::copy(&saved, &jn_db).unwrap();
    let mut jn = App::open(&jn_db, Ctx::local()).unwrap();
    add_unit(
        &mut jn,
        "JN-SZ",
        "市中区支公司",
        UnitKind::Branch,
        Some("JN"),
    );
    let (again, report) = jn
        .sync_export(None, Scope::Changes, &mut |_, _| {})
        .unwrap();
    assert_eq!(report.seq, 2);
    let before = digest(&hq_db);
    let e = hq.sync_import(&again, "again.bdk").unwrap_err();
    assert_eq!(e.code(), "sync.rewound");
    assert!(
        e.message(Lang::Zh).contains("备份恢复"),
        "{}",
        e.message(Lang::Zh)
    );
    assert_eq!(digest(&hq_db), before, "a refused bundle changes nothing");

    // A full bundle from headquarters tells the unit where it stands; it numbers on and sends
    // again what it has.
    let (full, _) = hq
        .sync_export(Some("JN"), Scope::Full, &mut |_, _| {})
        .unwrap();
    let r = jn.sync_import(&full, "full.bdk").unwrap();
    assert_eq!(r.outcome, BundleOutcome::Applied);
    assert!(r.message.contains("从备份恢复"), "{}", r.message);
    let r = up(&mut jn, &mut hq);
    assert_eq!((r.outcome, r.seq), (BundleOutcome::Applied, 3));
    let codes: Vec<String> = hq
        .org_snapshot(None)
        .unwrap()
        .units
        .into_iter()
        .map(|u| u.unit.code)
        .collect();
    assert!(codes.contains(&"JN-SZ".to_string()), "{codes:?}");
    assert!(
        codes.contains(&"JN-LX".to_string()),
        "what came before the restore stays at HQ"
    );
    // And on as usual.
    down(&mut hq, &mut jn, "JN");
    add_unit(
        &mut jn,
        "JN-HY",
        "槐荫区支公司",
        UnitKind::Branch,
        Some("JN"),
    );
    let r = up(&mut jn, &mut hq);
    assert_eq!((r.outcome, r.seq), (BundleOutcome::Applied, 4));
    assert!(hq
        .org_snapshot(None)
        .unwrap()
        .units
        .iter()
        .any(|u| u.unit.code == "JN-HY"));
}
