//! Reports over the registry for people and programs: the auditor's status
//! table, chosen by date, region and repeal window, and written as a
//! table, CSV or JSON. The command line and a server print the same bytes.

use super::status::{StatusAt, lost_on, status_at};
use super::{NodeKind, Registry};
use crate::error::{Error, Result};
use crate::record::Date;

/// Which acts a status report lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusQuery {
    /// The date each act's status is taken on.
    pub as_of: Date,
    /// Only acts of this region (ISO 3166-2:KZ).
    pub region: Option<String>,
    /// Only acts that lost force between these dates (both included),
    /// each with its repeal rather than its status on `as_of`.
    pub lost_between: Option<(Date, Date)>,
    /// Also acts known only from references.
    pub with_references: bool,
}

/// How a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for people, with a footnote on inexact dates.
    Table,
    /// The rows as a JSON array.
    Json,
    /// One CSV record per row, with a header.
    Csv,
}

/// The rows of the status report, in id order.
pub fn status_rows(r: &Registry, q: &StatusQuery) -> Vec<StatusAt> {
    r.nodes
        .values()
        .filter(|n| n.kind == NodeKind::Act && (q.with_references || !n.stub))
        .filter(|n| {
            q.region
                .as_deref()
                .is_none_or(|code| n.facts.region.as_deref() == Some(code))
        })
        .filter_map(|n| match q.lost_between {
            Some((from, to)) => {
                lost_on(r, n).filter(|l| l.date.is_some_and(|d| from <= d && d <= to))
            }
            None => Some(status_at(r, n, q.as_of)),
        })
        .collect()
}

/// The status report's text in a format, ending in a line break.
pub fn render_status(rows: &[StatusAt], format: Format) -> Result<String> {
    match format {
        Format::Json => serde_json::to_string_pretty(rows)
            .map(|s| s + "\n")
            .map_err(|source| Error::Serialize {
                what: "the status rows".into(),
                source,
            }),
        Format::Csv => status_csv(rows),
        Format::Table => Ok(status_table(rows)),
    }
}

fn status_csv(rows: &[StatusAt]) -> Result<String> {
    let fail = |e: &dyn std::fmt::Display| Error::Write {
        what: "the status rows as CSV".into(),
        reason: e.to_string(),
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "act",
        "label",
        "status",
        "decided_by",
        "date",
        "date_basis",
        "exact",
        "basis",
    ])
    .map_err(|e| fail(&e))?;
    for r in rows {
        w.write_record([
            r.id.as_str(),
            r.label.as_str(),
            &enum_str(&r.status),
            r.decided_by.as_ref().map_or("", |d| d.id.as_str()),
            &r.date.map(|d| d.to_string()).unwrap_or_default(),
            &r.date_basis.as_ref().map(enum_str).unwrap_or_default(),
            if r.exact { "true" } else { "false" },
            r.basis.as_str(),
        ])
        .map_err(|e| fail(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| fail(&e))?;
    String::from_utf8(bytes).map_err(|e| fail(&e))
}

fn status_table(rows: &[StatusAt]) -> String {
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|r| {
            [
                r.label.clone(),
                enum_str(&r.status),
                r.decided_by
                    .as_ref()
                    .map_or_else(String::new, |d| d.label.clone()),
                r.date
                    .map(|d| format!("{d}{}", if r.exact { "" } else { "*" }))
                    .unwrap_or_default(),
                r.id.clone(),
            ]
        })
        .collect();
    let head = ["act", "status", "decided by", "date", "id"];
    let mut widths: Vec<usize> = head.iter().map(|h| h.len()).collect();
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |c: &[&str]| {
        let mut l = c
            .iter()
            .zip(&widths)
            .map(|(s, w)| format!("{s:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string();
        l.push('\n');
        l
    };
    let mut out = line(&head);
    for c in &cells {
        out.push_str(&line(&c.iter().map(String::as_str).collect::<Vec<_>>()));
    }
    if rows.iter().any(|r| !r.exact) {
        out.push_str(
            "\n* not exact: the date is a signing or registration date; the event followed by a rule whose date the texts do not give (see --format json, \"basis\").\n",
        );
    }
    out
}

/// The name serde gives a unit variant ("lost_force").
pub fn enum_str<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::status::Value;

    fn row(id: &str, label: &str, exact: bool) -> StatusAt {
        let date = Date::parse("2019-01-01");
        StatusAt {
            id: id.into(),
            label: label.into(),
            region: None,
            as_of: date.unwrap_or_else(|| panic!("a date")),
            status: Value::InForce,
            decided_by: None,
            date,
            date_basis: None,
            earliest_effective: None,
            exact,
            basis: "a, \"quoted\" basis".into(),
        }
    }

    #[test]
    fn table_aligns_and_marks_inexact_dates() {
        let rows = [row("/a", "resolution № 1", true), row("/bb", "act", false)];
        let Ok(t) = render_status(&rows, Format::Table) else {
            panic!("renders");
        };
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(
            lines.first().copied(),
            Some("act             status    decided by  date         id")
        );
        assert_eq!(
            lines.get(2).copied(),
            Some(
                format!(
                    "act{}in_force{}2019-01-01*  /bb",
                    " ".repeat(13),
                    " ".repeat(14)
                )
                .as_str()
            )
        );
        assert!(t.ends_with("\"basis\").\n"), "{t}");
    }

    #[test]
    fn csv_and_json_carry_every_row() {
        let rows = [row("/a", "resolution № 1", true)];
        let Ok(csv) = render_status(&rows, Format::Csv) else {
            panic!("renders");
        };
        assert_eq!(
            csv.lines().nth(1),
            Some("/a,resolution № 1,in_force,,2019-01-01,,true,\"a, \"\"quoted\"\" basis\"")
        );
        let Ok(json) = render_status(&rows, Format::Json) else {
            panic!("renders");
        };
        let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(v[0]["status"], "in_force");
    }
}
