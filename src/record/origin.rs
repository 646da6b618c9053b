//! Which file a value was read from. An act folder's record is read from
//! its text, and the facts of its requisite line from meta.yaml; moving a
//! value read from meta.yaml into the record marks every span in it.

use super::{ActRef, EntryIntoForce, Issuer, LostForce, Registration};
use crate::span::{Span, Spanned};

/// A value whose spans all point into meta.yaml once marked.
pub trait InMeta {
    /// The value, every span in it marked as meta.yaml's.
    fn in_meta(self) -> Self;
}

impl InMeta for Span {
    fn in_meta(self) -> Self {
        Span::in_meta(self)
    }
}

impl<T> InMeta for Spanned<T> {
    fn in_meta(self) -> Self {
        Spanned {
            value: self.value,
            span: self.span.in_meta(),
        }
    }
}

impl<T: InMeta> InMeta for Option<T> {
    fn in_meta(self) -> Self {
        self.map(InMeta::in_meta)
    }
}

impl InMeta for Issuer {
    fn in_meta(self) -> Self {
        Issuer {
            body: self.body.in_meta(),
            region: self.region.in_meta(),
            name: self.name.in_meta(),
        }
    }
}

impl InMeta for ActRef {
    fn in_meta(self) -> Self {
        ActRef {
            id: self.id,
            kind: self.kind.in_meta(),
            issuer: self.issuer.in_meta(),
            date: self.date.in_meta(),
            number: self.number.in_meta(),
            title: self.title.in_meta(),
            text: self.text.in_meta(),
        }
    }
}

impl InMeta for Registration {
    fn in_meta(self) -> Self {
        Registration {
            authority: self.authority.in_meta(),
            date: self.date.in_meta(),
            number: self.number.in_meta(),
        }
    }
}

impl InMeta for EntryIntoForce {
    fn in_meta(self) -> Self {
        EntryIntoForce {
            rule: self.rule,
            days: self.days.in_meta(),
            date: self.date.in_meta(),
            text: self.text.in_meta(),
        }
    }
}

impl InMeta for LostForce {
    fn in_meta(self) -> Self {
        LostForce {
            by: self.by.in_meta(),
            effective: self.effective.in_meta(),
            statement: self.statement.in_meta(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Body;
    use crate::span::SpanFile;

    /// Every span of an issuer moves to meta.yaml, values unchanged.
    #[test]
    fn marks_every_span() {
        let i = Issuer {
            body: Some(Spanned::new(Body::Akim, Span::new(1, 2))),
            region: Some(Spanned::new("KZ-11".into(), Span::new(3, 4))),
            name: Spanned::new("акима".into(), Span::new(5, 6)),
        }
        .in_meta();
        let spans = [i.body.unwrap().span, i.region.unwrap().span, i.name.span];
        assert!(spans.iter().all(|s| s.file == SpanFile::Meta));
        assert_eq!(spans[2].range(), 5..6);
    }
}
