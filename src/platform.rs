//! The tracking platform's own names: the parameters its postback endpoint reads, its
//! endpoint and tracking-link paths, and the query of a test link. Everything else reads
//! them from here, so a second tracker would be a second table, not a hunt through the code.

/// One tracker's names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Platform {
    pub name: &'static str,
    /// The click id, which attributes a conversion to its click.
    pub click_id: &'static str,
    /// The macro the tracker fills with the click id when a click leaves for a partner's link.
    pub click_macro: &'static str,
    /// The advertiser's (or the network's) token.
    pub security_token: &'static str,
    /// The key of `campaigns.toml` naming the variable that holds a token.
    pub security_token_env: &'static str,
    /// What names a goal: its value or its id.
    pub goal_value: &'static str,
    pub goal_id: &'static str,
    /// The postback endpoint's default path.
    pub postback_path: &'static str,
    /// The tracking link's default path, and its campaign and publisher parameters.
    pub click_path: &'static str,
    pub link_campaign: &'static str,
    pub link_publisher: &'static str,
}

/// Trackier ("Campaign Advertiser Global Postback" and "Network Global Postback").
pub const TRACKIER: Platform = Platform {
    name: "Trackier",
    click_id: "click_id",
    // Trackier's macro list; its AppsFlyer page puts it on the attribution link as
    // `clickid={click_id}`.
    click_macro: "{click_id}",
    security_token: "security_token",
    security_token_env: "security_token_env",
    goal_value: "goal_value",
    goal_id: "goal_id",
    postback_path: "/acquisition",
    click_path: "/click",
    link_campaign: "campaign_id",
    link_publisher: "pub_id",
};

// The platform in use, by the names the code matches on.
pub const CLICK_ID: &str = TRACKIER.click_id;
pub const SECURITY_TOKEN: &str = TRACKIER.security_token;
pub const SECURITY_TOKEN_ENV: &str = TRACKIER.security_token_env;
pub const GOAL_VALUE: &str = TRACKIER.goal_value;
pub const GOAL_ID: &str = TRACKIER.goal_id;
