//! Writing XML by hand, safely: text and attribute values escaped, and
//! the characters XML 1.0 cannot carry at all (most C0 controls, a
//! PDF's stray form feed) left out, so every document written is
//! well-formed whatever the corpus holds.

/// Whether XML 1.0 allows the character in a document (its `Char`
/// production).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `s` as element content: `&`, `<` and `>` escaped.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|c| allowed(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// `s` as a double-quoted attribute value: quotes escaped too, and line
/// breaks and tabs as character references (a parser would fold them into
/// spaces otherwise).
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|c| allowed(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

/// `s` as a URI path: unreserved characters and the path's own
/// delimiters kept, every other byte percent-encoded (spaces, Cyrillic).
pub fn uri_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~/!:@".contains(&b);
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(text("a < b & \"c\" > d"), "a &lt; b &amp; \"c\" &gt; d");
        assert_eq!(
            attr("«x» \"y\" 'z' <&>"),
            "«x» &quot;y&quot; &apos;z&apos; &lt;&amp;&gt;"
        );
    }

    #[test]
    fn characters_xml_cannot_carry_are_dropped() {
        assert_eq!(text("a\u{0}b\u{C}c\u{1F}d\u{FFFF}"), "abcd");
        // Tabs and line breaks are allowed: in text as they are, in an
        // attribute as references, so they survive parsing.
        assert_eq!(text("a\tb\nc"), "a\tb\nc");
        assert_eq!(attr("a\tb\nc"), "a&#9;b&#10;c");
    }

    #[test]
    fn uri_paths_encode_what_is_not_a_path_character() {
        assert_eq!(
            uri_path("akn/kz-27/act/resolution/akimat/2017-10-31/272"),
            "akn/kz-27/act/resolution/akimat/2017-10-31/272"
        );
        assert_eq!(uri_path("file:a b/я"), "file:a%20b/%D1%8F");
    }
}
