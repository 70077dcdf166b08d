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
    /// The network's postback to a publisher (Publisher -> Postback/Pixels).
    Publisher,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Advertiser => "advertiser",
            Level::Global => "global",
            Level::Publisher => "publisher",
        }
    }
}

impl Levels {
    /// As `--level` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Levels::Advertiser => "advertiser",
            Levels::Global => "global",
            Levels::All => "all",
            Levels::Publisher => "publisher",
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

/// Which levels a command covers: `--level advertiser|global|all`, and for `urls`
/// `publisher` (the network's postbacks to its publishers, which `all` leaves out: they are
/// not postbacks to the network and `check` does not read them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Levels {
    #[default]
    Advertiser,
    Global,
    All,
    #[value(skip)]
    Publisher,
}
