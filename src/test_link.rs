//! Test links: a campaign's tracking link with the network's test publisher, which the
//! advertiser opens to make a real test click and fire the postback with its click id.

use serde::Serialize;

use crate::config::{Campaign, Config, Network};
use crate::error::Error;
use crate::rows::{self, Selection};

/// `https://<click_domain><click_path>?campaign_id=<id>&pub_id=<test_publisher>`, when the
/// file sets `test_publisher`.
pub fn url(network: &Network<'_>, campaign_id: u64) -> Option<String> {
    let publisher = network.test_publisher.as_ref()?;
    Some(format!(
        "{}?campaign_id={campaign_id}&pub_id={}",
        network.click_base, publisher.value
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

/// The test link of every selected campaign, in file order; an error (65) naming
/// `test_publisher` when the file has none.
pub fn links<'c>(
    config: &'c Config<'c>,
    selection: &'c Selection,
) -> Result<Vec<TestLink<'c>>, Error> {
    rows::check_campaign_selection(config, selection)?;
    if config.network.test_publisher.is_none() {
        return Err(Error::Conflict(
            "the file sets no `test_publisher` in [network], so there are no test links\n  \
             hint: add `test_publisher = <pub id>` to [network]: the Trackier publisher id used \
             for tests"
                .into(),
        ));
    }
    Ok(rows::selected_campaigns(config, selection)
        .filter_map(|campaign: &Campaign<'_>| {
            Some(TestLink {
                advertiser: campaign.advertiser.as_str(),
                campaign_id: campaign.id.value,
                campaign: &campaign.name,
                url: url(&config.network, campaign.id.value)?,
            })
        })
        .collect())
}
