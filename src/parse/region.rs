//! The region (oblast) of a local body, from the words that name it. (An
//! act's own generic issuer takes it from the context: see
//! [`super::act_region`].)
//!
//! Words name a region in three ways, in this order of trust: an oblast or
//! a city said to be one (`[[regions]]` with a qualifier, or a gazetteer
//! city or oblast name), a district of the gazetteer (when every district
//! named agrees), a bare `[[regions]]` name. A gazetteer place's oblast is
//! the one of the act's date: the districts of Abai, Zhetisu and Ulytau
//! oblasts were East Kazakhstan's, Almaty's and Karaganda's before 8 June
//! 2022.
//!

use super::Doc;
use crate::grammar::PlaceKind;
use crate::record::{Code, Date, Diagnostic};
use std::ops::Range;

/// A region named by words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// ISO 3166-2:KZ code.
    pub code: String,
    /// The words naming it (normalized range).
    pub range: Range<usize>,
    /// The words name an abolished oblast, read as its successor.
    pub successor: bool,
}

/// The region words `s` (a slice of the document) name, as of `date`.
pub fn named(doc: &Doc<'_>, s: &str, date: Option<Date>) -> Option<Named> {
    let base = doc.at(s);
    let found = oblast_named(doc, s, date)
        .or_else(|| district_named(doc, s, date))
        .or_else(|| {
            doc.g.regions.find(s).map(|(code, m)| Named {
                code,
                range: m,
                successor: false,
            })
        })?;
    Some(Named {
        range: base + found.range.start..base + found.range.end,
        ..found
    })
}

/// The one code a gazetteer match gives on `date`, if its places agree.
fn one_code(places: &[&crate::grammar::Place], date: Option<Date>) -> Option<String> {
    let first = places.first()?.oblast_on(date);
    places
        .iter()
        .all(|p| p.oblast_on(date) == first)
        .then(|| first.to_string())
}

/// Is the `[[regions]]` match `m` in `s` said to be an oblast's or a
/// city's (a qualifier word inside it or right after it)?
fn qualified(doc: &Doc<'_>, s: &str, m: &Range<usize>) -> bool {
    let name = s.get(m.clone()).unwrap_or("");
    let after = s.get(m.end..).unwrap_or("").trim_start();
    doc.g.region_qualifiers.is_match(name) || doc.g.region_qualifiers.at_start(after).is_some()
}

/// The first oblast or city named: a qualified `[[regions]]` name, or a
/// gazetteer city or oblast name. Where both name the same words, the
/// gazetteer gives the code (it knows the date rules) and `[[regions]]`
/// the span.
fn oblast_named(doc: &Doc<'_>, s: &str, date: Option<Date>) -> Option<Named> {
    let region = doc
        .g
        .regions
        .find_iter(s)
        .find(|(_, m)| qualified(doc, s, m));
    let place = doc.g.gazetteer.find_iter(s).find_map(|(places, m)| {
        let oblast_level = places.iter().all(|p| p.kind != PlaceKind::District);
        let successor = places.iter().any(|p| p.kind == PlaceKind::AbolishedOblast);
        oblast_level
            .then(|| one_code(&places, date))
            .flatten()
            .map(|code| Named {
                code,
                range: m,
                successor,
            })
    });
    match (region, place) {
        (Some((_, r)), Some(p)) if r.start < p.range.end && p.range.start < r.end => {
            Some(Named { range: r, ..p })
        }
        (Some((code, r)), Some(p)) if r.start < p.range.start => Some(Named {
            code,
            range: r,
            successor: false,
        }),
        (_, Some(p)) => Some(p),
        (Some((code, r)), None) => Some(Named {
            code,
            range: r,
            successor: false,
        }),
        (None, None) => None,
    }
}

/// The districts named, when each names one oblast and they all agree
/// («Жамбылский район» alone does not: there are three).
fn district_named(doc: &Doc<'_>, s: &str, date: Option<Date>) -> Option<Named> {
    let mut found: Option<Named> = None;
    for (places, m) in doc.g.gazetteer.find_iter(s) {
        let code = one_code(&places, date)?;
        match &found {
            Some(f) if f.code != code => return None,
            Some(_) => {}
            None => {
                found = Some(Named {
                    code,
                    range: m,
                    successor: false,
                });
            }
        }
    }
    found
}

/// Every region `s` names clearly (qualified oblasts, gazetteer names that
/// give one oblast), for reading the context.
pub(super) fn all_named(doc: &Doc<'_>, s: &str, date: Option<Date>) -> Vec<Named> {
    let base = doc.at(s);
    let mut out: Vec<Named> = doc
        .g
        .regions
        .find_iter(s)
        .filter(|(_, m)| qualified(doc, s, m))
        .map(|(code, m)| Named {
            code,
            range: base + m.start..base + m.end,
            successor: false,
        })
        .collect();
    for (places, m) in doc.g.gazetteer.find_iter(s) {
        let Some(code) = one_code(&places, date) else {
            continue;
        };
        let range = base + m.start..base + m.end;
        // The same words as a qualified region: the gazetteer's code.
        out.retain(|n| !(n.range.start < range.end && range.start < n.range.end));
        out.push(Named {
            code,
            range,
            successor: places.iter().any(|p| p.kind == PlaceKind::AbolishedOblast),
        });
    }
    out.sort_by_key(|n| n.range.start);
    out
}

/// `region-successor`, when the words name an abolished oblast.
pub fn successor_note(doc: &Doc<'_>, n: &Named) -> Option<Diagnostic> {
    n.successor.then(|| {
        doc.diagnostic(
            Code::RegionSuccessor,
            format!(
                "«{}» was abolished; read as its successor, {}",
                doc.slice(n.range.clone()),
                n.code
            ),
            n.range.clone(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Act;
    use crate::text::Text;

    fn code(s: &str, date: Option<(i64, i64, i64)>) -> Option<String> {
        let t = Text::identity(s);
        let doc = Doc::new(&t, crate::grammar::for_tests());
        let date = date.and_then(|(y, m, d)| Date::new(y, m, d));
        named(&doc, t.as_str(), date).map(|n| n.code)
    }

    #[test]
    fn a_district_names_its_oblast() {
        assert_eq!(
            code("Бәйтерек аудандық мәслихаты", None).as_deref(),
            Some("KZ-27")
        );
        assert_eq!(
            code("Зеленовский районный маслихат", None).as_deref(),
            Some("KZ-27")
        );
        assert_eq!(
            code("Жанакорганский районный маслихат", None).as_deref(),
            Some("KZ-43")
        );
        assert_eq!(
            code("аким Кенесского сельского округа Аккольского района", None).as_deref(),
            Some("KZ-11")
        );
        assert_eq!(
            code("Ақкөл ауданының әкімдігі", None).as_deref(),
            Some("KZ-11")
        );
        assert_eq!(
            code("акимат района Биржан сал", None).as_deref(),
            Some("KZ-11")
        );
    }

    #[test]
    fn a_city_names_its_oblast() {
        assert_eq!(
            code("акимат города Степногорска", None).as_deref(),
            Some("KZ-11")
        );
        assert_eq!(
            code("Екібастұз қалалық мәслихаты", None).as_deref(),
            Some("KZ-55")
        );
        // A city's name that is also a word is spelt out in full.
        assert_eq!(
            code("поддержка малообеспеченных городских семей", None),
            None
        );
        assert_eq!(
            code("маслихат города Семей", None).as_deref(),
            Some("KZ-10")
        );
    }

    #[test]
    fn a_named_oblast_outranks_its_district() {
        assert_eq!(
            code("маслихат Жамбылского района Алматинской области", None).as_deref(),
            Some("KZ-19")
        );
        // Three oblasts have a Жамбылский район: the name alone falls back
        // to the bare oblast name, as before.
        assert_eq!(
            code("маслихат Жамбылского района", None).as_deref(),
            Some("KZ-31")
        );
        // Two have an Есильский район, and no oblast is named so.
        assert_eq!(code("маслихат Есильского района", None), None);
    }

    #[test]
    fn the_acts_date_decides_the_oblast_of_a_moved_district() {
        let before = Some((2021, 3, 1));
        let after = Some((2022, 6, 8));
        assert_eq!(
            code("Урджарский районный маслихат", before).as_deref(),
            Some("KZ-63")
        );
        assert_eq!(
            code("Урджарский районный маслихат", after).as_deref(),
            Some("KZ-10")
        );
        assert_eq!(
            code("Саркандский районный маслихат", before).as_deref(),
            Some("KZ-19")
        );
        assert_eq!(
            code("Сарқан аудандық мәслихаты", after).as_deref(),
            Some("KZ-33")
        );
        assert_eq!(
            code("акимат города Жезказгана", before).as_deref(),
            Some("KZ-35")
        );
        assert_eq!(
            code("Жезқазған қалалық мәслихаты", after).as_deref(),
            Some("KZ-62")
        );
        assert_eq!(
            code("маслихат города Шымкента", Some((2017, 1, 5))).as_deref(),
            Some("KZ-61")
        );
        assert_eq!(
            code("маслихат города Шымкента", Some((2019, 1, 5))).as_deref(),
            Some("KZ-79")
        );
        // Without a date, today's oblast.
        assert_eq!(
            code("Урджарский районный маслихат", None).as_deref(),
            Some("KZ-10")
        );
    }

    #[test]
    fn an_abolished_oblast_is_read_as_its_successor() {
        let t = Text::identity("решение акима Семипалатинской области");
        let doc = Doc::new(&t, crate::grammar::for_tests());
        let n = named(&doc, t.as_str(), Date::new(1996, 5, 1));
        assert_eq!(n.as_ref().map(|n| n.code.as_str()), Some("KZ-63"));
        assert!(n.is_some_and(|n| n.successor));
        assert_eq!(
            code("Торғай облысы әкімінің", Some((1995, 1, 1))).as_deref(),
            Some("KZ-39")
        );
        assert_eq!(code("решение акима ВКО", None).as_deref(), Some("KZ-63"));
    }

    fn act(s: &str) -> (Act, Vec<Diagnostic>) {
        let source = crate::source::Source::from_bytes("t.md", s.as_bytes().to_vec()).unwrap();
        let r = crate::pipeline::document(&source, crate::grammar::for_tests());
        (r.act, r.diagnostics)
    }

    fn region(a: &Act) -> Option<&str> {
        a.issuer
            .as_ref()
            .and_then(|i| i.region.as_ref())
            .map(|r| r.value.as_str())
    }

    #[test]
    fn a_generic_issuer_takes_the_one_oblast_of_its_context() {
        let (a, _) = act(
            "Об уточнении бюджета Аккольского района на 2016 год\n\nВ соответствии с Законом Республики Казахстан, районный маслихат РЕШИЛ:\n\n1. Утвердить бюджет.\n\n2. Настоящее решение вступает в силу со дня государственной регистрации в Департаменте юстиции Акмолинской области.\n",
        );
        assert_eq!(region(&a), Some("KZ-11"));
    }

    #[test]
    fn the_loss_of_force_footnote_is_context() {
        let (a, _) = act(
            "Об областном бюджете\n\n> *Сноска. Утратило силу решением маслихата Актюбинской области от 20.12.2004 № 1/5-282.*\n\nОбластной маслихат РЕШИЛ:\n\n1. Утвердить бюджет.\n",
        );
        assert_eq!(region(&a), Some("KZ-15"));
    }

    #[test]
    fn several_oblasts_in_the_context_leave_the_region_unknown() {
        let (a, d) = act(
            "О дорогах Аккольского района и Жанакорганского района\n\nОбластной маслихат РЕШИЛ:\n\n1. Утвердить перечень.\n",
        );
        assert_eq!(region(&a), None);
        assert!(d.iter().any(|d| d.code == Code::RegionAmbiguous));
    }

    #[test]
    fn the_region_just_before_a_bare_body_word_is_the_issuers() {
        let (a, _) = act(
            "Дәрілерді беру туралы\n\n«Жергілікті мемлекеттік басқару туралы» Қазақстан Республикасының 2001 жылғы 23 қаңтардағы Заңына сәйкес Қарағанды облысының мәслихаты ШЕШІМ ЕТТІ:\n\n1. Дәрілер берілсін.\n",
        );
        assert_eq!(region(&a), Some("KZ-35"));
    }

    #[test]
    fn the_kazakh_entry_into_force_provision_is_context() {
        let (a, _) = act(
            "Бюджет туралы\n\nОблыстық мәслихат ШЕШІМ ЕТТІ:\n\n1. Бекітілсін.\n\n2. Осы шешім Ақмола облысының Әділет департаментінде мемлекеттік тіркелген күнінен бастап күшіне енеді.\n",
        );
        assert_eq!(region(&a), Some("KZ-11"));
    }

    #[test]
    fn a_local_issuer_may_open_with_the_countrys_name() {
        let (a, _) = act(
            "Жер учаскелері туралы\n\nҚазақстан Республикасы Атырау облысы әкімі ШЕШІМ ҚАБЫЛДАДЫ:\n\n1. Белгіленсін.\n",
        );
        assert_eq!(region(&a), Some("KZ-23"));
    }

    #[test]
    fn an_abolished_oblasts_act_is_its_successors_with_a_note() {
        let (a, d) = act(
            "Решение акима Семипалатинской области от 5 мая 1995 года № 12\n\nО выделении средств\n\nРЕШАЮ:\n\n1. Выделить средства.\n",
        );
        assert_eq!(region(&a), Some("KZ-63"));
        assert_eq!(
            a.id.as_deref(),
            Some("/akn/kz-63/act/decision/akim/1995-05-05/12")
        );
        assert!(d.iter().any(|d| d.code == Code::RegionSuccessor));
    }

    #[test]
    fn the_issuers_own_words_are_never_overridden() {
        let (a, _) = act(
            "О бюджете Жанакорганского района\n\nАккольский районный маслихат РЕШИЛ:\n\n1. Утвердить бюджет.\n",
        );
        assert_eq!(region(&a), Some("KZ-11"));
    }
}
