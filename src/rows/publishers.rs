//! Publisher postbacks, the network -> publisher direction: for each publisher, one row per
//! scope (all campaigns, or each of theirs), the URL the network's tracker calls on the
//! publisher's tracker, spelt in that tracker's names, with the network tracker's
//! publisher macros (or samples, for `fire`).

use std::borrow::Cow;

use serde::Serialize;

use super::levels;
use crate::config::{Campaign, Config, Events, Publisher, Receiver};
use crate::encoding::encode_into;
use crate::error::Error;
use crate::registry::{CLICK_ID, EVENT, PUBLISHER_PARAMS};
use crate::suggest::did_you_mean;
use crate::tracker::{self, Tracker};

/// The scope of a global publisher postback.
pub const ALL_CAMPAIGNS: &str = "(all campaigns)";

/// One publisher postback: the URL to paste into the network's tracker (Publisher ->
/// Postback/Pixels -> New Postback) with the form's settings beside it.
#[derive(Clone, Debug, Serialize)]
pub struct PublisherRow<'c> {
    pub publisher: &'c str,
    /// The publisher's id in the network's tracker.
    pub publisher_id: u64,
    /// The publisher's tracker (`custom` for their own template).
    pub tracker: &'c str,
    /// The campaign; `None`: all campaigns.
    pub campaign_id: Option<u64>,
    pub campaign: &'c str,
    pub events: Events,
    pub fire_on_pending: bool,
    pub url: String,
}

/// `--sample` for publisher postbacks: the click id and the values of the other macros.
#[derive(Clone, Debug)]
pub struct PublisherSamples {
    pub click_id: String,
}

/// The publishers `keys` name (all when empty), in file order, each key checked against
/// the file.
pub fn selected<'c>(
    config: &'c Config<'c>,
    keys: &[String],
) -> Result<Vec<&'c Publisher<'c>>, Error> {
    if let Some(key) = keys.iter().find(|key| config.publisher(key).is_none()) {
        let known = config.publishers.iter().map(|p| p.key.as_str());
        let hint = did_you_mean(key, known).unwrap_or_else(|| {
            "`postback list` shows the file's publishers; add one under [publishers.<key>]"
                .to_string()
        });
        return Err(Error::conflict(format!("the file has no publisher `{key}`")).with_hint(hint));
    }
    let wanted = |p: &Publisher<'_>| keys.is_empty() || keys.iter().any(|k| *k == p.key.value);
    Ok(config.publishers.iter().filter(|p| wanted(p)).collect())
}

/// The rows of `publishers`, in file order, each publisher's scopes in its own order.
pub fn rows<'c>(
    config: &'c Config<'c>,
    publishers: &[&'c Publisher<'c>],
    samples: Option<&PublisherSamples>,
) -> Vec<PublisherRow<'c>> {
    let mut rows = Vec::new();
    for publisher in publishers {
        let scopes: Vec<Option<&'c Campaign<'c>>> = match &publisher.campaigns {
            None => vec![None],
            Some(ids) => {
                let ids: Vec<u64> = ids.iter().map(|id| id.value).collect();
                let chosen = config
                    .campaigns
                    .iter()
                    .filter(|c| ids.contains(&c.id.value));
                // The same walk over the levels as every other row: a publisher's scope is
                // a campaign level of the file.
                levels::levels(None, chosen)
                    .filter_map(|level| level.campaign)
                    .map(Some)
                    .collect()
            }
        };
        for campaign in scopes {
            let event = samples.map(|_| event_sample(config, campaign));
            rows.push(PublisherRow {
                publisher: publisher.key.as_str(),
                publisher_id: publisher.id.value,
                tracker: receiver_of(publisher).key,
                campaign_id: campaign.map(|c| c.id.value),
                campaign: campaign.map_or(ALL_CAMPAIGNS, |c| &c.name),
                events: publisher.events,
                fire_on_pending: publisher.fire_on_pending,
                url: url(config, publisher, samples, event.as_deref()),
            });
        }
    }
    rows
}

/// The tracker a publisher's postbacks go to ([`tracker::CUSTOM`] for their own template).
pub fn receiver_of(publisher: &Publisher<'_>) -> &'static Tracker {
    match publisher.receiver {
        Receiver::Tracker { tracker, .. } => tracker,
        Receiver::Custom { .. } => &tracker::CUSTOM,
    }
}

/// The macro (or sample) of each publisher postback parameter, as the network's tracker
/// fills it: the publisher's `[macro]` override, else the tracker's own macro.
fn value_of<'c>(
    config: &'c Config<'c>,
    publisher: &'c Publisher<'c>,
    param: &str,
    samples: Option<&PublisherSamples>,
    event: Option<&str>,
) -> Option<Cow<'c, str>> {
    if let Some(samples) = samples {
        return Some(match param {
            CLICK_ID => Cow::Owned(samples.click_id.clone()),
            EVENT => Cow::Owned(event.unwrap_or("test_event").to_string()),
            "payout" => Cow::Borrowed("1.00"),
            "currency" => Cow::Borrowed("USD"),
            _ => Cow::Owned(format!("test-txn-{}", publisher.key.value)),
        });
    }
    let overridden = publisher
        .overrides
        .iter()
        .find(|(name, _)| name.value == param);
    if let Some((_, value)) = overridden {
        return Some(Cow::Borrowed(value.as_str()));
    }
    let macros = config.network.tracker.publisher_macros;
    macros
        .iter()
        .find(|(name, _)| *name == param)
        .map(|(_, m)| Cow::Borrowed(*m))
}

/// The URL the network's tracker calls for `publisher`.
fn url(
    config: &Config<'_>,
    publisher: &Publisher<'_>,
    samples: Option<&PublisherSamples>,
    event: Option<&str>,
) -> String {
    match &publisher.receiver {
        Receiver::Custom { template } => match samples {
            None => template.value.to_string(),
            Some(_) => sampled_template(config, publisher, &template.value, samples, event),
        },
        Receiver::Tracker {
            tracker, endpoint, ..
        } => {
            let mut url = endpoint.as_str().to_string();
            let mut first = true;
            // In the order of the tracker's own page; a parameter the network's tracker has
            // no macro for (and the publisher no override) is left out, sample or not.
            for (param, own) in tracker.names {
                if !PUBLISHER_PARAMS.contains(param)
                    || (*param == EVENT && !publisher.events.has_goals())
                    || value_of(config, publisher, param, None, None).is_none()
                {
                    continue;
                }
                let Some(value) = value_of(config, publisher, param, samples, event) else {
                    continue;
                };
                url.push(if first { '?' } else { '&' });
                first = false;
                encode_into(&mut url, own);
                url.push('=');
                match samples {
                    Some(_) => encode_into(&mut url, &value),
                    None => url.push_str(&value),
                }
            }
            url
        }
    }
}

/// A custom template with the network tracker's macros replaced by samples.
fn sampled_template(
    config: &Config<'_>,
    publisher: &Publisher<'_>,
    template: &str,
    samples: Option<&PublisherSamples>,
    event: Option<&str>,
) -> String {
    let mut url = template.to_string();
    for (param, macro_text) in config.network.tracker.publisher_macros {
        if let Some(value) = value_of(config, publisher, param, samples, event) {
            let mut encoded = String::new();
            encode_into(&mut encoded, &value);
            url = url.replace(macro_text, &encoded);
        }
    }
    url
}

/// The goal a sample names: the campaign's first goal value, else the file's first.
fn event_sample(config: &Config<'_>, campaign: Option<&Campaign<'_>>) -> String {
    let goals = match campaign {
        Some(campaign) => campaign.goals.iter().collect::<Vec<_>>(),
        None => config.campaigns.iter().flat_map(|c| &c.goals).collect(),
    };
    goals
        .iter()
        .find_map(|g| g.target.value())
        .unwrap_or("test_event")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config;
    use crate::source::Source;

    fn urls_of(publishers: &str, samples: Option<&PublisherSamples>) -> Vec<String> {
        let text = format!(
            "[network]\ndomain = \"demo.gotrackier.com\"\n\n[advertisers.a]\nname = \"A\"\n\
             security_token = \"tok\"\n\n{publishers}\n[[campaigns]]\nid = 5509\nname = \"S\"\n\
             advertiser = \"a\"\n\n[[campaigns.goals]]\nname = \"Purchase\"\nvalue = \"purchase\"\n"
        );
        let source = Source::new("p.toml", text);
        let loaded = config::load(&source);
        let errors: Vec<_> = loaded
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        let config = loaded.config.unwrap_or_else(|| panic!("{errors:?}"));
        let chosen = selected(&config, &[]).expect("all");
        rows(&config, &chosen, samples)
            .into_iter()
            .map(|r| r.url)
            .collect()
    }

    fn one(tracker: &str, extra: &str) -> String {
        let publisher = format!(
            "[publishers.p]\nname = \"P\"\nid = 7\ntracker = \"{tracker}\"\ndomain = \"t.example.com\"\n{extra}\n"
        );
        urls_of(&publisher, None).remove(0)
    }

    /// The parameters of `url` in order, as the `url` crate reads them.
    fn names(url: &str) -> Vec<String> {
        let url = url::Url::parse(url).expect("a URL");
        url.query_pairs()
            .map(|(name, _)| name.into_owned())
            .collect()
    }

    #[test]
    fn each_tracker_gets_its_documented_shape() {
        // doc.voluum.com: /postback?cid=…&payout=…&txid=…&currency=…&et=…
        assert_eq!(
            one("voluum", "events = \"all\""),
            "https://t.example.com/postback?cid={p1}&payout={payout}&txid={txn_id}&et={goal_value}"
        );
        // docs.binom.org: /click.php?cnv_id=…&payout=…&cnv_status=…
        assert_eq!(
            one("binom", "events = \"goals\""),
            "https://t.example.com/click.php?cnv_id={p1}&payout={payout}&cnv_status={goal_value}"
        );
        // docs.keitaro.io: /<key>/postback?subid=…&tid=…&payout=…
        assert_eq!(
            one("keitaro", "postback_key = \"k1\""),
            "https://t.example.com/k1/postback?subid={p1}&tid={txn_id}&payout={payout}"
        );
        // RedTrack: /postback?clickid=…&sum=…&type=…
        let redtrack = one("redtrack", "events = \"all\"");
        assert_eq!(
            redtrack,
            "https://t.example.com/postback?clickid={p1}&sum={payout}&type={goal_value}&rdtk_event_id={txn_id}"
        );
        assert_eq!(
            names(&redtrack),
            ["clickid", "sum", "type", "rdtk_event_id"]
        );
        // Conversions only: no goal parameter.
        assert_eq!(names(&one("voluum", "")), ["cid", "payout", "txid"]);
    }

    #[test]
    fn overrides_and_custom_templates() {
        let with_currency = one(
            "voluum",
            "[publishers.p.macro]\ncurrency = \"USD\"\npayout = \"{payout_usd}\"",
        );
        assert_eq!(
            with_currency,
            "https://t.example.com/postback?cid={p1}&payout={payout_usd}&txid={txn_id}&currency=USD"
        );
        let custom = "[publishers.c]\nname = \"C\"\nid = 8\ntracker = \"custom\"\n\
                      template = \"https://c.example/pb?click={p1}&amount={payout}&x=1\"\n";
        assert_eq!(
            urls_of(custom, None),
            ["https://c.example/pb?click={p1}&amount={payout}&x=1"]
        );
        let samples = PublisherSamples {
            click_id: "a b".to_string(),
        };
        assert_eq!(
            urls_of(custom, Some(&samples)),
            ["https://c.example/pb?click=a%20b&amount=1.00&x=1"]
        );
    }

    #[test]
    fn samples_fill_what_the_template_has_and_name_a_goal_of_the_scope() {
        let publisher = "[publishers.p]\nname = \"P\"\nid = 7\ntracker = \"voluum\"\n\
                         domain = \"t.example.com\"\nevents = \"all\"\ncampaigns = [5509]\n";
        let samples = PublisherSamples {
            click_id: "CLK".to_string(),
        };
        assert_eq!(
            urls_of(publisher, Some(&samples)),
            ["https://t.example.com/postback?cid=CLK&payout=1.00&txid=test-txn-p&et=purchase"]
        );
    }
}
