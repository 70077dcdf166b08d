//! Editing `campaigns.toml` with toml_edit, so every comment, blank line and the order of
//! everything else survive. An [`Edit`] reads and checks the file once, applies any number
//! of changes, and validates the result once (as cargo's `LocalManifest`); [`write`] puts the
//! text in place safely.
//!
//! Only the parts a change touches are parsed for editing ([`pieces`]): the head for an
//! advertiser, one campaign block for a goal, a new block for a campaign. New entries go
//! where a person would put them: an advertiser after the last advertiser, a campaign after
//! the last campaign, a goal after its campaign's last goal (see [`document`]).

mod document;
mod endings;
mod known;
mod pieces;
mod removal;
mod setting;
pub mod write;

pub use removal::Removal;
pub use setting::{ParamChanges, Setting};

use crate::config;
use crate::diagnostic::{count, Diagnostic, Severity};
use crate::error::{Error, InvalidFile};
use crate::source::Source;
use known::Known;
use pieces::Pieces;

/// What `add` adds.
#[derive(Clone, Debug)]
pub enum Addition {
    Advertiser {
        key: String,
        name: String,
        token: Option<TokenSource>,
        macros: Option<String>,
        /// Per-parameter macros (`[advertisers.<key>.macro]`).
        overrides: Vec<(String, String)>,
    },
    Campaign {
        id: u64,
        name: String,
        advertiser: String,
        default: Option<String>,
        params: Vec<String>,
        fixed: Vec<(String, String)>,
    },
    Goal {
        campaign: u64,
        name: String,
        target: GoalName,
        params: Vec<String>,
        fixed: Vec<(String, String)>,
    },
    /// The `[global]` section (the network-level postback).
    Global {
        macros: Option<String>,
        params: Vec<String>,
        fixed: Vec<(String, String)>,
        event: bool,
        overrides: Vec<(String, String)>,
    },
    GlobalGoal {
        name: String,
        target: GoalName,
    },
    /// `[publishers.<key>]`.
    Publisher {
        key: String,
        fields: PublisherFields,
    },
}

/// The fields of a publisher that `add publisher` writes and `set publisher` changes; `None`
/// leaves a field as it is (absent, for a new publisher).
#[derive(Clone, Debug, Default)]
pub struct PublisherFields {
    pub name: Option<String>,
    pub id: Option<u64>,
    pub tracker: Option<String>,
    pub domain: Option<String>,
    pub postback_key: Option<String>,
    pub template: Option<String>,
    /// The campaigns of its postback; `Some(empty)` makes it all campaigns again.
    pub campaigns: Option<Vec<u64>>,
    pub events: Option<String>,
    pub fire_on_pending: Option<bool>,
}

impl Addition {
    /// What was added, for the one-line report: `advertiser `zapp``, `goal `Purchase` of
    /// campaign 9100`...
    pub fn describe(&self) -> String {
        match self {
            Addition::Advertiser { key, .. } => format!("advertiser `{key}`"),
            Addition::Campaign { id, .. } => format!("campaign {id}"),
            Addition::Goal { campaign, name, .. } => {
                format!("goal `{name}` of campaign {campaign}")
            }
            Addition::Global { .. } => "the [global] section".to_string(),
            Addition::GlobalGoal { name, .. } => format!("global goal `{name}`"),
            Addition::Publisher { key, .. } => format!("publisher `{key}`"),
        }
    }
}

#[derive(Clone, Debug)]
pub enum TokenSource {
    Literal(String),
    Env(String),
}

/// How a new goal is named in its URL.
#[derive(Clone, Debug)]
pub enum GoalName {
    Value(String),
    Id(String),
}

/// A file being edited: read and checked once, changed in memory, validated and turned back
/// into text once.
pub struct Edit<'s> {
    source: &'s Source,
    /// The keys, ids and goals the file (and the edits so far) hold.
    known: Known,
    pieces: Pieces<'s>,
}

impl<'s> Edit<'s> {
    /// Opens `source` for editing; a file that already has errors is refused (exit 65).
    pub fn open(source: &'s Source) -> Result<Self, Error> {
        let loaded = config::load(source);
        let Some(config) = &loaded.config else {
            let advice = "fix the file first: `postback validate` shows every problem";
            return Err(invalid(source.clone(), &loaded.diagnostics, advice));
        };
        let pieces = Pieces::new(&source.text);
        let known = Known::of(config, &pieces);
        Ok(Edit {
            source,
            known,
            pieces,
        })
    }

    /// Makes `addition`, refusing (exit 65) a duplicate or a dangling reference.
    pub fn apply(&mut self, addition: &Addition) -> Result<(), Error> {
        self.known.check(addition)?;
        let file = &self.source.name;
        let piece = document::insert(&mut self.pieces, &self.known, addition, file)?;
        self.known.add(addition, piece);
        Ok(())
    }

    /// Changes the fields `setting` names, refusing (exit 65) an entry that does not exist
    /// or a rename that collides.
    pub fn set(&mut self, setting: &Setting) -> Result<(), Error> {
        let piece = self.known.check_set(setting)?;
        setting::apply(&mut self.pieces, piece, setting, &self.source.name)?;
        self.known.set(setting);
        Ok(())
    }

    /// Removes one entry (with `--cascade`, an advertiser's campaigns too), refusing (exit
    /// 65) one that does not exist, or an advertiser campaigns still use.
    pub fn remove(&mut self, removal: &Removal) -> Result<(), Error> {
        let file = &self.source.name;
        match removal {
            Removal::Advertiser { key, cascade } => {
                let campaigns = self.known.check_remove_advertiser(key, *cascade)?;
                // Last first: removing a campaign never moves the ones before it.
                for (id, piece) in campaigns.into_iter().rev() {
                    removal::campaign(&mut self.pieces, piece, id, file)?;
                }
                removal::advertiser(&mut self.pieces, key, file)?;
            }
            Removal::Campaign { id } => {
                let piece = self.known.check_remove_campaign(*id)?;
                removal::campaign(&mut self.pieces, piece, *id, file)?;
            }
            Removal::Goal { campaign, name } => {
                let piece = self.known.check_remove_goal(*campaign, name)?;
                removal::goal(&mut self.pieces, piece, *campaign, name, file)?;
            }
            Removal::GlobalGoal { name } => {
                self.known.check_remove_global_goal(name)?;
                removal::global_goal(&mut self.pieces, name, file)?;
            }
            Removal::Publisher { key } => {
                self.known.publisher(key)?;
                removal::publisher(&mut self.pieces, key, file)?;
            }
        }
        self.known.remove(removal);
        Ok(())
    }

    /// The edited text (its byte-order mark and line endings kept), checked with every rule
    /// of `validate`; a result with errors is refused (exit 65).
    pub fn finish(self) -> Result<String, Error> {
        let edited = endings::restore(&self.source.text, &self.pieces.text());
        let result = Source::new(format!("{} (after the edit)", self.source.name), edited);
        let checked = config::load(&result);
        if checked.error_count() > 0 {
            let diagnostics = checked.diagnostics;
            return Err(invalid(result, &diagnostics, "nothing was written"));
        }
        let mut text = result.text;
        if self.source.byte_order_mark {
            text.insert(0, '\u{feff}');
        }
        Ok(text)
    }
}

/// The file's text with `addition` made: [`Edit`] for one change.
pub fn add(source: &Source, addition: &Addition) -> Result<String, Error> {
    let mut edit = Edit::open(source)?;
    edit.apply(addition)?;
    edit.finish()
}

/// The errors of `source`, and `advice` on what happens now.
fn invalid(source: Source, diagnostics: &[Diagnostic], advice: &str) -> Error {
    let errors: Vec<Diagnostic> = (diagnostics.iter())
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    let summary = format!(
        "{}: {}; {advice}",
        source.name,
        count(errors.len(), "error")
    );
    Error::invalid_config(InvalidFile {
        source,
        diagnostics: errors,
        summary,
    })
}
#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "[network]\ndomain = \"a.test\"\n\n# the shop\n[advertisers.acme]\nname = \"Acme\"\nsecurity_token = \"t1\"\n\n[[campaigns]]\nid = 1\nname = \"One\"\nadvertiser = \"acme\"\n";

    fn advertiser(key: &str) -> Addition {
        Addition::Advertiser {
            key: key.into(),
            name: "Zapp".into(),
            token: Some(TokenSource::Env("ZAPP_TOKEN".into())),
            macros: None,
            overrides: Vec::new(),
        }
    }

    #[test]
    fn a_batch_sees_its_own_changes_and_validates_once() {
        let source = Source::new("c.toml", FILE.into());
        let mut edit = Edit::open(&source).expect("valid file");
        edit.apply(&advertiser("zapp")).expect("new key");
        // The campaign refers to the advertiser added by the same batch.
        let campaign = Addition::Campaign {
            id: 2,
            name: "Two".into(),
            advertiser: "zapp".into(),
            default: None,
            params: vec!["idfa".into()],
            fixed: vec![],
        };
        edit.apply(&campaign).expect("advertiser from the batch");
        let goal = Addition::Goal {
            campaign: 2,
            name: "Purchase".into(),
            target: GoalName::Value("purchase".into()),
            params: vec![],
            fixed: vec![],
        };
        edit.apply(&goal).expect("campaign from the batch");
        // A second advertiser of the same key is a duplicate of the batch's own.
        assert!(edit.apply(&advertiser("zapp")).is_err());
        let text = edit.finish().expect("valid result");
        // Every line of the file is kept, in order, and the new advertiser follows the last.
        let mut lines = text.lines();
        assert!(FILE.lines().all(|kept| lines.any(|l| l == kept)), "{text}");
        assert!(
            text.contains("security_token = \"t1\"\n\n[advertisers.zapp]"),
            "{text}"
        );
        let result = Source::new("r.toml", text);
        let loaded = config::load(&result);
        let config = loaded.config.expect("valid");
        assert_eq!(config.campaign(2).map(|c| c.goals.len()), Some(1));
    }

    #[test]
    fn a_result_with_errors_is_refused_with_its_problems() {
        let source = Source::new("c.toml", FILE.into());
        let goal = Addition::Goal {
            campaign: 1,
            name: "Refund".into(),
            target: GoalName::Value("refund".into()),
            params: vec!["sale_ammount".into()],
            fixed: vec![],
        };
        let error = add(&source, &goal).unwrap_err();
        let invalid = error.invalid_file().expect("the edited file's problems");
        assert_eq!(invalid.source.name, "c.toml (after the edit)");
        assert_eq!(invalid.diagnostics.len(), 1);
        assert_eq!(
            invalid.summary,
            "c.toml (after the edit): 1 error; nothing was written"
        );
    }
}
