//! The search benchmark: a generator of provisions that varies the real
//! records of a corpus, and a runner that indexes them and times a query
//! set the way `../shared/bench` times its peers (one warm-up pass, then
//! timed passes; top 10 with facets; p50/p99 nearest-rank over every
//! execution).

use super::documents::{Level, SearchDoc, lang_code, lang_of, of_document};
use super::query::Query;
use super::state::{ActInfo, State};
use super::update::{commit, to_tantivy, writer};
use super::{Index, schema};
use crate::error::Result;
use crate::grammar::Grammar;
use crate::record::{ActKind, Body, Date, Language};
use crate::registry::{Interval, Registry, StatusValue};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

/// Provisions per synthetic act.
const PER_ACT: usize = 40;
/// The share of words swapped for others of the same language.
const SWAP: f64 = 0.12;

/// Synthetic acts and their provisions.
pub struct Generated {
    /// The act table.
    pub acts: Vec<ActInfo>,
    /// The provisions, with the number of their act.
    pub docs: Vec<(u64, SearchDoc)>,
}

/// Vary the real provisions of `registry`'s records into `n` provisions of
/// `n / 40` acts. The first cycle copies the real provisions as they are;
/// later ones change numbers (years to 1995–2026, other numbers, such as
/// durations, to others of the same width), swap about one word in eight
/// for a word of the same language drawn from the corpus, and give each
/// act another region, date, number and status history, and each
/// regulation's provisions another service of the corpus.
pub fn generate(registry: &Registry, g: &Grammar, n: usize, seed: u64) -> Generated {
    let real: Vec<SearchDoc> = registry
        .documents
        .iter()
        .flat_map(|d| of_document(d, g))
        .filter(|d| d.level == Level::Provision)
        .collect();
    let mut rng = fastrand::Rng::with_seed(seed);
    let pools = word_pools(&real);
    let services: Vec<(Language, String)> = real
        .iter()
        .filter_map(|d| d.service.clone().map(|s| (lang_code(d.lang), s)))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|(l, s)| (lang_of(l), s))
        .collect();
    let regions: Vec<String> = registry
        .nodes
        .values()
        .filter_map(|n| n.facts.region.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut acts = Vec::new();
    let mut docs = Vec::with_capacity(n);
    for i in 0..n {
        let Some(src) = real.get(i % real.len().max(1)) else {
            break;
        };
        let cycle = i / real.len().max(1);
        let act = (i / PER_ACT) as u64;
        if i % PER_ACT == 0 {
            acts.push(synthetic_act(&mut rng, act, &regions));
        }
        let mut d = src.clone();
        d.id = format!("syn-{:07}", i + 1);
        d.act_id = format!("/akn/syn/{act}");
        if cycle > 0 {
            d.text = vary(&mut rng, &d.text, pools.get(&d.lang));
            if d.service.is_some() {
                let same: Vec<&String> = services
                    .iter()
                    .filter(|(l, _)| *l == d.lang)
                    .map(|(_, s)| s)
                    .collect();
                d.service = same
                    .get(rng.usize(..same.len().max(1)))
                    .map(|s| (*s).clone());
            }
        }
        docs.push((act, d));
    }
    Generated { acts, docs }
}

/// Words of four letters or more by language, as often as they occur.
fn word_pools(real: &[SearchDoc]) -> HashMap<Language, Vec<String>> {
    let mut pools: HashMap<Language, Vec<String>> = HashMap::new();
    for d in real {
        let pool = pools.entry(d.lang).or_default();
        pool.extend(
            d.text
                .split(|c: char| !crate::text::is_letter_or_digit(c))
                .filter(|w| w.chars().count() >= 4 && w.chars().all(crate::text::is_letter))
                .map(str::to_string),
        );
    }
    pools
}

/// A text with its numbers changed and some words swapped.
fn vary(rng: &mut fastrand::Rng, text: &str, pool: Option<&Vec<String>>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, rng: &mut fastrand::Rng| {
        if word.is_empty() {
            return;
        }
        if word.chars().all(|c| c.is_ascii_digit()) {
            out.push_str(&number_like(rng, word));
        } else if word.chars().count() >= 4
            && rng.f64() < SWAP
            && let Some(p) = pool.filter(|p| !p.is_empty())
            && let Some(w) = p.get(rng.usize(..p.len()))
        {
            out.push_str(w);
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if crate::text::is_letter_or_digit(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out, rng);
            out.push(c);
        }
    }
    flush(&mut word, &mut out, rng);
    out
}

/// Another number of the same width; a year stays a year.
fn number_like(rng: &mut fastrand::Rng, n: &str) -> String {
    let width = n.len();
    if width == 4 && (n.starts_with("19") || n.starts_with("20")) {
        return rng.u32(1995..=2026).to_string();
    }
    let low = if width > 1 {
        10u64.pow(width as u32 - 1)
    } else {
        0
    };
    let high = 10u64.saturating_pow(width.min(18) as u32) - 1;
    rng.u64(low..=high).to_string()
}

/// An act of a random region and year, in force since its adoption, and,
/// for half of them, lost force a few years later.
fn synthetic_act(rng: &mut fastrand::Rng, n: u64, regions: &[String]) -> ActInfo {
    let year = rng.i16(2010..=2024);
    let date = Date::new(
        i64::from(year),
        i64::from(rng.u8(1..=12)),
        i64::from(rng.u8(1..=28)),
    );
    let lost = date
        .filter(|_| rng.bool())
        .and_then(|d| Date::new(i64::from(d.0.year()) + i64::from(rng.u8(1..=5)), 6, 1));
    let mut history = vec![Interval {
        from: None,
        to: date,
        status: StatusValue::NotYetInForce,
        by: None,
        exact: true,
    }];
    history.push(Interval {
        from: date,
        to: lost,
        status: StatusValue::InForce,
        by: None,
        exact: true,
    });
    if let Some(l) = lost {
        history.push(Interval {
            from: Some(l),
            to: None,
            status: StatusValue::LostForce,
            by: Some(format!("/akn/syn/{}", n + 1)),
            exact: true,
        });
    }
    ActInfo {
        id: format!("/akn/syn/{n}"),
        label: format!("resolution № {} of {year}", rng.u32(1..=999)),
        kind: Some(ActKind::Resolution),
        body: Some(Body::Akimat),
        region: regions.get(rng.usize(..regions.len().max(1))).cloned(),
        date,
        history,
    }
}

/// One query's figures.
#[derive(Debug, Clone, Serialize)]
pub struct QueryFigures {
    /// The query.
    pub q: String,
    /// Matching documents.
    pub hits: u64,
    /// Its median time.
    pub ms_median: f64,
    /// The ids of its first ten hits.
    pub top10: Vec<String>,
}

/// The benchmark's figures, in the shape the peer scripts write.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    /// "reglament-tantivy".
    pub engine: String,
    /// Provisions indexed.
    pub provisions: usize,
    /// Build seconds: from the generated provisions to a merged,
    /// searchable index.
    pub build_s: f64,
    /// JSON Lines megabytes (10^6) of the provisions per build second.
    pub mb_per_s: f64,
    /// Median query time.
    pub p50_ms: f64,
    /// 99th percentile query time.
    pub p99_ms: f64,
    /// Bytes of the index on disk.
    pub index_bytes: u64,
    /// Per query.
    pub queries: Vec<QueryFigures>,
}

/// The provisions as JSON Lines `{id, lang, text}`, the peers' input.
pub fn jsonl(generated: &Generated) -> String {
    let mut out = String::new();
    for (_, d) in &generated.docs {
        let line = serde_json::json!({"id": d.id, "lang": d.lang.code(), "text": d.text});
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

/// Index `generated` in `dir` and time `queries` over it: one warm-up
/// pass, then `runs` timed passes.
pub fn run(
    generated: &Generated,
    jsonl_bytes: usize,
    queries: &[String],
    runs: usize,
    dir: &Path,
    g: &Grammar,
) -> Result<Figures> {
    let start = Instant::now();
    let index = Index::create(dir, g)?;
    let state = State {
        version: schema::VERSION,
        acts: generated.acts.clone(),
        ..State::default()
    };
    let mut w = writer(&index, dir)?;
    for (act, d) in &generated.docs {
        w.add_document(to_tantivy(&index.fields, d, *act, "bench"))
            .map_err(|e| super::state::index_error(dir, e))?;
    }
    commit(&mut w, &state, dir)?;
    w.wait_merging_threads()
        .map_err(|e| super::state::index_error(dir, e))?;
    let index = Index::open_generation(dir, g)?;
    let build_s = start.elapsed().as_secs_f64();

    let today = Date::new(2026, 1, 1).unwrap_or(Date(jiff::civil::Date::constant(2026, 1, 1)));
    let mut all = Vec::new();
    let mut per_query: Vec<(String, u64, Vec<f64>, Vec<String>)> = Vec::new();
    for pass in 0..=runs {
        for (i, text) in queries.iter().enumerate() {
            let mut q = Query::new(text, today)?;
            q.snippets = false;
            let t = Instant::now();
            let r = index.search(&q)?;
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            if pass == 0 {
                let top = r.hits.iter().map(|h| h.id.clone()).take(10).collect();
                per_query.push((text.clone(), r.total, Vec::new(), top));
                continue;
            }
            all.push(ms);
            if let Some(p) = per_query.get_mut(i) {
                p.2.push(ms);
            }
        }
    }
    all.sort_by(f64::total_cmp);
    Ok(Figures {
        engine: "reglament-tantivy".into(),
        provisions: generated.docs.len(),
        build_s,
        mb_per_s: jsonl_bytes as f64 / 1e6 / build_s.max(1e-9),
        p50_ms: nearest_rank(&all, 50.0),
        p99_ms: nearest_rank(&all, 99.0),
        index_bytes: dir_size(dir),
        queries: per_query
            .into_iter()
            .map(|(q, hits, mut ms, top10)| {
                ms.sort_by(f64::total_cmp);
                QueryFigures {
                    q,
                    hits,
                    ms_median: nearest_rank(&ms, 50.0),
                    top10,
                }
            })
            .collect(),
    })
}

/// The nearest-rank percentile of sorted values.
pub fn nearest_rank(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted
        .get(rank.clamp(1, sorted.len()) - 1)
        .copied()
        .unwrap_or(0.0)
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|files| {
            files
                .flatten()
                .filter_map(|f| f.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::nearest_rank;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(nearest_rank(&v, 50.0), 50.0);
        assert_eq!(nearest_rank(&v, 99.0), 99.0);
        assert_eq!(nearest_rank(&[3.0], 99.0), 3.0);
        assert_eq!(nearest_rank(&[], 50.0), 0.0);
    }
}
