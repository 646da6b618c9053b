//! Properties over arbitrary input:
//! - the parser never panics, on any bytes or any string;
//! - normalizing canonical text again changes nothing (idempotence);
//! - every span lies inside the original file.

use crate::util::{corpus_files, grammar, root};
use proptest::prelude::*;
use reglament::normalize_str;
use reglament::{Format, Source};

/// Pieces of real acts, so generated input exercises the rules.
fn corpus_text() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        corpus_files()
            .iter()
            .take(5)
            .filter_map(|p| std::fs::read_to_string(root().join(p)).ok())
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// A random slice of the corpus, cut on character boundaries.
fn corpus_slice() -> impl Strategy<Value = String> {
    (0usize..1_000_000, 0usize..3000).prop_map(|(at, len)| {
        let t = corpus_text();
        let chars: Vec<char> = t.chars().collect();
        let start = at % chars.len().max(1);
        chars.iter().skip(start).take(len).collect()
    })
}

/// Text built from the characters and words that matter to the rules.
fn tricky() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        " ",
        "  ",
        "\n",
        "\n\n",
        "      ",
        "\"",
        "«",
        "»",
        "(",
        ")",
        "№",
        "1",
        "31",
        "2017",
        ".",
        ",",
        ":",
        ";",
        "-",
        "–",
        "постановлением",
        "акимата",
        "от",
        "года",
        "октября",
        "февраля",
        "Утратило силу",
        "Сноска.",
        "Приложение",
        "Утвержден",
        "Регламент государственной услуги",
        "1.",
        "1)",
        "ПОСТАНОВЛЯЕТ:",
        "жылғы",
        "қаулысымен",
        "бекітілген",
        "в течение",
        "минут",
        "с о ц и",
        "\u{a0}",
        "\u{ad}",
        "i",
        "І997",
        "**",
        "## ",
        "> ",
        "<a id=\"x\">",
        "[w](http://w)",
        "&nbsp;",
        "<p>",
        "</p>",
        "\r\n",
        "\u{c}",
        "\u{301}",
    ]);
    prop::collection::vec(atoms, 0..80).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![corpus_slice(), tricky(), any::<String>()]
}

fn check_document(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let len = bytes.len();
    if let Ok(source) = Source::from_bytes("prop.txt", bytes) {
        let doc = reglament::document(&source, grammar());
        let json = doc
            .to_json()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (ptr, span) in json["spans"].as_object().into_iter().flatten() {
            let start = span[0].as_u64().unwrap_or(u64::MAX) as usize;
            let end = span[1].as_u64().unwrap_or(u64::MAX) as usize;
            prop_assert!(start <= end && end <= len, "{ptr}: {start}..{end} of {len}");
        }
        for d in &doc.diagnostics {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= len);
        }
    }
    Ok(())
}

proptest! {
    // 256 cases, or PROPTEST_CASES (the default config reads it).
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        check_document(bytes)?;
    }

    #[test]
    fn never_panics_on_any_text(text in any_text()) {
        check_document(text.clone().into_bytes())?;
        let mut md = String::from("**Заголовок**\n\n");
        md.push_str(&text);
        check_document(md.into_bytes())?;
        let mut html = String::from("<!DOCTYPE html><html><body><article>");
        html.push_str(&text);
        check_document(html.into_bytes())?;
    }

    #[test]
    fn normalizing_twice_equals_normalizing_once(text in any_text(), md in any::<bool>()) {
        let g = grammar();
        let format = if md { Format::Markdown } else { Format::Text };
        let once = normalize_str(&text, format, g);
        let twice = normalize_str(&once, Format::Text, g);
        prop_assert_eq!(&twice, &once);
    }
}
