//! The parameter registry: every parameter a file can put on a postback, its canonical position
//! in a URL, who fills it and the rule its values follow, plus the network's own parameters
//! from `[network.params]`.
//!
//! These names are the file's vocabulary, whatever the tracker: a [`crate::tracker::Tracker`]
//! maps each to the name its endpoint reads. They are the names of Trackier's advertiser
//! postback parameters page
//! (https://help.trackier.com/en/articles/8107277-key-parameters-for-setting-up-advertiser-postback),
//! which lists `sub1`-`sub15` and `revenue` as the dynamic payout. It names no coupon
//! parameter; `coupon_code` is kept unconfirmed (docs/decisions.md says so).

use std::borrow::Cow;
use std::ops::Range;

pub use crate::value_rule::{Breach, Rule, Violation, STATUSES};

/// The click id, which attributes a conversion to its click.
pub const CLICK_ID: &str = "click_id";
/// The owner's token, and the key of `campaigns.toml` naming the variable that holds one.
pub const SECURITY_TOKEN: &str = "security_token";
pub const SECURITY_TOKEN_ENV: &str = "security_token_env";
/// The campaign's id, which a tracker that wants it in every postback (TUNE's `offer_id`)
/// gets from the file; not a parameter of the file's lists.
pub const CAMPAIGN_ID: &str = "campaign_id";
/// The advertiser's id in the network's tracker, which a tracker that wants it in every
/// postback (Offer18's `mid`) gets from `[advertisers.<key>] id`.
pub const ADVERTISER_ID: &str = "advertiser_id";
/// The conversion status, whose values are [`STATUSES`].
pub const STATUS: &str = "status";
/// What names a goal: its value or its id.
pub const GOAL_VALUE: &str = "goal_value";
pub const GOAL_ID: &str = "goal_id";

/// What a publisher postback carries, by the file's names: the publisher's click id
/// (`CLICK_ID`), the payout, the transaction, the goal (`EVENT`) and the currency. Each
/// tracker names them its own way.
pub const PAYOUT: &str = "payout";
pub const EVENT: &str = "event";
pub const PUBLISHER_PARAMS: [&str; 5] = [CLICK_ID, PAYOUT, "txn_id", EVENT, "currency"];

/// A parameter declared in `[network.params]`: its name and what goes there.
#[derive(Clone, Debug)]
pub struct CustomParam<'s> {
    pub name: Cow<'s, str>,
    pub span: Range<usize>,
    pub description: Cow<'s, str>,
}

/// Who supplies a parameter's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filler {
    /// Only the advertiser's system knows it at conversion time: a macro in the URL.
    Advertiser,
    /// The network decides it and postback writes it from the file (the token, a goal's
    /// value or id): a literal in the URL, never listed in `params` or `fixed`.
    Network,
    /// Either: a macro when listed in `params`, a literal when listed in `fixed`.
    Either,
}

impl Filler {
    pub fn describe(self) -> &'static str {
        match self {
            Filler::Advertiser => "advertiser",
            Filler::Network => "network (written by postback)",
            Filler::Either => "either",
        }
    }
}

/// A built-in parameter.
#[derive(Debug)]
pub struct Builtin {
    pub name: &'static str,
    pub filler: Filler,
    pub rule: Rule,
    pub description: &'static str,
}

/// Built-in parameters before `sub1`, in canonical order.
pub const BUILTINS: &[Builtin] = &[
    Builtin {
        name: CLICK_ID,
        filler: Filler::Advertiser,
        rule: Rule::NonEmpty,
        description: "the click id {tracker} passed on with the click",
    },
    Builtin {
        name: SECURITY_TOKEN,
        filler: Filler::Network,
        rule: Rule::Token,
        description: "the advertiser's (or the network's global) security token",
    },
    Builtin {
        name: "txn_id",
        filler: Filler::Advertiser,
        rule: Rule::NonEmpty,
        description: "the transaction or order id",
    },
    Builtin {
        name: "sale_amount",
        filler: Filler::Advertiser,
        rule: Rule::Decimal,
        description: "the sale amount of the conversion",
    },
    Builtin {
        name: "revenue",
        filler: Filler::Advertiser,
        rule: Rule::Decimal,
        description: "the revenue of the conversion (the payout to the network)",
    },
    Builtin {
        name: "currency",
        filler: Filler::Either,
        rule: Rule::Currency,
        description: "the currency of the amounts, e.g. USD",
    },
    Builtin {
        name: STATUS,
        filler: Filler::Either,
        rule: Rule::Status,
        description: "the conversion status: approved, pending, cancelled or rejected",
    },
    Builtin {
        name: "coupon_code",
        filler: Filler::Advertiser,
        rule: Rule::NonEmpty,
        description: "the coupon code used in the order",
    },
    Builtin {
        name: "idfa",
        filler: Filler::Advertiser,
        rule: Rule::NonEmpty,
        description: "the iOS advertising id (IDFA) of the device",
    },
    Builtin {
        name: "gaid",
        filler: Filler::Advertiser,
        rule: Rule::NonEmpty,
        description: "the Google advertising id (GAID) of the device",
    },
];

pub const SUB_COUNT: u32 = 15;
const SUB_DESCRIPTION: &str = "a free sub parameter";
const GOAL_ORDER: u32 = u32::MAX;

/// Names the tool writes itself: a file may not list them in `params` or `fixed`.
pub const MANAGED: [&str; 3] = [SECURITY_TOKEN, GOAL_VALUE, GOAL_ID];

/// What the registry knows of one parameter name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamInfo<'a> {
    /// Position in a URL: parameters are written in increasing order.
    pub order: u32,
    pub filler: Filler,
    pub rule: Rule,
    pub description: &'a str,
}

/// The built-in registry plus the file's `[network.params]`.
#[derive(Clone, Copy, Debug)]
pub struct Registry<'c> {
    custom: &'c [CustomParam<'c>],
}

impl<'c> Registry<'c> {
    pub fn new(custom: &'c [CustomParam<'c>]) -> Self {
        Registry { custom }
    }

    /// The parameter called `name`, if the registry has it.
    pub fn lookup(&self, name: &str) -> Option<ParamInfo<'c>> {
        if let Some(index) = BUILTINS.iter().position(|b| b.name == name) {
            let builtin = &BUILTINS[index];
            return Some(ParamInfo {
                order: index as u32,
                filler: builtin.filler,
                rule: builtin.rule,
                description: builtin.description,
            });
        }
        if let Some(n) = sub_number(name) {
            return Some(ParamInfo {
                order: BUILTINS.len() as u32 + n - 1,
                filler: Filler::Either,
                rule: Rule::Any,
                description: SUB_DESCRIPTION,
            });
        }
        if name == GOAL_VALUE || name == GOAL_ID {
            return Some(ParamInfo {
                order: GOAL_ORDER,
                filler: Filler::Network,
                rule: Rule::NonEmpty,
                description: if name == GOAL_VALUE {
                    "the goal's value (a macro of the partner's event name on the global event URL)"
                } else {
                    "the goal's id"
                },
            });
        }
        let index = self.custom.iter().position(|p| p.name.as_ref() == name)?;
        Some(ParamInfo {
            order: BUILTINS.len() as u32 + SUB_COUNT + index as u32,
            filler: Filler::Either,
            rule: Rule::Any,
            description: &self.custom[index].description,
        })
    }

    /// Every name in canonical order, built-ins, subs, custom, then the goal parameters.
    pub fn names(&self) -> Vec<std::borrow::Cow<'c, str>> {
        let mut names: Vec<std::borrow::Cow<'c, str>> =
            BUILTINS.iter().map(|b| b.name.into()).collect();
        names.extend((1..=SUB_COUNT).map(|n| format!("sub{n}").into()));
        names.extend(self.custom.iter().map(|p| p.name.clone()));
        names.push(GOAL_VALUE.into());
        names.push(GOAL_ID.into());
        names
    }
}

/// A description as a reader sees it: `{tracker}` is the network's tracker's name.
pub fn described<'d>(description: &'d str, tracker: &str) -> Cow<'d, str> {
    match description.contains("{tracker}") {
        true => Cow::Owned(description.replace("{tracker}", tracker)),
        false => Cow::Borrowed(description),
    }
}

/// `Some(n)` for `sub1` ... `sub15`.
pub fn sub_number(name: &str) -> Option<u32> {
    let digits = name.strip_prefix("sub")?;
    if digits.starts_with('0') {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    (1..=SUB_COUNT).contains(&n).then_some(n)
}

/// True for names the registry reserves, whatever the file declares.
pub fn is_builtin(name: &str) -> bool {
    BUILTINS.iter().any(|b| b.name == name)
        || sub_number(name).is_some()
        || name == GOAL_VALUE
        || name == GOAL_ID
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_order_is_the_registry_table() {
        let registry = Registry::new(&[]);
        let order = |n: &str| registry.lookup(n).unwrap().order;
        let names = [
            "click_id",
            "security_token",
            "txn_id",
            "sale_amount",
            "revenue",
            "currency",
            "status",
            "coupon_code",
            "idfa",
            "gaid",
            "sub1",
            "sub2",
            "sub15",
            "goal_value",
        ];
        for pair in names.windows(2) {
            assert!(order(pair[0]) < order(pair[1]), "{pair:?}");
        }
        assert_eq!(order("goal_value"), order("goal_id"));
    }

    #[test]
    fn sub_numbers_stop_at_fifteen() {
        assert_eq!(sub_number("sub15"), Some(15));
        assert_eq!(sub_number("sub16"), None);
        assert_eq!(sub_number("sub0"), None);
        assert_eq!(sub_number("sub01"), None);
        assert_eq!(sub_number("sub"), None);
    }
}
