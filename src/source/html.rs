//! Stage 1b (HTML pages): take the act's text out of a page saved from the
//! official portal, dropping markup and navigation.
//!
//! Kept: the header block (`class="… slogan"`: title, status badge and
//! requisites line) and the `<article>` body. A page with neither keeps
//! its `<body>`. Each block element becomes a line; entities are decoded.
//!
//! Why a small scanner and not an HTML crate: spans must point into the
//! saved bytes character by character, including inside text that holds
//! entities (`&nbsp;&nbsp; Сноска …`). Tokenizer crates report a span per
//! token at best, and decode entities inside it. The entity table itself is
//! `html-escape`'s.

use crate::text::{Builder, Text};

/// Elements whose boundaries end a line of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "article",
    "section",
    "blockquote",
    "pre",
    "hr",
    "center",
];

/// Elements whose content is never text of the act.
const SKIPPED_TAGS: &[&str] = &["script", "style", "noscript", "template", "head", "title"];

/// A tag seen by the scanner.
struct Tag<'a> {
    name: String,
    closing: bool,
    attrs: &'a str,
    end: usize,
}

/// Extract the act's text from an HTML page.
pub fn extract(page: &Text) -> Text {
    let src = page.as_str();
    let scan = Scanner::new(src);
    let regions = kept_regions(&scan);
    page.edit(|b| {
        for (start, end) in regions {
            emit_text(b, &scan, start, end);
            b.insert("\n", end);
        }
    })
}

/// The page and the offsets of its `>` characters, found once: every tag
/// lookup is then a binary search, so no input makes scanning quadratic.
struct Scanner<'a> {
    src: &'a str,
    gts: Vec<usize>,
}

impl<'a> Scanner<'a> {
    fn new(src: &'a str) -> Self {
        Scanner {
            src,
            gts: src.match_indices('>').map(|(i, _)| i).collect(),
        }
    }

    /// The first `>` at or after `at`.
    fn next_gt(&self, at: usize) -> Option<usize> {
        self.gts.get(self.gts.partition_point(|&g| g < at)).copied()
    }

    /// Parse the tag starting at `lt` (a `<`); comments and doctype count
    /// as tags with an empty name.
    fn tag(&self, lt: usize) -> Option<Tag<'a>> {
        let rest = self.src.get(lt..)?;
        if rest.starts_with("<!--") {
            let end = find_ascii_ci(self.src, lt + 4, "-->").map_or(self.src.len(), |i| i + 3);
            return Some(Tag {
                name: String::new(),
                closing: false,
                attrs: "",
                end,
            });
        }
        let gt = self.next_gt(lt)?;
        let inner = self.src.get(lt + 1..gt)?;
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(i) => (true, i),
            None => (false, inner),
        };
        let first = inner.chars().next()?;
        if !(first.is_ascii_alphabetic() || first == '!' || first == '?') {
            return None; // a bare "<" in text
        }
        let name_len = inner
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let name = inner.get(..name_len)?.to_ascii_lowercase();
        let attrs = inner.get(name_len..).unwrap_or("");
        Some(Tag {
            name,
            closing,
            attrs,
            end: gt + 1,
        })
    }

    /// After an opening `<script>`-like tag, the offset just past its
    /// closing tag; an unclosed one runs to the end (as browsers read it).
    fn skip_raw_text(&self, tag: &Tag<'_>) -> Option<usize> {
        if tag.closing || !SKIPPED_TAGS.contains(&tag.name.as_str()) {
            return None;
        }
        let close = format!("</{}", tag.name);
        let Some(at) = find_ascii_ci(self.src, tag.end, &close) else {
            return Some(self.src.len());
        };
        Some(self.next_gt(at).map_or(self.src.len(), |g| g + 1))
    }
}

/// Case-insensitive search for an ASCII needle, without allocating.
fn find_ascii_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    let last = h.len().checked_sub(n.len())?;
    (from..=last).find(|&i| {
        h.get(i..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

/// Byte ranges of the page whose text is kept, overlaps merged so no text
/// is emitted twice.
fn kept_regions(scan: &Scanner<'_>) -> Vec<(usize, usize)> {
    let mut regions = Vec::new();
    for marker in [Marker::Class("slogan"), Marker::Tag("article")] {
        if let Some(r) = find_element(scan, &marker) {
            regions.push(r);
        }
    }
    if regions.is_empty() {
        let body = find_element(scan, &Marker::Tag("body")).unwrap_or((0, scan.src.len()));
        regions.push(body);
    }
    regions.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(regions.len());
    for (s, e) in regions {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

enum Marker<'a> {
    Tag(&'a str),
    Class(&'a str),
}

/// The content range of the first element matching `marker`, tracking
/// nesting of same-named elements so `<div>`s inside a `<div>` are kept.
fn find_element(scan: &Scanner<'_>, marker: &Marker<'_>) -> Option<(usize, usize)> {
    let src = scan.src;
    let mut at = 0;
    let mut open: Option<(String, usize, usize)> = None; // (name, content start, depth)
    while let Some(lt) = src.get(at..).and_then(|s| s.find('<')).map(|i| at + i) {
        let Some(tag) = scan.tag(lt) else {
            at = lt + 1;
            continue;
        };
        at = tag.end;
        match &mut open {
            None => {
                let hit = !tag.closing
                    && match marker {
                        Marker::Tag(name) => tag.name == *name,
                        Marker::Class(class) => class_contains(tag.attrs, class),
                    };
                if hit {
                    open = Some((tag.name.clone(), tag.end, 1));
                }
            }
            Some((name, start, depth)) => {
                if tag.name == *name {
                    if tag.closing {
                        *depth -= 1;
                        if *depth == 0 {
                            return Some((*start, lt));
                        }
                    } else if !tag.attrs.trim_end().ends_with('/') {
                        *depth += 1;
                    }
                }
            }
        }
        if let Some(skip_to) = scan.skip_raw_text(&tag) {
            at = skip_to;
        }
    }
    open.map(|(_, start, _)| (start, src.len()))
}

fn class_contains(attrs: &str, class: &str) -> bool {
    let lower = attrs.to_ascii_lowercase();
    let Some(i) = lower.find("class=") else {
        return false;
    };
    let value = lower.get(i + 6..).unwrap_or("");
    let value = value.trim_start_matches(['"', '\'']);
    let value = value.split(['"', '\'']).next().unwrap_or("");
    value.split_ascii_whitespace().any(|c| c == class)
}

/// Emit the text of `src[start..end]`: tags dropped, block tags as line
/// breaks, whitespace runs as one space, entities decoded.
fn emit_text(b: &mut Builder<'_>, scan: &Scanner<'_>, start: usize, end: usize) {
    let src = b.input();
    let mut at = start;
    let mut pending_space: Option<usize> = None;
    while at < end {
        let Some(c) = src.get(at..).and_then(|s| s.chars().next()) else {
            break;
        };
        let w = c.len_utf8();
        if c == '<'
            && let Some(tag) = scan.tag(at)
        {
            if BLOCK_TAGS.contains(&tag.name.as_str()) {
                b.replace("\n", at..tag.end);
                pending_space = None;
            }
            at = scan
                .skip_raw_text(&tag)
                .unwrap_or(tag.end)
                .min(end.max(tag.end));
            continue;
        }
        if c.is_ascii_whitespace() {
            pending_space.get_or_insert(at);
            at += w;
            continue;
        }
        if let Some(sp) = pending_space.take()
            && !b.output().ends_with('\n')
            && !b.output().is_empty()
        {
            b.replace(" ", sp..sp + 1);
        }
        if c == '&'
            && let Some(len) = src.get(at..).and_then(entity_len)
        {
            let raw = src.get(at..at + len).unwrap_or("");
            let decoded = html_escape::decode_html_entities(raw);
            b.replace(&decoded, at..at + len);
            at += len;
            continue;
        }
        b.copy(at..at + w);
        at += w;
    }
}

/// Length of the character reference `s` starts with (`&name;`, `&#65;`,
/// `&#x41;`, `&#X41;`), if one does. The one scanner of the crate: the
/// markdown pass uses it too. Which names exist is `html-escape`'s table;
/// an unknown name decodes to itself.
pub(crate) fn entity_len(s: &str) -> Option<usize> {
    // Look a few characters ahead (not bytes: Cyrillic follows entities).
    let semi = s
        .char_indices()
        .take(12)
        .find(|&(_, c)| c == ';')
        .map(|(i, _)| i)?;
    let body = s.strip_prefix('&')?.get(..semi - 1)?;
    let digits = |n: &str, ok: fn(&char) -> bool| !n.is_empty() && n.chars().all(|c| ok(&c));
    let ok = match body.strip_prefix('#') {
        Some(n) => match n.strip_prefix(['x', 'X']) {
            Some(hex) => digits(hex, char::is_ascii_hexdigit),
            None => digits(n, char::is_ascii_digit),
        },
        None => digits(body, char::is_ascii_alphanumeric),
    };
    ok.then_some(semi + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><head><title>T</title><script>var a = "<p>no</p>";</script></head>
<body><div class="nav"><a href="/">Главная</a></div>
<div class="container_alpha slogan"><h1>О внесении изменения</h1>
<span class="status">Утративший силу</span>
<p>Приказ Министра от 26 декабря 2016 года № 688.</p></div>
<div class="menu">Скачать</div>
<article><p class="note">&nbsp;&nbsp;Сноска. Утратил силу <a href="/x">№ 293</a>.</p>
<p>1. Внести &quot;изменение&quot;.</p><table><tr><td><p>Министр</p></td><td><p>Б. Султанов</p></td></tr></table></article>
<footer>©</footer></body></html>"#;

    #[test]
    fn keeps_header_and_article_only() {
        let out = extract(&Text::identity(PAGE));
        let lines: Vec<&str> = out
            .as_str()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines,
            [
                "О внесении изменения",
                "Утративший силу",
                "Приказ Министра от 26 декабря 2016 года № 688.",
                "Сноска. Утратил силу № 293.",
                "1. Внести \"изменение\".",
                "Министр",
                "Б. Султанов",
            ]
        );
    }

    #[test]
    fn spans_point_into_the_page() {
        let out = extract(&Text::identity(PAGE));
        let at = out.as_str().find("№ 293").unwrap_or(0);
        let span = out.source_span(at..at + "№ 293".len());
        assert_eq!(PAGE.get(span.range()), Some("№ 293"));
        let q = out.as_str().find('"').unwrap_or(0);
        assert_eq!(PAGE.get(out.source_span(q..q + 1).range()), Some("&quot;"));
    }

    #[test]
    fn entities_before_cyrillic_decode() {
        // An entity followed by multi-byte letters must still be found.
        let out = extract(&Text::identity(
            "<article><p>&nbsp;&nbsp; Ескерту. Күші</p></article>",
        ));
        assert!(!out.as_str().contains("&nbsp;"), "{:?}", out.as_str());
    }

    /// Issue 8: the two scanners disagreed on hex references.
    #[test]
    fn entities_decimal_hex_named_and_broken() {
        for (s, len) in [
            ("&#65;Б", Some(5)),
            ("&#x41;Б", Some(6)),
            ("&#X41;", Some(6)),
            ("&nbsp;Сноска", Some(6)),
            ("&quot;", Some(6)),
        ] {
            assert_eq!(entity_len(s), len, "{s}");
        }
        for broken in [
            "&",
            "&;",
            "&#;",
            "&#x;",
            "&#xZZ;",
            "&#12a;",
            "& nbsp;",
            "&nbsp",
            "&a-b;",
            "&amp",
            "#65;",
            "&verylongname12345;",
        ] {
            assert_eq!(entity_len(broken), None, "{broken}");
        }
        let out = extract(&Text::identity(
            "<article><p>&#65;&#x42;&#X43;&amp;&#;&#x;</p></article>",
        ));
        assert_eq!(out.as_str().trim(), "ABC&&#;&#x;");
    }

    #[test]
    fn no_article_keeps_body() {
        let out = extract(&Text::identity(
            "<html><body><p>Текст</p><script>x</script></body></html>",
        ));
        assert_eq!(out.as_str().trim(), "Текст");
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for page in [
            "<",
            "<a",
            "<article><p>x",
            "&",
            "&#;",
            "<!--",
            "<script>",
            "<div class=\"slogan\"><div>",
        ] {
            let _ = extract(&Text::identity(page));
        }
    }
}
