//! The two languages of one act against each other: the Russian and the
//! Kazakh text of a service give it the same steps, each of the same
//! duration. A difference is a `ru-kk-mismatch` in both records, at the
//! service's title or the step's duration, so that each reader sees it in
//! the text they read.

use super::regulation::minutes_of;
use crate::record::{Code, Diagnostic, Document, Language, Procedure, Regulation};

/// Compare the Russian and Kazakh records of one act folder, service by
/// service in document order.
pub fn languages_agree(docs: &mut [Document]) {
    let of = |lang: Language, docs: &[Document]| docs.iter().position(|d| d.language == lang);
    let (Some(ru), Some(kk)) = (of(Language::Ru, docs), of(Language::Kk, docs)) else {
        return;
    };
    let (mut found_ru, mut found_kk) = (Vec::new(), Vec::new());
    if let (Some(a), Some(b)) = (docs.get(ru), docs.get(kk)) {
        for (x, y) in a.regulations.iter().zip(&b.regulations) {
            compare(x, y, &mut found_ru, &mut found_kk);
        }
    }
    if let Some(d) = docs.get_mut(ru) {
        d.diagnostics.extend(found_ru);
    }
    if let Some(d) = docs.get_mut(kk) {
        d.diagnostics.extend(found_kk);
    }
}

/// One service in both languages: its step lists, then each step's duration.
fn compare(
    ru: &Regulation,
    kk: &Regulation,
    out_ru: &mut Vec<Diagnostic>,
    out_kk: &mut Vec<Diagnostic>,
) {
    for (name, a, b) in [
        ("procedures", &ru.procedures, &kk.procedures),
        ("sequence", &ru.sequence, &kk.sequence),
    ] {
        if a.len() != b.len() {
            let message = format!(
                "{name}: {} steps in Russian, {} in Kazakh",
                a.len(),
                b.len()
            );
            out_ru.push(Diagnostic::new(
                Code::RuKkMismatch,
                message.clone(),
                ru.title.span,
            ));
            out_kk.push(Diagnostic::new(Code::RuKkMismatch, message, kk.title.span));
            continue;
        }
        for (x, y) in a.iter().zip(b.iter()) {
            durations(name, x, y, out_ru, out_kk);
        }
    }
}

/// A step stated with a duration in both languages should last as long in
/// both. (One the text leaves without one is reported where it is read.)
fn durations(
    name: &str,
    ru: &Procedure,
    kk: &Procedure,
    out_ru: &mut Vec<Diagnostic>,
    out_kk: &mut Vec<Diagnostic>,
) {
    let (Some(a), Some(b)) = (&ru.duration, &kk.duration) else {
        return;
    };
    if minutes_of(a) == minutes_of(b) {
        return;
    }
    let message = format!(
        "{name} step {}: {} in Russian, {} in Kazakh",
        ru.n.value, a.text.value, b.text.value
    );
    out_ru.push(Diagnostic::new(
        Code::RuKkMismatch,
        message.clone(),
        a.text.span,
    ));
    out_kk.push(Diagnostic::new(Code::RuKkMismatch, message, b.text.span));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::regulation::tests::{regulation, step};

    fn codes(ru: &Regulation, kk: &Regulation) -> (Vec<String>, Vec<String>) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        compare(ru, kk, &mut a, &mut b);
        let messages = |v: Vec<Diagnostic>| v.into_iter().map(|d| d.message).collect();
        (messages(a), messages(b))
    }

    #[test]
    fn the_same_steps_and_durations_agree() {
        let mut ru = regulation();
        ru.procedures = vec![step(1, "head", Some(15), 0), step(2, "executor", None, 10)];
        let kk = ru.clone();
        assert_eq!(codes(&ru, &kk), (vec![], vec![]));
    }

    #[test]
    fn a_different_count_or_duration_is_reported_in_both_languages() {
        let mut ru = regulation();
        ru.procedures = vec![
            step(1, "head", Some(15), 0),
            step(2, "executor", Some(30), 10),
        ];
        let mut kk = regulation();
        kk.procedures = vec![
            step(1, "head", Some(15), 0),
            step(2, "executor", Some(20), 10),
        ];
        let (a, b) = codes(&ru, &kk);
        assert_eq!(a.len(), 1, "{a:?}");
        assert!(a[0].starts_with("procedures step 2:"), "{a:?}");
        assert_eq!(a, b);
        kk.procedures.pop();
        let (a, _) = codes(&ru, &kk);
        assert_eq!(a, ["procedures: 2 steps in Russian, 1 in Kazakh"]);
    }
}
