//! One check for a figure, wherever it comes from (the entry grid or an imported file): the
//! metric must be one of the scheme's, a number may carry thousands separators (1,600) but no
//! sign, and a graded metric takes only its grade words.

use rust_decimal::Decimal;

use super::MetricInfo;

/// The figure `raw` for `metric`, as stored (numbers normalised), or why not (zh, en).
/// `Ok(None)`: the cell is empty.
pub(super) fn check_figure(
    metrics: &[MetricInfo],
    metric: &str,
    raw: &str,
) -> Result<Option<String>, (String, String)> {
    let Some(m) = metrics.iter().find(|m| m.id == metric) else {
        return Err((
            format!("方案中没有数据项 {metric}。"),
            format!("The scheme has no metric {metric}."),
        ));
    };
    let value = raw.trim().replace([',', '，'], "");
    if value.is_empty() {
        return Ok(None);
    }
    match &m.grades {
        Some(grades) if grades.contains(&value) => Ok(Some(value)),
        Some(grades) => Err((
            format!("“{value}”不是有效等级，应为：{}。", grades.join("、")),
            format!(
                "{value:?} is not a grade; use one of {}.",
                grades.join(", ")
            ),
        )),
        // Written out as on a form: digits and one decimal point (no 1e9, no 0x10).
        None if !plain_number(&value) => Err((
            format!("“{value}”不是数字（请按普通写法填写，如 1600 或 12.5）。"),
            format!("{value:?} is not a number (write it plainly, as 1600 or 12.5)."),
        )),
        None => match value.parse::<Decimal>() {
            Ok(d) if d < Decimal::ZERO => Err((
                format!("{}不能为负数。", m.name),
                format!("{} cannot be negative.", m.name),
            )),
            Ok(d) if d > Decimal::from(MAX_FIGURE) => Err((
                format!(
                    "{} {value} 超出合理范围（不超过一万亿）。请检查是否多输了位数。",
                    m.name
                ),
                format!(
                    "{} {value} is out of range (at most 10^12). Check for extra digits.",
                    m.name
                ),
            )),
            Ok(d) if d.is_zero() && m.positive => Err((
                format!("{}是比率的除数，不能为 0；没有发生时请留空并说明。", m.name),
                format!(
                    "{} divides a ratio and cannot be 0; leave it empty if there was none.",
                    m.name
                ),
            )),
            Ok(d) => Ok(Some(d.normalize().to_string())),
            Err(_) => Err((
                format!("“{value}”不是数字。"),
                format!("{value:?} is not a number."),
            )),
        },
    }
}

/// Whether `month` (YYYY-MM) lies in the scheme's window: figures outside it are scored by no
/// period and would only become the home page's "latest data".
pub(super) fn check_month(
    scheme: &branchdesk_kpi::Scheme,
    month: &str,
) -> Result<(), (String, String)> {
    let (start, end) = (scheme.scheme.start, scheme.scheme.end);
    let (from, to) = (
        start.format("%Y-%m").to_string(),
        end.format("%Y-%m").to_string(),
    );
    if (from.as_str()..=to.as_str()).contains(&month) {
        return Ok(());
    }
    Err((
        format!(
            "{month} 不在方案“{}”的考核期 {from} 至 {to} 之内。",
            scheme.scheme.name
        ),
        format!(
            "{month} lies outside the window of {}: {from} to {to}.",
            scheme.scheme.name
        ),
    ))
}

/// The largest figure the grid takes (a branch's premium in yuan is far below).
const MAX_FIGURE: i64 = 1_000_000_000_000;

/// Digits with at most one decimal point, optionally signed: what people write on a form.
fn plain_number(v: &str) -> bool {
    let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next().unwrap_or("");
    !(whole.is_empty() && frac.is_empty())
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && whole.len() <= 15
        && frac.len() <= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> Vec<MetricInfo> {
        vec![
            MetricInfo {
                id: "premium".into(),
                name: "成交保费".into(),
                grades: None,
                positive: false,
            },
            MetricInfo {
                id: "users".into(),
                name: "系统用户数".into(),
                grades: None,
                positive: true,
            },
            MetricInfo {
                id: "clearing".into(),
                name: "保单清分".into(),
                grades: Some(vec!["有效落实".into(), "一般".into(), "未实施".into()]),
                positive: false,
            },
        ]
    }

    #[test]
    fn the_grid_and_the_import_accept_and_refuse_the_same() {
        let m = metrics();
        assert_eq!(
            check_figure(&m, "premium", "1,600"),
            Ok(Some("1600".into()))
        );
        assert_eq!(
            check_figure(&m, "premium", " 12.50 "),
            Ok(Some("12.5".into()))
        );
        assert_eq!(check_figure(&m, "premium", ""), Ok(None));
        assert!(check_figure(&m, "premium", "-3")
            .unwrap_err()
            .0
            .contains("负数"));
        assert!(check_figure(&m, "premium", "abc")
            .unwrap_err()
            .0
            .contains("不是数字"));
        assert!(check_figure(&m, "visits", "5")
            .unwrap_err()
            .0
            .contains("没有数据项 visits"));
        // Issue 23: what cannot be scored is refused at entry.
        for bad in [
            "1e9", "1E3", "0x10", "1.2.3", ".", "12,5.5.1", "Infinity", "NaN",
        ] {
            assert!(check_figure(&m, "premium", bad).is_err(), "{bad}");
        }
        assert!(check_figure(&m, "premium", "1000000000001")
            .unwrap_err()
            .0
            .contains("合理范围"));
        assert_eq!(check_figure(&m, "premium", "0"), Ok(Some("0".into())));
        let zero = check_figure(&m, "users", "0").unwrap_err().0;
        assert!(zero.contains("系统用户数是比率的除数，不能为 0"), "{zero}");
        assert_eq!(check_figure(&m, "users", "0.5"), Ok(Some("0.5".into())));
        assert_eq!(
            check_figure(&m, "clearing", "一般"),
            Ok(Some("一般".into()))
        );
        assert!(check_figure(&m, "clearing", "很好")
            .unwrap_err()
            .0
            .contains("有效落实、一般、未实施"));
    }
}
