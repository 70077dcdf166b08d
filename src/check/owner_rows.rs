//! What the file's rows give one owner (an advertiser, or the global level): for each goal,
//! the rows a hit is compared with, the parameters they all have the advertiser fill and
//! the literals they all fix. Worked out on the owner's first hit, on whichever thread
//! reads it: a run often sees a few advertisers of a large file, and never pays for the
//! others.

use std::sync::OnceLock;

use foldhash::HashMap;

use crate::config::{Campaign, Global, GoalTarget};
use crate::owner::Owner;
use crate::rows::{levels, Fills, Kind, Macros, Planned};

/// Which row of an owner a hit is for: its goal value or id, the global event, or the
/// default conversion.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RowKey<'c> {
    #[default]
    Default,
    Event,
    Value(&'c str),
    Id(&'c str),
}

/// What the file's rows for one owner and one goal say a hit carries: the rows (`check`'s
/// candidates), the parameters every one of them has the advertiser fill, and the literals
/// every one of them fixes to the same value.
#[derive(Debug, Default)]
pub struct Expected<'c> {
    /// How many rows were met: the first sets what is expected, the others narrow it.
    rows: usize,
    /// The rows' goal as the file spells it.
    pub key: RowKey<'c>,
    pub campaigns: Vec<u64>,
    /// The goal's name; `None` for a default conversion.
    pub goal: Option<&'c str>,
    pub params: Vec<&'c str>,
    pub fixed: Vec<(&'c str, &'c str)>,
}

impl<'c> Expected<'c> {
    /// Narrows what is expected to what this row also has.
    fn meet(&mut self, fills: &Fills<'c>) {
        self.rows += 1;
        if self.rows == 1 {
            self.params = fills.advertiser_filled().collect();
            self.fixed = fills.literals().collect();
            return;
        }
        self.params
            .retain(|p| fills.advertiser_filled().any(|q| q == *p));
        self.fixed.retain(|f| fills.literals().any(|l| l == *f));
    }
}

/// One owner's expectations, by goal.
#[derive(Default)]
pub struct Rows<'c> {
    index: HashMap<RowKey<'c>, usize>,
    /// In file order.
    expected: Vec<Expected<'c>>,
}

impl<'c> Rows<'c> {
    fn of(
        owner: Owner<'c>,
        global: Option<&'c Global<'c>>,
        campaigns: &[&'c Campaign<'c>],
    ) -> Self {
        let mut rows = Rows::default();
        let global = global.filter(|_| owner == Owner::Global);
        for level in levels(global, campaigns.iter().copied()) {
            let campaign = level.campaign.map(|c| c.id.value);
            for row in level.rows() {
                rows.expect(campaign, &level.fills, row);
            }
        }
        rows
    }

    /// Adds one row to what hits for its goal are expected to carry.
    fn expect(&mut self, campaign: Option<u64>, level: &Fills<'c>, row: Planned<'c>) {
        let key = match (row.kind, row.target()) {
            (Kind::Event, _) => RowKey::Event,
            (_, Some(GoalTarget::Value(v))) => RowKey::Value(v.as_str()),
            (_, Some(GoalTarget::Id(id))) => RowKey::Id(id.as_str()),
            (_, None) => RowKey::Default,
        };
        let at = *self.index.entry(key).or_insert_with(|| {
            self.expected.push(Expected::default());
            self.expected.len() - 1
        });
        let expected = &mut self.expected[at];
        expected.key = key;
        expected.meet(&row.fills(level));
        expected.goal = row.goal.map(|g| g.name.as_str());
        expected.campaigns.extend(campaign);
    }

    /// What hits for `key` (whose goal may be spelt by a hit) are expected to carry.
    pub fn get(&self, key: RowKey<'_>) -> Option<&Expected<'c>> {
        // The map's keys live as long as the file; the lookup's need only live as long as
        // the hit.
        let index: &HashMap<RowKey<'_>, usize> = &self.index;
        self.expected.get(*index.get(&key)?)
    }
}

/// What the file gives one owner: its campaigns, their rows' expectations once worked
/// out, and its macros.
#[derive(Default)]
pub struct OwnerRows<'c> {
    /// None for the global level, whose rows come from `[global]`.
    pub campaigns: Vec<&'c Campaign<'c>>,
    rows: OnceLock<Rows<'c>>,
    pub macros: Option<Macros<'c>>,
}

impl<'c> OwnerRows<'c> {
    pub fn rows(&self, owner: Owner<'c>, global: Option<&'c Global<'c>>) -> &Rows<'c> {
        self.rows
            .get_or_init(|| Rows::of(owner, global, &self.campaigns))
    }
}
