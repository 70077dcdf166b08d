//! The parameter registry: every parameter a Trackier postback accepts, its canonical position
//! in a URL, who fills it and the rule its values follow, plus the network's own parameters
//! from `[network.params]`.

use std::borrow::Cow;
use std::ops::Range;

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

/// The rule a value must follow, checked on literals in the file and on received hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    NonEmpty,
    /// Non-empty, no whitespace.
    Token,
    /// A decimal number >= 0 with `.` as separator.
    Decimal,
    /// Three letters, ISO 4217 style.
    Currency,
    /// One of the Trackier conversion statuses.
    Status,
    Any,
}

/// How badly a value breaks its rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breach {
    Error,
    Warning,
}

/// A value that breaks its parameter's rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub breach: Breach,
    pub message: String,
    pub hint: Option<String>,
}

pub const STATUSES: [&str; 4] = ["approved", "pending", "cancelled", "rejected"];

impl Rule {
    pub fn describe(self) -> &'static str {
        match self {
            Rule::NonEmpty => "non-empty",
            Rule::Token => "non-empty, no whitespace",
            Rule::Decimal => "decimal number >= 0, `.` as separator",
            Rule::Currency => "three letters, ISO 4217 (USD)",
            Rule::Status => "approved, pending, cancelled or rejected",
            Rule::Any => "any",
        }
    }

    /// Checks `value` against the rule; `Ok` when it passes.
    pub fn check(self, value: &str) -> Result<(), Violation> {
        let error = |message: String, hint: Option<String>| {
            Err(Violation {
                breach: Breach::Error,
                message,
                hint,
            })
        };
        match self {
            Rule::Any => Ok(()),
            Rule::NonEmpty if value.is_empty() => error("is empty".into(), None),
            Rule::NonEmpty => Ok(()),
            Rule::Token if value.is_empty() => error("is empty".into(), None),
            Rule::Token if value.chars().any(char::is_whitespace) => {
                let trimmed = value.trim();
                // The hint never repeats the value: it is a secret.
                let hint = if trimmed != value && !trimmed.chars().any(char::is_whitespace) {
                    "remove the spaces or line breaks at its start or end".to_string()
                } else {
                    "a token never contains spaces, tabs or line breaks".to_string()
                };
                error("contains whitespace".into(), Some(hint))
            }
            Rule::Token => Ok(()),
            Rule::Decimal if is_decimal(value) => Ok(()),
            Rule::Decimal => {
                let hint = if is_decimal(&value.replacen(',', ".", 1)) {
                    Some(format!(
                        "use `.` as the decimal separator: {}",
                        value.replacen(',', ".", 1)
                    ))
                } else if value.starts_with('-') {
                    Some("amounts are never negative".to_string())
                } else {
                    Some("write a plain number such as 12.50".to_string())
                };
                error(format!("`{value}` is not a decimal number >= 0"), hint)
            }
            Rule::Currency if value.len() == 3 && value.bytes().all(|b| b.is_ascii_uppercase()) => {
                Ok(())
            }
            Rule::Currency
                if value.len() == 3 && value.bytes().all(|b| b.is_ascii_alphabetic()) =>
            {
                Err(Violation {
                    breach: Breach::Warning,
                    message: format!("currency `{value}` is not upper-case"),
                    hint: Some(format!("write {}", value.to_ascii_uppercase())),
                })
            }
            Rule::Currency => error(
                format!("`{value}` is not a three-letter currency code"),
                Some("use an ISO 4217 code such as USD or EUR".into()),
            ),
            Rule::Status if STATUSES.contains(&value) => Ok(()),
            Rule::Status => {
                let hint = match value.to_ascii_lowercase().as_str() {
                    "canceled" | "cancel" | "canceled " => Some("write `cancelled`".to_string()),
                    lower if STATUSES.contains(&lower) => Some(format!("write `{lower}`")),
                    _ => Some(format!("use one of {}", STATUSES.join(", "))),
                };
                error(format!("`{value}` is not a valid status"), hint)
            }
        }
    }
}

fn is_decimal(value: &str) -> bool {
    let (whole, fraction) = match value.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (value, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
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
        name: "click_id",
        filler: Filler::Advertiser,
        rule: Rule::NonEmpty,
        description: "the click id Trackier passed on with the click",
    },
    Builtin {
        name: "security_token",
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
        name: "status",
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
pub const MANAGED: [&str; 3] = ["security_token", "goal_value", "goal_id"];

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
        if name == "goal_value" || name == "goal_id" {
            return Some(ParamInfo {
                order: GOAL_ORDER,
                filler: Filler::Network,
                rule: Rule::NonEmpty,
                description: if name == "goal_value" {
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
        names.push("goal_value".into());
        names.push("goal_id".into());
        names
    }
}

/// `Some(n)` for `sub1` ... `sub15`.
fn sub_number(name: &str) -> Option<u32> {
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
        || name == "goal_value"
        || name == "goal_id"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_order_follows_the_spec_table() {
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

    #[test]
    fn decimal_rule() {
        assert!(Rule::Decimal.check("0").is_ok());
        assert!(Rule::Decimal.check("12.50").is_ok());
        for bad in ["", "-1", "1.", ".5", "1e3", "12,34", "abc"] {
            assert!(Rule::Decimal.check(bad).is_err(), "{bad}");
        }
        let hint = Rule::Decimal.check("12,34").unwrap_err().hint.unwrap();
        assert!(hint.contains("12.34"), "{hint}");
    }

    #[test]
    fn currency_and_status_rules() {
        assert!(Rule::Currency.check("USD").is_ok());
        assert_eq!(
            Rule::Currency.check("usd").unwrap_err().breach,
            Breach::Warning
        );
        assert_eq!(
            Rule::Currency.check("US").unwrap_err().breach,
            Breach::Error
        );
        assert!(Rule::Status.check("cancelled").is_ok());
        let canceled = Rule::Status.check("canceled").unwrap_err();
        assert!(canceled.hint.unwrap().contains("cancelled"));
    }

    #[test]
    fn token_rule_hints_at_trailing_space() {
        let v = Rule::Token.check("abc ").unwrap_err();
        let hint = v.hint.unwrap();
        assert!(
            hint.contains("at its start or end") && !hint.contains("abc"),
            "{hint}"
        );
    }
}
