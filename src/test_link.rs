//! Test links: a campaign's tracking link with the network's test publisher, which the
//! advertiser opens to make a real test click and fire the postback with its click id.

use std::io::Write;

use serde::Serialize;

use crate::config::{Config, Network};
use crate::error::Error;
use crate::output::Record;
use crate::rows::Selection;

/// `https://<click_domain><click_path>?campaign_id=<id>&pub_id=<test_publisher>`, when the
/// file sets `test_publisher`.
pub fn url(network: &Network<'_>, campaign_id: u64) -> Option<String> {
    let publisher = network.test_publisher.as_ref()?;
    Some(format!(
        "{}?{}={campaign_id}&{}={}",
        network.click,
        network.tracker.test_link.campaign,
        network.tracker.test_link.publisher,
        publisher.value
    ))
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
