//! A hit compared with what the file says its owner was given: the parameters every
//! candidate row has the advertiser fill (`MISSING_PARAM`), the literals every candidate row
//! fixes (`FIXED_MISMATCH`), and for a template, the owner's macros (`MACRO_MISMATCH`).

use super::hit::{quote, Params, VALUE_WIDTH};
use super::macro_text::is_placeholder;
use super::network::{Expected, Network};
use super::report::{Code, Findings};
use super::Mode;
use crate::owner::Owner;

/// Which rows a finding is about: `campaign 5509`, `campaigns 1, 2`, or the global level's.
fn rows(expected: &Expected<'_>) -> String {
    match expected.campaigns.as_slice() {
        [] => "the global URL".to_string(),
        [one] => format!("campaign {one}'s URL"),
        many => {
            let ids: Vec<String> = many.iter().map(u64::to_string).collect();
            format!("the URLs of campaigns {}", ids.join(", "))
        }
    }
}

pub fn compare<'c>(
    params: &Params<'_>,
    network: &Network<'c>,
    owner: Owner<'c>,
    expected: &Expected<'c>,
    mode: Mode,
    findings: &mut Findings,
) {
    // Only a finding needs the sentence.
    let rows = || rows(expected);
    let finding = |findings: &mut Findings, code, message: String, hint: String| match mode {
        Mode::Hit => findings.warning(code, message, hint),
        Mode::Template => findings.error(code, message, hint),
    };
    for &param in &expected.params {
        let Some(pair) = params.get(param) else {
            if param == crate::registry::CLICK_ID {
                // INVALID_CLICK_ID says it already.
                continue;
            }
            let shown = network
                .macro_of(owner, param)
                .unwrap_or_else(|| format!("{{{param}}}"));
            let own = network.own_name(param);
            finding(
                findings,
                Code::MissingParam,
                format!("`{own}` is missing"),
                format!(
                    "{} has {own}={shown}: the advertiser's system must send it",
                    rows()
                ),
            );
            continue;
        };
        if mode == Mode::Hit {
            continue;
        }
        let Some(wanted) = network.macro_of(owner, param) else {
            // A placeholder stood there: any macro of the advertiser's is theirs to choose.
            continue;
        };
        if is_placeholder(param, &pair.value) && pair.value != wanted {
            // PLACEHOLDER_LEFT says it.
            continue;
        }
        if pair.raw_value != wanted && pair.value != wanted {
            let own = network.own_name(param);
            findings.warning(
                Code::MacroMismatch,
                format!(
                    "`{own}` is `{}`, not the macro `{wanted}` the file gives",
                    quote(network, pair.raw_value, VALUE_WIDTH)
                ),
                format!("set {own}={wanted}, as in {}", rows()),
            );
        }
    }
    for &(name, literal) in &expected.fixed {
        let Some(pair) = params.get(name) else {
            continue;
        };
        if pair.value != literal {
            let own = network.own_name(name);
            let tracker = network.tracker();
            let (value, literal) = match name == crate::registry::STATUS {
                true => (tracker.status(&pair.value), tracker.status(literal)),
                false => (pair.value.as_ref(), literal),
            };
            finding(
                findings,
                Code::FixedMismatch,
                format!(
                    "`{own}` is `{}`, but the file fixes it",
                    quote(network, value, VALUE_WIDTH)
                ),
                format!("{} has {own}={literal}", rows()),
            );
        }
    }
}
