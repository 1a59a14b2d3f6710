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
        None => match value.parse::<Decimal>() {
            Ok(d) if d < Decimal::ZERO => Err((
                format!("{}不能为负数。", m.name),
                format!("{} cannot be negative.", m.name),
            )),
            Ok(d) => Ok(Some(d.normalize().to_string())),
            Err(_) => Err((
                format!("“{value}”不是数字。"),
                format!("{value:?} is not a number."),
            )),
        },
    }
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
            },
            MetricInfo {
                id: "clearing".into(),
                name: "保单清分".into(),
                grades: Some(vec!["有效落实".into(), "一般".into(), "未实施".into()]),
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
        assert!(check_figure(&m, "users", "5")
            .unwrap_err()
            .0
            .contains("没有数据项 users"));
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
