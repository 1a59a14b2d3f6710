//! Writes a benchmark scheme (30 indicators: ratio, rank and band rules mixed) and 12 months of
//! figures for N units: `cargo run --release --example gen_bench -- N OUT_DIR`.

use std::fmt::Write as _;
use std::io::Write;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let units: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3000);
    let out = std::path::PathBuf::from(args.next().unwrap_or_else(|| "target/bench".into()));
    std::fs::create_dir_all(&out)?;

    let mut scheme = String::from(
        "[scheme]\nid = \"bench\"\nname = \"基准测试方案\"\nstart = \"2016-01-01\"\nend = \"2016-12-31\"\npoints = 300\n\n",
    );
    for k in 0..30 {
        let rule = match k % 3 {
            0 => "rule = \"target\"\ntarget = 12\ncap = 1.2\n".to_string(),
            1 => "rule = \"rank\"\nbands = [ { from = 1, to = 10, points = 10 }, { from = 11, to = 100, points = 6 }, { from = 101, points = 2 } ]\n".to_string(),
            _ => "rule = \"bands\"\nbands = [ { max = 5, points = 0 }, { min = 5, max = 10, points = 5 }, { min = 10, points = 10 } ]\n".to_string(),
        };
        let _ = write!(scheme, "[[indicator]]\nid = \"i{k:02}\"\nname = \"指标{k}\"\npoints = 10\nratio = [\"m{k:02}\", \"users\"]\n{rule}\n");
    }
    let _ = write!(scheme, "[metrics]\nusers = \"用户数\"\n");
    for k in 0..30 {
        let _ = writeln!(scheme, "m{k:02} = \"数据项{k}\"");
    }
    std::fs::write(out.join("scheme.toml"), scheme)?;

    let file = std::fs::File::create(out.join("data.csv"))?;
    let mut w = std::io::BufWriter::new(file);
    writeln!(w, "unit,period,metric,value")?;
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    for u in 0..units {
        for month in 1..=12 {
            let users = 10 + next(90);
            writeln!(w, "U{u:05},2016-{month:02},users,{users}")?;
            for k in 0..30 {
                writeln!(
                    w,
                    "U{u:05},2016-{month:02},m{k:02},{}",
                    users * (1 + next(20)) + next(users)
                )?;
            }
        }
    }
    w.flush()
}
