//! What only a run of hits shows: a click id converting twice for the same goal (Trackier's
//! `DUPLICATE_CLICK_ID`: a second conversion on one click is rejected unless the campaign
//! allows several) and a transaction id seen twice for one advertiser. Memory stays a few
//! bytes per distinct id: each is kept as a 64-bit hash.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::report::{Code, Findings};
use super::rules::Outcome;
use crate::owner::Owner;

#[derive(Default)]
pub struct Batch {
    clicks: HashSet<u64>,
    txns: HashSet<u64>,
}

fn key(parts: impl Hash) -> u64 {
    // A fixed-key hasher: the same hits give the same findings on every run.
    let mut hasher = DefaultHasher::new();
    parts.hash(&mut hasher);
    hasher.finish()
}

impl Batch {
    /// Reports the hit's click id or transaction id when an earlier hit had it.
    pub fn check(&mut self, outcome: &Outcome<'_>, findings: &mut Findings) {
        let owner = outcome.owner.map(Owner::advertiser);
        if let (Some(click), Some(row)) = (&outcome.click_id, outcome.row) {
            if !click.is_empty() && !self.clicks.insert(key((owner, row, click))) {
                findings.warning(
                    Code::DuplicateClickId,
                    "this click id already converted for the same goal in this run",
                    "Trackier rejects a second conversion on one click unless the campaign allows multiple conversions",
                );
            }
        }
        if let (Some(txn), Some(Owner::Advertiser(advertiser))) = (&outcome.txn_id, outcome.owner) {
            if !txn.is_empty() && !self.txns.insert(key((advertiser, txn))) {
                findings.warning(
                    Code::DuplicateTxnId,
                    format!("this txn_id was already sent for advertiser `{advertiser}` in this run"),
                    "each conversion has its own transaction id: a resent postback counts twice, or is refused",
                );
            }
        }
    }
}
