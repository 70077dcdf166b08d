//! The goal of a hit: checked against its owner's goals (hints in file order, so the same on
//! every run), and which of the owner's rows it is for.

use super::hit::{quote, Params, VALUE_WIDTH};
use super::macro_text::looks_like_macro;
use super::network::{Names, Network, RowKey};
use super::report::{Code, Findings};
use super::Mode;
use crate::owner::Owner;
use crate::registry::{GOAL_ID, GOAL_VALUE};
use crate::suggest::closest;

/// Checks `goal_value` and `goal_id`; returns the row the hit is for, when the file has it.
pub fn check<'c>(
    params: &Params<'_>,
    network: &Network<'c>,
    owner: Option<Owner<'c>>,
    mode: Mode,
    findings: &mut Findings,
) -> Option<RowKey<'c>> {
    // Only a finding needs them.
    let goals = || network.goals_of(owner);
    let whose = || match owner {
        Some(Owner::Advertiser(key)) => format!("advertiser `{key}`"),
        Some(Owner::Global) => "the global level".to_string(),
        None => "the file".to_string(),
    };
    let mut row = Some(RowKey::Default);
    for (param, code) in [
        (GOAL_VALUE, Code::InvalidGoalValue),
        (GOAL_ID, Code::InvalidGoalId),
    ] {
        let Some(pair) = params.get(param) else {
            continue;
        };
        let value = pair.value.as_ref();
        if value.is_empty() {
            row = None;
            continue;
        }
        if let Some(key) = network.goal_row(owner, param == GOAL_ID, value) {
            row = Some(key);
            continue;
        }
        // A hit without a token may be the global level's when that level has none.
        let global = owner == Some(Owner::Global)
            || (owner.is_none() && network.tokenless.contains(&Owner::Global));
        if looks_like_macro(network, value) {
            // A fired hit's macro is UNREPLACED_MACRO's; a template's is the event URL's.
            row = (global && mode == Mode::Template).then_some(RowKey::Event);
            continue;
        }
        row = global.then_some(RowKey::Event);
        let shown = quote(network, value, VALUE_WIDTH);
        let whose = whose();
        let message = format!("no goal of {whose} has {param} `{shown}`");
        if global && param == GOAL_VALUE {
            // Trackier matches the partner's event name against the clicked campaign's
            // goals, and the file may not list every campaign an MMP postback covers.
            // A file whose campaigns list no goal value besides the global goals' has
            // nothing to compare a partner's event name with.
            let comparable = network.config.event_example().is_some();
            if comparable && !network.goals_of(None).values.contains(value) {
                let tracker = network.tracker().name;
                findings.warning(code, message, format!("{tracker} matches it against the goals of the clicked campaign: check that the campaign has a goal with this value"));
            }
            continue;
        }
        let goals = goals();
        let (known, other) = match param {
            GOAL_VALUE => (&goals.values, &goals.ids),
            _ => (&goals.ids, &goals.values),
        };
        let hint = hint(network, owner, param, value, known, other, &whose);
        findings.error(code, message, hint);
    }
    row
}

/// What to do about a goal the owner does not have: a case-only difference, the other
/// parameter (`goal_id` for an advertiser whose goals use ids), another advertiser's goal,
/// the closest name, or where the goals are listed.
fn hint(
    network: &Network<'_>,
    owner: Option<Owner<'_>>,
    param: &str,
    value: &str,
    known: &Names<'_>,
    other: &Names<'_>,
    whose: &str,
) -> String {
    if let Some(exact) = known.ordered.iter().find(|k| k.eq_ignore_ascii_case(value)) {
        return format!("{param} is case-sensitive: write `{exact}`");
    }
    if known.is_empty() && !other.is_empty() {
        let (other_param, example) = match param {
            GOAL_VALUE => (GOAL_ID, other.ordered[0]),
            _ => (GOAL_VALUE, other.ordered[0]),
        };
        return format!("the goals of {whose} are named by {other_param}: send {other_param}={example} (or the goal's own)");
    }
    if let (Some(Owner::Advertiser(key)), Some(theirs)) = (owner, network.goal_owner(value)) {
        if theirs != key {
            return format!("`{value}` is a goal of advertiser `{theirs}`: the hit carries `{key}`'s token, so check which URL was set up");
        }
    }
    closest(value, known.ordered.iter())
        .map(|c| format!("did you mean `{c}`?"))
        .unwrap_or_else(|| format!("`postback list` shows the goals of {whose}"))
}
