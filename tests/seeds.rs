//! The facts the five seeds must yield (issue: act records). Dates are ISO.

use crate::util::{s, seed};

#[test]
fn seed_000_west_kazakhstan_272() {
    let v = seed("000");
    assert_eq!(s(&v, "/language"), "ru");
    assert_eq!(s(&v, "/act/kind"), "resolution");
    assert_eq!(s(&v, "/act/issuer/body"), "akimat");
    assert_eq!(s(&v, "/act/issuer/region"), "KZ-27");
    assert_eq!(s(&v, "/act/date"), "2017-10-31");
    assert_eq!(s(&v, "/act/number"), "272");
    assert_eq!(
        s(&v, "/act/id"),
        "/akn/kz-27/act/resolution/akimat/2017-10-31/272"
    );
    assert_eq!(s(&v, "/act/registration/date"), "2017-11-20");
    assert_eq!(s(&v, "/act/registration/number"), "4954");
    assert_eq!(s(&v, "/act/status"), "lost_force");
    assert_eq!(s(&v, "/act/lost_force/by/kind"), "resolution");
    assert_eq!(s(&v, "/act/lost_force/by/date"), "2020-06-05");
    assert_eq!(s(&v, "/act/lost_force/by/number"), "131");
    assert_eq!(
        s(&v, "/act/lost_force/by/id"),
        "/akn/kz-27/act/resolution/akimat/2020-06-05/131"
    );
    assert_eq!(s(&v, "/act/amends/0/date"), "2015-08-04");
    assert_eq!(s(&v, "/act/amends/0/number"), "204");
    assert_eq!(
        s(&v, "/act/amends/0/id"),
        "/akn/kz-27/act/resolution/akimat/2015-08-04/204"
    );
    assert_eq!(
        v.pointer("/act/amends")
            .and_then(|a| a.as_array())
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(s(&v, "/act/signatory/name"), "А.Кульгинов");
    assert_eq!(s(&v, "/act/signatory/position"), "Аким области");
    assert_eq!(
        s(&v, "/act/entry_into_force/rule"),
        "days_after_first_publication"
    );
    assert_eq!(
        v.pointer("/act/entry_into_force/days")
            .and_then(|d| d.as_u64()),
        Some(10)
    );
}

#[test]
fn seed_001_kazakh_regulation_approved_by_278() {
    let v = seed("001");
    assert_eq!(s(&v, "/language"), "kk");
    assert_eq!(s(&v, "/act/kind"), "regulation");
    assert_eq!(s(&v, "/act/approved_by/kind"), "resolution");
    assert_eq!(s(&v, "/act/approved_by/issuer/body"), "akimat");
    assert_eq!(s(&v, "/act/approved_by/issuer/region"), "KZ-15");
    assert_eq!(s(&v, "/act/approved_by/date"), "2015-07-27");
    assert_eq!(s(&v, "/act/approved_by/number"), "278");
    assert_eq!(
        s(&v, "/act/approved_by/id"),
        "/akn/kz-15/act/resolution/akimat/2015-07-27/278"
    );
}

#[test]
fn seed_002_almaty_2_260() {
    let v = seed("002");
    assert_eq!(s(&v, "/act/issuer/region"), "KZ-75");
    assert_eq!(s(&v, "/act/date"), "2019-04-25");
    assert_eq!(s(&v, "/act/number"), "2/260");
    assert_eq!(s(&v, "/act/registration/date"), "2019-04-26");
    assert_eq!(s(&v, "/act/registration/number"), "1550");
    assert_eq!(s(&v, "/act/status"), "lost_force");
    assert_eq!(s(&v, "/act/lost_force/by/date"), "2020-10-20");
    assert_eq!(s(&v, "/act/lost_force/by/number"), "4/438");
    assert_eq!(s(&v, "/act/amends/0/date"), "2017-11-30");
    assert_eq!(s(&v, "/act/amends/0/number"), "4/496");
    assert_eq!(s(&v, "/act/signatory/name"), "Б. Байбек");
}

#[test]
fn seed_003_karaganda_75_02() {
    let v = seed("003");
    assert_eq!(s(&v, "/act/issuer/region"), "KZ-35");
    assert_eq!(s(&v, "/act/date"), "2017-11-23");
    assert_eq!(s(&v, "/act/number"), "75/02");
    assert_eq!(s(&v, "/act/registration/date"), "2017-12-12");
    assert_eq!(s(&v, "/act/registration/number"), "4474");
    assert_eq!(s(&v, "/act/status"), "lost_force");
    assert_eq!(s(&v, "/act/lost_force/by/date"), "2019-06-18");
    assert_eq!(s(&v, "/act/lost_force/by/number"), "37/02");
    assert_eq!(s(&v, "/act/amends/0/date"), "2016-05-30");
    assert_eq!(s(&v, "/act/amends/0/number"), "37/03");
    assert_eq!(s(&v, "/act/signatory/name"), "Е. Кошанов");
}

#[test]
fn seed_004_west_kazakhstan_177() {
    let v = seed("004");
    assert_eq!(s(&v, "/act/issuer/region"), "KZ-27");
    assert_eq!(s(&v, "/act/date"), "2014-07-01");
    assert_eq!(s(&v, "/act/number"), "177");
    assert_eq!(s(&v, "/act/registration/date"), "2014-08-07");
    assert_eq!(s(&v, "/act/registration/number"), "3602");
    assert_eq!(s(&v, "/act/status"), "lost_force");
    assert_eq!(s(&v, "/act/lost_force/by/date"), "2015-08-04");
    assert_eq!(s(&v, "/act/lost_force/by/number"), "204");
    assert_eq!(
        s(&v, "/act/lost_force/by/id"),
        "/akn/kz-27/act/resolution/akimat/2015-08-04/204"
    );
    assert_eq!(
        v.pointer("/act/approves")
            .and_then(|a| a.as_array())
            .map(Vec::len),
        Some(18)
    );
    assert_eq!(s(&v, "/act/signatory/name"), "Н. Ногаев");
}

/// The Russian and Kazakh pages of one act (№ 688) share the work id.
#[test]
fn russian_and_kazakh_texts_share_the_work_id() {
    let ru = seed("ru_minfin_prikaz_688");
    let kk = seed("kk_qarzhy_ministri_buiryq_688");
    assert_eq!(s(&kk, "/language"), "kk");
    assert_eq!(
        s(&ru, "/act/id"),
        "/akn/kz/act/order/ministry/2016-12-26/688"
    );
    assert_eq!(s(&ru, "/act/id"), s(&kk, "/act/id"));
    assert_eq!(
        s(&ru, "/act/lost_force/by/id"),
        s(&kk, "/act/lost_force/by/id")
    );
}

/// Every ActRef carries the id it resolves to when kind, date and number
/// are stated (and a local body's region).
#[test]
fn every_complete_reference_has_an_id() {
    let mut checked = 0;
    for rel in crate::util::corpus_files() {
        let v = crate::util::parse_rel(&rel)
            .1
            .to_json()
            .expect("serializes");
        let act = &v["act"];
        let refs = ["amends", "repeals"]
            .iter()
            .flat_map(|k| act[*k].as_array().cloned().unwrap_or_default())
            .chain(
                ["/lost_force/by", "/approved_by"]
                    .iter()
                    .filter_map(|p| act.pointer(p).filter(|x| !x.is_null()).cloned()),
            );
        for r in refs {
            let complete = !r["kind"].is_null() && !r["date"].is_null() && !r["number"].is_null();
            let local = matches!(
                r.pointer("/issuer/body").and_then(|b| b.as_str()),
                Some("akimat" | "akim" | "maslikhat")
            );
            let placed = !local || !r.pointer("/issuer/region").is_none_or(|x| x.is_null());
            if complete && placed {
                assert!(r["id"].is_string(), "{}: {r}", rel.display());
                checked += 1;
            }
        }
    }
    // The seeds alone cite more than ten complete references; fewer means
    // the record's shape changed under this test.
    assert!(checked > 10, "only {checked} references checked");
}

/// An act dated before the act it amends is reported: one date is a
/// misprint, and both are kept as written.
#[test]
fn an_act_dated_before_its_target_is_reported() {
    let path = crate::util::root().join("tests/fixtures/consolidation/amending.md");
    let text = std::fs::read_to_string(&path).expect("fixture reads");
    let misdated = text.replace("от 5 мая 2017 года № 90", "от 5 мая 2015 года № 90");
    assert_ne!(text, misdated);
    let source =
        reglament::Source::from_bytes(std::path::Path::new("misdated.md"), misdated.into_bytes())
            .expect("decodes");
    let doc = reglament::document(&source, crate::util::grammar());
    let d: Vec<&reglament::Diagnostic> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "date-before-target")
        .collect();
    assert_eq!(d.len(), 1, "{:?}", doc.diagnostics);
    assert!(d[0].message.contains("2015-05-05") && d[0].message.contains("2016-03-10"));
    // The original pair is in order.
    let (_, good) = crate::util::parse_rel(std::path::Path::new(
        "tests/fixtures/consolidation/amending.md",
    ));
    assert!(
        good.diagnostics
            .iter()
            .all(|d| d.code.as_str() != "date-before-target")
    );
}

/// An act said to have lost force by an act older than itself is reported
/// too.
#[test]
fn an_act_repealed_by_an_older_act_is_reported() {
    let (_, good) = crate::util::parse_rel(std::path::Path::new("corpus/000_c6230eaa1ba36d7d.txt"));
    assert!(
        good.diagnostics
            .iter()
            .all(|d| d.code.as_str() != "date-before-target")
    );
    let text = std::fs::read_to_string(crate::util::root().join("corpus/000_c6230eaa1ba36d7d.txt"))
        .expect("seed reads");
    let misdated = text
        .replace("от 05.06.2020 № 131", "от 05.06.2010 № 131")
        .replace("от 5 июня 2020 года № 131", "от 5 июня 2010 года № 131");
    assert_ne!(text, misdated);
    let source =
        reglament::Source::from_bytes(std::path::Path::new("misdated.md"), misdated.into_bytes())
            .expect("decodes");
    let doc = reglament::document(&source, crate::util::grammar());
    let d: Vec<&str> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "date-before-target")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(d.len(), 1, "{:?}", doc.diagnostics);
    assert!(
        d[0].contains("2010-06-05") && d[0].contains("lost force"),
        "{}",
        d[0]
    );
}

/// Seed 000's provision trees: its operative points, and each of its three
/// regulations as chapters › points › subpoints; every node's own text is
/// what its span of the original file reads, normalized.
#[test]
fn seed_000_provision_trees() {
    use reglament::{Provision, ProvisionUnit};
    let rel = std::path::Path::new("corpus/000_c6230eaa1ba36d7d.txt");
    let (source, doc) = crate::util::parse_rel(rel);
    let points: Vec<&str> = doc
        .provisions
        .iter()
        .filter(|p| p.unit == ProvisionUnit::Point)
        .filter_map(|p| p.number.as_ref().map(|n| n.value.as_str()))
        .collect();
    assert_eq!(points, ["1", "2", "3", "4"], "the operative points");
    assert_eq!(doc.regulations.len(), 3);
    for reg in &doc.regulations {
        let chapters: Vec<&Provision> = reg
            .provisions
            .iter()
            .filter(|p| p.unit == ProvisionUnit::Chapter)
            .collect();
        assert!(chapters.len() >= 4, "{:?}: chapters", reg.service);
        assert!(chapters.iter().all(|c| c.heading.is_some()));
        let in_chapters = |u: ProvisionUnit| {
            chapters
                .iter()
                .flat_map(|c| c.walk())
                .filter(|n| n.unit == u)
                .count()
        };
        assert!(in_chapters(ProvisionUnit::Point) > 5);
        let subpoints_in_points = chapters
            .iter()
            .flat_map(|c| c.children.iter())
            .filter(|p| p.unit == ProvisionUnit::Point)
            .flat_map(|p| p.children.iter())
            .filter(|s| s.unit == ProvisionUnit::Subpoint)
            .count();
        assert!(subpoints_in_points > 5, "subpoints sit inside points");
    }
    let g = crate::util::grammar();
    let mut checked = 0;
    for node in doc
        .provisions
        .iter()
        .chain(doc.regulations.iter().flat_map(|r| r.provisions.iter()))
        .flat_map(Provision::walk)
    {
        let original = source.original(node.text.span);
        let norm = reglament::normalize_str(&original, source.format, g);
        let folded = norm.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(folded, node.text.value, "span {:?}", node.text.span);
        if let Some(n) = &node.number {
            let written = source.original(n.span);
            assert_eq!(written, n.value, "number span {:?}", n.span);
        }
        checked += 1;
    }
    assert!(checked > 150, "only {checked} nodes");
}
