//! Running a query: the words analysed for both languages, filters read
//! from the act table by each document's act number, facet counts of
//! every match, the best hits grouped by act, and snippets.

use super::Index;
use super::documents::{Level, lang_code, lang_of};
use super::query::{MAX_DEPTH, Part, Query};
use super::schema::{self, Fields};
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
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, FuzzyTermQuery, Occur, PhraseQuery,
    Query as TQuery, TermQuery,
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

/// Every status, in the order of the status facet's counts.
const STATUSES: [StatusValue; 4] = [
    StatusValue::InForce,
    StatusValue::LostForce,
    StatusValue::NotYetInForce,
    StatusValue::Unknown,
];

/// Each act's region, kind and year as numbers, with the names they
/// number: what the facets add up per act.
#[derive(Debug, Clone, Default)]
pub struct FacetValues {
    region: Vec<u16>,
    region_names: Vec<String>,
    kind: Vec<u16>,
    kind_names: Vec<String>,
    year: Vec<u16>,
    year_names: Vec<String>,
}

impl FacetValues {
    /// Number the facet values of an act table.
    pub fn new(acts: &[ActInfo]) -> FacetValues {
        let mut v = FacetValues::default();
        for a in acts {
            let region = a.region.clone().unwrap_or_else(|| national(a));
            let kind = a
                .kind
                .map_or_else(|| NONE.into(), |k| k.as_str().to_string());
            let year = a.year().map_or_else(|| NONE.into(), |y| y.to_string());
            let r = intern(&mut v.region_names, region);
            v.region.push(r);
            let k = intern(&mut v.kind_names, kind);
            v.kind.push(k);
            let y = intern(&mut v.year_names, year);
            v.year.push(y);
        }
        v
    }
}

/// The number of `value` among `names`, added if new.
fn intern(names: &mut Vec<String>, value: String) -> u16 {
    let at = names.iter().position(|n| *n == value).unwrap_or_else(|| {
        names.push(value);
        names.len() - 1
    });
    u16::try_from(at).unwrap_or(u16::MAX)
}

impl Index {
    /// Run a query.
    pub fn search(&self, q: &Query) -> Result<Results> {
        let searcher = self.reader.searcher();
        let query = self.text_query(&searcher, q)?;
        // One pass scores, filters, counts and keeps the best: measured
        // faster than tantivy's TopDocs plus a separate counting pass,
        // which walk the matches twice.
        let collector = Collect {
            allowed: Arc::new(allowed(&self.state.acts, q)),
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
        let page: Vec<(Score, DocAddress, u64)> = groups
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
        for (score, addr, act) in page {
            let act = usize::try_from(act)
                .ok()
                .and_then(|a| self.state.acts.get(a));
            results
                .hits
                .push(self.hit(&searcher, addr, score, act, q, snippets.as_ref())?);
        }
        Ok(results)
    }

    /// The text part of a query. A document is in one language, so the
    /// query is one conjunction per language: every word and phrase must
    /// match the document's text (which holds its heading words too) in
    /// that language, and heading words add to the score. A language some
    /// word is missing from altogether gets no conjunction, so a Russian
    /// query is an intersection of Russian posting lists alone. A word of
    /// five letters or more that no document holds in any language
    /// tolerates one typo.
    fn text_query(&self, searcher: &Searcher, q: &Query) -> Result<Box<dyn TQuery>> {
        let parts: Vec<String> = q
            .parts()
            .into_iter()
            .map(|p| match p {
                Part::Word(w) | Part::Phrase(w) => w,
            })
            .collect();
        let mut per_lang: Vec<Vec<Option<Clause>>> = Vec::new();
        for lang in [Language::Ru, Language::Kk] {
            let mut clauses = Vec::new();
            for text in &parts {
                clauses.push(self.clause(searcher, lang, text)?);
            }
            per_lang.push(clauses);
        }
        // A word found in no language: fuzzy, if it is long enough.
        let fuzzy: Vec<bool> = (0..parts.len())
            .map(|i| {
                per_lang
                    .iter()
                    .all(|c| c.get(i).and_then(Option::as_ref).is_none_or(|c| c.missing))
            })
            .collect();
        let mut languages: Vec<Box<dyn TQuery>> = Vec::new();
        for (lang, clauses) in [Language::Ru, Language::Kk].into_iter().zip(per_lang) {
            let mut must: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
            let mut viable = true;
            for (i, c) in clauses.into_iter().enumerate() {
                let Some(c) = c else { continue };
                let fuzzy = fuzzy.get(i).copied().unwrap_or(false)
                    && parts
                        .get(i)
                        .is_some_and(|p| p.chars().count() >= FUZZY_MIN_CHARS)
                    && c.terms.len() == 1;
                if c.missing && !fuzzy {
                    viable = false;
                    break;
                }
                if c.missing {
                    for t in &c.terms {
                        let term = Term::from_field_text(Fields::of(self.fields.text, lang), t);
                        must.push((Occur::Must, Box::new(FuzzyTermQuery::new(term, 1, true))));
                    }
                    continue;
                }
                must.push((Occur::Must, c.query));
                must.extend(c.title.into_iter().map(|t| (Occur::Should, t)));
            }
            if viable && must.iter().any(|(o, _)| *o == Occur::Must) {
                languages.push(Box::new(BooleanQuery::new(must)));
            }
        }
        let all_stop_words = languages.is_empty()
            && parts.iter().all(|p| {
                [Language::Ru, Language::Kk]
                    .into_iter()
                    .all(|l| self.tokens(l, p).is_empty())
            });
        let mut top: Vec<(Occur, Box<dyn TQuery>)> = match languages.len() {
            0 if all_stop_words => Vec::new(),
            0 => vec![(Occur::Must, Box::new(EmptyQuery))],
            1 => languages.into_iter().map(|l| (Occur::Must, l)).collect(),
            _ => vec![(
                Occur::Must,
                Box::new(BooleanQuery::new(
                    languages.into_iter().map(|l| (Occur::Should, l)).collect(),
                )),
            )],
        };
        if let Some(s) = &q.service {
            top.extend(self.service(searcher, s, q)?.map(|c| (Occur::Must, c)));
        }
        Ok(if top.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(top))
        })
    }

    /// The `service` filter: each of its words in the regulation's service,
    /// in either language.
    fn service(&self, searcher: &Searcher, s: &str, q: &Query) -> Result<Option<Box<dyn TQuery>>> {
        let mut any: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for lang in [Language::Ru, Language::Kk] {
            let field = Fields::of(self.fields.service, lang);
            let mut all: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
            for part in Query::new(s, q.as_of)?.parts() {
                let (Part::Word(w) | Part::Phrase(w)) = part;
                let tokens = self.tokens(lang, &w);
                if let Some(m) = self.terms_query(searcher, field, &tokens)? {
                    all.push((Occur::Must, m));
                } else if !tokens.is_empty() {
                    all.clear();
                    break;
                }
            }
            if !all.is_empty() {
                any.push((Occur::Should, Box::new(BooleanQuery::new(all))));
            }
        }
        Ok(Some(if any.is_empty() {
            Box::new(EmptyQuery)
        } else {
            Box::new(BooleanQuery::new(any))
        }))
    }

    /// A word's or phrase's clause in one language: `None` when it is only
    /// stop words there; `missing` when some term of it is in no document
    /// of that language.
    fn clause(&self, searcher: &Searcher, lang: Language, text: &str) -> Result<Option<Clause>> {
        let tokens = self.tokens(lang, text);
        if tokens.is_empty() {
            return Ok(None);
        }
        let terms: Vec<String> = tokens.iter().map(|(_, t)| t.clone()).collect();
        let field = Fields::of(self.fields.text, lang);
        let Some(query) = self.terms_query(searcher, field, &tokens)? else {
            return Ok(Some(Clause {
                query: Box::new(EmptyQuery),
                title: Vec::new(),
                terms,
                missing: true,
            }));
        };
        let title_field = Fields::of(self.fields.title, lang);
        let mut title: Vec<Box<dyn TQuery>> = Vec::new();
        for t in &terms {
            let term = Term::from_field_text(title_field, t);
            if searcher
                .doc_freq(&term)
                .map_err(|e| index_error(&self.dir, e))?
                > 0
            {
                let q = TermQuery::new(term, IndexRecordOption::WithFreqs);
                title.push(Box::new(BoostQuery::new(Box::new(q), TITLE_BOOST)));
            }
        }
        Ok(Some(Clause {
            query,
            title,
            terms,
            missing: false,
        }))
    }

    /// The term, or the phrase of the terms, in `field`; `None` when some
    /// term is in no document's `field` (or there is none).
    fn terms_query(
        &self,
        searcher: &Searcher,
        field: Field,
        tokens: &[(usize, String)],
    ) -> Result<Option<Box<dyn TQuery>>> {
        for (_, t) in tokens {
            let df = searcher
                .doc_freq(&Term::from_field_text(field, t))
                .map_err(|e| index_error(&self.dir, e))?;
            if df == 0 {
                return Ok(None);
            }
        }
        Ok(match tokens {
            [] => None,
            [(_, t)] => Some(Box::new(TermQuery::new(
                Term::from_field_text(field, t),
                IndexRecordOption::WithFreqs,
            ))),
            _ => {
                let first = tokens.first().map_or(0, |(p, _)| *p);
                Some(Box::new(PhraseQuery::new_with_offset(
                    tokens
                        .iter()
                        .map(|(p, t)| (p - first, Term::from_field_text(field, t)))
                        .collect(),
                )))
            }
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

    /// Facet counts: matches per act and language summed by each act's
    /// facet values, which are numbered once when the index opens.
    fn facets(&self, counts: &[[u32; 2]], q: &Query) -> Facets {
        let v = &self.facet_values;
        let mut status = [0u64; 4];
        let mut region = vec![0u64; v.region_names.len()];
        let mut kind = vec![0u64; v.kind_names.len()];
        let mut year = vec![0u64; v.year_names.len()];
        let mut lang = [0u64; 2];
        for (i, c) in counts.iter().enumerate() {
            let n = u64::from(c[0]) + u64::from(c[1]);
            if n == 0 {
                continue;
            }
            let Some(act) = self.state.acts.get(i) else {
                continue;
            };
            let s = act.status_on(q.as_of);
            if let Some(x) = STATUSES
                .iter()
                .position(|&v| v == s)
                .and_then(|p| status.get_mut(p))
            {
                *x += n;
            }
            for (slot, values) in [
                (v.region.get(i), &mut region),
                (v.kind.get(i), &mut kind),
                (v.year.get(i), &mut year),
            ] {
                if let Some(x) = slot.and_then(|&k| values.get_mut(usize::from(k))) {
                    *x += n;
                }
            }
            lang[0] += u64::from(c[0]);
            lang[1] += u64::from(c[1]);
        }
        let named = |names: &[String], counts: &[u64]| -> BTreeMap<String, u64> {
            names
                .iter()
                .zip(counts)
                .filter(|(_, n)| **n > 0)
                .map(|(k, n)| (k.clone(), *n))
                .collect()
        };
        let status_names: Vec<String> = STATUSES.iter().map(name).collect();
        let lang_names = [
            Language::Ru.code().to_string(),
            Language::Kk.code().to_string(),
        ];
        Facets {
            status: named(&status_names, &status),
            region: named(&v.region_names, &region),
            lang: named(&lang_names, &lang),
            kind: named(&v.kind_names, &kind),
            year: named(&v.year_names, &year),
        }
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
        act: Option<&ActInfo>,
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

/// A word's or phrase's clause in one language.
struct Clause {
    /// What must match.
    query: Box<dyn TQuery>,
    /// Heading matches that add to the score.
    title: Vec<Box<dyn TQuery>>,
    /// Its terms.
    terms: Vec<String>,
    /// Some term is in no document of the language.
    missing: bool,
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
    match act.body {
        Some(b) if !b.is_local() => "KZ".into(),
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
                && q.body.is_none_or(|b| a.body == Some(b))
                && q.kind.is_none_or(|k| a.kind == Some(k))
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
fn group(best: Vec<(Score, u64, DocAddress, u64)>) -> Vec<Vec<(Score, DocAddress, u64)>> {
    let mut order: Vec<u64> = Vec::new();
    let mut groups: HashMap<u64, Vec<(Score, DocAddress, u64)>> = HashMap::new();
    for (score, _, addr, act) in best {
        let g = groups.entry(act).or_insert_with(|| {
            order.push(act);
            Vec::new()
        });
        if g.len() < HITS_PER_GROUP {
            g.push((score, addr, act));
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
    tag_col: Column<u64>,
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
            tag_col: ff.u64(schema::TAG)?,
            key_col: ff.u64(schema::KEY)?,
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
        let Some(tag) = self.tag_col.first(doc) else {
            return;
        };
        let (act, level, lang) = schema::untag(tag);
        let Ok(slot) = usize::try_from(act) else {
            return;
        };
        if !self.allowed.get(slot).copied().unwrap_or(false) {
            return;
        }
        if self.level.is_some_and(|l| l != level) {
            return;
        }
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
