//! ru↔kk alignment by structure (issue 11, `GET /api/v1/align`): an act
//! folder's two texts, its regulation in both languages, a constructed pair
//! with a point missing and a duration changed, and the seeds.

use crate::util::{grammar, parse_folder_rel, root};
use reglament::align::{self, Alignment, DurationValue, Flag, Summary};
use reglament::{Document, DurationUnit, Language, Registry};
use std::path::Path;
use std::sync::OnceLock;

/// The two texts of an act folder, Russian first.
fn texts(rel: &str) -> (Document, Document) {
    let docs = parse_folder_rel(Path::new(rel));
    let ru = docs.iter().find(|d| d.language == Language::Ru);
    let kk = docs.iter().find(|d| d.language == Language::Kk);
    (ru.expect("rus.md").clone(), kk.expect("kaz.md").clone())
}

/// The flagged pairs: path and flags.
fn flagged(al: &Alignment) -> Vec<(&str, &[Flag])> {
    al.pairs
        .iter()
        .filter(|p| !p.flags.is_empty())
        .map(|p| (p.path.as_str(), p.flags.as_slice()))
        .collect()
}

fn summary(
    pairs: usize,
    matched: usize,
    missing_a: usize,
    missing_b: usize,
    mismatched: usize,
) -> Summary {
    Summary {
        pairs,
        matched,
        missing_a,
        missing_b,
        mismatched,
    }
}

fn dates(a: &[&str], b: &[&str]) -> Flag {
    let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect();
    Flag::Dates { a: v(a), b: v(b) }
}

const FOLDER_532: &str = "corpus/kazakhstan-law/ministerial/2019-0611-132634";

/// The order of the Minister of Internal Affairs of 11 June 2019 № 532:
/// every point of both texts meets its counterpart. The one flag is true
/// to the texts: point 2 repeals order № 994, "published 19 January 2016"
/// in Russian and "2015 жылғы 10 желтоқсанда" in Kazakh.
#[test]
fn an_act_folder_aligns_point_by_point() {
    let (ru, kk) = texts(FOLDER_532);
    let al = align::documents(&ru, &kk, grammar());
    assert_eq!(al.a.id, "/akn/kz/act/order/ministry/2019-06-11/532");
    assert_eq!(al.b.id, al.a.id);
    assert_eq!((al.a.language, al.b.language), (Language::Ru, Language::Kk));
    assert!(al.a.path.ends_with("rus.md") && al.b.path.ends_with("kaz.md"));
    // Points 1–5 and the four subpoints of point 3.
    assert_eq!(al.summary, summary(9, 9, 0, 0, 1));
    let paths: Vec<&str> = al.pairs.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "point 1",
            "point 2",
            "point 3",
            "point 3 / subpoint 1",
            "point 3 / subpoint 2",
            "point 3 / subpoint 3",
            "point 3 / subpoint 4",
            "point 4",
            "point 5"
        ]
    );
    assert_eq!(
        flagged(&al),
        [(
            "point 2",
            &[dates(
                &["2015-12-04", "2016-01-19"],
                &["2015-12-04", "2015-12-10"]
            )][..]
        )]
    );
}

/// Its regulation: the Kazakh text's headings of chapters 2 and 3 were left
/// inside points 5 and 9, yet points 6–11 meet theirs (points are numbered
/// through the chapters) and the headings meet chapters 2 and 3. What is
/// flagged is in the texts: the paragraph of Russian point 5 has no Kazakh
/// paragraph of its own, and Kazakh subpoint 1) of point 12 states twenty
/// minutes where the Russian states none.
#[test]
fn a_regulation_aligns_across_misplaced_chapter_headings() {
    let (ru, kk) = texts(FOLDER_532);
    let (r, k) = (&ru.regulations[0], &kk.regulations[0]);
    let al = align::regulations((&ru, r), (&kk, k), grammar());
    assert_eq!(
        al.a.id,
        "/akn/kz/act/order/ministry/2019-06-11/532/!regulation-1"
    );
    assert_eq!(al.b.id, al.a.id);
    assert_eq!(al.summary, summary(37, 36, 0, 1, 1));
    let twenty = DurationValue {
        value: 20,
        unit: DurationUnit::Minute,
    };
    assert_eq!(
        flagged(&al),
        [
            ("chapter 1 / point 5 / paragraph 1", &[Flag::MissingB][..]),
            (
                "chapter 4 / point 12 / subpoint 1",
                &[Flag::Durations {
                    a: vec![],
                    b: vec![twenty]
                }][..]
            ),
        ]
    );
    // Chapter 2 was a paragraph of point 5 in the Kazakh record until the
    // grammar knew its heading («… іс-әрекет тәртібінің сипаттамасы», issue
    // 12): now a chapter on both sides, and the pair holds both.
    let ch2 = al
        .pairs
        .iter()
        .find(|p| p.path == "chapter 2")
        .expect("chapter 2");
    assert_eq!(
        ch2.a.as_ref().map(|i| i.unit),
        Some(reglament::ProvisionUnit::Chapter)
    );
    assert_eq!(
        ch2.b.as_ref().map(|i| i.unit),
        Some(reglament::ProvisionUnit::Chapter)
    );
    assert!(ch2.flags.is_empty());
    // Spans point into each side's own file.
    for (item, path) in [(ch2.a.as_ref(), &al.a.path), (ch2.b.as_ref(), &al.b.path)] {
        let item = item.expect("both sides");
        let bytes = std::fs::read(root().join(path)).expect("source reads");
        let text = String::from_utf8_lossy(&bytes[item.span.start..item.span.end]).into_owned();
        assert!(text.contains('2'), "{text}");
        assert!(
            text.starts_with("Глава 2") || text.starts_with("2-тарау"),
            "{text}"
        );
    }
}

/// The order of 20 February 2019 № 144: its regulation in both languages,
/// every provision matched; point 1 cites the service standard of
/// "29 декабря 2018 года" in Russian and "2019 жылғы 3 қаңтардағы" in
/// Kazakh.
#[test]
fn a_regulation_with_every_provision_matched() {
    let (ru, kk) = texts("corpus/kazakhstan-law/ministerial/2019-0220-129400");
    let al = align::regulations(
        (&ru, &ru.regulations[0]),
        (&kk, &kk.regulations[0]),
        grammar(),
    );
    assert_eq!(al.summary, summary(31, 31, 0, 0, 1));
    assert_eq!(
        flagged(&al),
        [(
            "chapter 1 / point 1",
            &[dates(&["2018-12-29"], &["2019-01-03"])][..]
        )]
    );
}

/// A text aligned with itself: every provision matched, nothing flagged,
/// for every act folder of the corpus and each of its regulations.
#[test]
fn every_text_aligns_with_itself() {
    let (entries, errors) = reglament::corpus_entries(&root().join("corpus")).expect("corpus");
    assert!(errors.is_empty());
    let g = grammar();
    let mut checked = 0;
    for e in entries {
        let reglament::Entry::Folder(dir) = e else {
            continue;
        };
        let folder = reglament::Folder::read(&dir).expect("folder reads");
        for doc in reglament::folder(&folder, g) {
            let al = align::documents(&doc, &doc, g);
            assert!(flagged(&al).is_empty(), "{}", doc.source.path);
            assert_eq!(al.summary.matched, al.summary.pairs);
            for r in &doc.regulations {
                let al = align::regulations((&doc, r), (&doc, r), g);
                assert!(flagged(&al).is_empty(), "{:?}", r.id);
            }
            checked += 1;
        }
    }
    assert!(checked >= 88, "{checked}");
}

const FIXTURE: &str = "/akn/kz/act/order/ministry/2019-02-20/999";

fn fixtures() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| {
        Registry::load(&root().join("tests/fixtures/align"), grammar()).expect("fixtures load")
    })
}

/// A constructed pair (tests/fixtures/align): the Kazakh text has no
/// point 3, and its subpoint 1) of point 2 gives 15 calendar days where
/// the Russian gives 10. Both are flagged, and nothing else.
#[test]
fn a_missing_point_and_a_changed_duration_are_flagged() {
    let (ru, kk) = align::counterparts(fixtures(), FIXTURE).expect("both texts");
    assert_eq!((ru.language, kk.language), (Language::Ru, Language::Kk));
    let al = align::align(&ru, &kk, grammar());
    let days = |value| DurationValue {
        value,
        unit: DurationUnit::CalendarDay,
    };
    assert_eq!(
        flagged(&al),
        [
            (
                "point 2 / subpoint 1",
                &[Flag::Durations {
                    a: vec![days(10)],
                    b: vec![days(15)]
                },][..]
            ),
            ("point 3", &[Flag::MissingB][..]),
        ]
    );
    assert_eq!(al.summary, summary(6, 5, 0, 1, 1));
    // Point 4 states ten calendar days in words in both: it agrees.
    let p4 = al
        .pairs
        .iter()
        .find(|p| p.path == "point 4")
        .expect("point 4");
    assert!(p4.flags.is_empty());
    // The other way round, the same point is missing in `a`.
    let back = align::align(&kk, &ru, grammar());
    assert_eq!(back.summary, summary(6, 5, 1, 0, 1));
    // By ids, as the API asks: the Russian text of `a`, the Kazakh of `b`.
    assert_eq!(
        align::by_ids(fixtures(), FIXTURE, FIXTURE, grammar()),
        Ok(al.clone())
    );
    assert_eq!(
        align::by_ids(fixtures(), "/akn/kz/nothing", FIXTURE, grammar()),
        Err(align::NotFound::Russian("/akn/kz/nothing".into()))
    );
    let kk_only = "/akn/kz-15/act/resolution/akimat/2015-07-27/278/!regulation";
    let err = align::by_ids(corpus(), FIXTURE, kk_only, grammar()).map(|a| a.summary);
    assert_eq!(err, Err(align::NotFound::Russian(FIXTURE.into())));
    let err = align::by_ids(corpus(), kk_only, kk_only, grammar()).map(|a| a.summary);
    assert_eq!(err, Err(align::NotFound::Russian(kk_only.into())));
    let act_532 = "/akn/kz/act/order/ministry/2019-06-11/532";
    let err = align::by_ids(corpus(), act_532, FIXTURE, grammar()).map(|a| a.summary);
    assert_eq!(err, Err(align::NotFound::Kazakh(FIXTURE.into())));
    // The JSON shape the API serves.
    let json = serde_json::to_value(&al).expect("serializes");
    assert_eq!(json["a"]["language"], "ru");
    assert_eq!(json["pairs"][2]["path"], "point 2 / subpoint 1");
    assert_eq!(json["pairs"][2]["flags"][0]["kind"], "durations");
    assert_eq!(json["pairs"][2]["flags"][0]["b"][0]["unit"], "calendar_day");
    assert_eq!(json["pairs"][4]["b"], serde_json::Value::Null);
    assert_eq!(json["pairs"][4]["flags"][0]["kind"], "missing_b");
    assert_eq!(json["summary"]["missing_b"], 1);
}

fn corpus() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::load(&root().join("corpus"), grammar()).expect("corpus loads"))
}

/// Seed 001 is the Kazakh text of a regulation standing alone (Aktobe
/// oblast, resolution № 278 of 27 July 2015). The corpus holds no Russian
/// text of it, so it has no counterpart; the Russian regulations of the
/// same service elsewhere (seed 000's first, of West Kazakhstan) are other
/// acts, not its translation.
#[test]
fn seed_001_has_no_russian_counterpart() {
    let id = "/akn/kz-15/act/resolution/akimat/2015-07-27/278/!regulation";
    let r = corpus();
    let kk = align::tree(r, id, Language::Kk).expect("seed 001");
    assert!(kk.path.contains("001_"));
    assert!(align::tree(r, id, Language::Ru).is_none());
    assert!(align::counterparts(r, id).is_none());
    // An act folder's act and its regulation are found by their ids.
    let act = "/akn/kz/act/order/ministry/2019-06-11/532";
    let (ru, kk) = align::counterparts(r, act).expect("both texts");
    assert_eq!(
        align::align(&ru, &kk, grammar()).summary,
        summary(9, 9, 0, 0, 1)
    );
    let reg = format!("{act}/!regulation-1");
    let (ru, kk) = align::counterparts(r, &reg).expect("both regulations");
    assert_eq!(
        align::align(&ru, &kk, grammar()).summary,
        summary(37, 36, 0, 1, 1)
    );
}

/// One act saved as two files (corpus/extra, order № 688 of the Minister
/// of Finance, in Russian and in Kazakh): the registry finds both by the
/// work id they share, and they agree provision by provision.
#[test]
fn two_files_of_one_act_are_counterparts() {
    let id = "/akn/kz/act/order/ministry/2016-12-26/688";
    let (ru, kk) = align::counterparts(corpus(), id).expect("both texts");
    let al = align::align(&ru, &kk, grammar());
    assert!(
        al.a.path
            .ends_with("extra/ru_minfin_prikaz_688_o_vnesenii_izmeneniia_adilet_raw_html.txt")
    );
    assert!(
        al.b.path
            .ends_with("extra/kk_qarzhy_ministri_buiryq_688_ozgeris_engizu_adilet_raw_html.txt")
    );
    assert_eq!(al.summary, summary(16, 16, 0, 0, 0));
}

/// Government resolution № 540 of 23 September 2016: unnumbered
/// paragraphs meet by their facts, not only by their place. The Kazakh
/// record reads two instructions as subpoints ("23), 24), 25), 26)
/// тармақшалар мынадай редакцияда жазылсын:", "27) тармақша алып
/// тасталсын."), where the Russian has paragraphs ("подпункты 23), …
/// изложить", "подпункт 27) исключить."): each is flagged on its side,
/// and the paragraphs after them still meet their own counterparts.
#[test]
fn paragraphs_meet_by_their_facts() {
    let (ru, kk) = texts("corpus/kazakhstan-law/government/2016-0923-106380");
    let al = align::documents(&ru, &kk, grammar());
    assert_eq!(al.summary, summary(24, 20, 2, 2, 0));
    assert_eq!(
        flagged(&al),
        [
            ("point 4 / paragraph 3", &[Flag::MissingB][..]),
            ("point 4 / subpoint 23", &[Flag::MissingA][..]),
            ("point 4 / paragraph 9", &[Flag::MissingB][..]),
            ("point 4 / subpoint 27", &[Flag::MissingA][..]),
        ]
    );
}
