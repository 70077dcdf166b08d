//! The plan of a level's postbacks: which rows it has (the default, the global event URL,
//! one per goal) and what each puts on its URL, before any URL is written. `urls`, `list`
//! and `check` all read the rows through this plan.

use std::borrow::Cow;

use super::Kind;
use crate::config::{Goal, GoalTarget, Parameters};
use crate::registry::{CLICK_ID, GOAL_VALUE};

/// How a parameter gets its value at one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fill<'c> {
    /// The advertiser's system fills it: a macro in the URL.
    Advertiser,
    Literal(&'c str),
}

/// The parameters of a URL in the order the file declares them: `click_id` first, then the
/// level's `params` and `fixed`, then the goal's, a more specific place replacing the fill of
/// a name already present.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fills<'c>(Vec<(&'c str, Fill<'c>)>);

impl<'c> Fills<'c> {
    /// The parameters of a level (global or campaign).
    pub fn of(parameters: &'c Parameters<'c>) -> Self {
        let mut fills = Fills(vec![(CLICK_ID, Fill::Advertiser)]);
        fills.merge(parameters);
        fills
    }

    /// Adds a more specific place's parameters.
    pub fn merge(&mut self, parameters: &'c Parameters<'c>) {
        let params = parameters
            .params
            .iter()
            .map(|p| (p.as_str(), Fill::Advertiser));
        let fixed =
            (parameters.fixed.iter()).map(|f| (f.name.as_str(), Fill::Literal(f.value.as_str())));
        for (name, fill) in params.chain(fixed) {
            self.set(name, fill);
        }
    }

    fn set(&mut self, name: &'c str, fill: Fill<'c>) {
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = fill,
            None => self.0.push((name, fill)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'c str, Fill<'c>)> + '_ {
        self.0.iter().copied()
    }

    /// The names the advertiser's system fills, in order.
    pub fn advertiser_filled(&self) -> impl Iterator<Item = &'c str> + '_ {
        self.iter()
            .filter(|(_, fill)| *fill == Fill::Advertiser)
            .map(|(name, _)| name)
    }

    /// The literals, in order.
    pub fn literals(&self) -> impl Iterator<Item = (&'c str, &'c str)> + '_ {
        self.iter().filter_map(|(name, fill)| match fill {
            Fill::Literal(value) => Some((name, value)),
            Fill::Advertiser => None,
        })
    }
}

/// One postback of a level, before its URL is written.
#[derive(Clone, Copy, Debug)]
pub struct Planned<'c> {
    pub kind: Kind,
    /// The goal's name, the default label, or `Event`.
    pub label: &'c str,
    /// The goal of a goal row.
    pub goal: Option<&'c Goal<'c>>,
}

impl<'c> Planned<'c> {
    /// The goal's value or id, on a goal row.
    pub fn target(&self) -> Option<&'c GoalTarget<'c>> {
        self.goal.map(|goal| &goal.target)
    }

    /// The row's parameters: the level's, the goal's additions, and on the global event URL
    /// the partner's event name as `goal_value` (a goal row's own value or id is a literal
    /// the URL adds last). The level's own, not a copy, when the row adds nothing.
    pub fn fills<'f>(&self, level: &'f Fills<'c>) -> Cow<'f, Fills<'c>> {
        let goal = self.goal.filter(|goal| {
            let parameters = &goal.parameters;
            !(parameters.params.is_empty() && parameters.fixed.is_empty())
        });
        if goal.is_none() && self.kind != Kind::Event {
            return Cow::Borrowed(level);
        }
        let added = goal.map_or(0, |g| g.parameters.params.len() + g.parameters.fixed.len());
        let mut fills = Fills(Vec::with_capacity(level.0.len() + added + 1));
        fills.0.extend_from_slice(&level.0);
        if let Some(goal) = goal {
            fills.merge(&goal.parameters);
        }
        if self.kind == Kind::Event {
            fills.set(GOAL_VALUE, Fill::Advertiser);
        }
        Cow::Owned(fills)
    }
}

/// The rows of a level in order: the default, the event (global only), then the goals.
pub fn plan<'c>(
    default_label: &'c str,
    event: bool,
    goals: &'c [Goal<'c>],
) -> impl Iterator<Item = Planned<'c>> {
    let default = Planned {
        kind: Kind::Default,
        label: default_label,
        goal: None,
    };
    let event = event.then_some(Planned {
        kind: Kind::Event,
        label: super::GLOBAL_EVENT,
        goal: None,
    });
    let goals = goals.iter().map(|goal| Planned {
        kind: Kind::Goal,
        label: goal.name.as_str(),
        goal: Some(goal),
    });
    std::iter::once(default).chain(event).chain(goals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{At, Fixed};

    fn at(text: &'static str) -> At<crate::config::Str<'static>> {
        At::new(text.into(), 0..0)
    }

    #[test]
    fn a_goal_overrides_its_campaign_and_keeps_the_order() {
        let campaign = Parameters {
            params: vec![at("txn_id")],
            fixed: vec![Fixed {
                name: at("sub1"),
                value: at("summer"),
            }],
        };
        let goal = Parameters {
            params: vec![at("sub1")],
            fixed: vec![Fixed {
                name: at("txn_id"),
                value: at("T"),
            }],
        };
        let mut fills = Fills::of(&campaign);
        fills.merge(&goal);
        let names: Vec<_> = fills.iter().collect();
        assert_eq!(
            names,
            [
                ("click_id", Fill::Advertiser),
                ("txn_id", Fill::Literal("T")),
                ("sub1", Fill::Advertiser)
            ]
        );
        assert_eq!(
            fills.advertiser_filled().collect::<Vec<_>>(),
            ["click_id", "sub1"]
        );
    }
}
