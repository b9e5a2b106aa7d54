//! Each enterprise's hazards over many inspections (销号闭环): when each major hazard was
//! first found, what every later inspection said of it, and when it was closed, with the
//! hazards left open longer than a given number of days flagged. Inspections are grouped by
//! enterprise (`enterprise.credit_code`, else `enterprise.name`) and taken in date order;
//! every later inspection follows up every hazard still open, as [`crate::diff`] does.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::compile::Program;
use crate::diff::{Change, Clause, followed_up, text_at};
use crate::eval::Bound;
use crate::report::{Date, Judgement};

/// One enterprise's inspections and hazards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Timeline {
    /// Who was inspected.
    pub enterprise: Enterprise,
    /// Its inspections, in date order (undated ones last, in input order).
    pub inspections: Vec<Visit>,
    /// Each hazard from its first finding on, by first finding, then standard and clause.
    pub hazards: Vec<HazardHistory>,
}

/// The enterprise, as the last of its records (in date order, undated ones last) gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Enterprise {
    /// `enterprise.credit_code`, else `enterprise.name`: what groups the inspections
    /// (`None` for records that give neither, grouped together).
    pub id: Option<String>,
    /// `enterprise.name`.
    pub name: Option<String>,
    /// `enterprise.district`.
    pub district: Option<String>,
    /// `enterprise.sector`, its word (`metallurgy`).
    pub sector: Option<String>,
    /// The sector's Chinese label (`冶金`).
    pub sector_label: Option<String>,
}

/// One inspection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Visit {
    /// `inspection.id`.
    pub id: Option<String>,
    /// `inspection.date`.
    pub date: Option<Date>,
    /// Its position among the inspections given (0-based).
    pub position: usize,
    /// `inspection.inspectors`.
    pub inspectors: Option<String>,
    /// `inspection.verified_by`.
    pub verified_by: Option<String>,
}

/// Where a hazard stands after the last inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Not closed: still major, or not decided since.
    Open,
    /// Closed on an inspection's evidence.
    Closed,
    /// The version in force at a later inspection no longer lists it: not closed, and no
    /// longer followed (what that version finds stands on its own); never overdue.
    NoLongerListed,
    /// The standard no longer applied at a later inspection: not closed, no longer
    /// followed; never overdue.
    NoLongerApplies,
}

/// One hazard's history: an episode from a finding to its closing (a hazard found again
/// after it was closed starts a new episode).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HazardHistory {
    /// The standard's identifier.
    pub standard: String,
    /// Its title.
    pub title: String,
    /// The clause number.
    pub clause: String,
    /// The clause's title.
    pub clause_title: String,
    /// The inspection that first found it (an index into `inspections`).
    pub found: usize,
    /// Its date.
    pub found_on: Option<Date>,
    /// What each later inspection said, until it was closed.
    pub follow_ups: Vec<FollowUpEvent>,
    /// Where it stands.
    pub standing: Standing,
    /// The inspection that closed it, or found it no longer listed or applying.
    pub ended: Option<usize>,
    /// Its date.
    pub ended_on: Option<Date>,
    /// Days from its finding to its end, or to `as_of` while open (when the dates are
    /// known).
    pub days_open: Option<i64>,
    /// Open for more than the days allowed.
    pub overdue: bool,
    /// Closed without a verifier named by the inspection that closed it.
    pub unverified: bool,
}

/// What one later inspection said of a hazard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FollowUpEvent {
    /// The inspection (an index into `inspections`).
    pub inspection: usize,
    /// What it found.
    pub change: Change,
    /// Why, in Chinese.
    pub reason: String,
}

/// One inspection to place on a timeline: its bound record (none when only its judgement
/// is at hand), its judgement, its position.
pub(crate) struct Entry<'r, 'e> {
    pub record: Option<&'r Bound>,
    pub judgement: Judgement<'e>,
    pub position: usize,
}

/// The Chinese label of enum fact `path`'s value `word`.
fn label(program: &Program, path: &str, word: &str) -> Option<String> {
    let fact = program.facts.get(*program.facts.by_path.get(path)?)?;
    let crate::compile::FactKind::Scalar(crate::compile::ScalarType::Enum(id)) = fact.kind else {
        return None;
    };
    let def = program.facts.enum_def(id)?;
    let i = def.lookup(word)?;
    def.variants.get(i as usize).map(|(_, label)| label.clone())
}

/// Timelines of the entries, one per enterprise in order of first appearance. `as_of`
/// (default: the latest inspection date of all) is the day open hazards are measured to;
/// `overdue_days`, when given, flags those open longer.
pub(crate) fn timelines(
    program: &Program,
    entries: Vec<Entry<'_, '_>>,
    as_of: Option<Date>,
    overdue_days: Option<i64>,
) -> Vec<Timeline> {
    let as_of = as_of.or_else(|| entries.iter().filter_map(|e| e.judgement.date).max());
    let ids: Vec<Option<String>> = entries
        .iter()
        .map(|e| {
            text_at(program, e.record, "enterprise.credit_code")
                .or_else(|| text_at(program, e.record, "enterprise.name"))
        })
        .collect();
    // Inspections that name no enterprise are followed together only when none does (one
    // enterprise's judgements, say); beside named ones, each stands alone, so that one
    // enterprise's inspection never closes another's hazard.
    let anonymous_together = ids.iter().all(Option::is_none);
    let mut groups: Vec<(Option<String>, Vec<Entry<'_, '_>>)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (entry, id) in entries.into_iter().zip(ids) {
        let at = match &id {
            Some(id) => *index.entry(id.clone()).or_insert(groups.len()),
            None if anonymous_together && !groups.is_empty() => 0,
            None => groups.len(),
        };
        match groups.get_mut(at) {
            Some((_, members)) => members.push(entry),
            None => groups.push((id, vec![entry])),
        }
    }
    groups
        .into_iter()
        .map(|(id, mut members)| {
            // Dated first, by date (a stable sort keeps same-day inspections in input order).
            members.sort_by_key(|e| (e.judgement.date.is_none(), e.judgement.date));
            one(program, id, &members, as_of, overdue_days)
        })
        .collect()
}

fn one(
    program: &Program,
    id: Option<String>,
    members: &[Entry<'_, '_>],
    as_of: Option<Date>,
    overdue_days: Option<i64>,
) -> Timeline {
    let latest = members.iter().rev().find_map(|e| e.record);
    let about = |path: &str| text_at(program, latest, path);
    let sector = about("enterprise.sector");
    let enterprise = Enterprise {
        id,
        name: about("enterprise.name"),
        district: about("enterprise.district"),
        sector_label: sector
            .as_deref()
            .and_then(|word| label(program, "enterprise.sector", word)),
        sector,
    };
    let inspections: Vec<Visit> = members
        .iter()
        .map(|e| Visit {
            id: e.judgement.id.clone(),
            date: e.judgement.date,
            position: e.position,
            inspectors: text_at(program, e.record, "inspection.inspectors"),
            verified_by: text_at(program, e.record, "inspection.verified_by"),
        })
        .collect();
    let mut hazards: Vec<HazardHistory> = Vec::new();
    // Open episodes: index into `hazards`, with the version that found it.
    let mut open: Vec<(usize, String)> = Vec::new();
    for (i, entry) in members.iter().enumerate() {
        let judged = &entry.judgement;
        let date = judged.date;
        // Follow up what is open, then start episodes for findings not followed up.
        let mut followed: Vec<(String, String)> = Vec::new();
        open.retain(|(h, version)| {
            let Some(hazard) = hazards.get_mut(*h) else {
                return false;
            };
            let clause = Clause {
                number: &hazard.clause,
                title: &hazard.clause_title,
                version,
            };
            let report = judged.report(&hazard.standard);
            let up = followed_up(program, &hazard.standard, &clause, judged, report);
            hazard.follow_ups.push(FollowUpEvent {
                inspection: i,
                change: up.change,
                reason: up.reason,
            });
            let standing = match up.change {
                Change::Open | Change::New => {
                    followed.push((hazard.standard.clone(), hazard.clause.clone()));
                    return true;
                }
                Change::Undetermined => return true,
                Change::Closed => Standing::Closed,
                Change::NoLongerListed => Standing::NoLongerListed,
                Change::NoLongerApplies => Standing::NoLongerApplies,
            };
            hazard.standing = standing;
            hazard.ended = Some(i);
            hazard.ended_on = date;
            hazard.unverified = standing == Standing::Closed
                && inspections.get(i).is_none_or(|v| v.verified_by.is_none());
            false
        });
        for report in &judged.reports {
            for finding in &report.findings {
                let known = followed
                    .iter()
                    .any(|(s, c)| *s == report.standard && *c == finding.clause);
                if known {
                    continue;
                }
                open.push((hazards.len(), report.version.to_string()));
                hazards.push(HazardHistory {
                    standard: report.standard.to_string(),
                    title: report.title.to_string(),
                    clause: finding.clause.to_string(),
                    clause_title: finding.title.to_string(),
                    found: i,
                    found_on: date,
                    follow_ups: Vec::new(),
                    standing: Standing::Open,
                    ended: None,
                    ended_on: None,
                    days_open: None,
                    overdue: false,
                    unverified: false,
                });
            }
        }
    }
    for hazard in &mut hazards {
        let until = match hazard.standing {
            Standing::Open => as_of,
            _ => hazard.ended_on,
        };
        hazard.days_open = match (hazard.found_on, until) {
            (Some(from), Some(to)) => Some((to.0 - from.0).num_days()),
            _ => None,
        };
        hazard.overdue = hazard.standing == Standing::Open
            && matches!((hazard.days_open, overdue_days), (Some(d), Some(limit)) if d > limit);
    }
    Timeline {
        enterprise,
        inspections,
        hazards,
    }
}

/// The JSON Schema of timelines (`hjl timeline --json`, `Engine::timelines`).
pub fn schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Vec<Timeline>);
    serde_json::to_value(schema).unwrap_or_default()
}
