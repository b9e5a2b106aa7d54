//! Re-inspection (复查): what became of each major hazard between two judgements of one
//! enterprise. A hazard is closed only on evidence: the re-inspection's record decides the
//! clause and it is no longer major. A clause the re-inspection leaves undetermined is not
//! closed, whatever the reason; one the version in force at the re-inspection no longer
//! lists is reported as such, not as rectified.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::compile::Program;
use crate::eval::{Bound, value_at};
use crate::report::{Date, Evidence, Judgement, MissingFact, RecordPath, Report, Status};

/// The JSON Schema of a comparison (`hjl diff --json`, `Engine::diff`).
pub fn schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Diff);
    serde_json::to_value(schema).unwrap_or_default()
}

/// One inspection to compare: its record, or the judgement made of it.
#[derive(Debug)]
pub enum Inspected {
    /// A record, judged when compared.
    Record(crate::Record),
    /// A judgement, as [`crate::Engine::evaluate`] wrote it.
    Judged(Box<Judgement<'static>>),
}

/// What became of each major hazard between two inspections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diff {
    /// The first inspection.
    pub before: Inspection,
    /// The re-inspection.
    pub after: Inspection,
    /// How many hazards changed each way.
    pub counts: ChangeCounts,
    /// One entry per standard and clause that was major in either inspection, by
    /// standard, then as the first inspection found them, then new ones.
    pub hazards: Vec<HazardChange>,
}

/// Which inspection a judgement is of, and who signed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Inspection {
    /// Its `inspection.id`.
    pub id: Option<String>,
    /// Its `inspection.date`.
    pub date: Option<Date>,
    /// Who inspected (`inspection.inspectors`), when its record is at hand and names them.
    pub inspectors: Option<String>,
    /// Who verified the rectification (`inspection.verified_by`), likewise.
    pub verified_by: Option<String>,
}

/// What became of one major hazard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Major before; the re-inspection decides the clause and it is not major.
    Closed,
    /// Major in both.
    Open,
    /// Major only at the re-inspection.
    New,
    /// Major before; the re-inspection does not decide it (facts missing, or the record
    /// does not speak of the standard): not closed.
    Undetermined,
    /// Major before; the version in force at the re-inspection does not list the clause.
    NoLongerListed,
    /// Major before; the standard does not apply at the re-inspection (its scope, or its
    /// replacement by another standard).
    NoLongerApplies,
}

/// How many hazards changed each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ChangeCounts {
    /// Closed on evidence.
    pub closed: usize,
    /// Still open.
    pub open: usize,
    /// Newly found.
    pub new: usize,
    /// Not decided by the re-inspection: not closed.
    pub undetermined: usize,
    /// No longer listed by the version in force.
    pub no_longer_listed: usize,
    /// The standard no longer applies.
    pub no_longer_applies: usize,
    /// Of those closed, how many the re-inspection closes without naming who verified the
    /// rectification (`inspection.verified_by`): not yet signed off.
    pub unverified: usize,
}

/// One standard's clause and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HazardChange {
    /// The standard's identifier.
    pub standard: String,
    /// Its title.
    pub title: String,
    /// The clause number.
    pub clause: String,
    /// The clause's title.
    pub clause_title: String,
    /// What became of it.
    pub change: Change,
    /// Why, in Chinese.
    pub reason: String,
    /// The version that judged the first inspection, when it found the hazard.
    pub before_version: Option<String>,
    /// The version that judged the re-inspection.
    pub after_version: Option<String>,
    /// What the first inspection found.
    pub before_evidence: Vec<Evidence<'static>>,
    /// What the re-inspection found: its evidence when still or newly major; for a hazard
    /// closed, what its record gives where the first inspection's evidence was (when the
    /// record was given, not only its judgement; nothing for a list element named
    /// differently there now, as when the one found was removed).
    pub after_evidence: Vec<Evidence<'static>>,
    /// For an undetermined hazard, the facts the re-inspection must still establish.
    pub missing: Vec<MissingFact<'static>>,
}

/// The text a record gives at fact `path` (a signature, an enterprise's name), when it
/// gives one that is not blank.
pub(crate) fn text_at(program: &Program, record: Option<&Bound>, path: &str) -> Option<String> {
    let given = value_at(program, record?, &RecordPath::fact(path))?;
    let text = given.value.to_string();
    (!text.trim().is_empty()).then(|| text.trim().to_owned())
}

/// The diff of two judgements, and of the records they were made of when those are at
/// hand: from them come the facts of a hazard closed as they are now, and who signed each
/// inspection.
pub(crate) fn diff(
    program: &Program,
    (before, before_record): (&Judgement<'_>, Option<&Bound>),
    (after, after_record): (&Judgement<'_>, Option<&Bound>),
) -> Diff {
    let mut hazards = Vec::new();
    let mut standards: Vec<&str> = before
        .reports
        .iter()
        .chain(&after.reports)
        .filter(|r| !r.findings.is_empty())
        .map(|r| r.standard.as_ref())
        .collect();
    standards.sort_unstable();
    standards.dedup();
    for standard in standards {
        let first = before.report(standard);
        let second = after.report(standard);
        let before_version = first.map_or("", |r| r.version.as_ref());
        for finding in first.map_or(&[][..], |r| &r.findings) {
            let clause = Clause {
                number: &finding.clause,
                title: &finding.title,
                version: before_version,
            };
            let change = followed_up(program, standard, &clause, after, second);
            let mut hazard = HazardChange {
                standard: standard.to_owned(),
                title: first.map(|r| r.title.to_string()).unwrap_or_default(),
                clause: finding.clause.to_string(),
                clause_title: finding.title.to_string(),
                change: change.change,
                reason: change.reason,
                before_version: first.map(|r| r.version.to_string()),
                after_version: change.version,
                before_evidence: owned_evidence(&finding.evidence),
                after_evidence: change.evidence,
                missing: change.missing,
            };
            if let (Change::Closed, Some(record)) = (hazard.change, after_record) {
                // The same place now, when it is still the same list element (an element
                // removed or moved puts another in its place: that proves nothing).
                hazard.after_evidence = hazard
                    .before_evidence
                    .iter()
                    .filter_map(|e| {
                        let now = value_at(program, record, &e.path)?;
                        (now.item == e.item).then_some(now)
                    })
                    .collect();
            }
            hazards.push(hazard);
        }
        let Some(second) = second else { continue };
        for finding in &second.findings {
            let known = first.is_some_and(|r| {
                r.findings.iter().any(|f| {
                    let found = Clause {
                        number: &f.clause,
                        title: &f.title,
                        version: &r.version,
                    };
                    found.is(&finding.clause, &finding.title, &second.version)
                })
            });
            if !known {
                hazards.push(HazardChange {
                    standard: standard.to_owned(),
                    title: second.title.to_string(),
                    clause: finding.clause.to_string(),
                    clause_title: finding.title.to_string(),
                    change: Change::New,
                    reason: "复查新发现的重大事故隐患".to_owned(),
                    before_version: None,
                    after_version: Some(second.version.to_string()),
                    before_evidence: Vec::new(),
                    after_evidence: owned_evidence(&finding.evidence),
                    missing: Vec::new(),
                });
            }
        }
    }
    let mut counts = ChangeCounts::default();
    for hazard in &hazards {
        *match hazard.change {
            Change::Closed => &mut counts.closed,
            Change::Open => &mut counts.open,
            Change::New => &mut counts.new,
            Change::Undetermined => &mut counts.undetermined,
            Change::NoLongerListed => &mut counts.no_longer_listed,
            Change::NoLongerApplies => &mut counts.no_longer_applies,
        } += 1;
    }
    let signed = |judged: &Judgement<'_>, record: Option<&Bound>| Inspection {
        id: judged.id.clone(),
        date: judged.date,
        inspectors: text_at(program, record, "inspection.inspectors"),
        verified_by: text_at(program, record, "inspection.verified_by"),
    };
    let (before, after) = (signed(before, before_record), signed(after, after_record));
    if after.verified_by.is_none() {
        counts.unverified = counts.closed;
        let why = if after_record.is_some() {
            "；复查记录未写明复核人（inspection.verified_by），销号尚未签字确认"
        } else {
            "；依据判定结果比对，无法核实复核人，销号尚未签字确认"
        };
        for hazard in hazards.iter_mut().filter(|h| h.change == Change::Closed) {
            hazard.reason.push_str(why);
        }
    }
    Diff {
        before,
        after,
        counts,
        hazards,
    }
}

/// What the re-inspection says of a clause the first inspection found major.
pub(crate) struct FollowUp {
    pub change: Change,
    pub reason: String,
    pub version: Option<String>,
    pub evidence: Vec<Evidence<'static>>,
    pub missing: Vec<MissingFact<'static>>,
}

/// A clause found major, and the version that found it.
pub(crate) struct Clause<'a> {
    pub number: &'a str,
    pub title: &'a str,
    pub version: &'a str,
}

impl Clause<'_> {
    /// Whether the clause `number` titled `title` in `version` is this one. Another version
    /// numbers its clauses anew: the same number is the same hazard only when the clause
    /// also keeps its title (the rule files say what each clause is).
    fn is(&self, number: &str, title: &str, version: &str) -> bool {
        number == self.number && (version == self.version || title == self.title)
    }
}

/// What `after` (its report of `standard`, when it has one) says of `clause`.
pub(crate) fn followed_up(
    program: &Program,
    standard: &str,
    clause: &Clause<'_>,
    after: &Judgement<'_>,
    report: Option<&Report<'_>>,
) -> FollowUp {
    let plain = |change, reason: String, version: Option<String>| FollowUp {
        change,
        reason,
        version,
        evidence: Vec::new(),
        missing: Vec::new(),
    };
    let Some(report) = report else {
        if let Some(n) = after.not_applicable.iter().find(|n| n.standard == standard) {
            return plain(
                Change::NoLongerApplies,
                format!("复查时本标准不适用：{}；不视为整改销号", n.reason),
                Some(n.version.to_string()),
            );
        }
        let silent = after.not_addressed.iter().find(|n| n.standard == standard);
        return FollowUp {
            change: Change::Undetermined,
            reason: "复查记录未涉及本标准，未能判定，不予销号".to_owned(),
            version: silent.map(|n| n.version.to_string()),
            evidence: Vec::new(),
            missing: silent.map_or_else(Vec::new, |n| {
                n.scope_missing
                    .iter()
                    .map(|m| m.clone().into_owned())
                    .collect()
            }),
        };
    };
    let version = Some(report.version.to_string());
    let same = |number: &str, title: &str| clause.is(number, title, &report.version);
    if let Some(finding) = report.findings.iter().find(|f| same(&f.clause, &f.title)) {
        return FollowUp {
            change: Change::Open,
            reason: "复查仍判定为重大事故隐患".to_owned(),
            version,
            evidence: owned_evidence(&finding.evidence),
            missing: Vec::new(),
        };
    }
    if let Some(open) = report
        .undetermined
        .iter()
        .find(|u| same(&u.clause, &u.title))
    {
        let reason = match open.status {
            Status::Conditional => "复查时该情形仍存在，但能否适用本标准尚不确定，不予销号",
            Status::Near | Status::NotInspected => "复查记录缺少判定所需的事实，未能判定，不予销号",
        };
        return FollowUp {
            change: Change::Undetermined,
            reason: reason.to_owned(),
            version,
            evidence: owned_evidence(&open.evidence),
            missing: open
                .missing
                .iter()
                .map(|m| m.clone().into_owned())
                .collect(),
        };
    }
    if report
        .not_assessed
        .iter()
        .any(|n| same(&n.clause, &n.title))
    {
        return plain(
            Change::Undetermined,
            "复查时施行的版本中该条款尚未编码，未能判定，不予销号".to_owned(),
            version,
        );
    }
    // The version in force is not encoded at all (the version before it only referred
    // to): nothing was judged.
    if report.reference.is_some()
        || (report.verdict == crate::Verdict::NotAssessed && report.not_assessed.is_empty())
    {
        let why = report
            .reason
            .as_deref()
            .unwrap_or("复查时施行的版本尚未编码");
        return plain(
            Change::Undetermined,
            format!("{why}；未能判定，不予销号"),
            version,
        );
    }
    let Some(in_force) = program
        .standards
        .iter()
        .find(|v| v.name == standard && v.effective_text == report.version)
    else {
        return plain(
            Change::Undetermined,
            format!(
                "复查判定所用的版本（{}，{}施行）不在本规则中，无法核对该条款，不予销号",
                report.document, report.version
            ),
            version,
        );
    };
    if !in_force.clauses.iter().any(|c| same(&c.number, &c.title)) {
        let reason = if report.version == clause.version {
            format!(
                "复查时施行的版本（{}）没有该条款；不视为整改销号",
                report.document
            )
        } else {
            format!(
                "复查时施行的是修订后的版本（{}，{}施行），原条款已修订或重新编号，\
                 不能与复查结果逐条对应；按新版本的判定处理，不视为整改销号",
                report.document, report.version
            )
        };
        return plain(Change::NoLongerListed, reason, version);
    }
    plain(
        Change::Closed,
        "复查记录判定该条款已不构成重大事故隐患，可以销号".to_owned(),
        version,
    )
}

fn owned_evidence(evidence: &[Evidence<'_>]) -> Vec<Evidence<'static>> {
    evidence.iter().map(|e| e.clone().into_owned()).collect()
}
