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
    /// The codes its logs and answers give a postback it did not record.
    pub rejections: &'static [&'static str],
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
    // The errors of Trackier's Debug Postback page ("Conversion from advertiser not
    // recorded", help.trackier.com/support/solutions/articles/31000155030, and "Errors in
    // Pixel and Debug Postback Logs", trackier.com/errors-in-pixel-and-debug-postback-logs).
    rejections: &[
        "INVALID_CLICK_ID",
        "INVALID_SECURITY_TOKEN",
        "DUPLICATE_CLICK_ID",
        "INVALID_GOAL_ID",
        "INVALID_GOAL_VALUE",
        "NO_SESSION_ID",
    ],
};

impl Platform {
    /// The rejection `text` (an answer's body, a log line) reports, if any: one of the
    /// tracker's codes as a word of its own, else `success=false` in a form or JSON.
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
        if let Some(code) = self.rejections.iter().find(|code| word(code)) {
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
}

// The platform in use, by the names the code matches on.
pub const CLICK_ID: &str = TRACKIER.click_id;
pub const SECURITY_TOKEN: &str = TRACKIER.security_token;
pub const SECURITY_TOKEN_ENV: &str = TRACKIER.security_token_env;
pub const GOAL_VALUE: &str = TRACKIER.goal_value;
pub const GOAL_ID: &str = TRACKIER.goal_id;
