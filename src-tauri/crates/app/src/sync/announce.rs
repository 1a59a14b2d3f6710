//! Announcements from headquarters, shown at the unit's start until seen.

use branchdesk_domain::{Announcement, AnnouncementRead, Role};

use super::refused;
use crate::{App, AppError, Result};

impl App {
    /// Headquarters: an announcement for the unit with `unit_code`, or for every unit. It goes
    /// down in the next bundles and is shown when the unit's program starts.
    pub fn announce(
        &mut self,
        unit_code: Option<&str>,
        title: &str,
        body: &str,
    ) -> Result<Announcement> {
        if self.store.site()?.role != Role::Hq {
            return Err(refused(
                "sync.not_hq",
                "只有总部可以发布公告。".into(),
                "Only headquarters publishes announcements.".into(),
            ));
        }
        let title = title.trim();
        crate::shared::input::no_emoji("title", ("公告标题", "title"), title)?;
        if title.is_empty() || title.chars().count() > 100 {
            return Err(AppError::invalid(
                "title",
                "请填写公告标题，不超过100个字。",
                "Enter a title of at most 100 characters.",
            ));
        }
        let unit_id = match unit_code.map(str::trim).filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => Some(self.store.unit_id_by_code(c)?.ok_or_else(|| {
                AppError::invalid(
                    "unit_code",
                    format!("没有编码为 {c} 的单位。"),
                    format!("There is no unit with code {c}."),
                )
            })?),
        };
        let a = Announcement {
            id: branchdesk_store::new_id(),
            unit_id,
            title: title.to_string(),
            body: body.trim().to_string(),
            published_at: self.ctx.now(),
            by: self.store.site()?.name,
            seen: false,
            reads: Vec::new(),
        };
        self.store.write(|w| w.put_announcement(&a))?;
        Ok(a)
    }

    /// Announcements from headquarters, newest first.
    /// At headquarters they are its own, so none is waiting to be seen (nothing pops up).
    /// At headquarters each comes with the units that have read it.
    pub fn announcements(&self) -> Result<Vec<Announcement>> {
        let own = self.store.site()?.role == Role::Hq;
        let units = if own {
            self.store.units(None)?
        } else {
            Vec::new()
        };
        self.store
            .announcements()?
            .into_iter()
            .map(|a| {
                let reads = if own {
                    self.store
                        .announcement_reads(&a.id)?
                        .into_iter()
                        .map(|(unit_id, read_at, read_by)| AnnouncementRead {
                            unit_name: units
                                .iter()
                                .find(|u| u.id == unit_id)
                                .map_or_else(|| unit_id.clone(), |u| u.attrs.name.clone()),
                            unit_id,
                            read_at,
                            read_by,
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                Ok(Announcement {
                    seen: a.seen || own,
                    reads,
                    ..a
                })
            })
            .collect()
    }

    /// The user has read it: no longer shown at start; at a unit that joined headquarters, a
    /// read receipt for the unit goes up in the next bundle.
    pub fn mark_announcement_seen(&mut self, id: &str) -> Result<()> {
        let at = self.ctx.now();
        let unit = match self.store.setting(super::KEY_UNIT_CODE)? {
            Some(code) if self.store.site()?.role == Role::Unit => {
                self.store.unit_id_by_code(&code)?
            }
            _ => None,
        };
        let known = self.store.announcements()?.iter().any(|a| a.id == id);
        let by = self.ctx.operator().to_string();
        Ok(self.store.write(|w| -> branchdesk_store::Result<()> {
            w.mark_seen(id, &at)?;
            if let (Some(unit), true, false) = (&unit, known, by.is_empty()) {
                w.put_announcement_read(id, unit, &at, &by)?;
            }
            Ok(())
        })?)
    }
}
