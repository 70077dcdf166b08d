//! The one walk over a file's levels: the global level, then each campaign, each with its
//! parameters and its rows (default, event, goals). `urls`, `check` and `list` all read the
//! file's rows through it, so they cannot disagree on what a row is.

use super::plan::{self, Fills, Planned};
use super::GLOBAL_DEFAULT;
use crate::config::{Campaign, Global, Goal};
use crate::owner::Owner;

/// One level: the global level or one campaign, its parameters and its rows.
pub struct LevelRows<'c> {
    /// The advertiser whose campaign it is, or the network at the global level.
    pub owner: Owner<'c>,
    /// The campaign; `None` at the global level.
    pub campaign: Option<&'c Campaign<'c>>,
    /// The level's parameters, before any row adds its own.
    pub fills: Fills<'c>,
    default_label: &'c str,
    event: bool,
    goals: &'c [Goal<'c>],
}

impl<'c> LevelRows<'c> {
    pub fn global(global: &'c Global<'c>) -> Self {
        LevelRows {
            owner: Owner::Global,
            campaign: None,
            fills: Fills::of(&global.parameters),
            default_label: GLOBAL_DEFAULT,
            event: global.event,
            goals: &global.goals,
        }
    }

    pub fn campaign(campaign: &'c Campaign<'c>) -> Self {
        LevelRows {
            owner: Owner::Advertiser(campaign.advertiser.as_str()),
            campaign: Some(campaign),
            fills: Fills::of(&campaign.parameters),
            default_label: &campaign.default_label,
            event: false,
            goals: &campaign.goals,
        }
    }

    /// The level's rows in order: the default, the event (global only), then the goals.
    pub fn rows(&self) -> impl Iterator<Item = Planned<'c>> {
        plan::plan(self.default_label, self.event, self.goals)
    }
}

/// The levels of `global` (when given) and of `campaigns`, in that order.
pub fn levels<'c>(
    global: Option<&'c Global<'c>>,
    campaigns: impl IntoIterator<Item = &'c Campaign<'c>>,
) -> impl Iterator<Item = LevelRows<'c>> {
    (global.map(LevelRows::global))
        .into_iter()
        .chain(campaigns.into_iter().map(LevelRows::campaign))
}
