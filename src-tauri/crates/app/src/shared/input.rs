//! Checks of what people type, with messages in both languages that say how to write it.

use rust_decimal::Decimal;

use crate::{AppError, Result};

pub(crate) fn not_found(what: String) -> AppError {
    branchdesk_store::Error::NotFound(what).into()
}

/// A `YYYY-MM-DD` date as typed, normalised; `field` names the input for the message.
pub(crate) fn parse_date(field: &'static str, s: &str) -> Result<String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| {
            AppError::invalid(
                field,
                format!("“{s}”不是有效日期，请按 2016-07-01 的格式填写。"),
                format!("\"{s}\" is not a date; write it as 2016-07-01."),
            )
        })
}

/// `YYYY-MM-DDTHH:MM`, from that or with a space or seconds.
pub(crate) fn parse_time(field: &'static str, s: &str) -> Result<String> {
    let t = s.trim().replace(' ', "T");
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(&t, f).ok())
        .map(|d| d.format("%Y-%m-%dT%H:%M").to_string())
        .ok_or_else(|| {
            AppError::invalid(
                field,
                format!("“{s}”不是有效的会议时间，请按 2016-12-05 08:30 的格式填写。"),
                format!("\"{s}\" is not a meeting time; write it as 2016-12-05 08:30."),
            )
        })
}

/// `v` holds no control character and no text-direction override (see
/// [`branchdesk_domain::text`]).
pub fn check_chars(field: &'static str, (zh, en): (&str, &str), v: &str) -> Result<()> {
    use branchdesk_domain::text::{code_point, first_forbidden};
    match first_forbidden(v) {
        None => Ok(()),
        Some((at, c)) => Err(AppError::invalid(
            field,
            format!("“{zh}”的第 {at} 个字符是不可见的控制字符或文字方向控制符（{}），常由复制粘贴带入。请删除后重试。", code_point(c)),
            format!("Character {at} of the {en} is an invisible control or text-direction character ({}), often pasted in by accident. Remove it and try again.", code_point(c)),
        )),
    }
}

/// Every text in a request from the window, at any depth: the one check at the door, so no
/// use case stores what [`check_chars`] refuses. The message names where it was.
pub fn check_request(v: &serde_json::Value) -> Result<()> {
    fn walk(v: &serde_json::Value, at: &mut Vec<String>) -> Result<()> {
        match v {
            serde_json::Value::String(s) => {
                let path = at.join(".");
                check_chars("text", (&path, &path), s)
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    at.push(i.to_string());
                    walk(x, at)?;
                    at.pop();
                }
                Ok(())
            }
            serde_json::Value::Object(o) => {
                for (k, x) in o {
                    check_chars("text", (k, k), k)?;
                    at.push(k.clone());
                    walk(x, at)?;
                    at.pop();
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
    walk(v, &mut Vec::new())
}

/// A title or a name holds no emoji: the fonts have none, so it would print as nothing.
pub(crate) fn no_emoji(field: &'static str, (zh, en): (&str, &str), v: &str) -> Result<()> {
    match branchdesk_domain::text::first_emoji(v) {
        None => Ok(()),
        Some((at, c)) => Err(AppError::invalid(
            field,
            format!("“{zh}”的第 {at} 个字符是表情符号（{c}），打印和导出的文件无法显示。请删除或改用文字。"),
            format!("Character {at} of the {en} is an emoji ({c}), which printed and exported files cannot show. Remove it or use words."),
        )),
    }
}

/// Text that must be there, at most `max` characters, trimmed, without emoji.
pub(crate) fn text(field: &'static str, v: &str, max: usize, zh: &str, en: &str) -> Result<String> {
    check_chars(field, (zh, en), v)?;
    no_emoji(field, (zh, en), v)?;
    let v = v.trim();
    if v.is_empty() {
        return Err(AppError::invalid(
            field,
            format!("{zh}不能为空。"),
            format!("The {en} must not be empty."),
        ));
    }
    if v.chars().count() > max {
        return Err(AppError::invalid(
            field,
            format!("{zh}不能超过{max}个字。"),
            format!("The {en} is longer than {max} characters."),
        ));
    }
    Ok(v.to_string())
}

/// A code or a name: there, at most 60 characters.
pub(crate) fn required(field: &'static str, value: &str, zh: &str, en: &str) -> Result<String> {
    text(field, value, 60, zh, en)
}

/// A site's or a group's name.
pub(crate) fn validate_name(field: &'static str, name: &str) -> Result<()> {
    text(field, name, 60, "名称", "name").map(|_| ())
}

/// A month (`2016-07`), normalised.
pub(crate) fn month(field: &'static str, p: &str) -> Result<String> {
    match p.parse::<branchdesk_domain::Period>() {
        Ok(m @ branchdesk_domain::Period::Month { .. }) => Ok(m.to_string()),
        _ => Err(AppError::invalid(
            field,
            format!("“{p}”不是有效的月份，请按 2016-07 的格式填写。"),
            format!("\"{p}\" is not a month; write it as 2016-07."),
        )),
    }
}

/// A number as typed (thousands separators allowed).
pub(crate) fn decimal(field: &'static str, s: &str, zh: &str, en: &str) -> Result<Decimal> {
    s.trim().replace(',', "").parse::<Decimal>().map_err(|_| {
        AppError::invalid(
            field,
            format!("{zh}“{s}”不是数字。"),
            format!("The {en} \"{s}\" is not a number."),
        )
    })
}

/// An optional number, normalised; empty is `None`.
pub(crate) fn opt_decimal(
    field: &'static str,
    s: &Option<String>,
    zh: &str,
    en: &str,
) -> Result<Option<String>> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(v) => Ok(Some(decimal(field, v, zh, en)?.normalize().to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_times() {
        assert_eq!(
            parse_time("held_at", "2016-12-05 08:30").unwrap(),
            "2016-12-05T08:30"
        );
        assert_eq!(
            parse_time("held_at", "2016-12-05T08:30:00").unwrap(),
            "2016-12-05T08:30"
        );
        assert_eq!(
            parse_time("held_at", "2016-12-05").unwrap_err().code(),
            "input.invalid"
        );
    }
}
