//! What the file holds that an edit may collide with: advertiser keys, campaign ids and each
//! campaign's goals, read once from the checked file and kept up to date by every change of
//! a batch, so that a batch can add a campaign for the advertiser it just added.

use std::collections::HashMap;

use super::pieces::Pieces;
use super::setting::Setting;
use super::{Addition, GoalName};
use crate::config::Config;
use crate::error::Error;
use crate::registry::{GOAL_ID, GOAL_VALUE};
use crate::suggest::did_you_mean;

struct KnownGoal {
    name: String,
    /// `goal_value` or `goal_id`, and its text.
    target: (&'static str, String),
}

struct KnownCampaign {
    name: String,
    advertiser: String,
    /// The piece of the file it is written in.
    piece: usize,
    goals: Vec<KnownGoal>,
}

pub struct Known {
    /// In file order, for "did you mean".
    advertisers: Vec<String>,
    publishers: Vec<String>,
    campaigns: HashMap<u64, KnownCampaign>,
    /// The global goals, when the file has a `[global]` section.
    global: Option<Vec<KnownGoal>>,
}

fn known_goals(goals: &[crate::config::Goal<'_>]) -> Vec<KnownGoal> {
    (goals.iter())
        .map(|g| KnownGoal {
            name: g.name.value.to_string(),
            target: (g.target.param(), g.target.as_str().to_string()),
        })
        .collect()
}

/// A goal of `whose` (`campaign 5509`, `the global level`) named or targeted like the new one.
fn goal_conflict(
    goals: &[KnownGoal],
    whose: &str,
    name: &str,
    target: &GoalName,
) -> Result<(), Error> {
    let new = target_of(target);
    for goal in goals {
        if goal.name == *name {
            return Err(Error::conflict(format!(
                "{whose} already has a goal `{name}`"
            )));
        }
        if goal.target == new {
            let (param, text) = &new;
            return Err(Error::conflict(format!(
                "goal `{}` of {whose} already has {param} `{text}`",
                goal.name
            ))
            .with_hint("Trackier could not tell the goals apart"));
        }
    }
    Ok(())
}

/// Goal `name` must be among `goals` of `whose`.
fn has_goal(goals: &[KnownGoal], name: &str, whose: &str) -> Result<(), Error> {
    if goals.iter().any(|g| g.name == name) {
        return Ok(());
    }
    let hint = did_you_mean(name, goals.iter().map(|g| g.name.as_str()))
        .unwrap_or_else(|| "`postback list` shows the goals".into());
    Err(Error::conflict(format!("{whose} has no goal `{name}`")).with_hint(hint))
}

fn target_of(target: &GoalName) -> (&'static str, String) {
    match target {
        GoalName::Value(v) => (GOAL_VALUE, v.clone()),
        GoalName::Id(id) => (GOAL_ID, id.clone()),
    }
}

impl Known {
    pub fn of(config: &Config<'_>, pieces: &Pieces<'_>) -> Self {
        let campaigns = (config.campaigns.iter())
            .map(|c| {
                let campaign = KnownCampaign {
                    name: c.name.to_string(),
                    advertiser: c.advertiser.value.to_string(),
                    piece: pieces.at(c.span.start),
                    goals: known_goals(&c.goals),
                };
                (c.id.value, campaign)
            })
            .collect();
        Known {
            advertisers: (config.advertisers().iter())
                .map(|a| a.key.value.to_string())
                .collect(),
            campaigns,
            global: config.global.as_ref().map(|g| known_goals(&g.goals)),
            publishers: (config.publishers.iter())
                .map(|p| p.key.value.to_string())
                .collect(),
        }
    }

    /// The piece campaign `id` is written in.
    pub fn piece_of(&self, id: u64) -> Option<usize> {
        self.campaigns.get(&id).map(|c| c.piece)
    }

    /// Duplicates and dangling references, with the message a person needs.
    pub fn check(&self, addition: &Addition) -> Result<(), Error> {
        match addition {
            Addition::Publisher { key, .. } => {
                if self.publishers.contains(key) {
                    return Err(Error::conflict(format!("publisher `{key}` already exists"))
                        .with_hint(
                            "choose another key, or change it with `postback set publisher`",
                        ));
                }
            }
            Addition::Advertiser { key, .. } => {
                if self.advertisers.contains(key) {
                    return Err(
                        Error::conflict(format!("advertiser `{key}` already exists"))
                            .with_hint("choose another key, or edit its entry by hand"),
                    );
                }
            }
            Addition::Campaign { id, advertiser, .. } => {
                if let Some(existing) = self.campaigns.get(id) {
                    let name = &existing.name;
                    return Err(
                        Error::conflict(format!("campaign id {id} is already `{name}`"))
                            .with_hint("each campaign has its own Trackier id"),
                    );
                }
                if !self.advertisers.contains(advertiser) {
                    let hint = did_you_mean(advertiser, &self.advertisers)
                        .unwrap_or_else(|| "add it first with `postback add advertiser`".into());
                    return Err(Error::conflict(format!(
                        "no advertiser `{advertiser}` in the file"
                    ))
                    .with_hint(hint));
                }
            }
            Addition::Goal {
                campaign,
                name,
                target,
                ..
            } => {
                let found = self.campaign(*campaign)?;
                goal_conflict(&found.goals, &format!("campaign {campaign}"), name, target)?;
            }
            Addition::Global { .. } => {
                if self.global.is_some() {
                    return Err(Error::conflict("the file already has a [global] section")
                        .with_hint(
                            "edit it by hand; `postback add global-goal` adds a global goal",
                        ));
                }
            }
            Addition::GlobalGoal { name, target } => {
                let Some(goals) = &self.global else {
                    return Err(Error::conflict("the file has no [global] section")
                        .with_hint("add it first with `postback add global`"));
                };
                goal_conflict(goals, "the global level", name, target)?;
            }
        }
        Ok(())
    }

    /// What `setting` names must exist, and a renamed or re-targeted goal must not collide;
    /// returns the piece it concerns.
    pub fn check_set(&self, setting: &Setting) -> Result<usize, Error> {
        let campaign = |id: &u64| self.campaign(*id);
        match setting {
            Setting::Network { .. } => Ok(0),
            Setting::Advertiser { key, .. } => self.advertiser(key).map(|()| 0),
            Setting::Publisher { key, .. } => self.publisher(key).map(|()| 0),
            Setting::Campaign { id, advertiser, .. } => {
                let found = campaign(id)?;
                if let Some(key) = advertiser {
                    self.advertiser(key)?;
                }
                Ok(found.piece)
            }
            Setting::Goal {
                campaign: id,
                name,
                new_name,
                target,
                ..
            } => {
                let found = campaign(id)?;
                if !found.goals.iter().any(|g| g.name == *name) {
                    let names = found.goals.iter().map(|g| g.name.as_str());
                    let hint = did_you_mean(name, names)
                        .unwrap_or_else(|| "`postback list` shows the goals".into());
                    return Err(
                        Error::conflict(format!("campaign {id} has no goal `{name}`"))
                            .with_hint(hint),
                    );
                }
                let others: Vec<&KnownGoal> =
                    found.goals.iter().filter(|g| g.name != *name).collect();
                if let Some(new) = new_name {
                    if others.iter().any(|g| g.name == *new) {
                        return Err(Error::conflict(format!(
                            "campaign {id} already has a goal `{new}`"
                        )));
                    }
                }
                if let Some(target) = target {
                    let new = target_of(target);
                    if let Some(other) = others.iter().find(|g| g.target == new) {
                        let (param, text) = &new;
                        return Err(Error::conflict(format!(
                            "goal `{}` of campaign {id} already has {param} `{text}`",
                            other.name
                        ))
                        .with_hint("Trackier could not tell the goals apart"));
                    }
                }
                Ok(found.piece)
            }
        }
    }

    /// Whether the file has publisher `key`, else an error naming the closest one.
    pub fn publisher(&self, key: &str) -> Result<(), Error> {
        if self.publishers.iter().any(|p| p == key) {
            return Ok(());
        }
        let hint = did_you_mean(key, &self.publishers)
            .unwrap_or_else(|| "`postback list` shows the publishers".into());
        Err(Error::conflict(format!("no publisher `{key}` in the file")).with_hint(hint))
    }

    fn advertiser(&self, key: &str) -> Result<(), Error> {
        if self.advertisers.iter().any(|a| a == key) {
            return Ok(());
        }
        let hint = did_you_mean(key, &self.advertisers)
            .unwrap_or_else(|| "`postback list` shows the advertisers".into());
        Err(Error::conflict(format!("no advertiser `{key}` in the file")).with_hint(hint))
    }

    /// The campaigns advertiser `key` still has, with their pieces: refused unless
    /// `cascade` removes them too.
    pub fn check_remove_advertiser(
        &self,
        key: &str,
        cascade: bool,
    ) -> Result<Vec<(u64, usize)>, Error> {
        self.advertiser(key)?;
        let mut campaigns: Vec<(u64, usize)> = (self.campaigns.iter())
            .filter(|(_, c)| c.advertiser == key)
            .map(|(id, c)| (*id, c.piece))
            .collect();
        campaigns.sort_by_key(|(id, piece)| (*piece, *id));
        if !campaigns.is_empty() && !cascade {
            let ids: Vec<String> = campaigns.iter().map(|(id, _)| id.to_string()).collect();
            return Err(Error::conflict(format!(
                "advertiser `{key}` still has campaigns {}",
                ids.join(", ")
            ))
            .with_hint("remove them first, or add --cascade to remove them with the advertiser"));
        }
        Ok(campaigns)
    }

    pub fn check_remove_campaign(&self, id: u64) -> Result<usize, Error> {
        self.campaign(id).map(|c| c.piece)
    }

    /// Campaign `id`, or an error with the closest id as a hint (a digit typed wrong).
    fn campaign(&self, id: u64) -> Result<&KnownCampaign, Error> {
        self.campaigns.get(&id).ok_or_else(|| {
            // Candidates in id order: the hint is the same on every run.
            let mut ids: Vec<u64> = self.campaigns.keys().copied().collect();
            ids.sort_unstable();
            let ids: Vec<String> = ids.iter().map(u64::to_string).collect();
            let hint = did_you_mean(&id.to_string(), &ids)
                .unwrap_or_else(|| "`postback list` shows the campaigns".into());
            Error::conflict(format!("no campaign with id {id} in the file")).with_hint(hint)
        })
    }

    pub fn check_remove_goal(&self, id: u64, name: &str) -> Result<usize, Error> {
        let piece = self.check_remove_campaign(id)?;
        let goals = self
            .campaigns
            .get(&id)
            .map(|c| &c.goals[..])
            .unwrap_or_default();
        has_goal(goals, name, &format!("campaign {id}"))?;
        Ok(piece)
    }

    pub fn check_remove_global_goal(&self, name: &str) -> Result<(), Error> {
        let Some(goals) = &self.global else {
            return Err(Error::conflict("the file has no [global] section"));
        };
        has_goal(goals, name, "the global level")
    }

    /// Records `removal`.
    pub fn remove(&mut self, removal: &super::Removal) {
        use super::Removal;
        match removal {
            Removal::Advertiser { key, .. } => {
                self.advertisers.retain(|a| a != key);
                self.campaigns.retain(|_, c| c.advertiser != *key);
            }
            Removal::Campaign { id } => {
                self.campaigns.remove(id);
            }
            Removal::Goal { campaign, name } => {
                if let Some(c) = self.campaigns.get_mut(campaign) {
                    c.goals.retain(|g| g.name != *name);
                }
            }
            Removal::GlobalGoal { name } => {
                if let Some(goals) = &mut self.global {
                    goals.retain(|g| g.name != *name);
                }
            }
            Removal::Publisher { key } => self.publishers.retain(|p| p != key),
        }
    }

    /// Records what `setting` changed that later changes of the batch may meet.
    pub fn set(&mut self, setting: &Setting) {
        if let Setting::Campaign {
            id,
            advertiser: Some(key),
            ..
        } = setting
        {
            if let Some(campaign) = self.campaigns.get_mut(id) {
                campaign.advertiser = key.clone();
            }
        }
        if let Setting::Goal {
            campaign,
            name,
            new_name,
            target,
            ..
        } = setting
        {
            let goal = (self.campaigns.get_mut(campaign))
                .and_then(|c| c.goals.iter_mut().find(|g| g.name == *name));
            if let Some(goal) = goal {
                if let Some(new) = new_name {
                    goal.name = new.clone();
                }
                if let Some(target) = target {
                    goal.target = target_of(target);
                }
            }
        }
    }

    /// Records `addition`, made in piece `piece`.
    pub fn add(&mut self, addition: &Addition, piece: usize) {
        match addition {
            Addition::Advertiser { key, .. } => self.advertisers.push(key.clone()),
            Addition::Publisher { key, .. } => self.publishers.push(key.clone()),
            Addition::Campaign {
                id,
                name,
                advertiser,
                ..
            } => {
                let campaign = KnownCampaign {
                    name: name.clone(),
                    advertiser: advertiser.clone(),
                    piece,
                    goals: Vec::new(),
                };
                self.campaigns.insert(*id, campaign);
            }
            Addition::Goal {
                campaign,
                name,
                target,
                ..
            } => {
                if let Some(found) = self.campaigns.get_mut(campaign) {
                    found.goals.push(KnownGoal {
                        name: name.clone(),
                        target: target_of(target),
                    });
                }
            }
            Addition::Global { .. } => self.global = Some(Vec::new()),
            Addition::GlobalGoal { name, target } => {
                if let Some(goals) = &mut self.global {
                    goals.push(KnownGoal {
                        name: name.clone(),
                        target: target_of(target),
                    });
                }
            }
        }
    }
}
