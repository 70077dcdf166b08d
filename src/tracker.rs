//! What differs between tracking platforms, as data: one [`Tracker`] value per platform.
//!
//! `campaigns.toml` speaks one vocabulary whatever the platform: the registry's parameter
//! names (`click_id`, `txn_id`, `sale_amount`, `sub1`...), the statuses `approved`,
//! `pending`, `cancelled` and `rejected`, and macro sets keyed by those names. A tracker
//! says how its endpoint spells each of them, where the token goes, its default paths, its
//! test link and the codes it answers with. URLs are written through it
//! ([`crate::postback::build`]) and hits are read back through it (`check`), so the rest of
//! the code only ever sees the file's names. `[network] tracker = "<key>"` picks one;
//! Trackier is the default.

use std::borrow::Cow;

use crate::registry::{self, SUB_COUNT};

/// Where a tracker reads the owner's token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPlace {
    /// A query parameter of this name.
    Query(&'static str),
    /// The last segment of the endpoint's path.
    PathSegment,
    /// Nowhere: the tracker takes no token, and URLs carry none.
    None,
}

/// A tracker's tracking link: `<click endpoint>?<campaign>=<id>&<publisher>=<id>`, and the
/// parameter that carries a publisher's own click id (`&<click>=<their click token>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TestLink {
    pub path: &'static str,
    pub campaign: &'static str,
    pub publisher: &'static str,
    pub click: &'static str,
}

/// One tracking platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tracker {
    /// What `[network] tracker` says.
    pub key: &'static str,
    /// How people write its name (in hints and emails).
    pub name: &'static str,
    /// The postback endpoint's default path (every row: default, event and goals).
    pub postback_path: &'static str,
    pub token: TokenPlace,
    /// The file's name of each parameter it reads, and its own name for it. A built-in
    /// parameter not listed here is one the tracker has no name for.
    pub names: &'static [(&'static str, &'static str)],
    /// Its name of the file's `sub<n>`, and how many it has.
    pub sub_prefix: &'static str,
    pub sub_count: u32,
    /// The file's status values and its own words for them.
    pub statuses: &'static [(&'static str, &'static str)],
    /// The macro it fills with the click id when a click leaves for a partner's link.
    pub click_macro: &'static str,
    /// Its tracking link, where its documentation shows one.
    pub test_link: Option<TestLink>,
    /// The parameter that names the campaign in each postback (TUNE's `offer_id`), if any.
    pub campaign_param: Option<&'static str>,
    /// The parameter that names the advertiser in each postback (Offer18's `mid`), if any.
    pub advertiser_param: Option<&'static str>,
    /// The file's names in the order its documentation's example writes them, first in a
    /// URL; the others follow in the registry's order. Empty: the registry's order.
    pub order: &'static [&'static str],
    /// The codes its logs and answers give a postback it did not record, each with what it
    /// means.
    pub rejections: &'static [(&'static str, &'static str)],
    /// The macro it fills for each of a publisher postback's parameters
    /// ([`registry::PUBLISHER_PARAMS`]) when it calls a publisher's tracker back; empty for
    /// a tracker that only receives publisher postbacks.
    pub publisher_macros: &'static [(&'static str, &'static str)],
}

/// Trackier ("Campaign Advertiser Global Postback" and "Network Global Postback"). Its
/// advertiser postback parameters: help.trackier.com/en/articles/8107277.
pub const TRACKIER: Tracker = Tracker {
    key: "trackier",
    name: "Trackier",
    postback_path: "/acquisition",
    token: TokenPlace::Query(registry::SECURITY_TOKEN),
    names: &[
        (registry::CLICK_ID, "click_id"),
        ("txn_id", "txn_id"),
        ("sale_amount", "sale_amount"),
        ("revenue", "revenue"),
        ("currency", "currency"),
        ("status", "status"),
        ("coupon_code", "coupon_code"),
        ("idfa", "idfa"),
        ("gaid", "gaid"),
        (registry::GOAL_VALUE, "goal_value"),
        (registry::GOAL_ID, "goal_id"),
    ],
    sub_prefix: "sub",
    sub_count: SUB_COUNT,
    statuses: &[
        ("approved", "approved"),
        ("pending", "pending"),
        ("cancelled", "cancelled"),
        ("rejected", "rejected"),
    ],
    // Trackier's macro list; its AppsFlyer page puts it on the attribution link as
    // `clickid={click_id}`.
    click_macro: "{click_id}",
    test_link: Some(TestLink {
        path: "/click",
        campaign: "campaign_id",
        publisher: "pub_id",
        // "Ask the Publisher to pass their click ID in p1" (the publisher macros page).
        click: "p1",
    }),
    campaign_param: None,
    advertiser_param: None,
    order: &[],
    // The errors of Trackier's Debug Postback page ("Conversion from advertiser not
    // recorded", help.trackier.com/support/solutions/articles/31000155030, and "Errors in
    // Pixel and Debug Postback Logs", trackier.com/errors-in-pixel-and-debug-postback-logs).
    rejections: &[
        (
            "INVALID_CLICK_ID",
            "Trackier did not find the click (a random, old or wrongly passed click id)",
        ),
        (
            "INVALID_SECURITY_TOKEN",
            "Trackier found no advertiser with this security token",
        ),
        (
            "DUPLICATE_CLICK_ID",
            "Trackier already recorded a conversion on this click",
        ),
        (
            "INVALID_GOAL_ID",
            "Trackier found no goal of the campaign with this value or id",
        ),
        (
            "INVALID_GOAL_VALUE",
            "Trackier found no goal of the campaign with this value or id",
        ),
        ("NO_SESSION_ID", "the pixel fired without a click session"),
    ],
    // "Publisher Tracking Link Macro and Postback Parameter",
    // help.trackier.com/support/solutions/articles/31000154963: the publisher's click id
    // comes in as `p1` on the tracking link and goes back as `{p1}`; `{payout}`, `{txn_id}`;
    // `{goal_value}` names the goal. It lists no currency macro.
    publisher_macros: &[
        (registry::CLICK_ID, "{p1}"),
        (registry::PAYOUT, "{payout}"),
        ("txn_id", "{txn_id}"),
        (registry::EVENT, "{goal_value}"),
    ],
};

/// Affise: `https://<domain>/postback?clickid=…&secure=…&goal=…&sum=…&action_id=…&status=…`
/// ("Affise postback URL parameters", help-center.affise.com/en/articles/6475468: `clickid`,
/// `action_id`, `goal`, `sum`, `status` 1 approved, 2 pending, 3 declined, 5 hold, `secure`,
/// `promo_code`, `custom_field1`-`custom_field15`). Its page names no currency, no goal id
/// and no device id; its click macro is `{clickid}` (its "Affise <-> Affise" page).
pub const AFFISE: Tracker = Tracker {
    key: "affise",
    name: "Affise",
    postback_path: "/postback",
    token: TokenPlace::Query("secure"),
    names: &[
        (registry::CLICK_ID, "clickid"),
        ("txn_id", "action_id"),
        ("sale_amount", "sum"),
        (registry::STATUS, "status"),
        ("coupon_code", "promo_code"),
        (registry::GOAL_VALUE, "goal"),
    ],
    sub_prefix: "custom_field",
    sub_count: 15,
    // Affise declines what the file calls cancelled or rejected alike.
    statuses: &[
        ("approved", "1"),
        ("pending", "2"),
        ("rejected", "3"),
        ("cancelled", "3"),
    ],
    click_macro: "{clickid}",
    test_link: None,
    rejections: &[],
    publisher_macros: &[],
    campaign_param: None,
    advertiser_param: None,
    order: &[
        registry::CLICK_ID,
        registry::SECURITY_TOKEN,
        registry::GOAL_VALUE,
        "sale_amount",
        "txn_id",
        registry::STATUS,
    ],
};

/// Scaleo: `https://<workspace>.scaletrk.com/track/conv?click_id=…&token=…&goal_id=…&conv_status=…`
/// ("Ultimate Postbacks", help.scaleo.io/article/484: its example
/// `…/track/conv?click_id=974e…&token=344387eb&goal_id=1673&conv_status=pending&…&sub_id1=SID1`;
/// the fields of "Create conversion by click ID", docs.scaleo.io: `amount`, `goal_alias`,
/// `adv_order_id`, `idfa`, `gaid`, `promo_code`, `sub_id1`-`sub_id5`, `conv_status` pending,
/// approved, rejected, hold). It names no currency and no cancelled status.
pub const SCALEO: Tracker = Tracker {
    key: "scaleo",
    name: "Scaleo",
    postback_path: "/track/conv",
    token: TokenPlace::Query("token"),
    names: &[
        (registry::CLICK_ID, "click_id"),
        ("txn_id", "adv_order_id"),
        ("sale_amount", "amount"),
        (registry::STATUS, "conv_status"),
        ("coupon_code", "promo_code"),
        ("idfa", "idfa"),
        ("gaid", "gaid"),
        (registry::GOAL_VALUE, "goal_alias"),
        (registry::GOAL_ID, "goal_id"),
    ],
    sub_prefix: "sub_id",
    sub_count: 5,
    statuses: &[
        ("approved", "approved"),
        ("pending", "pending"),
        ("rejected", "rejected"),
    ],
    click_macro: "{click_id}",
    test_link: None,
    rejections: &[],
    publisher_macros: &[],
    campaign_param: None,
    advertiser_param: None,
    order: &[
        registry::CLICK_ID,
        registry::SECURITY_TOKEN,
        registry::GOAL_ID,
        registry::GOAL_VALUE,
        registry::STATUS,
    ],
};

/// TUNE (HasOffers): `http://<network>.go2cloud.org/aff_lsr?offer_id=26&transaction_id=…`
/// ("Receiving Conversions via Postback URL", support.tune.com/hc/en-us/articles/4413247665431,
/// which answers `success=true;` or `success=false; err_msg=…;`); advertiser sub IDs
/// `adv_sub`, `adv_sub2`-`adv_sub5` ("Advertiser Sub IDs", support.tune.com/hc/en-us/articles/1500008231142);
/// its tracking link `aff_c?offer_id=…&aff_id=…` with the partner's click id in
/// `aff_click_id` ("Passing Values to a Partner Conversion URL"). The token is the offer's
/// advertiser security token. No TUNE page read here names a goal or an amount parameter.
pub const TUNE: Tracker = Tracker {
    key: "tune",
    name: "TUNE",
    postback_path: "/aff_lsr",
    token: TokenPlace::Query("security_token"),
    names: &[
        (registry::CLICK_ID, "transaction_id"),
        ("sub1", "adv_sub"),
        ("sub2", "adv_sub2"),
        ("sub3", "adv_sub3"),
        ("sub4", "adv_sub4"),
        ("sub5", "adv_sub5"),
    ],
    sub_prefix: "adv_sub",
    sub_count: 0,
    statuses: &[],
    click_macro: "{transaction_id}",
    test_link: Some(TestLink {
        path: "/aff_c",
        campaign: "offer_id",
        publisher: "aff_id",
        click: "aff_click_id",
    }),
    rejections: &[],
    publisher_macros: &[],
    campaign_param: Some("offer_id"),
    advertiser_param: None,
    order: &[
        registry::CAMPAIGN_ID,
        registry::CLICK_ID,
        registry::SECURITY_TOKEN,
    ],
};

/// Offer18: `https://<domain>/p?mid=…&tid=…&event=…&adv_sub1=…&sale=…` ("In-depth Postback
/// Integration Guide", offer18.gitbook.io/knowledge-base/global-postback-parameters: its
/// example `https://{your_network_url_domain}/p?mid=000&tid={aff_click_id}`, `tid` the click
/// id (`{tid}` on the offer URL), `event`, `adv_sub1`-`adv_sub5`, `sale` on CPS campaigns;
/// `mid` names the advertiser). The part of the page read here shows no token, status or
/// currency parameter: its URLs carry none.
pub const OFFER18: Tracker = Tracker {
    key: "offer18",
    name: "Offer18",
    postback_path: "/p",
    token: TokenPlace::None,
    names: &[
        (registry::CLICK_ID, "tid"),
        (registry::GOAL_VALUE, "event"),
        ("sale_amount", "sale"),
    ],
    sub_prefix: "adv_sub",
    sub_count: 5,
    statuses: &[],
    click_macro: "{tid}",
    test_link: None,
    rejections: &[],
    publisher_macros: &[],
    campaign_param: None,
    advertiser_param: Some("mid"),
    order: &[
        registry::ADVERTISER_ID,
        registry::CLICK_ID,
        registry::GOAL_VALUE,
        "sub1",
        "sub2",
        "sub3",
        "sub4",
        "sub5",
        "sale_amount",
    ],
};

/// What a receiving tracker (a publisher's) has none of.
const RECEIVES_ONLY: Tracker = Tracker {
    key: "",
    name: "",
    postback_path: "/postback",
    token: TokenPlace::None,
    names: &[],
    sub_prefix: "sub",
    sub_count: 0,
    statuses: &[],
    click_macro: "{clickid}",
    test_link: None,
    campaign_param: None,
    advertiser_param: None,
    order: &[],
    rejections: &[],
    publisher_macros: &[],
};

/// The tracker of a publisher's own template (`tracker = "custom"`): nothing is known of it.
pub const CUSTOM: Tracker = Tracker {
    key: "custom",
    name: "the publisher's tracker",
    ..RECEIVES_ONLY
};

/// Voluum: `https://<domain>/postback?cid=…&payout=…&txid=…&currency=…&et=…`
/// (doc.voluum.com/en/tracking_conversions_postback.html; its click id token is
/// `{clickid}`, doc.voluum.com/article/parameters-in-postback-urls).
pub const VOLUUM: Tracker = Tracker {
    key: "voluum",
    name: "Voluum",
    names: &[
        (registry::CLICK_ID, "cid"),
        (registry::PAYOUT, "payout"),
        ("txn_id", "txid"),
        ("currency", "currency"),
        (registry::EVENT, "et"),
    ],
    ..RECEIVES_ONLY
};

/// Binom: `https://<domain>/click.php?cnv_id=…&payout=…&cnv_status=…&cnv_currency=…`
/// (docs.binom.org/postback-url.php; the click id token is `{clickid}`).
pub const BINOM: Tracker = Tracker {
    key: "binom",
    name: "Binom",
    postback_path: "/click.php",
    names: &[
        (registry::CLICK_ID, "cnv_id"),
        (registry::PAYOUT, "payout"),
        (registry::EVENT, "cnv_status"),
        ("currency", "cnv_currency"),
    ],
    ..RECEIVES_ONLY
};

/// Keitaro: `https://<domain>/<postback key>/postback?subid=…&payout=…&tid=…`
/// (docs.keitaro.io/en/conversions/postback.html: `subid` required, `tid`, `payout`,
/// `status` lead/sale/rejected defaulting to sale, `currency`; its click token is `{subid}`,
/// v7.help-legacy.keitaro.io/en/postbacks). `{key}` in the path is the publisher's
/// `postback_key`.
pub const KEITARO: Tracker = Tracker {
    key: "keitaro",
    name: "Keitaro",
    postback_path: "/{key}/postback",
    names: &[
        (registry::CLICK_ID, "subid"),
        ("txn_id", "tid"),
        (registry::PAYOUT, "payout"),
        ("currency", "currency"),
    ],
    click_macro: "{subid}",
    ..RECEIVES_ONLY
};

/// RedTrack: `https://<domain>/postback?clickid=…&sum=…&type=…`
/// (help.redtrack.io, "Dynamic parameters: clickid"; `sum` in its postback template,
/// redtrack.zendesk.com/hc/en-us/articles/207082019; `type` and `rdtk_event_id` in
/// "Conversion types and statuses", help.redtrack.io/knowledgebase/kb/conversion-tracking/tracking-event-types).
pub const REDTRACK: Tracker = Tracker {
    key: "redtrack",
    name: "RedTrack",
    names: &[
        (registry::CLICK_ID, "clickid"),
        (registry::PAYOUT, "sum"),
        (registry::EVENT, "type"),
        ("txn_id", "rdtk_event_id"),
    ],
    ..RECEIVES_ONLY
};

/// Every tracker `[network] tracker` can name.
pub const TRACKERS: &[&Tracker] = &[&TRACKIER, &AFFISE, &SCALEO, &TUNE, &OFFER18];

/// Every tracker a publisher's `tracker` can name, besides `custom` (a template of their
/// own).
pub const PUBLISHER_TRACKERS: &[&Tracker] = &[&VOLUUM, &BINOM, &KEITARO, &REDTRACK];

impl Tracker {
    /// The tracker `key` names.
    pub fn named(key: &str) -> Option<&'static Tracker> {
        TRACKERS.iter().copied().find(|t| t.key == key)
    }

    /// Its name for the file's parameter `name`: a built-in's from its table, `sub<n>` with
    /// its prefix, a network's own parameter as the file writes it. `None` when it has no
    /// name for that built-in (or for the token, which it takes elsewhere or not at all).
    pub fn name_of<'n>(&self, name: &'n str) -> Option<Cow<'n, str>> {
        if name == registry::CAMPAIGN_ID {
            return self.campaign_param.map(Cow::Borrowed);
        }
        if name == registry::ADVERTISER_ID {
            return self.advertiser_param.map(Cow::Borrowed);
        }
        if name == registry::SECURITY_TOKEN {
            return match self.token {
                TokenPlace::Query(own) => Some(Cow::Borrowed(own)),
                TokenPlace::PathSegment | TokenPlace::None => None,
            };
        }
        if let Some((_, own)) = self.names.iter().find(|(file, _)| *file == name) {
            return Some(Cow::Borrowed(own));
        }
        if let Some(n) = registry::sub_number(name) {
            return (n <= self.sub_count).then(|| match self.sub_prefix {
                "sub" => Cow::Borrowed(name),
                prefix => Cow::Owned(format!("{prefix}{n}")),
            });
        }
        (!registry::is_builtin(name)).then_some(Cow::Borrowed(name))
    }

    /// The file's name of the parameter it calls `own` (the reverse of
    /// [`Tracker::name_of`]); a name that is none of its parameters is returned as it is.
    pub fn file_name<'n>(&self, own: &'n str) -> Cow<'n, str> {
        if matches!(self.token, TokenPlace::Query(query) if query == own) {
            return Cow::Borrowed(registry::SECURITY_TOKEN);
        }
        if self.campaign_param == Some(own) {
            return Cow::Borrowed(registry::CAMPAIGN_ID);
        }
        if self.advertiser_param == Some(own) {
            return Cow::Borrowed(registry::ADVERTISER_ID);
        }
        if let Some((file, _)) = self.names.iter().find(|(_, theirs)| *theirs == own) {
            return Cow::Borrowed(file);
        }
        let sub = own.strip_prefix(self.sub_prefix).and_then(|n| {
            let n: u32 = n
                .parse()
                .ok()
                .filter(|n| (1..=self.sub_count).contains(n))?;
            (format!("{}{n}", self.sub_prefix) == own).then(|| format!("sub{n}"))
        });
        match sub {
            Some(file) if self.sub_prefix != "sub" => Cow::Owned(file),
            _ => Cow::Borrowed(own),
        }
    }

    /// Whether it reads every parameter and status by the file's own name: then a hit needs
    /// no translation.
    pub fn speaks_file_names(&self) -> bool {
        self.token == TokenPlace::Query(registry::SECURITY_TOKEN)
            && self.campaign_param.is_none()
            && self.advertiser_param.is_none()
            && self.sub_prefix == "sub"
            && self.names.iter().all(|(file, own)| file == own)
            && self.statuses.iter().all(|(file, own)| file == own)
    }

    /// Its word for the file's status `value` (the value itself when it has none).
    pub fn status<'v>(&self, value: &'v str) -> &'v str {
        match self.statuses.iter().find(|(file, _)| *file == value) {
            Some((_, own)) => own,
            None => value,
        }
    }

    /// The file's status for its word `own` (the word itself when it is none of them).
    pub fn file_status<'v>(&self, own: &'v str) -> &'v str {
        match self.statuses.iter().find(|(_, theirs)| *theirs == own) {
            Some((file, _)) => file,
            None => own,
        }
    }

    /// The rejection `text` (an answer's body, a log line) reports, if any: one of its
    /// codes as a word of its own, else `success=false` in a form or JSON.
    pub fn rejection_in(&self, text: &str) -> Option<&'static str> {
        let word = |code: &str| {
            text.match_indices(code).any(|(at, _)| {
                let before = text[..at].bytes().next_back();
                let after = text[at + code.len()..].bytes().next();
                let joins =
                    |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
                !joins(before) && !joins(after)
            })
        };
        if let Some((code, _)) = self.rejections.iter().find(|(code, _)| word(code)) {
            return Some(code);
        }
        let squeezed: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '"')
            .collect::<String>()
            .to_ascii_lowercase();
        (squeezed.contains("success=false") || squeezed.contains("success:false"))
            .then_some("success=false")
    }

    /// What its rejection `code` (a code of its own, or `success=false`) means, in words;
    /// `text` is where the code was found, whose `err_msg=` (TUNE's answer,
    /// `success=false; err_msg=Invalid Trans. ID …;`) is quoted when there is one.
    pub fn meaning_in(&self, code: &str, text: &str) -> String {
        if let Some((_, meaning)) = self.rejections.iter().find(|(own, _)| *own == code) {
            return meaning.to_string();
        }
        if code != "success=false" {
            return format!("{} did not record the conversion", self.name);
        }
        let message = (text.split_once("err_msg="))
            .map(|(_, rest)| rest.split([';', '"', '\n']).next().unwrap_or("").trim())
            .filter(|message| !message.is_empty());
        match message {
            Some(message) => format!("the tracker refused the postback: {message}"),
            None => "the tracker refused the postback".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{self, Network};
    use crate::config;
    use crate::rows::{self, Levels, Options, Selection};
    use crate::sample::Samples;
    use crate::source::Source;

    /// A second tracker is one value: this one, made up for the test, spells every name
    /// its own way, reads the token as `key`, counts statuses as numbers and has five
    /// `adv<n>` subs.
    const EXAMPLE: Tracker = Tracker {
        key: "example",
        name: "Example",
        postback_path: "/pb",
        token: TokenPlace::Query("key"),
        names: &[
            (registry::CLICK_ID, "cid"),
            ("txn_id", "tid"),
            ("sale_amount", "amount"),
            ("currency", "cur"),
            (registry::STATUS, "state"),
            (registry::GOAL_VALUE, "event"),
        ],
        sub_prefix: "adv",
        sub_count: 5,
        statuses: &[("approved", "1"), ("pending", "2"), ("rejected", "3")],
        click_macro: "{cid}",
        test_link: Some(TestLink {
            path: "/go",
            campaign: "offer",
            publisher: "aff",
            click: "sub",
        }),
        campaign_param: None,
        advertiser_param: None,
        order: &[],
        rejections: &[("BAD_CLICK", "Example found no such click")],
        publisher_macros: &[],
    };

    const FILE: &str = r#"
[network]
domain = "t.example.com"
path = "/pb"

[advertisers.acme]
name = "Acme"
security_token = "a1b2c3d4"

[[campaigns]]
id = 5509
name = "Summer"
advertiser = "acme"
params = ["txn_id", "sale_amount", "sub1"]
fixed = { status = "approved", currency = "EUR" }

[[campaigns.goals]]
name = "Purchase"
value = "purchase"
"#;

    fn urls(config: &config::Config<'_>, options: &Options) -> Vec<String> {
        let selection = Selection {
            levels: Levels::Advertiser,
            ..Selection::default()
        };
        let rows = rows::rows(config, &selection, options).expect("rows");
        rows.into_iter().map(|row| row.url).collect()
    }

    #[test]
    fn a_second_tracker_is_one_value_urls_and_check_speak_it() {
        let source = Source::new("campaigns.toml", FILE.to_string());
        let mut config = config::load(&source).config.expect("a valid file");
        config.network.tracker = &EXAMPLE;
        // Each name in the tracker's spelling, the token as `key`, the status as its number;
        // the file's macros (placeholders here) and order unchanged.
        assert_eq!(
            urls(&config, &Options::default()),
            [
                "https://t.example.com/pb?cid={click_id}&key=a1b2c3d4&tid={txn_id}\
                 &amount={sale_amount}&cur=EUR&state=1&adv1={sub1}",
                "https://t.example.com/pb?cid={click_id}&key=a1b2c3d4&tid={txn_id}\
                 &amount={sale_amount}&cur=EUR&state=1&adv1={sub1}&event=purchase",
            ]
        );
        // `check` reads the tracker's names back: the samples are clean hits.
        let samples = Options {
            samples: Some(Samples::new(None, Vec::new())),
            ..Options::default()
        };
        let network = Network::new(&config);
        for url in urls(&config, &samples) {
            let report = check::check(&network, &url);
            assert!(report.findings.is_empty(), "{url}: {:?}", report.findings);
            assert_eq!(report.advertiser, Some("acme"), "{url}");
        }
        // A log line's verdict is the tracker's own code, in its own words.
        assert_eq!(EXAMPLE.rejection_in("error=BAD_CLICK"), Some("BAD_CLICK"));
        assert_eq!(
            EXAMPLE.meaning_in("BAD_CLICK", ""),
            "Example found no such click"
        );
        // TUNE answers `success=false; err_msg=…;`: the message is quoted.
        let tune = "success=false; err_msg=Invalid Trans. ID #1027c887059b47b.;";
        assert_eq!(TUNE.rejection_in(tune), Some("success=false"));
        assert_eq!(
            TUNE.meaning_in("success=false", tune),
            "the tracker refused the postback: Invalid Trans. ID #1027c887059b47b."
        );
    }

    #[test]
    fn names_map_both_ways() {
        assert_eq!(EXAMPLE.name_of("sub3").as_deref(), Some("adv3"));
        assert_eq!(EXAMPLE.name_of("sub6"), None);
        assert_eq!(
            EXAMPLE.name_of("idfa"),
            None,
            "a built-in it has no name for"
        );
        assert_eq!(EXAMPLE.name_of("my_param").as_deref(), Some("my_param"));
        assert_eq!(EXAMPLE.file_name("adv3"), "sub3");
        assert_eq!(EXAMPLE.file_name("adv6"), "adv6");
        assert_eq!(EXAMPLE.file_name("key"), registry::SECURITY_TOKEN);
        assert_eq!(EXAMPLE.status("approved"), "1");
        assert_eq!(EXAMPLE.file_status("3"), "rejected");
        assert!(!EXAMPLE.speaks_file_names());
        assert!(TRACKIER.speaks_file_names());
        for (file, _) in TRACKIER.names {
            assert_eq!(TRACKIER.name_of(file).as_deref(), Some(*file));
        }
    }
}
