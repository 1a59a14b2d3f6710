//! A site's keys over time: rotation (a site moves to new keys, announced to each peer under
//! the old ones until the peer acknowledges) and revocation (headquarters refuses every bundle
//! signed with a unit's key after its laptop was lost; the unit replaces its keys and joins
//! again with a new enrolment file).

use branchdesk_domain::Role;
use branchdesk_sync::SiteKeys;

use super::refused;
use crate::{App, AppError, Result};

impl App {
    /// Moves this site to new keys; returns the new fingerprint. Each peer learns them from
    /// the next bundle it receives, signed with the keys it knows.
    pub fn sync_rotate_keys(&mut self) -> Result<String> {
        let new = SiteKeys::generate().map_err(|e| AppError::Export(e.to_string()))?;
        let at = self.ctx.now();
        self.store.write(|w| -> Result<()> {
            w.rotate_site_keys(&new.to_bytes(), &at)?;
            for mut p in w.peers()? {
                // Announced from the next bundle on (unless an earlier announcement is still
                // on its way: the old keys it is signed with are the ones the peer knows).
                if p.announce_from == 0 {
                    p.announce_from = p.sent_seq + 1;
                }
                w.put_peer(&p, &at)?;
            }
            Ok(())
        })?;
        Ok(new.public().fingerprint())
    }

    /// Headquarters: revokes the key of the unit `unit` (its code, name or site id) after its
    /// laptop was lost or its key leaked. Every later bundle signed with that key is refused.
    pub fn sync_revoke(&mut self, unit: &str, reason: &str) -> Result<()> {
        if self.store.site()?.role != Role::Hq {
            return Err(refused(
                "sync.not_hq",
                "只有总部可以吊销单位的密钥。".into(),
                "Only headquarters revokes a unit's key.".into(),
            ));
        }
        let mut peer = self.find_peer(Some(unit))?;
        let reason = reason.trim();
        crate::shared::input::check_chars("reason", ("吊销原因", "reason"), reason)?;
        if reason.is_empty() {
            return Err(AppError::invalid(
                "reason",
                "请写明吊销原因（如：笔记本电脑丢失）。",
                "Say why the key is revoked (e.g. a lost laptop).",
            ));
        }
        let at = self.ctx.now();
        self.store.write(|w| -> Result<()> {
            w.revoke(&peer, reason, &at)?;
            peer.revoked_at = Some(at.clone());
            w.put_peer(&peer, &at)?;
            Ok(())
        })
    }
}

/// What a bundle from a revoked key is told.
pub(super) fn revoked(name: &str, site_id: &str) -> AppError {
    refused(
        "sync.revoked",
        format!("「{name}」（站点 {site_id}）的密钥已被总部吊销（如笔记本电脑丢失）。吊销后用该密钥签名的同步包一律拒绝；该单位须更换密钥并用总部新签发的入网文件重新入网。数据库未作任何改动。"),
        format!("The key of \u{201c}{name}\u{201d} (site {site_id}) was revoked by headquarters (a lost laptop, say). Every bundle signed with it is refused; the unit replaces its keys and joins again with a new enrolment file. Nothing was changed."),
    )
}
