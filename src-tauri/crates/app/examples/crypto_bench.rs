//! The cost of encryption at rest, measured in one run on the same data: `crypto_bench DIR`
//! takes headquarters and the unit bundles `gen_units` made in DIR, converts a copy of
//! headquarters to an encrypted database (SQLCipher, as the front doors use) and imports every
//! bundle into the plain copy and into the encrypted one, with the same code, one after the
//! other, three times each; prints the median wall times, the ratio, sign-in time and the
//! time to score the headquarters dashboard. Asserts nothing.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use branchdesk_app::sync::ImportOptions;
use branchdesk_app::users::{NewAccount, SignIn};
use branchdesk_app::{App, Ctx};

const PASSWORD: &str = "bench-password-1";

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn import_all(app: &mut App, bundles: &[std::path::PathBuf]) -> Duration {
    let t = Instant::now();
    for b in bundles {
        app.sync_import_file(b, &ImportOptions::default()).unwrap();
    }
    t.elapsed()
}

fn sign_in(path: &Path) -> App {
    App::sign_in(
        path,
        &SignIn {
            login: "HQ-ADMIN".into(),
            password: PASSWORD.into(),
        },
        Ctx::local(),
    )
    .unwrap()
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: crypto_bench DIR");
    let dir = Path::new(&dir);
    let mut bundles: Vec<_> = std::fs::read_dir(dir.join("bundles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    bundles.sort();
    let work = dir.join("crypto");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let (mut plain_t, mut enc_t, mut sign_t, mut dash_p, mut dash_e) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for round in 0..3 {
        let plain = work.join(format!("plain-{round}.db"));
        let enc = work.join(format!("enc-{round}.db"));
        std::fs::copy(dir.join("hq.db"), &plain).unwrap();
        std::fs::copy(dir.join("hq.db"), &enc).unwrap();
        drop(
            App::set_up(
                &enc,
                &NewAccount {
                    login: "HQ-ADMIN".into(),
                    name: "总部管理员".into(),
                    password: PASSWORD.into(),
                    admin: true,
                    hq_staff: true,
                    grants: Vec::new(),
                },
                Ctx::local(),
            )
            .unwrap(),
        );
        let mut p = App::open(&plain, Ctx::local()).unwrap();
        plain_t.push(import_all(&mut p, &bundles));
        let t = Instant::now();
        p.dashboard().unwrap();
        dash_p.push(t.elapsed());
        drop(p);
        let t = Instant::now();
        let mut e = sign_in(&enc);
        sign_t.push(t.elapsed());
        enc_t.push(import_all(&mut e, &bundles));
        let t = Instant::now();
        e.dashboard().unwrap();
        dash_e.push(t.elapsed());
    }
    let (p, e) = (median(plain_t), median(enc_t));
    println!("bundles imported per run: {}", bundles.len());
    println!(
        "{:<44} {:>10.3}",
        "import, plain store (s, median of 3)",
        p.as_secs_f64()
    );
    println!(
        "{:<44} {:>10.3}",
        "import, encrypted store (s, median of 3)",
        e.as_secs_f64()
    );
    println!(
        "{:<44} {:>10.2}",
        "encrypted / plain",
        e.as_secs_f64() / p.as_secs_f64()
    );
    let (dp, de) = (median(dash_p), median(dash_e));
    println!(
        "{:<44} {:>10.4}",
        "home page figures, plain (s)",
        dp.as_secs_f64()
    );
    println!(
        "{:<44} {:>10.4}",
        "home page figures, encrypted (s)",
        de.as_secs_f64()
    );
    println!(
        "{:<44} {:>10.3}",
        "sign-in: key derivation + open (s)",
        median(sign_t).as_secs_f64()
    );
}
