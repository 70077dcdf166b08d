//! `diff --format email`: one message per advertiser with any difference (and one for the
//! global level): the new URLs, each with the one it replaces, the URLs to stop firing, and
//! a line asking them to update their setup.

use std::io::Write;

use super::email::{wrap, SEPARATOR};
use crate::config::Config;
use crate::diagnostic::one_line;
use crate::diff::{Change, Difference};
use crate::error::Error;
use crate::output::Sink;

pub struct DiffEmail<'a, 'r> {
    config: &'a Config<'a>,
    differences: Vec<Difference<'r>>,
}

impl<'a> DiffEmail<'a, '_> {
    pub fn new(config: &'a Config<'a>) -> Self {
        DiffEmail {
            config,
            differences: Vec::new(),
        }
    }
}

impl<'r> Sink<Difference<'r>> for DiffEmail<'_, 'r> {
    fn record(&mut self, difference: Difference<'r>, _out: &mut dyn Write) -> Result<(), Error> {
        self.differences.push(difference);
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut dyn Write) -> Result<(), Error> {
        // Messages in order of each advertiser's (or publisher's) first difference.
        let mut owners: Vec<(Option<&str>, Option<&str>)> = Vec::new();
        for difference in &self.differences {
            let owner = (difference.advertiser, difference.publisher);
            if !owners.contains(&owner) {
                owners.push(owner);
            }
        }
        for (index, owner) in owners.iter().enumerate() {
            if index > 0 {
                write!(out, "\n{SEPARATOR}\n\n")?;
            }
            let mine = (self.differences.iter()).filter(|d| (d.advertiser, d.publisher) == *owner);
            let message = match owner.1 {
                Some(publisher) => self.publisher_message(publisher, mine),
                None => self.message(owner.0, mine),
            };
            out.write_all(message.as_bytes())?;
        }
        Ok(())
    }
}

/// One difference in an email: `<label> (changed)` with the new URL and the one it
/// replaces, `(new)`, or `(<gone>)` with the URL that goes.
fn change_text(label: &str, difference: &Difference<'_>, gone: &str) -> String {
    let (old, new) = (difference.old_url.as_deref(), difference.new_url.as_deref());
    match (difference.change, old, new) {
        (Change::Changed, Some(old), Some(new)) => {
            format!("{label} (changed):\n{new}\nIt replaces:\n{old}\n\n")
        }
        (Change::Added, _, Some(new)) => format!("{label} (new):\n{new}\n\n"),
        (_, Some(old), _) => format!("{label} ({gone}):\n{old}\n\n"),
        _ => String::new(),
    }
}

impl<'r> DiffEmail<'_, 'r> {
    /// The network as a message signs: its name, else its tracking domain.
    fn network_name(&self) -> String {
        let network = &self.config.network;
        (network.name.as_deref()).map_or_else(
            || network.postback.authority(),
            |n| one_line(n).into_owned(),
        )
    }

    /// To a publisher: the postback the network's tracker now calls on their tracker.
    fn publisher_message<'d>(
        &self,
        key: &str,
        differences: impl Iterator<Item = &'d Difference<'r>>,
    ) -> String
    where
        'r: 'd,
    {
        let network_name = self.network_name();
        let tracker = self.config.network.tracker.name;
        let name = (self.config.publisher(key))
            .map_or_else(|| key.to_string(), |p| one_line(&p.name).into_owned());
        let mut text = format!(
            "Subject: Updated postback for {name} ({network_name})\n\nHello {name} team,\n\n"
        );
        text.push_str(&wrap(
            format!("We have updated the postback {tracker} calls on your tracker for {network_name}. From now on it calls the URLs below; check that your tracker takes them."),
            None,
        ));
        text.push_str("\n\n");
        for difference in differences {
            let scope = match difference.campaign_id {
                Some(id) => format!("Campaign {id}: {}", one_line(difference.campaign)),
                None => "All campaigns".to_string(),
            };
            let label = format!("{scope}, {}", difference.goal);
            text.push_str(&change_text(&label, difference, "no longer called"));
        }
        text.push_str(&format!("Thank you,\n{network_name}\n"));
        text
    }

    fn message<'d>(
        &self,
        owner: Option<&str>,
        differences: impl Iterator<Item = &'d Difference<'r>>,
    ) -> String
    where
        'r: 'd,
    {
        let network_name = self.network_name();
        let name = owner
            .and_then(|key| self.config.advertiser(key))
            .map(|a| one_line(&a.name).into_owned());
        let mut text = match &name {
            Some(name) => format!(
                "Subject: Updated postback URLs for {name} ({network_name})\n\nHello {name} team,\n\n"
            ),
            None => format!("Subject: Updated global postback URLs ({network_name})\n\nHello,\n\n"),
        };
        text.push_str(&wrap(
            format!("We have updated postback URLs of your campaigns with {network_name}. Please change your tracking system's setup as below: each new URL replaces the one shown under it, and the URLs to stop firing should be removed."),
            None,
        ));
        text.push_str("\n\n");
        let mut campaign = None;
        for difference in differences {
            if campaign != Some(difference.campaign_id) {
                campaign = Some(difference.campaign_id);
                match difference.campaign_id {
                    Some(id) => text.push_str(&format!(
                        "Campaign {id}: {}\n\n",
                        one_line(difference.campaign)
                    )),
                    None => text.push_str("Global postbacks\n\n"),
                }
            }
            let goal = one_line(difference.goal);
            text.push_str(&change_text(&goal, difference, "stop firing this URL"));
        }
        text.push_str(&wrap(
            "Please update your setup and reply once it is done, so that we can check that your conversions are recorded.".to_string(),
            None,
        ));
        text.push_str(&format!("\n\nThank you,\n{network_name}\n"));
        text
    }
}
