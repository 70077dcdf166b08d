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
use crate::platform::{CLICK_ID, TRACKIER};
use crate::rows::{Kind, Row};
use crate::suggest::did_you_mean;

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
    tokens: &'a [(String, String)],
    lines: Vec<String>,
    untokened: Vec<String>,
    /// The goals of the rows, to catch a token given for a goal none of them has.
    goals: Vec<String>,
}

impl<'a> Adjust<'a> {
    pub fn new(tokens: &'a [(String, String)]) -> Self {
        Adjust {
            tokens,
            lines: Vec::new(),
            untokened: Vec::new(),
            goals: Vec::new(),
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
            .push(format!("{parameter}={}", callback(&row.url)));
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut dyn Write) -> Result<(), Error> {
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

/// `url` percent-encoded, except the click id's value: the tracker's click macro, which the
/// tracker must still see to fill it.
pub fn callback(url: &str) -> String {
    let (before, rest) = match url.split_once(&format!("?{CLICK_ID}=")) {
        Some((before, rest)) => (format!("{before}?{CLICK_ID}="), rest),
        None => return utf8_percent_encode(url, CALLBACK).to_string(),
    };
    let (value, after) = rest.split_at(rest.find('&').unwrap_or(rest.len()));
    let click = if value == crate::macro_sets::placeholder(CLICK_ID) {
        TRACKIER.click_macro
    } else {
        value
    };
    let mut encoded = utf8_percent_encode(&before, CALLBACK).to_string();
    encoded.push_str(click);
    encoded.extend(utf8_percent_encode(after, CALLBACK));
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_but_the_click_macro_is_encoded() {
        let url =
            "https://t.example/acquisition?click_id={click_id}&security_token=a b&gaid={gps_adid}";
        assert_eq!(
            callback(url),
            "https%3A%2F%2Ft.example%2Facquisition%3Fclick_id%3D{click_id}\
             %26security_token%3Da%20b%26gaid%3D%7Bgps_adid%7D"
        );
    }

    #[test]
    fn goal_tokens_need_both_halves() {
        assert_eq!(goal_token("Event=abc"), Ok(("Event".into(), "abc".into())));
        assert!(goal_token("Event=").is_err());
        assert!(goal_token("=abc").is_err());
    }
}
