//! Diagnostics: what the pipeline found about a text, beside the record.
//!
//! Invariant: every code is a [`Code`] variant, serialized kebab-case
//! (`date-invalid`), has one fixed [`Level`], and is listed in README's
//! table of codes; a unit test holds the table and the enum together.

use crate::span::Span;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How serious a diagnostic is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Something was repaired or is worth a look.
    Info,
    /// A value may be wrong or missing.
    Warning,
    /// A value is certainly wrong or missing.
    Error,
}

/// A stable diagnostic code. Tools and auditors filter on these, so a code
/// is never renamed; README's "Diagnostics" table lists them all.
// Not `Ord`: the variants' order is the table's, not the alphabet, and the
// record sorts diagnostics by the code as written; sort by `Code::as_str`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// A hyperlink word the PDF export moved to the end of its line was put
    /// back.
    DisplacedWordRepaired,
    /// A word looks displaced, but its place cannot be proven; the text was
    /// left as it was.
    DisplacedWordUnplaced,
    /// A date that is not a calendar date, or outside 1900–2100.
    DateInvalid,
    /// `№` with no number after it.
    NumberMissing,
    /// The text does not state the act's kind, date, number or issuer, so
    /// no id can be formed.
    ActIdentityIncomplete,
    /// A local body whose oblast the text does not name.
    RegionUnknown,
    /// A regulation standing alone, with no act named as approving it.
    ApprovedByMissing,
    /// Text in the header that is not title, status, requisites or footnote.
    HeaderTextUnplaced,
    /// A paragraph over the size limit, kept but not read for facts.
    ParagraphTooLong,
    /// A first paragraph too long to be a title.
    TitleTooLong,
    /// Paragraphs in the other language (a bilingual text).
    LanguageMixed,
    /// A duration's digits and words disagree: «2 (трех) минут».
    DurationWordsMismatch,
    /// A step's duration differs between chapter 2 and chapter 3.
    DurationChaptersDiffer,
    /// The participants listed in chapter 3 are not those who act in the
    /// steps.
    ActorsMismatch,
    /// The steps together take longer than the service term.
    ProceduresExceedTerm,
    /// An appendix's «Утвержден … от» date disagrees with the act it names.
    ApprovedDateMismatch,
    /// A step names no participant the role lexicon knows.
    ProcedureActorMissing,
    /// A step states no duration.
    ProcedureDurationMissing,
    /// A regulation whose title names no service in quotes.
    ServiceMissing,
    /// The act lists a service under another name than its appendix's title.
    ServiceNameDiffers,
    /// A line among amendment instructions that is neither an operation,
    /// its wording, nor a context.
    AmendmentTextUnplaced,
    /// An instruction names a unit without a number reglament can read.
    AmendmentPathUnresolved,
    /// A new wording's closing quote is missing.
    AmendmentWordingUnclosed,
    /// The act is dated before an act it amends or repeals, or after the
    /// act it lost force by.
    DateBeforeTarget,
    /// Normalization did not reach a fixed point in its rounds.
    NormalizationNotConverged,
    /// A rule passed a slice from outside the document, so it has no span.
    SpanOutsideDocument,
    /// A procedure or step number that does not parse.
    ProcedureNumberInvalid,
    /// A local body's oblast is not in its name, and the context names
    /// several oblasts: the region stays unknown.
    RegionAmbiguous,
    /// An abolished oblast (Семипалатинская, Тургайская …) was read as its
    /// successor.
    RegionSuccessor,
    /// An act folder's text states a fact otherwise than its meta.yaml
    /// requisite line, which outranks it.
    RequisiteDisagrees,
    /// A step's performer, read from the step's grammar, is no role the
    /// lexicon knows: kept as written, with role `other`.
    ActorUnknownRole,
    /// The Russian and Kazakh texts of one act give a service a different
    /// number of steps, or a step a different duration.
    RuKkMismatch,
}

impl Code {
    /// Every code, in declaration order (the README table's order).
    pub const ALL: [Code; 32] = [
        Code::DisplacedWordRepaired,
        Code::DisplacedWordUnplaced,
        Code::DateInvalid,
        Code::NumberMissing,
        Code::ActIdentityIncomplete,
        Code::RegionUnknown,
        Code::ApprovedByMissing,
        Code::HeaderTextUnplaced,
        Code::ParagraphTooLong,
        Code::TitleTooLong,
        Code::LanguageMixed,
        Code::DurationWordsMismatch,
        Code::DurationChaptersDiffer,
        Code::ActorsMismatch,
        Code::ProceduresExceedTerm,
        Code::ApprovedDateMismatch,
        Code::ProcedureActorMissing,
        Code::ProcedureDurationMissing,
        Code::ServiceMissing,
        Code::ServiceNameDiffers,
        Code::AmendmentTextUnplaced,
        Code::AmendmentPathUnresolved,
        Code::AmendmentWordingUnclosed,
        Code::DateBeforeTarget,
        Code::NormalizationNotConverged,
        Code::SpanOutsideDocument,
        Code::ProcedureNumberInvalid,
        Code::RegionAmbiguous,
        Code::RegionSuccessor,
        Code::RequisiteDisagrees,
        Code::ActorUnknownRole,
        Code::RuKkMismatch,
    ];

    /// The code as it appears in JSON (`date-invalid`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::DisplacedWordRepaired => "displaced-word-repaired",
            Code::DisplacedWordUnplaced => "displaced-word-unplaced",
            Code::DateInvalid => "date-invalid",
            Code::NumberMissing => "number-missing",
            Code::ActIdentityIncomplete => "act-identity-incomplete",
            Code::RegionUnknown => "region-unknown",
            Code::ApprovedByMissing => "approved-by-missing",
            Code::HeaderTextUnplaced => "header-text-unplaced",
            Code::ParagraphTooLong => "paragraph-too-long",
            Code::TitleTooLong => "title-too-long",
            Code::LanguageMixed => "language-mixed",
            Code::DurationWordsMismatch => "duration-words-mismatch",
            Code::DurationChaptersDiffer => "duration-chapters-differ",
            Code::ActorsMismatch => "actors-mismatch",
            Code::ProceduresExceedTerm => "procedures-exceed-term",
            Code::ApprovedDateMismatch => "approved-date-mismatch",
            Code::ProcedureActorMissing => "procedure-actor-missing",
            Code::ProcedureDurationMissing => "procedure-duration-missing",
            Code::ServiceMissing => "service-missing",
            Code::ServiceNameDiffers => "service-name-differs",
            Code::AmendmentTextUnplaced => "amendment-text-unplaced",
            Code::AmendmentPathUnresolved => "amendment-path-unresolved",
            Code::AmendmentWordingUnclosed => "amendment-wording-unclosed",
            Code::DateBeforeTarget => "date-before-target",
            Code::NormalizationNotConverged => "normalization-not-converged",
            Code::SpanOutsideDocument => "span-outside-document",
            Code::ProcedureNumberInvalid => "procedure-number-invalid",
            Code::RegionAmbiguous => "region-ambiguous",
            Code::RegionSuccessor => "region-successor",
            Code::RequisiteDisagrees => "requisite-disagrees",
            Code::ActorUnknownRole => "actor-unknown-role",
            Code::RuKkMismatch => "ru-kk-mismatch",
        }
    }

    /// How serious a finding of this code is. Each code has one level, so
    /// a reader can filter on either and get the same answer.
    pub fn level(self) -> Level {
        match self {
            Code::DisplacedWordRepaired
            | Code::RegionUnknown
            | Code::HeaderTextUnplaced
            | Code::LanguageMixed
            | Code::ProcedureActorMissing
            | Code::ProcedureDurationMissing
            | Code::ServiceNameDiffers
            | Code::RegionAmbiguous
            | Code::RegionSuccessor
            | Code::ActorUnknownRole => Level::Info,
            Code::DisplacedWordUnplaced
            | Code::NumberMissing
            | Code::ActIdentityIncomplete
            | Code::ApprovedByMissing
            | Code::ParagraphTooLong
            | Code::TitleTooLong
            | Code::DurationChaptersDiffer
            | Code::ActorsMismatch
            | Code::ProceduresExceedTerm
            | Code::ApprovedDateMismatch
            | Code::ServiceMissing
            | Code::AmendmentTextUnplaced
            | Code::AmendmentPathUnresolved
            | Code::AmendmentWordingUnclosed
            | Code::DateBeforeTarget
            | Code::NormalizationNotConverged
            | Code::SpanOutsideDocument
            | Code::ProcedureNumberInvalid
            | Code::RuKkMismatch
            | Code::RequisiteDisagrees => Level::Warning,
            Code::DateInvalid | Code::DurationWordsMismatch => Level::Error,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finding about the text: a repair, an ambiguity, text not placed, a
/// consistency problem. Codes are stable (README lists them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// Severity; each code has one level.
    pub level: Level,
    /// Stable code, e.g. `date-invalid`.
    pub code: Code,
    /// Human-readable explanation.
    pub message: String,
    /// Where in the original file.
    pub span: Span,
}

impl Diagnostic {
    /// A diagnostic of `code`, at its code's level.
    pub fn new(code: Code, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            level: code.level(),
            code,
            message: message.into(),
            span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The variant declared after `c`. An exhaustive match: a new variant
    /// does not compile until it is placed in this chain.
    fn next(c: Code) -> Option<Code> {
        use Code::*;
        match c {
            DisplacedWordRepaired => Some(DisplacedWordUnplaced),
            DisplacedWordUnplaced => Some(DateInvalid),
            DateInvalid => Some(NumberMissing),
            NumberMissing => Some(ActIdentityIncomplete),
            ActIdentityIncomplete => Some(RegionUnknown),
            RegionUnknown => Some(ApprovedByMissing),
            ApprovedByMissing => Some(HeaderTextUnplaced),
            HeaderTextUnplaced => Some(ParagraphTooLong),
            ParagraphTooLong => Some(TitleTooLong),
            TitleTooLong => Some(LanguageMixed),
            LanguageMixed => Some(DurationWordsMismatch),
            DurationWordsMismatch => Some(DurationChaptersDiffer),
            DurationChaptersDiffer => Some(ActorsMismatch),
            ActorsMismatch => Some(ProceduresExceedTerm),
            ProceduresExceedTerm => Some(ApprovedDateMismatch),
            ApprovedDateMismatch => Some(ProcedureActorMissing),
            ProcedureActorMissing => Some(ProcedureDurationMissing),
            ProcedureDurationMissing => Some(ServiceMissing),
            ServiceMissing => Some(ServiceNameDiffers),
            ServiceNameDiffers => Some(AmendmentTextUnplaced),
            AmendmentTextUnplaced => Some(AmendmentPathUnresolved),
            AmendmentPathUnresolved => Some(AmendmentWordingUnclosed),
            AmendmentWordingUnclosed => Some(DateBeforeTarget),
            DateBeforeTarget => Some(NormalizationNotConverged),
            NormalizationNotConverged => Some(SpanOutsideDocument),
            SpanOutsideDocument => Some(ProcedureNumberInvalid),
            ProcedureNumberInvalid => Some(RegionAmbiguous),
            RegionAmbiguous => Some(RegionSuccessor),
            RegionSuccessor => Some(RequisiteDisagrees),
            RequisiteDisagrees => Some(ActorUnknownRole),
            ActorUnknownRole => Some(RuKkMismatch),
            RuKkMismatch => None,
        }
    }

    #[test]
    fn all_covers_every_variant_in_order() {
        let mut chain = vec![Code::DisplacedWordRepaired];
        while let Some(n) = chain.last().copied().and_then(next) {
            chain.push(n);
        }
        assert_eq!(chain, Code::ALL);
        // Declaration order, no gaps: a variant left out of the chain
        // would shift these.
        for (i, c) in Code::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i, "{c}");
        }
    }

    #[test]
    fn as_str_is_the_json_name() {
        for c in Code::ALL {
            let json = serde_json::to_value(c).unwrap();
            assert_eq!(json, serde_json::Value::from(c.as_str()));
            let back: Code = serde_json::from_value(json).unwrap();
            assert_eq!(back, c);
        }
    }

    #[test]
    fn a_diagnostic_takes_its_codes_level() {
        let d = Diagnostic::new(Code::DateInvalid, "31 February", Span::new(3, 5));
        assert_eq!(d.level, Level::Error);
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            json,
            r#"{"level":"error","code":"date-invalid","message":"31 February","span":[3,5]}"#
        );
    }

    /// `(code, level)` of each row of README's table of diagnostics.
    fn readme_table() -> Vec<(String, String)> {
        let readme = include_str!("../../README.md");
        let section = readme
            .split("### Diagnostics")
            .nth(1)
            .expect("README has a Diagnostics section");
        let section = section.split("\n#").next().unwrap_or(section);
        section
            .lines()
            .filter(|l| l.starts_with("| `"))
            .map(|l| {
                let cells: Vec<&str> = l.split('|').map(str::trim).collect();
                (cells[1].trim_matches('`').to_string(), cells[2].to_string())
            })
            .collect()
    }

    #[test]
    fn readme_lists_every_code_with_its_level() {
        let table = readme_table();
        for c in Code::ALL {
            let row = table.iter().find(|(code, _)| code == c.as_str());
            let level = serde_json::to_value(c.level()).unwrap();
            assert_eq!(
                row.map(|(_, l)| l.as_str()),
                level.as_str(),
                "README's table of diagnostics: {c}"
            );
        }
    }

    #[test]
    fn every_code_in_readme_is_a_variant() {
        let table = readme_table();
        assert!(!table.is_empty());
        for (code, _) in &table {
            let parsed: Result<Code, _> = serde_json::from_value(code.as_str().into());
            assert!(parsed.is_ok(), "README lists {code}, which is no Code");
        }
        assert_eq!(table.len(), Code::ALL.len(), "a code listed twice");
    }
}
