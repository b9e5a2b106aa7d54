//! The words rule-file tests and JSON use for verdicts, outcomes and statuses, and the
//! Chinese labels regulators read.

use super::{Outcome, Status, Verdict};

impl Verdict {
    /// The words rule-file tests use.
    pub const WORDS: &'static [&'static str] = &[
        "major",
        "undetermined",
        "not_assessed",
        "clear",
        "not_applicable",
        "not_addressed",
    ];

    /// Parses a test's `expect verdict WORD`.
    pub fn from_word(word: &str) -> Option<Self> {
        Some(match word {
            "major" => Self::Major,
            "undetermined" => Self::Undetermined,
            "not_assessed" => Self::NotAssessed,
            "clear" => Self::Clear,
            "not_applicable" => Self::NotApplicable,
            "not_addressed" => Self::NotAddressed,
            _ => return None,
        })
    }

    /// The word, as in JSON.
    pub fn word(self) -> &'static str {
        match self {
            Self::Major => "major",
            Self::Undetermined => "undetermined",
            Self::NotAssessed => "not_assessed",
            Self::Clear => "clear",
            Self::NotApplicable => "not_applicable",
            Self::NotAddressed => "not_addressed",
        }
    }

    /// The Chinese label regulators read.
    pub fn label(self) -> &'static str {
        match self {
            Self::Major => "重大事故隐患",
            Self::Undetermined => "待查（信息不足）",
            Self::NotAssessed => "未评估",
            Self::Clear => "未发现重大事故隐患",
            Self::NotApplicable => "不适用",
            Self::NotAddressed => "记录未涉及",
        }
    }

    /// How serious it is, for the most serious verdict of a record (higher is more).
    pub(crate) fn severity(self) -> u8 {
        match self {
            Self::Major => 5,
            Self::Undetermined => 4,
            Self::NotAssessed => 3,
            Self::Clear => 2,
            Self::NotApplicable => 1,
            Self::NotAddressed => 0,
        }
    }
}

impl Outcome {
    /// The words rule-file tests use.
    pub const WORDS: &'static [&'static str] = &[
        "major",
        "clear",
        "undetermined",
        "not_applicable",
        "not_assessed",
    ];

    /// Parses a test's `expect WORD [...]`.
    pub fn from_word(word: &str) -> Option<Self> {
        Some(match word {
            "major" => Self::Major,
            "clear" => Self::Clear,
            "undetermined" => Self::Undetermined,
            "not_applicable" => Self::NotApplicable,
            "not_assessed" => Self::NotAssessed,
            _ => return None,
        })
    }

    /// The word, as in JSON and tests.
    pub fn word(self) -> &'static str {
        match self {
            Self::Major => "major",
            Self::Clear => "clear",
            Self::Undetermined => "undetermined",
            Self::NotApplicable => "not_applicable",
            Self::NotAssessed => "not_assessed",
        }
    }
}

impl Status {
    /// The word, as in JSON.
    pub fn word(self) -> &'static str {
        match self {
            Self::Conditional => "conditional",
            Self::Near => "near",
            Self::NotInspected => "not_inspected",
        }
    }

    /// The Chinese label inspectors read.
    pub fn label(self) -> &'static str {
        match self {
            Self::Conditional => "如适用即为重大事故隐患",
            Self::Near => "待补查",
            Self::NotInspected => "未检查",
        }
    }
}

/// The Chinese labels of verdicts and undetermined statuses by their JSON words, for the
/// bindings' views: `{"verdicts": {"major": "重大事故隐患", …}, "statuses": {…}}`.
pub fn labels() -> serde_json::Value {
    let verdicts = [
        Verdict::Major,
        Verdict::Undetermined,
        Verdict::NotAssessed,
        Verdict::Clear,
        Verdict::NotApplicable,
        Verdict::NotAddressed,
    ];
    let statuses = [Status::Conditional, Status::Near, Status::NotInspected];
    let verdicts: serde_json::Map<String, serde_json::Value> = verdicts
        .iter()
        .map(|v| (v.word().to_owned(), v.label().into()))
        .collect();
    let statuses: serde_json::Map<String, serde_json::Value> = statuses
        .iter()
        .map(|s| (s.word().to_owned(), s.label().into()))
        .collect();
    serde_json::json!({ "verdicts": verdicts, "statuses": statuses })
}
