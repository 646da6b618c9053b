//! An Atom 1.0 feed (RFC 4287) of status changes: the days acts of the
//! corpus entered into force or lost force, newest first, each entry
//! linking to its act's page (`{base}/acts/{work id without its leading
//! slash}`).
//!
//! The changes are read from each act's status history
//! ([`Registry::history`]): an entry is a day an interval of `in_force` or
//! `lost_force` begins, up to `today`. Those days are as exact as the
//! registry's dates are: a day that is only the earliest possible one
//! (an entry into force counted from an undated publication) says so in
//! the entry's summary. Entries are dated at midnight UTC of their day;
//! ids are `tag:` URIs that depend on the act, the change and the day
//! only, so a reader never sees an entry twice.
//!
//! The feed's fixed words are Russian, the registry's first language, as
//! the web page's defaults are.

use super::xml::{attr, text, uri_path};
use crate::record::Date;
use crate::registry::{Node, NodeKind, Registry, StatusValue, label};

/// The authority and date of the feed's `tag:` URIs (RFC 4151).
const TAG: &str = "tag:reglament,2026";

/// One status change.
#[derive(Debug, Clone, PartialEq)]
struct Change {
    /// The act.
    id: String,
    /// Its label and title, for people.
    label: String,
    title: Option<String>,
    /// The new status.
    status: StatusValue,
    /// From this day.
    day: Date,
    /// Whether the day is known, not only the earliest possible.
    exact: bool,
    /// The act that decided it, with its label.
    by: Option<(String, String)>,
}

/// The Atom feed of the registry's status changes up to `today`, newest
/// first. `base_url` is the site's root without a trailing slash
/// (`http://127.0.0.1:8080`): the feed's self link is
/// `{base_url}/feed.atom`, and each entry links to `{base_url}/acts/{id}`.
pub fn feed(r: &Registry, base_url: &str, today: Date) -> String {
    let base = base_url.trim_end_matches('/');
    let changes = changes(r, today);
    let updated = changes.first().map_or(today, |c| c.day);
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ru\">\n");
    out.push_str(&format!("<id>{TAG}:feed</id>\n"));
    out.push_str("<title>reglament: изменения статуса актов</title>\n");
    out.push_str(&format!("<updated>{}</updated>\n", timestamp(updated)));
    out.push_str("<author><name>reglament</name></author>\n");
    out.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}/feed.atom\"/>\n",
        attr(base)
    ));
    out.push_str(&format!("<link href=\"{}/\"/>\n", attr(base)));
    for c in &changes {
        out.push_str(&entry(c, base));
    }
    out.push_str("</feed>\n");
    out
}

/// Every status change of a corpus act up to `today`, newest first (and,
/// on one day, by act id).
fn changes(r: &Registry, today: Date) -> Vec<Change> {
    let mut out: Vec<Change> = r
        .nodes
        .values()
        .filter(|n| !n.stub && n.kind == NodeKind::Act)
        .flat_map(|n| changes_of(r, n, today))
        .collect();
    out.sort_by(|a, b| b.day.cmp(&a.day).then_with(|| a.id.cmp(&b.id)));
    out
}

/// The days an act's status became `in_force` or `lost_force`.
fn changes_of(r: &Registry, n: &Node, today: Date) -> Vec<Change> {
    let mut out = Vec::new();
    let mut before: Option<StatusValue> = None;
    for i in r.history(n) {
        let status = i.status;
        let new = before != Some(status);
        before = Some(status);
        let Some(day) = i.from.filter(|d| *d <= today) else {
            continue;
        };
        if !new || !matches!(status, StatusValue::InForce | StatusValue::LostForce) {
            continue;
        }
        let by =
            i.by.as_ref()
                .map(|id| (id.clone(), r.node(id).map_or_else(|| id.clone(), label)));
        out.push(Change {
            id: n.id.clone(),
            label: label(n),
            title: n.facts.title.clone(),
            status,
            day,
            exact: i.exact,
            by,
        });
    }
    out
}

/// `day` at midnight UTC, as Atom dates are written.
fn timestamp(day: Date) -> String {
    format!("{day}T00:00:00Z")
}

/// The link to an act's page.
fn act_link(base: &str, id: &str) -> String {
    format!("{base}/acts/{}", uri_path(id.trim_start_matches('/')))
}

fn entry(c: &Change, base: &str) -> String {
    let (what, term) = match c.status {
        StatusValue::LostForce => ("Утратил силу", "lost_force"),
        _ => ("Вступил в силу", "in_force"),
    };
    let title = match &c.title {
        Some(t) => format!("{what}: {} «{t}»", c.label),
        None => format!("{what}: {}", c.label),
    };
    let mut summary = format!("{what} {}", c.day);
    if !c.exact {
        summary.push_str(" (не ранее этого дня: точная дата в текстах не указана)");
    }
    if let Some((_, by)) = &c.by {
        summary.push_str(&format!("; решивший акт: {by}"));
    }
    let mut out = String::from("<entry>\n");
    out.push_str(&format!(
        "<id>{TAG}:{}:{term}:{}</id>\n",
        attr(&uri_path(&c.id)),
        c.day
    ));
    out.push_str(&format!("<title>{}</title>\n", text(&title)));
    out.push_str(&format!("<updated>{}</updated>\n", timestamp(c.day)));
    out.push_str(&format!(
        "<link href=\"{}\"/>\n",
        attr(&act_link(base, &c.id))
    ));
    if let Some((id, by)) = &c.by {
        out.push_str(&format!(
            "<link rel=\"related\" href=\"{}\" title=\"{}\"/>\n",
            attr(&act_link(base, id)),
            attr(by)
        ));
    }
    out.push_str(&format!("<category term=\"{term}\"/>\n"));
    out.push_str(&format!("<summary>{}</summary>\n", text(&summary)));
    out.push_str("</entry>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(day: &str, status: StatusValue) -> Change {
        Change {
            id: "/akn/kz-27/act/resolution/akimat/2017-10-31/272".into(),
            label: "resolution № 272 of 2017-10-31".into(),
            title: Some("О «регламентах» & <прочем>".into()),
            status,
            day: Date::parse(day).unwrap_or(Date(jiff::civil::date(2000, 1, 1))),
            exact: false,
            by: Some((
                "/akn/kz-27/act/resolution/akimat/2020-06-05/131".into(),
                "resolution № 131 of 2020-06-05".into(),
            )),
        }
    }

    #[test]
    fn an_entry_links_to_its_act_and_escapes_its_title() {
        let e = entry(&change("2020-06-16", StatusValue::LostForce), "http://h:1");
        assert!(e.contains(
            "<link href=\"http://h:1/acts/akn/kz-27/act/resolution/akimat/2017-10-31/272\"/>"
        ));
        assert!(e.contains("<title>Утратил силу: resolution № 272 of 2017-10-31 «О «регламентах» &amp; &lt;прочем&gt;»</title>"));
        assert!(e.contains("<updated>2020-06-16T00:00:00Z</updated>"));
        assert!(e.contains(
            "<id>tag:reglament,2026:/akn/kz-27/act/resolution/akimat/2017-10-31/272:lost_force:2020-06-16</id>"
        ));
        assert!(e.contains("resolution № 131 of 2020-06-05"));
    }

    #[test]
    fn an_empty_registry_has_a_feed_without_entries() {
        let today = Date(jiff::civil::date(2026, 1, 2));
        let f = feed(&Registry::default(), "http://h:1/", today);
        assert!(f.contains("<updated>2026-01-02T00:00:00Z</updated>"));
        assert!(f.contains("href=\"http://h:1/feed.atom\""));
        assert!(!f.contains("<entry>"));
    }
}
