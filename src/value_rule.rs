//! The rule a parameter's value follows (an amount, a currency, a status, a token), checked
//! on literals in the file and on received hits, with a hint that says how to fix a value
//! that breaks it.

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
                let hint = if let Some(plain) = plain_amount(value) {
                    let grouped = value.contains(',') && value.contains('.');
                    let and = if grouped {
                        " and no thousands separator"
                    } else {
                        ""
                    };
                    Some(format!("use `.` as the decimal separator{and}: {plain}"))
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

/// An amount written with a decimal comma or thousands separators, as a plain decimal:
/// `12,34` -> `12.34`, `1.299,00` and `1,299.00` -> `1299.00`.
fn plain_amount(value: &str) -> Option<String> {
    // The separator that comes last is the decimal one; the other groups thousands.
    let decimal = value.rfind([',', '.'])?;
    let (whole, fraction) = (&value[..decimal], &value[decimal + 1..]);
    let thousands = if value.as_bytes()[decimal] == b',' {
        '.'
    } else {
        ','
    };
    let whole: String = whole.chars().filter(|&c| c != thousands).collect();
    let plain = format!("{whole}.{fraction}");
    (plain != value && is_decimal(&plain)).then_some(plain)
}

fn is_decimal(value: &str) -> bool {
    let (whole, fraction) = match value.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (value, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_rule() {
        assert!(Rule::Decimal.check("0").is_ok());
        assert!(Rule::Decimal.check("12.50").is_ok());
        for bad in ["", "-1", "1.", ".5", "1e3", "12,34", "abc"] {
            assert!(Rule::Decimal.check(bad).is_err(), "{bad}");
        }
        for (amount, plain) in [
            ("12,34", "12.34"),
            ("1.299,00", "1299.00"),
            ("1,299.00", "1299.00"),
        ] {
            let hint = Rule::Decimal.check(amount).unwrap_err().hint.unwrap();
            assert!(hint.ends_with(&format!(": {plain}")), "{amount}: {hint}");
        }
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
