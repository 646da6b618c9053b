//! Checks on a regulation's own consistency: the numbers of a duration,
//! the two chapters that list the steps, the participants, the service
//! term, and the approving act's date.

use super::Context;
use crate::record::{Act, Actor, Code, Diagnostic, Duration, DurationUnit, Regulation, TermKind};
use std::collections::BTreeSet;

/// The checks that need one regulation and its act.
pub(super) fn check(reg: &Regulation, act: &Act, out: &mut Vec<Diagnostic>) {
    chapters_agree(reg, out);
    actors_agree(reg, out);
    within_term(reg, out);
    approved_date(reg, act, out);
}

/// "2 (трех) минут": the digits and the words disagree.
pub(super) fn words_against_digits(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for s in cx.spelled.iter().filter(|s| s.words != s.digits) {
        out.push(cx.diagnostic(
            Code::DurationWordsMismatch,
            format!(
                "«{}»: the digits say {} and the words say {}",
                cx.slice(s.phrase.clone()),
                s.digits,
                s.words
            ),
            s.numbers.clone(),
        ));
    }
}

/// Minutes in a duration, for comparing and summing: a working day is
/// eight hours, a day twenty-four; months are not comparable.
fn minutes(value: u64, unit: DurationUnit) -> Option<u64> {
    let per = match unit {
        DurationUnit::Minute => 1,
        DurationUnit::Hour => 60,
        DurationUnit::WorkingDay => 8 * 60,
        DurationUnit::CalendarDay | DurationUnit::Day => 24 * 60,
        DurationUnit::Month => return None,
    };
    value.checked_mul(per)
}

pub(super) fn minutes_of(d: &Duration) -> Option<u64> {
    minutes(d.value.value, d.unit.value)
}

/// A step's duration in chapter 2 and in chapter 3 should be the same.
fn chapters_agree(reg: &Regulation, out: &mut Vec<Diagnostic>) {
    for s in &reg.sequence {
        let Some(p) = reg.procedures.iter().find(|p| p.n.value == s.n.value) else {
            continue;
        };
        let (Some(a), Some(b)) = (&p.duration, &s.duration) else {
            continue;
        };
        if minutes_of(a) != minutes_of(b) {
            out.push(Diagnostic::new(
                Code::DurationChaptersDiffer,
                format!(
                    "step {}: {} in chapter 2, {} in chapter 3",
                    s.n.value, a.text.value, b.text.value
                ),
                b.text.span,
            ));
        }
    }
}

/// The participants listed in chapter 3 should be those who act in the steps.
fn actors_agree(reg: &Regulation, out: &mut Vec<Diagnostic>) {
    if reg.actors.is_empty() || reg.procedures.is_empty() {
        return;
    }
    let key = |a: &Actor| {
        a.role
            .as_ref()
            .map_or_else(|| a.text.value.to_lowercase(), |r| r.value.clone())
    };
    let listed: BTreeSet<String> = reg.actors.iter().map(key).collect();
    let acting: BTreeSet<String> = reg
        .procedures
        .iter()
        .filter_map(|p| p.actor.as_ref())
        .map(key)
        .collect();
    if listed != acting {
        let only_listed: Vec<&String> = listed.difference(&acting).collect();
        let only_acting: Vec<&String> = acting.difference(&listed).collect();
        let span = reg.actors.first().map(|a| a.text.span).unwrap_or_default();
        out.push(Diagnostic::new(
            Code::ActorsMismatch,
            format!("participants listed but not acting: {only_listed:?}; acting but not listed: {only_acting:?}"),
            span,
        ));
    }
}

/// The steps together should fit in the service term.
fn within_term(reg: &Regulation, out: &mut Vec<Diagnostic>) {
    // Checked: `Sum for Option<u64>` panics on overflow in debug builds,
    // and a text can state any number of minutes. An overflowing total,
    // like a step without a duration, is no total.
    let total = reg
        .procedures
        .iter()
        .map(|p| p.duration.as_ref().and_then(minutes_of))
        .try_fold(0u64, |sum, m| sum.checked_add(m?));
    let term = reg
        .terms
        .iter()
        .filter(|t| t.kind == TermKind::ServiceTerm)
        .flat_map(|t| t.durations.iter())
        .filter_map(minutes_of)
        .max();
    if let (Some(total), Some(term)) = (total, term)
        && total > term
    {
        let span = reg
            .terms
            .iter()
            .find(|t| t.kind == TermKind::ServiceTerm)
            .map(|t| t.text.span)
            .unwrap_or_default();
        out.push(Diagnostic::new(
                Code::ProceduresExceedTerm,
                format!("the steps take {total} minutes together, more than the service term of {term} minutes"),
                span,
            ));
    }
}

/// "Утвержден … от "30" мая 2017 года № 37/03" for an act the title dates
/// 30 May 2016: the same number, another date.
fn approved_date(reg: &Regulation, act: &Act, out: &mut Vec<Diagnostic>) {
    let Some(by) = &reg.approved_by else { return };
    let (Some(num), Some(date)) = (&by.number, &by.date) else {
        return;
    };
    let own = (act.number.as_ref(), act.date.as_ref());
    let known = act
        .amends
        .iter()
        .map(|r| (r.number.as_ref(), r.date.as_ref()))
        .chain(std::iter::once(own));
    for (n, d) in known {
        let (Some(n), Some(d)) = (n, d) else { continue };
        if n.value == num.value && d.value != date.value {
            out.push(Diagnostic::new(
                Code::ApprovedDateMismatch,
                format!(
                    "the appendix says № {} of {}, but the act № {} is of {}",
                    num.value, date.value, n.value, d.value
                ),
                date.span,
            ));
            return;
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::record::{ActRef, Date, Fee, Language, Procedure, RegulationKind, Term};
    use crate::span::{MaybeSpanned, Span, Spanned};
    use crate::text::Text;
    use crate::validate::Spelled;

    fn at<T>(value: T, start: usize) -> Spanned<T> {
        Spanned::new(value, Span::new(start, start + 5))
    }

    fn duration(value: u64, unit: DurationUnit, start: usize) -> Duration {
        Duration {
            value: at(value, start),
            unit: at(unit, start),
            iso8601: String::new(),
            text: at(format!("{value} {unit:?}"), start),
        }
    }

    fn actor(role: &str, start: usize) -> Actor {
        Actor {
            role: Some(at(role.to_string(), start)),
            text: at(role.to_string(), start),
        }
    }

    pub(in crate::validate) fn step(
        n: u32,
        actor_role: &str,
        minutes: Option<u64>,
        start: usize,
    ) -> Procedure {
        Procedure {
            n: at(n, start),
            actor: Some(actor(actor_role, start)),
            action: at("…".to_string(), start),
            duration: minutes.map(|m| duration(m, DurationUnit::Minute, start)),
            result: None,
        }
    }

    pub(in crate::validate) fn regulation() -> Regulation {
        Regulation {
            id: None,
            kind: at(RegulationKind::Regulation, 0),
            service: None,
            title: at("Регламент".to_string(), 0),
            appendix: None,
            approved_by: None,
            language: Language::Ru,
            provider: None,
            standard: None,
            channels: Vec::new(),
            forms: Vec::new(),
            result: None,
            recipients: Vec::new(),
            fee: MaybeSpanned::Unstated(Fee::Unknown),
            terms: Vec::new(),
            schedule: None,
            documents: Vec::new(),
            refusal_grounds: Vec::new(),
            procedures: Vec::new(),
            sequence: Vec::new(),
            actors: Vec::new(),
            portal_steps: Vec::new(),
            chapters: Vec::new(),
            provisions: Vec::new(),
        }
    }

    fn codes(reg: &Regulation, act: &Act) -> Vec<(Code, Span)> {
        let mut out = Vec::new();
        check(reg, act, &mut out);
        out.iter().map(|d| (d.code, d.span)).collect()
    }

    #[test]
    fn digits_and_words_that_disagree() {
        let text = Text::identity("в течение 2 (трех) минут, 3 (трех) минут");
        let mut cx = super::super::tests::context(&text);
        let s = text.as_str();
        let first = s.find('2').unwrap();
        let second = s.find("3 (").unwrap();
        let spelled = |digits, words, from: usize| Spelled {
            digits,
            words,
            numbers: from..from + "2 (трех)".len(),
            phrase: from..from + "2 (трех) минут".len(),
        };
        cx.spelled = vec![spelled(2, 3, first), spelled(3, 3, second)];
        let mut out = Vec::new();
        words_against_digits(&cx, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].code, Code::DurationWordsMismatch);
        assert_eq!(out[0].level, crate::record::Level::Error);
        assert_eq!(
            out[0].message,
            "«2 (трех) минут»: the digits say 2 and the words say 3"
        );
        assert_eq!(&s[out[0].span.range()], "2 (трех)");
    }

    #[test]
    fn a_step_whose_chapters_disagree_on_its_duration() {
        let mut reg = regulation();
        reg.procedures = vec![
            step(1, "clerk", Some(15), 10),
            step(2, "head", Some(30), 20),
        ];
        reg.sequence = vec![
            step(1, "clerk", Some(15), 110),
            step(2, "head", Some(60), 120),
        ];
        // One working day and eight hours are the same time.
        reg.procedures.push(Procedure {
            duration: Some(duration(1, DurationUnit::WorkingDay, 30)),
            ..step(3, "clerk", None, 30)
        });
        reg.sequence.push(Procedure {
            duration: Some(duration(8, DurationUnit::Hour, 130)),
            ..step(3, "clerk", None, 130)
        });
        let mut out = Vec::new();
        chapters_agree(&reg, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].code, Code::DurationChaptersDiffer);
        assert_eq!(out[0].span, Span::new(120, 125), "at chapter 3's duration");
        assert!(out[0].message.starts_with("step 2: "), "{}", out[0].message);
    }

    #[test]
    fn participants_listed_but_not_acting() {
        let mut reg = regulation();
        reg.procedures = vec![step(1, "clerk", Some(5), 10)];
        reg.actors = vec![actor("clerk", 50), actor("head", 60)];
        assert_eq!(
            codes(&reg, &Act::default()),
            [(Code::ActorsMismatch, Span::new(50, 55))]
        );
        reg.actors.pop();
        assert!(codes(&reg, &Act::default()).is_empty());
    }

    /// Issue 12: the check compares roles, not the words they are written
    /// in ("исполнитель услугодателя" listed, "исполнителем" acting).
    #[test]
    fn participants_are_compared_by_role() {
        let mut reg = regulation();
        let mut acting = step(1, "executor", Some(5), 10);
        acting.actor = Some(Actor {
            role: Some(at("executor".to_string(), 10)),
            text: at("исполнителем".to_string(), 10),
        });
        reg.procedures = vec![acting];
        reg.actors = vec![Actor {
            role: Some(at("executor".to_string(), 50)),
            text: at("Ответственный исполнитель услугодателя".to_string(), 50),
        }];
        assert!(codes(&reg, &Act::default()).is_empty());
    }

    #[test]
    fn steps_longer_than_the_service_term() {
        let mut reg = regulation();
        reg.procedures = vec![
            step(1, "clerk", Some(20), 10),
            step(2, "clerk", Some(20), 20),
        ];
        reg.terms = vec![Term {
            kind: TermKind::ServiceTerm,
            durations: vec![duration(30, DurationUnit::Minute, 70)],
            text: at("30 минут".to_string(), 70),
        }];
        assert_eq!(
            codes(&reg, &Act::default()),
            [(Code::ProceduresExceedTerm, Span::new(70, 75))]
        );
        reg.terms[0].durations = vec![duration(1, DurationUnit::WorkingDay, 70)];
        assert!(codes(&reg, &Act::default()).is_empty());
    }

    /// Issue 8: steps whose minutes overflow a u64 together neither panic
    /// nor give a total.
    #[test]
    fn steps_too_long_to_sum_are_no_total() {
        let mut reg = regulation();
        reg.procedures = vec![
            step(1, "clerk", Some(u64::MAX / 2 + 1), 10),
            step(2, "clerk", Some(u64::MAX / 2 + 1), 20),
        ];
        reg.terms = vec![Term {
            kind: TermKind::ServiceTerm,
            durations: vec![duration(30, DurationUnit::Minute, 70)],
            text: at("30 минут".to_string(), 70),
        }];
        assert!(codes(&reg, &Act::default()).is_empty());
        // Each alone still counts.
        reg.procedures.pop();
        assert_eq!(
            codes(&reg, &Act::default()),
            [(Code::ProceduresExceedTerm, Span::new(70, 75))]
        );
    }

    #[test]
    fn an_approval_line_dating_the_act_otherwise() {
        let date = |s: &str, start| Some(at(Date::parse(s).unwrap(), start));
        let act = Act {
            number: Some(at("37/03".to_string(), 0)),
            date: date("2016-05-30", 10),
            ..Act::default()
        };
        let mut reg = regulation();
        reg.approved_by = Some(ActRef {
            id: None,
            kind: None,
            issuer: None,
            date: date("2017-05-30", 200),
            number: Some(at("37/03".to_string(), 220)),
            title: None,
            text: at("…".to_string(), 200),
        });
        assert_eq!(
            codes(&reg, &act),
            [(Code::ApprovedDateMismatch, Span::new(200, 205))]
        );
        if let Some(by) = &mut reg.approved_by {
            by.date = date("2016-05-30", 200);
        }
        assert!(codes(&reg, &act).is_empty());
    }

    #[test]
    fn minutes_count_a_working_day_as_eight_hours() {
        assert_eq!(minutes(1, DurationUnit::WorkingDay), Some(480));
        assert_eq!(minutes(2, DurationUnit::Day), Some(2880));
        assert_eq!(minutes(1, DurationUnit::Month), None);
        assert_eq!(minutes(u64::MAX, DurationUnit::Hour), None);
    }
}
