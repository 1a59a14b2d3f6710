//! The headquarters demo (`init --demo --role hq`): the demo's city branch and three more
//! (assets/demo/cities.toml), each made as a unit database of its own from `demo.toml` with its
//! own names, enrolled at headquarters and brought in by its first bundle on its own day. What
//! headquarters holds came through the sync path, as it would in use.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DemoData, DEMO_TOML};
use crate::sync::{ImportOptions, Scope};
use crate::{Accounts, App, AppError, InitOptions, Result};

const CITIES_TOML: &str = include_str!("../../../../../../assets/demo/cities.toml");

/// Common surnames: another city's people get another one, so that four cities do not share
/// one cast.
const SURNAMES: [char; 20] = [
    '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林',
    '何', '郭', '马', '罗',
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cities {
    city: Vec<City>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct City {
    code: String,
    /// The day its bundle reaches headquarters.
    received: NaiveDate,
    /// `[淄博's name, this city's]`, replaced in that order.
    names: Vec<[String; 2]>,
}

/// A person's name in city `n`: the surname moved along the list.
fn renamed(name: &str, n: u64) -> String {
    let mut chars = name.chars();
    let Some(first) = chars.next().filter(|_| n > 0) else {
        return name.to_string();
    };
    let at = SURNAMES
        .iter()
        .position(|c| *c == first)
        .unwrap_or(first as usize % SURNAMES.len());
    let other = SURNAMES[(at + 7 * n as usize) % SURNAMES.len()];
    format!("{other}{}", chars.as_str())
}

impl DemoData {
    /// The demo data set as city `n` of the headquarters demo.
    fn for_city(city: &City, n: u64) -> Result<DemoData> {
        let mut text = DEMO_TOML.to_string();
        for [from, to] in &city.names {
            text = text.replace(from.as_str(), to);
        }
        if city.code != "ZB" {
            // Every code is a quoted string starting with the city's code.
            text = text.replace("\"ZB", &format!("\"{}", city.code));
        }
        let mut d: DemoData = toml::from_str(&text).map_err(|e| AppError::Demo(e.to_string()))?;
        d.city = n;
        d.prefix = (city.code != "ZB").then(|| city.code.clone());
        if n > 0 {
            for p in &mut d.position {
                for person in &mut p.people {
                    if let Some(name) = person.get_mut(1) {
                        *name = renamed(name, n);
                    }
                }
            }
            for b in &mut d.branch {
                for name in &mut b.people {
                    *name = renamed(name, n);
                }
            }
        }
        Ok(d)
    }
}

impl App {
    /// Brings the demo's cities into this new headquarters database, each by enrolment and
    /// its first bundle; their databases are made in a folder beside it and removed after.
    pub(crate) fn fill_hq_demo(&mut self, path: &Path) -> Result<()> {
        let cities: Cities =
            toml::from_str(CITIES_TOML).map_err(|e| AppError::Demo(e.to_string()))?;
        let dir = path.with_extension("demo-sites");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| AppError::Write(dir.clone(), e))?;
        let done = cities
            .city
            .iter()
            .enumerate()
            .try_for_each(|(n, c)| self.bring_in_city(&dir, c, n as u64));
        let _ = std::fs::remove_dir_all(&dir);
        done?;
        // Headquarters scores every unit's figures with the cities' scheme (seed 001 with the
        // demo's targets): one ranking across the four cities.
        let (id, name, source) = super::figures::demo_scheme()?;
        self.store.write(|w| -> Result<()> {
            w.add_scheme(&id, &name, &source, "2016-06-01T00:00:00Z")?;
            Ok(())
        })
    }

    fn bring_in_city(&mut self, dir: &Path, c: &City, n: u64) -> Result<()> {
        let data = DemoData::for_city(c, n)?;
        let opts = InitOptions {
            demo: true,
            site_name: Some(data.site.name.clone()),
            group_name: Some(data.site.group_name.clone()),
            role: branchdesk_domain::Role::Unit,
            language: self.lang,
            accounts: Accounts::None,
        };
        let mut unit = App::init_data(
            &dir.join(format!("{}.db", c.code)),
            &opts,
            self.ctx.clone(),
            Some(crate::site::Demo::City(data)),
        )?;
        let enrolment = self.sync_enrol(&c.code)?;
        unit.sync_import_with(
            &enrolment.bytes,
            "enrol.bdk",
            &ImportOptions {
                passcode: Some(enrolment.passcode),
            },
        )?;
        // The bundle leaves the city and arrives at headquarters on the city's day.
        let hq_day = self.ctx.clone();
        unit.ctx = unit.ctx.clone().with_today(c.received);
        self.ctx = self.ctx.clone().with_today(c.received);
        let (bundle, _) = unit.sync_export(None, Scope::Changes, &mut |_, _| {})?;
        let report = self.sync_import(&bundle, &format!("{}.bdk", c.code));
        self.ctx = hq_day;
        let report = report?;
        if report.outcome != branchdesk_domain::BundleOutcome::Applied {
            return Err(AppError::Demo(format!("{}: {}", c.code, report.message)));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_city_of_the_demo_parses_with_its_own_codes_and_names() {
        let cities: Cities = toml::from_str(CITIES_TOML).unwrap();
        assert_eq!(cities.city.len(), 4);
        for (n, c) in cities.city.iter().enumerate() {
            let d = DemoData::for_city(c, n as u64).unwrap();
            assert!(
                d.unit.iter().skip(1).all(|u| u.code.starts_with(&c.code)),
                "{}",
                c.code
            );
            assert!(d.branch.iter().all(|b| b.code.starts_with(&c.code)));
            if n > 0 {
                assert!(!d.site.name.contains("淄博"), "{}", d.site.name);
                assert!(d.branch.iter().all(|b| !b.name.contains("张店")));
                assert_ne!(
                    d.position[0].people[0][1], "韩立新",
                    "another city's manager"
                );
            }
        }
        assert_eq!(renamed("韩立新", 0), "韩立新");
        assert_ne!(renamed("王建国", 1), "王建国");
    }
}
