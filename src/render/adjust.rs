//! `urls --format adjust`: each postback as the callback parameter of an Adjust link.
//!
//! Adjust fires a partner's postbacks from the partner's own Adjust link: the URL goes,
//! percent-encoded, into `install_callback` (the default row) or `event_callback_<token>` (an
//! event or goal row, named by the app's Adjust event token), and the line is appended to the
//! link with `&` (https://help.adjust.com/en/article/callback-structure-partner). The click
//! id is the one value Adjust does not know: it stays the tracker's own click macro,
//! unencoded, which the tracker fills when the click redirects to the Adjust link.

use std::io::Write;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::error::Error;
use crate::output::Sink;
use crate::registry::CLICK_ID;
use crate::rows::{Kind, Row};
use crate::suggest::did_you_mean;
use crate::tracker::Tracker;

/// Everything but RFC 3986's unreserved characters, as Adjust's encoding tool writes it.
const CALLBACK: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Parses `--adjust-token GOAL=TOKEN`.
pub fn goal_token(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((goal, token)) if !goal.is_empty() && !token.is_empty() => {
            Ok((goal.to_string(), token.to_string()))
        }
        _ => Err(format!(
            "`{text}` is not of the form <goal>=<token> (the goal as the Goal column names it)"
        )),
    }
}

/// Collects the lines, so that a goal without a token fails before anything is written.
pub struct Adjust<'a> {
    tracker: &'a Tracker,
    tokens: &'a [(String, String)],
    lines: Vec<String>,
    untokened: Vec<String>,
    /// The goals of the rows, to catch a token given for a goal none of them has.
    goals: Vec<String>,
    /// The campaign (`None`: the global level) of the first row, and the first two that
    /// differ: the lines go on one app's Adjust link, so they must all be for one campaign.
    link: Option<Option<u64>>,
    second_link: Option<String>,
}

impl<'a> Adjust<'a> {
    pub fn new(tracker: &'a Tracker, tokens: &'a [(String, String)]) -> Self {
        Adjust {
            tracker,
            tokens,
            lines: Vec::new(),
            untokened: Vec::new(),
            goals: Vec::new(),
            link: None,
            second_link: None,
        }
    }

    /// The event token(s) given for `goal`, joined as Adjust joins several events.
    fn token(&self, goal: &str) -> Option<String> {
        let given = self
            .tokens
            .iter()
            .filter(|(g, _)| g.eq_ignore_ascii_case(goal));
        let joined = given.map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("_");
        (!joined.is_empty()).then_some(joined)
    }
}

impl Sink<Row<'_>> for Adjust<'_> {
    fn record(&mut self, row: Row<'_>, _out: &mut dyn Write) -> Result<(), Error> {
        self.goals.push(row.goal.to_string());
        let link = row.campaign_id;
        match self.link {
            None => self.link = Some(link),
            Some(first) if first != link && self.second_link.is_none() => {
                self.second_link = Some(format!("{} and {}", place(first), place(link)));
            }
            Some(_) => {}
        }
        let parameter = match row.kind {
            Kind::Default => "install_callback".to_string(),
            Kind::Event | Kind::Goal => match self.token(row.goal) {
                Some(token) => format!("event_callback_{token}"),
                None => {
                    if !self.untokened.iter().any(|g| g == row.goal) {
                        self.untokened.push(row.goal.to_string());
                    }
                    return Ok(());
                }
            },
        };
        self.lines
            .push(format!("{parameter}={}", callback(self.tracker, &row.url)));
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut dyn Write) -> Result<(), Error> {
        if let Some(other) = &self.second_link {
            return Err(Error::usage(format!(
                "--format adjust prints the callbacks of one app's Adjust link, but the URLs \
                 span {other}"
            ))
            .with_hint("select one app: --campaign <ID>, or --level global"));
        }
        let known = |goal: &str| self.goals.iter().any(|g| g.eq_ignore_ascii_case(goal));
        if let Some((goal, _)) = self.tokens.iter().find(|(goal, _)| !known(goal)) {
            let names = self.goals.iter().map(String::as_str);
            let hint = did_you_mean(goal, names)
                .unwrap_or_else(|| "the Goal column of `postback urls` names the goals".into());
            return Err(Error::usage(format!(
                "--adjust-token names `{goal}`, no goal of these URLs"
            ))
            .with_hint(hint));
        }
        if let Some(first) = self.untokened.first() {
            let goals = self.untokened.join("`, `");
            return Err(
                Error::usage(format!("no Adjust event token for `{goals}`")).with_hint(format!(
                    "ask the app's marketer for each event's token in Adjust and add \
                     --adjust-token '{first}=<token>' (or --goal default for the install only)"
                )),
            );
        }
        for line in &self.lines {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

/// How an error names a row's campaign.
fn place(campaign: Option<u64>) -> String {
    campaign.map_or_else(|| "the global level".into(), |id| format!("campaign {id}"))
}

/// `url` percent-encoded, except the tracker's click macro as the click id's value, which the
/// tracker must still see to fill it. Any other click id value (a sample, another system's
/// macro) is encoded like the rest: only the tracker's macro is known to be safe unencoded.
pub fn callback(tracker: &Tracker, url: &str) -> String {
    let click_id = tracker.name_of(CLICK_ID).unwrap_or_default();
    let click = format!("?{click_id}={}", tracker.click_macro);
    let split = url.split_once(&click);
    let Some((before, after)) =
        split.filter(|(_, after)| after.is_empty() || after.starts_with('&'))
    else {
        return utf8_percent_encode(url, CALLBACK).to_string();
    };
    let mut encoded = utf8_percent_encode(before, CALLBACK).to_string();
    encoded.extend(utf8_percent_encode(&format!("?{click_id}="), CALLBACK));
    encoded.push_str(tracker.click_macro);
    encoded.extend(utf8_percent_encode(after, CALLBACK));
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tracker::TRACKIER;

    #[test]
    fn everything_but_the_click_macro_is_encoded() {
        let url =
            "https://t.example/acquisition?click_id={click_id}&security_token=a b&gaid={gps_adid}";
        assert_eq!(
            callback(&TRACKIER, url),
            "https%3A%2F%2Ft.example%2Facquisition%3Fclick_id%3D{click_id}\
             %26security_token%3Da%20b%26gaid%3D%7Bgps_adid%7D"
        );
    }

    #[test]
    fn another_click_value_is_encoded_like_the_rest() {
        let url = "https://t.example/acquisition?click_id={cl?Demo Network}&idfa={idfa}";
        assert_eq!(
            callback(&TRACKIER, url),
            "https%3A%2F%2Ft.example%2Facquisition%3Fclick_id%3D%7Bcl%3FDemo%20Network%7D\
             %26idfa%3D%7Bidfa%7D"
        );
    }

    #[test]
    fn goal_tokens_need_both_halves() {
        assert_eq!(goal_token("Event=abc"), Ok(("Event".into(), "abc".into())));
        assert!(goal_token("Event=").is_err());
        assert!(goal_token("=abc").is_err());
    }
}
