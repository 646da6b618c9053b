//! Stable identifiers: Akoma Ntoso FRBR work ids.
//!
//! `/akn/{country}/act/{kind}/{body}/{date}/{number}`, where `country` is
//! `kz` or the region's ISO code in lower case (`kz-27`). The Russian and
//! Kazakh texts of one act yield the same id, because every part comes from
//! language-independent values. Numbers are lower-cased, transliterated and
//! `/` becomes `-` (`4/496` -> `4-496`), as FRBR names are path segments.
//!
//! A Latin letter right after the digits of a number is read as the
//! Cyrillic letter it looks like. The table is the grammar's; the caller
//! passes its look-up (`cyrillic`), as records sit below the grammar.

use crate::record::{ActKind, Body, Date};

/// The work id of an act, when enough is known to name it. `cyrillic`
/// gives the Cyrillic letter a Latin look-alike stands for.
pub fn work_id(
    region: Option<&str>,
    kind: ActKind,
    body: Body,
    date: Date,
    number: &str,
    cyrillic: impl Fn(char) -> Option<char>,
) -> String {
    let country = region.map_or_else(|| "kz".to_string(), str::to_lowercase);
    let body = body.as_str();
    format!(
        "/akn/{country}/act/{}/{body}/{date}/{}",
        kind.as_str(),
        number_segment(number, cyrillic)
    )
}

/// A number as an id path segment: `8С 37/5` -> `8s-37-5`. `cyrillic`
/// gives the Cyrillic letter a Latin look-alike stands for.
pub fn number_segment(number: &str, cyrillic: impl Fn(char) -> Option<char>) -> String {
    let mut out = String::new();
    let mut after_digit = false;
    for c in number.trim().trim_start_matches('№').trim().chars() {
        // A letter right after digits ("8С") is typed in either script:
        // a Latin look-alike there is the Cyrillic letter.
        let c = if after_digit {
            cyrillic(c).unwrap_or(c)
        } else {
            c
        };
        after_digit = c.is_ascii_digit();
        let c = c.to_lowercase().next().unwrap_or(c);
        match c {
            '/' | ' ' | '-' | '_' | '.' => {
                if !out.ends_with('-') && !out.is_empty() {
                    out.push('-');
                }
            }
            c if c.is_ascii_alphanumeric() => out.push(c),
            c => out.push_str(translit(c)),
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Latin letters for the Cyrillic ones that occur in act numbers.
fn translit(c: char) -> &'static str {
    match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' | 'і' => "i",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' => "u",
        'ф' => "f",
        'х' | 'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for the grammar's table (records cannot see grammar).
    fn cyrillic(c: char) -> Option<char> {
        match c {
            'C' => Some('С'),
            'c' => Some('с'),
            _ => None,
        }
    }

    #[test]
    fn seed_000_id() {
        let date = Date::new(2017, 10, 31);
        let id = date.map(|d| {
            work_id(
                Some("KZ-27"),
                ActKind::Resolution,
                Body::Akimat,
                d,
                "272",
                cyrillic,
            )
        });
        assert_eq!(
            id.as_deref(),
            Some("/akn/kz-27/act/resolution/akimat/2017-10-31/272")
        );
    }

    #[test]
    fn numbers_become_segments() {
        let segment = |n: &str| number_segment(n, cyrillic);
        assert_eq!(segment("4/496"), "4-496");
        assert_eq!(segment("№ 8С 37/5"), "8s-37-5");
        assert_eq!(segment("271-VIII ЗРК"), "271-viii-zrk");
        assert_eq!(segment("77-НП"), "77-np");
        // Latin C after digits is the Cyrillic С typed in the wrong script.
        assert_eq!(segment("8C 37/5"), segment("8С 37/5"));
        // Issue 9: numbers with a series letter, as they are spelled in ids.
        assert_eq!(segment("С 5-2"), "s-5-2");
        assert_eq!(segment("С-12-4"), "s-12-4");
        assert_eq!(segment("А-2/35"), "a-2-35");
        assert_eq!(segment("23ө"), "23o");
        assert_eq!(segment("110-II"), "110-ii");
    }
}
