//! Hostile and degenerate input parses without panic, with diagnostics.
//! (No timing here: the CI time limit bounds these; speed is measured in
//! the benches.)

use crate::util::grammar;
use reglament::Source;

fn parse(bytes: Vec<u8>) -> reglament::Document {
    let source = Source::from_bytes("test.txt", bytes).expect("decodes");
    reglament::document(&source, grammar())
}

fn codes(doc: &reglament::Document) -> Vec<String> {
    doc.diagnostics.iter().map(|d| d.code.to_string()).collect()
}

#[test]
fn a_fifty_megabyte_single_line() {
    let sentence = "Постановление акимата Западно-Казахстанской области от 31 октября 2017 года № 272 в течение 2 (двух) минут  пункте 1 ";
    let n = 50 * 1024 * 1024 / sentence.len();
    let doc = parse(sentence.repeat(n).into_bytes());
    assert!(
        codes(&doc).contains(&"paragraph-too-long".to_string()),
        "{:?}",
        codes(&doc)
    );
    assert!(doc.act.title.is_none());
}

#[test]
fn an_impossible_date_and_a_bare_numero_sign() {
    let text = "Постановление акимата Западно-Казахстанской области от 31 февраля 2017 года №\n\nО регламенте\n";
    let doc = parse(text.as_bytes().to_vec());
    let c = codes(&doc);
    assert!(c.contains(&"date-invalid".to_string()), "{c:?}");
    assert!(c.contains(&"number-missing".to_string()), "{c:?}");
    assert!(doc.act.date.is_none() && doc.act.number.is_none());
    let invalid = doc
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "date-invalid")
        .expect("diagnostic");
    assert_eq!(text.get(invalid.span.range()), Some("31 февраля 2017 года"));
}

#[test]
fn windows_1251_and_utf16_files_parse_like_utf8() {
    let text = "Постановление акимата города Алматы от 25 апреля 2019 года № 2/260. Зарегистрировано Департаментом юстиции города Алматы 26 апреля 2019 года № 1550.\n";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let mut utf16 = vec![0xFF, 0xFE];
    text.encode_utf16()
        .for_each(|u| utf16.extend_from_slice(&u.to_le_bytes()));
    for bytes in [text.as_bytes().to_vec(), cp1251.into_owned(), utf16] {
        let doc = parse(bytes.clone());
        assert_eq!(
            doc.act.number.as_ref().map(|n| n.value.as_str()),
            Some("2/260")
        );
        // The number's span points at the number in the file's own bytes.
        let span = doc.act.number.as_ref().map(|n| n.span).unwrap_or_default();
        let source = Source::from_bytes("t", bytes).expect("decodes");
        assert_eq!(source.original(span), "2/260");
    }
}

/// An approval line is read for the appendix and for its regulation; its
/// problems are reported once.
#[test]
fn a_bad_approval_line_is_reported_once() {
    let text = "Постановление акимата Западно-Казахстанской области от 5 мая 2017 года № 90\n\n\
        1. Утвердить регламент государственной услуги \"Выдача справок\".\n\n\
        Утвержден постановлением акимата Западно-Казахстанской области от 31 февраля 2017 года № 90\n\n\
        Регламент государственной услуги \"Выдача справок\"\n\n\
        1. Общие положения\n\n\
        1. Государственная услуга \"Выдача справок\" оказывается акиматом.\n";
    let doc = parse(text.as_bytes().to_vec());
    let invalid: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "date-invalid")
        .map(|d| d.span)
        .collect();
    assert_eq!(invalid.len(), 1, "{:?}", doc.diagnostics);
}
