//! A regulation's own structure: its title, chapters ("1. Общие положения",
//! "Глава 2. …", "1. Жалпы ережелер"), numbered points ("5.") with their
//! subpoints ("1)") and loose paragraphs, and its own appendices (diagrams,
//! the business-process handbook).
//!
//! Invariant: every block of the appendix body after the title lands in
//! exactly one place, in order.

use super::{Block, Class, chapter_heading};
use crate::grammar::Grammar;
use std::ops::Range;

/// A numbered point and what follows it up to the next point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// The "5. …" block.
    pub head: Block,
    /// Its number.
    pub n: Option<u32>,
    /// Subpoints and paragraphs after it, in order.
    pub items: Vec<(Block, Class)>,
}

/// A chapter: its heading (none for what precedes the first heading), the
/// paragraphs before its first point, and its points.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Chapter {
    /// The heading block.
    pub heading: Option<Block>,
    /// The chapter number's range.
    pub number: Option<Range<usize>>,
    /// The chapter id from the grammar (`general`, `actions`, …).
    pub id: Option<String>,
    /// Paragraphs before the first point.
    pub loose: Vec<(Block, Class)>,
    /// Its points.
    pub points: Vec<Point>,
}

/// A regulation's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regulation {
    /// The title block («Регламент государственной услуги "…"»).
    pub title: Block,
    /// Chapters, the first possibly without a heading.
    pub chapters: Vec<Chapter>,
    /// Its own appendices, each a list of blocks.
    pub appendices: Vec<Vec<(Block, Class)>>,
}

impl Regulation {
    /// Every point, in order.
    pub fn points(&self) -> impl Iterator<Item = &Point> {
        self.chapters.iter().flat_map(|c| c.points.iter())
    }

    /// The chapter with this id.
    pub fn chapter(&self, id: &str) -> Option<&Chapter> {
        self.chapters.iter().find(|c| c.id.as_deref() == Some(id))
    }
}

/// The regulation in an appendix body: `None` when the body has no title.
pub fn regulation(text: &str, body: &[(Block, Class)], g: &Grammar) -> Option<Regulation> {
    let title_at = approving_heading(text, body, g)
        .or_else(|| body.iter().position(|(_, c)| *c == Class::RegulationTitle))?;
    let title = body.get(title_at)?.0.clone();
    let mut reg = Regulation {
        title,
        chapters: vec![Chapter::default()],
        appendices: Vec::new(),
    };
    for (block, class) in body.iter().skip(title_at + 1) {
        place(&mut reg, text, block, class, g);
    }
    // A leading chapter with nothing in it is only the placeholder.
    if reg
        .chapters
        .first()
        .is_some_and(|c| c.heading.is_none() && c.loose.is_empty() && c.points.is_empty())
    {
        reg.chapters.remove(0);
    }
    Some(reg)
}

/// An appendix that opens with the approving act's title («"…" мемлекеттік
/// қызмет көрсету қағидаларын бекіту туралы») in place of the document's:
/// the document is there all the same.
fn approving_heading(text: &str, body: &[(Block, Class)], g: &Grammar) -> Option<usize> {
    let (block, _) = body.first()?;
    let s = text.get(block.range.clone())?;
    super::approving_title(s, g).map(|_| 0)
}

fn place(reg: &mut Regulation, text: &str, block: &Block, class: &Class, g: &Grammar) {
    if *class == Class::RegulationAppendix {
        reg.appendices.push(vec![(block.clone(), class.clone())]);
        return;
    }
    if let Some(appendix) = reg.appendices.last_mut() {
        appendix.push((block.clone(), class.clone()));
        return;
    }
    if *class == Class::Chapter {
        let s = text.get(block.range.clone()).unwrap_or("");
        let number =
            chapter_heading(s, g).map(|r| block.range.start + r.start..block.range.start + r.end);
        let id = g.chapters.find(s).map(|(id, _)| id);
        reg.chapters.push(Chapter {
            heading: Some(block.clone()),
            number,
            id,
            ..Chapter::default()
        });
        return;
    }
    let Some(chapter) = reg.chapters.last_mut() else {
        return;
    };
    if *class == Class::Point {
        let s = text.get(block.range.clone()).unwrap_or("");
        let n = crate::numbering::item_number(g, s)
            .ok()
            .and_then(|(_, n)| n.first());
        chapter.points.push(Point {
            head: block.clone(),
            n,
            items: Vec::new(),
        });
        return;
    }
    match chapter.points.last_mut() {
        Some(point) => point.items.push((block.clone(), class.clone())),
        None => chapter.loose.push((block.clone(), class.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_text;
    use crate::source::Format;
    use crate::text::Text;

    #[test]
    fn chapters_points_and_appendices() {
        let g = crate::grammar::for_tests();
        let s = "Регламент государственной услуги \"Выдача справок\"\n\n1. Общие положения\n\n\
                 1. Государственная услуга \"Выдача справок\".\n\n2. Срок оказания:\n\n1) 30 минут;\n\n\
                 2. Описание порядка действий структурных подразделений\n\n3. Содержание каждой процедуры:\n\n\
                 1) работник канцелярии регистрирует документы;\n\nРезультат - запись;\n\n\
                 Приложение 1 к регламенту государственной услуги \"Выдача справок\"\n\nДиаграмма";
        let n = normalize_text(&Text::identity(s), Format::Text, g);
        let seg = crate::segment::segment(&n, g);
        let body = seg
            .appendices
            .first()
            .map(|a| a.body.clone())
            .unwrap_or_default();
        let reg = regulation(n.text.as_str(), &body, g);
        let Some(reg) = reg else {
            panic!("no regulation in {:?}", seg)
        };
        assert_eq!(reg.chapters.len(), 2);
        assert_eq!(
            reg.chapters.first().and_then(|c| c.id.as_deref()),
            Some("general")
        );
        assert_eq!(reg.chapter("actions").map(|c| c.points.len()), Some(1));
        let steps = reg
            .chapter("actions")
            .and_then(|c| c.points.first())
            .map(|p| p.items.len());
        assert_eq!(steps, Some(2));
        assert_eq!(reg.appendices.len(), 1);
        assert_eq!(
            reg.points().filter_map(|p| p.n).collect::<Vec<_>>(),
            [1, 2, 3]
        );
    }
}
