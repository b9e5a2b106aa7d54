//! Reports as text for a terminal, with the Chinese labels regulators read.

use std::fmt::Write;

use hjl_core::{Report, Verdict};

fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// Renders reports; the standards that do not apply share one closing line.
pub(crate) fn reports(reports: &[Report], color: bool) -> String {
    let mut out = String::new();
    let (skipped, judged): (Vec<&Report>, Vec<&Report>) = reports
        .iter()
        .partition(|r| r.verdict == Verdict::NotApplicable && r.reference.is_none());
    for r in judged {
        let verdict = format!("{}（{}）", r.verdict.label(), r.verdict.word());
        let code = match r.verdict {
            Verdict::Major => "1;31",
            Verdict::Undetermined | Verdict::NotAssessed => "1;33",
            Verdict::Clear => "1;32",
            Verdict::NotApplicable => "2",
        };
        let _ = writeln!(
            out,
            "{} [{} {} {}]",
            r.title, r.standard, r.document, r.version
        );
        let _ = writeln!(out, "  判定：{}", paint(&verdict, code, color));
        if let Some(reason) = &r.reason {
            let _ = writeln!(out, "  原因：{reason}");
        }
        if !r.missing.is_empty() {
            let _ = writeln!(out, "  待查（是否适用）：{}", r.missing.join("，"));
        }
        for f in &r.findings {
            let section = f
                .section
                .as_deref()
                .map(|s| format!("〔{s}〕"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {} {} {}{section}",
                paint("✗", "31", color),
                f.clause,
                f.title
            );
            for e in &f.evidence {
                let test = e
                    .test
                    .as_deref()
                    .map(|t| format!("  ({t})"))
                    .unwrap_or_default();
                let value = match &e.value {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let _ = writeln!(out, "      {} {} = {value}{test}", e.path, e.label);
            }
            if let Some(note) = &f.note {
                let _ = writeln!(out, "      注：{note}");
            }
        }
        for u in &r.undetermined {
            let _ = writeln!(
                out,
                "  {} {} {}",
                paint("?", "33", color),
                u.clause,
                u.title
            );
            let _ = writeln!(out, "      待查：{}", u.missing.join("，"));
        }
        for n in &r.not_assessed {
            let _ = writeln!(out, "  - {} {}：{}", n.clause, n.title, n.reason);
        }
        for e in &r.errors {
            let _ = writeln!(
                out,
                "  {} {}: {}",
                paint("错误", "31", color),
                e.path,
                e.message
            );
        }
        for w in &r.warnings {
            let _ = writeln!(out, "  警告 {}: {}", w.path, w.message);
        }
        if let Some(reference) = &r.reference {
            let _ = writeln!(
                out,
                "  参考（已废止的 {}，仅供参考）：{} 项",
                reference.document,
                reference.findings.len()
            );
            for f in &reference.findings {
                let _ = writeln!(out, "      {} {}", f.clause, f.title);
            }
        }
        let c = &r.clauses;
        let _ = writeln!(
            out,
            "  条款：共 {}，重大 {}，未发现 {}，待查 {}，不适用 {}，未评估 {}",
            c.total, c.major, c.clear, c.undetermined, c.not_applicable, c.not_assessed
        );
    }
    if !skipped.is_empty() {
        let titles: Vec<String> = skipped
            .iter()
            .map(|r| format!("{}（{}）", r.title, r.reason.as_deref().unwrap_or("不适用")))
            .collect();
        let _ = writeln!(out, "不适用：{}", titles.join("；"));
    }
    out
}
