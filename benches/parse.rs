//! Throughput of the real code paths: parsing each seed (decode,
//! normalize, segment, parse), loading the shipped corpus into a registry,
//! and consolidating the fixture pair.
//!
//! `cargo bench` runs them; `cargo bench -- parse/004` runs one.

// A bench, like a test, stops on a broken setup; criterion's macros
// define undocumented functions.
#![allow(clippy::expect_used, missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reglament::Grammar;
use reglament::Registry;
use reglament::Source;
use reglament::{Date, Language};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn parse(c: &mut Criterion) {
    let g = Grammar::builtin().expect("grammar");
    let mut group = c.benchmark_group("parse");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(root().join("corpus"))
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seeds.sort();
    for path in seeds {
        let bytes = std::fs::read(&path).expect("seed reads");
        let name: String = path
            .file_name()
            .map(|n| n.to_string_lossy().chars().take(3).collect())
            .unwrap_or_default();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let source = Source::from_bytes(Path::new("seed"), black_box(bytes.clone()))
                    .expect("seed decodes");
                reglament::document(&source, g)
            })
        });
    }
    group.finish();
}

fn registry(c: &mut Criterion) {
    let g = Grammar::builtin().expect("grammar");
    let corpus = root().join("corpus");
    let mut group = c.benchmark_group("registry");
    group.sample_size(10);
    group.bench_function("load corpus", |b| {
        b.iter(|| Registry::load(black_box(&corpus), g).expect("corpus loads"))
    });
    let pair = Registry::load(&root().join("tests/fixtures/consolidation"), g).expect("fixtures");
    let as_of = Date::parse("2018-01-01").expect("date");
    group.bench_function("consolidate fixture", |b| {
        b.iter(|| {
            pair.consolidate(
                black_box("/akn/kz-27/act/resolution/akimat/2016-03-10/50"),
                None,
                Some(Language::Ru),
                as_of,
            )
        })
    });
    group.finish();
}

criterion_group!(benches, parse, registry);
criterion_main!(benches);
