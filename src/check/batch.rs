//! What only a run of hits shows: a click id converting twice for the same goal (Trackier's
//! `DUPLICATE_CLICK_ID`: a second conversion on one click is rejected unless the campaign
//! allows several) and a transaction id seen twice for one advertiser. Memory stays a few
//! bytes per distinct id: each is kept as a 64-bit hash.

use std::collections::HashSet;
use std::hash::{BuildHasher, Hash};

use foldhash::quality::FixedState;

use super::report::{Code, Findings};
use super::rules::Outcome;
use crate::owner::Owner;
use crate::tracker::Tracker;

#[derive(Default)]
pub struct Batch {
    clicks: HashSet<u64, FixedState>,
    txns: HashSet<u64, FixedState>,
}

/// What one hit brings to the batch checks: its click for its goal and its transaction id,
/// each as a key. Found with the hit, wherever it was examined.
#[derive(Default)]
pub struct Seen<'c> {
    click: Option<u64>,
    /// The advertiser, named in the finding, and the key.
    txn: Option<(&'c str, u64)>,
}

impl<'c> Seen<'c> {
    pub fn of(outcome: &Outcome<'c, '_>) -> Self {
        let owner = outcome.owner.map(Owner::advertiser);
        let click = match (&outcome.click_id, outcome.row) {
            (Some(click), Some(row)) if !click.is_empty() => Some(key((owner, row, click))),
            _ => None,
        };
        let txn = match (&outcome.txn_id, outcome.owner) {
            (Some(txn), Some(Owner::Advertiser(advertiser))) if !txn.is_empty() => {
                Some((advertiser, key((advertiser, txn))))
            }
            _ => None,
        };
        Seen { click, txn }
    }
}

fn key(parts: impl Hash) -> u64 {
    // A fixed seed: the same hits give the same findings on every run.
    FixedState::with_seed(0).hash_one(parts)
}

impl Batch {
    /// Reports the hit's click id or transaction id when an earlier hit that was recorded
    /// had it. Only a hit without errors counts as recorded: the corrected resend of a hit
    /// Trackier refused is no duplicate.
    pub fn check(&mut self, seen: &Seen<'_>, tracker: &Tracker, findings: &mut Findings) {
        let recorded = !findings.has_error();
        let seen_before = |ids: &mut HashSet<u64, FixedState>, id: u64| match recorded {
            true => !ids.insert(id),
            false => ids.contains(&id),
        };
        if let Some(click) = seen.click {
            if seen_before(&mut self.clicks, click) {
                findings.warning(
                    Code::DuplicateClickId,
                    "this click id already converted for the same goal in this run",
                    format!("{} rejects a second conversion on one click unless the campaign allows multiple conversions", tracker.name),
                );
            }
        }
        if let Some((advertiser, txn)) = seen.txn {
            if seen_before(&mut self.txns, txn) {
                findings.warning(
                    Code::DuplicateTxnId,
                    format!("this txn_id was already sent for advertiser `{advertiser}` in this run"),
                    "each conversion has its own transaction id: a resent postback counts twice, or is refused",
                );
            }
        }
    }
}
