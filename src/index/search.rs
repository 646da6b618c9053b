//! Running a query: the words analysed for both languages, filters read
//! from the act table by each document's act number, facet counts of
//! every match, the best hits grouped by act, and snippets.

use super::Index;
use super::documents::{Level, lang_code, lang_of};
use super::query::{MAX_DEPTH, Part, Query};
use super::schema::Fields;
use super::state::{ActInfo, index_error};
use crate::error::Result;
use crate::record::Language;
use crate::registry::StatusValue;
use serde::Serialize;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query as TQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
};

/// How much heading words weigh against body text.
const TITLE_BOOST: f32 = 2.0;
/// Words this long or longer tolerate one typo.
const FUZZY_MIN_CHARS: usize = 5;
/// The most hits shown for one act.
const HITS_PER_GROUP: usize = 3;
/// The longest snippet, in characters.
const SNIPPET_CHARS: usize = 240;

/// One hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The search document's id.
    pub id: String,
    /// Its act.
    pub act_id: String,
    /// The act, for people.
    pub act: String,
    /// Its regulation, if any.
    pub regulation_id: Option<String>,
    /// Its level.
    pub level: Level,
    /// Its language.
    pub lang: Language,
    /// Where it is, for people.
    pub path: String,
    /// The source file.
    pub source: String,
    /// Its span in the source file.
    pub span: [u64; 2],
    /// Its act's status on `as_of`.
    pub status: StatusValue,
    /// The act that decided that status, if another act did.
    pub status_by: Option<String>,
    /// The heading words.
    pub title: String,
    /// The text around the matched words, which are in `<b>…</b>` (the rest
    /// is HTML-escaped).
    pub snippet: String,
    /// Its score.
    pub score: f32,
}

/// Counts of matching documents by facet value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// By status on `as_of`.
    pub status: BTreeMap<String, u64>,
    /// By region (`KZ` for national acts, `none` when unknown).
    pub region: BTreeMap<String, u64>,
    /// By language.
    pub lang: BTreeMap<String, u64>,
    /// By kind of act.
    pub kind: BTreeMap<String, u64>,
    /// By year of adoption.
    pub year: BTreeMap<String, u64>,
}

/// The answer to a query.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Results {
    /// The hits of this page, grouped by act (best act first).
    pub hits: Vec<Hit>,
    /// Facet counts over every match.
    pub facets: Facets,
    /// Matching documents.
    pub total: u64,
    /// Acts among the best matches (what pages count).
    pub groups: usize,
    /// The page.
    pub page: usize,
    /// Groups per page.
    pub per_page: usize,
}

/// The facet value of an act with no known value.
const NONE: &str = "none";

impl Index {
    /// Run a query.
    pub fn search(&self, q: &Query) -> Result<Results> {
        let searcher = self.reader.searcher();
        let query = self.text_query(&searcher, q)?;
        let allowed = Arc::new(allowed(&self.state.acts, q));
        let collector = Collect {
            allowed: Arc::clone(&allowed),
            level: q.level.map(Level::code),
            lang: q.lang.map(lang_code),
            acts: self.state.acts.len(),
            keep: keep(q),
        };
        let fruit = searcher
            .search(&*query, &collector)
            .map_err(|e| index_error(&self.dir, e))?;
        let mut results = Results {
            facets: self.facets(&fruit.counts, q),
            total: fruit.counts.iter().map(|c| u64::from(c[0] + c[1])).sum(),
            page: q.page,
            per_page: q.per_page,
            ..Results::default()
        };
        let groups = group(fruit.best);
        results.groups = groups.len();
        let first = (q.page - 1) * q.per_page;
        let page: Vec<(Score, DocAddress)> = groups
            .into_iter()
            .skip(first)
            .take(q.per_page)
            .flatten()
            .collect();
        let snippets = if q.snippets {
            Some(self.snippet_generators(&searcher, &*query)?)
        } else {
            None
        };
        for (score, addr) in page {
            results
                .hits
                .push(self.hit(&searcher, addr, score, q, snippets.as_ref())?);
        }
        Ok(results)
    }

    /// The text part of a query: every word (in either language) must match.
    fn text_query(&self, searcher: &Searcher, q: &Query) -> Result<Box<dyn TQuery>> {
        let mut must: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for part in q.parts() {
            let clause = match &part {
                Part::Word(w) => self.word(searcher, w)?,
                Part::Phrase(p) => self.phrase(p, &[self.fields.title, self.fields.text]),
            };
            must.extend(clause.map(|c| (Occur::Must, c)));
        }
        if let Some(s) = &q.service {
            let words = Query::new(s, q.as_of)?.parts();
            let mut all: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
            for w in words {
                let text = match w {
                    Part::Word(w) | Part::Phrase(w) => w,
                };
                all.extend(
                    self.phrase(&text, &[self.fields.service])
                        .map(|c| (Occur::Must, c)),
                );
            }
            if !all.is_empty() {
                must.push((Occur::Must, Box::new(BooleanQuery::new(all))));
            }
        }
        Ok(if must.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(must))
        })
    }

    /// The tokens of `text` as the analyzer of `lang` makes them, with
    /// their positions.
    fn tokens(&self, lang: Language, text: &str) -> Vec<(usize, String)> {
        let name = match lang {
            Language::Ru => super::analysis::RU,
            Language::Kk => super::analysis::KK,
        };
        match self.inner.tokenizers().get(name) {
            Some(mut analyzer) => super::analysis::tokens(&mut analyzer, text),
            None => Vec::new(),
        }
    }

    /// One word: its analysed forms in either language's fields; a word of
    /// five letters or more that matches nothing tolerates one typo.
    fn word(&self, searcher: &Searcher, w: &str) -> Result<Option<Box<dyn TQuery>>> {
        let pairs = [self.fields.title, self.fields.text];
        let mut terms: Vec<(Language, Vec<(usize, String)>)> = Vec::new();
        for lang in [Language::Ru, Language::Kk] {
            let t = self.tokens(lang, w);
            if !t.is_empty() {
                terms.push((lang, t));
            }
        }
        if terms.is_empty() {
            return Ok(None);
        }
        let single = terms.iter().all(|(_, t)| t.len() == 1);
        if !single {
            // "5-1", "e-Gov": a phrase of its pieces.
            return Ok(self.phrase(w, &pairs));
        }
        let mut found = 0;
        for (lang, t) in &terms {
            for (_, text) in t {
                for pair in pairs {
                    let term = Term::from_field_text(Fields::of(pair, *lang), text);
                    found += searcher
                        .doc_freq(&term)
                        .map_err(|e| index_error(&self.dir, e))?;
                }
            }
        }
        let fuzzy = found == 0 && w.chars().count() >= FUZZY_MIN_CHARS;
        let mut any: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for (lang, t) in &terms {
            for (_, text) in t {
                for pair in pairs {
                    let field = Fields::of(pair, *lang);
                    let term = Term::from_field_text(field, text);
                    let q: Box<dyn TQuery> = if fuzzy {
                        Box::new(FuzzyTermQuery::new(term, 1, true))
                    } else {
                        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
                    };
                    any.push((Occur::Should, boost(pair == self.fields.title, q)));
                }
            }
        }
        Ok(Some(Box::new(BooleanQuery::new(any))))
    }

    /// A phrase in any of `pairs`' fields, in either language.
    fn phrase(&self, text: &str, pairs: &[[Field; 2]]) -> Option<Box<dyn TQuery>> {
        let mut any: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for lang in [Language::Ru, Language::Kk] {
            let tokens = self.tokens(lang, text);
            for &pair in pairs {
                let field = Fields::of(pair, lang);
                let q: Box<dyn TQuery> = match tokens.as_slice() {
                    [] => continue,
                    [(_, t)] => Box::new(TermQuery::new(
                        Term::from_field_text(field, t),
                        IndexRecordOption::WithFreqs,
                    )),
                    _ => {
                        let first = tokens.first().map_or(0, |(p, _)| *p);
                        let terms = tokens
                            .iter()
                            .map(|(p, t)| (p - first, Term::from_field_text(field, t)))
                            .collect();
                        Box::new(PhraseQuery::new_with_offset(terms))
                    }
                };
                any.push((Occur::Should, boost(pair == self.fields.title, q)));
            }
        }
        (!any.is_empty()).then(|| Box::new(BooleanQuery::new(any)) as Box<dyn TQuery>)
    }

    fn facets(&self, counts: &[[u32; 2]], q: &Query) -> Facets {
        let mut f = Facets::default();
        for (act, c) in self.state.acts.iter().zip(counts) {
            let n = u64::from(c[0] + c[1]);
            if n == 0 {
                continue;
            }
            let status = act.status_on(q.as_of);
            *f.status.entry(name(&status)).or_default() += n;
            let region = act.region.clone().unwrap_or_else(|| national(act));
            *f.region.entry(region).or_default() += n;
            let kind = act.kind.clone().unwrap_or_else(|| NONE.into());
            *f.kind.entry(kind).or_default() += n;
            let year = act.year().map_or_else(|| NONE.into(), |y| y.to_string());
            *f.year.entry(year).or_default() += n;
            for (i, lang) in [Language::Ru, Language::Kk].into_iter().enumerate() {
                let k = c.get(i).copied().map_or(0, u64::from);
                if k > 0 {
                    *f.lang.entry(lang.code().into()).or_default() += k;
                }
            }
        }
        f
    }

    fn snippet_generators(
        &self,
        searcher: &Searcher,
        query: &dyn TQuery,
    ) -> Result<[SnippetGenerator; 2]> {
        let make = |field| {
            SnippetGenerator::create(searcher, query, field)
                .map(|mut g| {
                    g.set_max_num_chars(SNIPPET_CHARS);
                    g
                })
                .map_err(|e| index_error(&self.dir, e))
        };
        let [ru, kk] = self.fields.text;
        Ok([make(ru)?, make(kk)?])
    }

    fn hit(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        score: Score,
        q: &Query,
        snippets: Option<&[SnippetGenerator; 2]>,
    ) -> Result<Hit> {
        let doc: TantivyDocument = searcher.doc(addr).map_err(|e| index_error(&self.dir, e))?;
        let f = &self.fields;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let number = |field: Field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
        let lang = lang_of(number(f.lang));
        let act_id = text(f.act_id);
        let act = self.state.acts.iter().find(|a| a.id == act_id);
        let interval = act.and_then(|a| a.interval_on(q.as_of));
        let snippet = match (snippets, lang) {
            (Some([ru, _]), Language::Ru) => ru.snippet_from_doc(&doc).to_html(),
            (Some([_, kk]), Language::Kk) => kk.snippet_from_doc(&doc).to_html(),
            (None, _) => String::new(),
        };
        let snippet = if snippet.is_empty() && q.snippets {
            let body = text(Fields::of(f.text, lang));
            html_escape::encode_text(&body.chars().take(SNIPPET_CHARS).collect::<String>())
                .to_string()
        } else {
            snippet
        };
        Ok(Hit {
            id: text(f.id),
            act: act.map(|a| a.label.clone()).unwrap_or_default(),
            act_id,
            regulation_id: Some(text(f.regulation_id)).filter(|s| !s.is_empty()),
            level: Level::from_code(number(f.level)).unwrap_or(Level::Provision),
            lang,
            path: text(f.path),
            source: text(f.source),
            span: [number(f.span_start), number(f.span_end)],
            status: interval.map_or(StatusValue::Unknown, |i| i.status),
            status_by: interval.and_then(|i| i.by.clone()),
            title: text(Fields::of(f.title, lang)),
            snippet,
            score,
        })
    }
}

fn boost(title: bool, q: Box<dyn TQuery>) -> Box<dyn TQuery> {
    if title {
        Box::new(BoostQuery::new(q, TITLE_BOOST))
    } else {
        q
    }
}

/// A value's name as JSON writes it.
fn name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => NONE.into(),
    }
}

/// The region facet of an act that names none: `KZ` for a national body's
/// act, `none` otherwise.
fn national(act: &ActInfo) -> String {
    let local = ["akimat", "akim", "maslikhat"];
    match &act.body {
        Some(b) if !local.contains(&b.as_str()) => "KZ".into(),
        _ => NONE.into(),
    }
}

/// Which acts the query's act filters let through.
fn allowed(acts: &[ActInfo], q: &Query) -> Vec<bool> {
    acts.iter()
        .map(|a| {
            q.status.is_none_or(|s| a.status_on(q.as_of) == s)
                && q.region.as_ref().is_none_or(|r| {
                    a.region.as_ref() == Some(r) || (r == "KZ" && national(a) == "KZ")
                })
                && q.body.is_none_or(|b| a.body.as_deref() == Some(b.as_str()))
                && q.kind.is_none_or(|k| a.kind.as_deref() == Some(k.as_str()))
                && q.year
                    .is_none_or(|(from, to)| a.year().is_some_and(|y| from <= y && y <= to))
        })
        .collect()
}

/// How many of the best matches to keep: enough for the asked page's
/// groups even when each act has several hits.
fn keep(q: &Query) -> usize {
    (q.page * q.per_page * HITS_PER_GROUP * 4).clamp(50, MAX_DEPTH * HITS_PER_GROUP)
}

/// The best matches grouped by act: groups in the order of their best
/// hit, at most [`HITS_PER_GROUP`] hits each.
fn group(best: Vec<(Score, u64, DocAddress, u64)>) -> Vec<Vec<(Score, DocAddress)>> {
    let mut order: Vec<u64> = Vec::new();
    let mut groups: HashMap<u64, Vec<(Score, DocAddress)>> = HashMap::new();
    for (score, _, addr, act) in best {
        let g = groups.entry(act).or_insert_with(|| {
            order.push(act);
            Vec::new()
        });
        if g.len() < HITS_PER_GROUP {
            g.push((score, addr));
        }
    }
    order
        .into_iter()
        .filter_map(|a| groups.remove(&a))
        .collect()
}

/// A match kept for ranking: ordered so the heap's top is the worst kept.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Kept {
    score: Score,
    key: u64,
    doc: DocId,
    act: u64,
}

impl Eq for Kept {}

impl Ord for Kept {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // Reversed: the lowest score (then the highest key) on top.
        other
            .score
            .total_cmp(&self.score)
            .then_with(|| self.key.cmp(&other.key))
    }
}

impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Filters matches by their act and level and language, counts them per
/// act and language, and keeps the best.
struct Collect {
    allowed: Arc<Vec<bool>>,
    level: Option<u64>,
    lang: Option<u64>,
    acts: usize,
    keep: usize,
}

struct Fruit {
    counts: Vec<[u32; 2]>,
    best: Vec<(Score, u64, DocAddress, u64)>,
}

struct SegmentCollect {
    segment: SegmentOrdinal,
    allowed: Arc<Vec<bool>>,
    level: Option<u64>,
    lang: Option<u64>,
    act_col: Column<u64>,
    level_col: Column<u64>,
    lang_col: Column<u64>,
    key_col: Column<u64>,
    counts: Vec<[u32; 2]>,
    heap: BinaryHeap<Kept>,
    keep: usize,
}

impl Collector for Collect {
    type Fruit = Fruit;
    type Child = SegmentCollect;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCollect> {
        let ff = reader.fast_fields();
        Ok(SegmentCollect {
            segment,
            allowed: Arc::clone(&self.allowed),
            level: self.level,
            lang: self.lang,
            act_col: ff.u64("act")?,
            level_col: ff.u64("level")?,
            lang_col: ff.u64("lang")?,
            key_col: ff.u64("key")?,
            counts: vec![[0, 0]; self.acts],
            heap: BinaryHeap::with_capacity(self.keep + 1),
            keep: self.keep,
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Fruit>) -> tantivy::Result<Fruit> {
        let mut counts = vec![[0u32, 0u32]; self.acts];
        let mut best = Vec::new();
        for f in fruits {
            for (total, c) in counts.iter_mut().zip(f.counts) {
                total[0] += c[0];
                total[1] += c[1];
            }
            best.extend(f.best);
        }
        best.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        best.truncate(self.keep);
        Ok(Fruit { counts, best })
    }
}

impl SegmentCollector for SegmentCollect {
    type Fruit = Fruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(act) = self.act_col.first(doc) else {
            return;
        };
        let Ok(slot) = usize::try_from(act) else {
            return;
        };
        if !self.allowed.get(slot).copied().unwrap_or(false) {
            return;
        }
        if self.level.is_some() && self.level_col.first(doc) != self.level {
            return;
        }
        let lang = self.lang_col.first(doc).unwrap_or(0);
        if self.lang.is_some_and(|l| l != lang) {
            return;
        }
        if let Some(c) = self.counts.get_mut(slot)
            && let Some(n) = c.get_mut(usize::from(lang == 1))
        {
            *n += 1;
        }
        // The key is read only for a match that may be kept.
        let full = self.heap.len() >= self.keep;
        if full && self.heap.peek().is_some_and(|worst| score < worst.score) {
            return;
        }
        let key = self.key_col.first(doc).unwrap_or(0);
        let kept = Kept {
            score,
            key,
            doc,
            act,
        };
        if !full {
            self.heap.push(kept);
        } else if self.heap.peek().is_some_and(|worst| kept < *worst) {
            self.heap.pop();
            self.heap.push(kept);
        }
    }

    fn harvest(self) -> Fruit {
        let segment = self.segment;
        Fruit {
            counts: self.counts,
            best: self
                .heap
                .into_iter()
                .map(|k| (k.score, k.key, DocAddress::new(segment, k.doc), k.act))
                .collect(),
        }
    }
}
