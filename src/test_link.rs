//! Test links: a campaign's tracking link with the network's test publisher, which the
//! advertiser opens to make a real test click and fire the postback with its click id.

use std::io::Write;

use serde::Serialize;

use crate::config::{Config, Network, Publisher, Receiver};
use crate::error::Error;
use crate::output::Record;
use crate::rows::Selection;

/// `https://<click_domain><click_path>?campaign_id=<id>&pub_id=<test_publisher>`, when the
/// file sets `test_publisher`.
pub fn url(network: &Network<'_>, campaign_id: u64) -> Option<String> {
    let publisher = network.test_publisher.as_ref()?;
    let link = network.tracker.test_link?;
    Some(format!(
        "{}?{}={campaign_id}&{}={}",
        network.click, link.campaign, link.publisher, publisher.value
    ))
}

/// The error of a tracker whose tracking link this tool does not know.
fn no_link(network: &Network<'_>) -> Error {
    Error::conflict(format!(
        "{}'s tracking link is not documented where this tool could read it, so there are no test links",
        network.tracker.name
    ))
    .with_hint(format!("copy a campaign's tracking link from {}", network.tracker.name))
}

/// A publisher's tracking link for a campaign, their tracker's click token (`click`) in the
/// parameter the network's tracker reads it from (`p1` for Trackier).
pub fn publisher_link(
    network: &Network<'_>,
    campaign_id: u64,
    publisher_id: u64,
    click: &str,
) -> Option<String> {
    let link = network.tracker.test_link?;
    Some(format!(
        "{}?{}={campaign_id}&{}={publisher_id}&{}={click}",
        network.click, link.campaign, link.publisher, link.click
    ))
}

/// What goes in `p1` of a custom publisher's links: they put their tracker's click id macro
/// in its place.
pub const CLICK_PLACEHOLDER: &str = "{your_click_id}";

/// The click token a publisher's tracker fills in their links.
pub fn click_token(publisher: &Publisher<'_>) -> &'static str {
    match publisher.receiver {
        Receiver::Tracker { tracker, .. } => tracker.click_macro,
        Receiver::Custom { .. } => CLICK_PLACEHOLDER,
    }
}

/// The tracking links of `publisher` for the selected campaigns of its scope, in file
/// order.
pub fn publisher_links<'c>(
    config: &'c Config<'c>,
    publisher: &'c Publisher<'c>,
    selection: &'c Selection,
) -> Result<Vec<TestLink<'c>>, Error> {
    selection.check_campaigns(config)?;
    if config.network.tracker.test_link.is_none() {
        return Err(no_link(&config.network));
    }
    let click = click_token(publisher);
    let in_scope = |id: u64| {
        (publisher.campaigns.as_ref()).is_none_or(|ids| ids.iter().any(|c| c.value == id))
    };
    Ok(selection
        .campaigns(config)
        .filter(|c| in_scope(c.id.value))
        .filter_map(|campaign| {
            Some(TestLink {
                advertiser: campaign.advertiser.as_str(),
                campaign_id: campaign.id.value,
                campaign: &campaign.name,
                url: publisher_link(
                    &config.network,
                    campaign.id.value,
                    publisher.id.value,
                    click,
                )?,
            })
        })
        .collect())
}

/// One test link, as `test-link` prints it.
#[derive(Clone, Debug, Serialize)]
pub struct TestLink<'c> {
    pub advertiser: &'c str,
    pub campaign_id: u64,
    pub campaign: &'c str,
    pub url: String,
}

impl Record for TestLink<'_> {
    fn table_header() -> &'static [&'static str] {
        &["Campaign", "Advertiser", "Test link"]
    }

    fn table_rows(&self) -> Vec<Vec<String>> {
        vec![vec![
            format!("{} {}", self.campaign_id, self.campaign),
            self.advertiser.to_string(),
            self.url.clone(),
        ]]
    }

    fn plain(&self, out: &mut dyn Write) -> Result<(), Error> {
        writeln!(out, "{}", self.url)?;
        Ok(())
    }
}

/// The test link of every selected campaign, in file order; an error (65) naming
/// `test_publisher` when the file has none.
pub fn links<'c>(
    config: &'c Config<'c>,
    selection: &'c Selection,
) -> Result<Vec<TestLink<'c>>, Error> {
    selection.check_campaigns(config)?;
    if config.network.tracker.test_link.is_none() {
        return Err(no_link(&config.network));
    }
    if config.network.test_publisher.is_none() {
        return Err(Error::conflict(
            "the file sets no `test_publisher` in [network], so there are no test links",
        )
        .with_hint(format!(
            "add `test_publisher = <pub id>` to [network]: the {} publisher id used for tests",
            config.network.tracker.name
        )));
    }
    Ok(selection
        .campaigns(config)
        .filter_map(|campaign| {
            Some(TestLink {
                advertiser: campaign.advertiser.as_str(),
                campaign_id: campaign.id.value,
                campaign: &campaign.name,
                url: url(&config.network, campaign.id.value)?,
            })
        })
        .collect())
}
