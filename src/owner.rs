//! Whose postbacks a row, a hit or a test is: an advertiser's (Trackier's "Campaign
//! Advertiser Global Postback", carrying the advertiser's token) or the network's (the
//! "Network Global Postback", carrying the global token).

use serde::Serialize;

/// Where a postback is set up in Trackier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Advertiser,
    Global,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Advertiser => "advertiser",
            Level::Global => "global",
        }
    }
}

/// The owner of a postback: an advertiser, by key, or the network's global level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Owner<'c> {
    Advertiser(&'c str),
    Global,
}

impl<'c> Owner<'c> {
    pub fn level(self) -> Level {
        match self {
            Owner::Advertiser(_) => Level::Advertiser,
            Owner::Global => Level::Global,
        }
    }

    /// The advertiser's key, at the advertiser level.
    pub fn advertiser(self) -> Option<&'c str> {
        match self {
            Owner::Advertiser(key) => Some(key),
            Owner::Global => None,
        }
    }
}

/// Which levels a command covers: `--level advertiser|global|all`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Levels {
    #[default]
    Advertiser,
    Global,
    All,
}
