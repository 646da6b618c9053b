//! The `reglament` command line: subcommands only, no logic.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use reglament::{Date, Grammar, Registry, ReportFormat, Source, StatusQuery};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc: the parser allocates many small strings and vectors per
/// paragraph, across threads; the system allocator spent a tenth of a
/// corpus parse in malloc, free and page faults.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "reglament",
    version,
    about = "A registry of Kazakhstan's public-service regulations"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse acts into JSON records: one object per text (JSON Lines).
    Parse {
        /// Files, act folders (rus.md, kaz.md, meta.yaml: one record per
        /// text), or directories to walk as a corpus.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Indent the JSON for people.
        #[arg(long)]
        pretty: bool,
    },
    /// Print the JSON Schema of the records `parse` prints.
    Schema,
    /// Print the normalized text of a file (what the parser reads).
    Normalize {
        /// The file.
        file: PathBuf,
    },
    /// An act's ancestors and descendants: what it amends or repeals, and
    /// what amends or repeals it.
    Lineage {
        /// A work id, a unique part of one ("272"), or a file of the corpus.
        act: String,
        /// Print JSON instead of a tree.
        #[arg(long)]
        json: bool,
        /// The corpus directory.
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
    },
    /// The auditor's table: each act, its status on a date, the act that
    /// decided it, and when.
    Status {
        /// The date (YYYY-MM-DD); defaults to the end of --lost-between.
        #[arg(long)]
        as_of: Option<String>,
        /// Only acts of this region (ISO 3166-2:KZ, e.g. KZ-27).
        #[arg(long)]
        region: Option<String>,
        /// Only acts that lost force between two dates: FROM..TO.
        #[arg(long)]
        lost_between: Option<String>,
        /// Also list acts known only from references.
        #[arg(long)]
        with_references: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// The corpus directory.
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
    },
    /// The text of an act (or of a regulation in it) as of a date, with its
    /// amendments applied and each provision marked by who last changed it.
    Consolidate {
        /// A work id, a unique part of one, or a file of the corpus.
        act: String,
        /// The regulation, by its service's name.
        #[arg(long)]
        regulation: Option<String>,
        /// The date (YYYY-MM-DD).
        #[arg(long)]
        as_of: String,
        /// The language of the text, where the corpus has the act in both
        /// (default: its first text's).
        #[arg(long, value_enum)]
        language: Option<Lang>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// The corpus directory.
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
    },
    /// Build or update the search index of a corpus (incremental: only new
    /// or changed files are parsed).
    Index {
        /// The corpus directory.
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// The index directory.
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Parse everything again and rebuild the index from scratch.
        #[arg(long)]
        rebuild: bool,
        /// Print what was done as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Search the index: acts, regulations and provisions, in Russian and
    /// Kazakh, with their status on a date. Builds the index first if
    /// there is none.
    Search {
        /// Words, and "phrases in quotes".
        query: String,
        /// Only acts with this status on --as-of: in_force, lost_force,
        /// not_yet_in_force, unknown.
        #[arg(long)]
        status: Option<String>,
        /// The date status is asked for (YYYY-MM-DD; default today).
        #[arg(long)]
        as_of: Option<String>,
        /// Only documents in this language: ru, kk.
        #[arg(long)]
        lang: Option<String>,
        /// Only acts of this region (ISO 3166-2:KZ, e.g. KZ-27; KZ for
        /// national acts).
        #[arg(long)]
        region: Option<String>,
        /// Only acts of this body (akimat, maslikhat, ministry, …).
        #[arg(long)]
        body: Option<String>,
        /// Only acts of this kind (resolution, decision, order, …).
        #[arg(long)]
        kind: Option<String>,
        /// Only acts adopted in these years: 2017 or 2015..2019.
        #[arg(long)]
        year: Option<String>,
        /// Only documents of this level: act, regulation, provision.
        #[arg(long)]
        level: Option<String>,
        /// Only regulations of a service with these words.
        #[arg(long)]
        service: Option<String>,
        /// The page of results, from 1.
        #[arg(long, default_value_t = 1)]
        page: usize,
        /// Acts per page.
        #[arg(long, default_value_t = 10)]
        per_page: usize,
        /// Print `{"hits": [...], "facets": {...}, "total": N}`.
        #[arg(long)]
        json: bool,
        /// The index directory.
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// The corpus to build the index from when there is none.
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
    },
    /// Serve the registry over HTTP: the JSON API and the web page.
    /// Builds or updates the index of the corpus first. Read-only, unless
    /// REGLAMENT_ADMIN_TOKEN is set: then POST /api/v1/acts and
    /// /api/v1/reindex take that token as `Authorization: Bearer …`.
    Serve {
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// The corpus directory.
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// The index directory.
        #[arg(long, default_value = "index")]
        index: PathBuf,
    },
    /// Benchmarks of real code paths (run by hand, not in tests).
    Bench {
        #[command(subcommand)]
        what: Bench,
    },
}

#[derive(Subcommand)]
enum Bench {
    /// Date extraction alone over the Russian texts, normalized: writes
    /// each text and the dates found (JSON) for another extractor to be
    /// set against (benches/dates_natasha.py), and prints the time.
    Dates {
        /// Files or corpus directories.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Where to write the texts (`N.txt`) and `reglament.json`.
        #[arg(long)]
        out: PathBuf,
        /// Timed passes over all texts (the median is reported).
        #[arg(long, default_value_t = 20)]
        runs: usize,
    },
    /// The floor of parsing: read, decode and compose (NFC) the same texts
    /// `parse` reads, and nothing else; time it against `parse` as whole
    /// processes (benches/compare.sh).
    Floor {
        /// Files or corpus directories.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Index N provisions generated from the corpus's records and time a
    /// query set: build MB/s and query p50/p99, as `../shared/bench`
    /// measures its peers.
    Search {
        /// How many provisions to generate and index.
        #[arg(long)]
        provisions: usize,
        /// The query set, one query per line.
        #[arg(long, default_value = "benches/queries.txt")]
        queries: PathBuf,
        /// Write the indexed provisions as JSON Lines {id, lang, text}.
        #[arg(long)]
        dump: Option<PathBuf>,
        /// Print the figures as JSON (the peers' shape).
        #[arg(long)]
        json: bool,
        /// Timed passes over the queries (after one warm-up pass).
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// The corpus whose records are varied.
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// Where to build the index (emptied first).
        #[arg(long, default_value = "target/bench-search/index")]
        dir: PathBuf,
        /// The generator's seed.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    Ru,
    Kk,
}

impl From<Lang> for reglament::Language {
    fn from(l: Lang) -> Self {
        match l {
            Lang::Ru => reglament::Language::Ru,
            Lang::Kk => reglament::Language::Kk,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
}

impl From<Format> for ReportFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::Table => ReportFormat::Table,
            Format::Json => ReportFormat::Json,
            Format::Csv => ReportFormat::Csv,
        }
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("REGLAMENT_LOG"))
        .with_writer(std::io::stderr)
        .init();
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("reglament: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Parse { files, pretty } => return parse(&files, pretty, &mut out),
        Command::Schema => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&reglament::Document::json_schema())?
        )?,
        Command::Normalize { file } => {
            let source = Source::read(&file)?;
            let text = reglament::normalized_text(&source, Grammar::builtin()?);
            writeln!(out, "{text}")?;
        }
        Command::Lineage { act, json, corpus } => {
            let r = registry(&corpus)?;
            let id = r.find_act(&act)?;
            let l = r.lineage(&id).context("no such act")?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&l)?)?;
            } else {
                write!(out, "{}", l.render())?;
            }
        }
        Command::Status {
            as_of,
            region,
            lost_between,
            with_references,
            format,
            corpus,
        } => {
            let r = registry(&corpus)?;
            let between = lost_between.as_deref().map(range).transpose()?;
            let as_of = match (as_of, between) {
                (Some(d), _) => date(&d)?,
                (None, Some((_, to))) => to,
                (None, None) => bail!("--as-of: a date is needed (or --lost-between)"),
            };
            let query = StatusQuery {
                as_of,
                region,
                lost_between: between,
                with_references,
            };
            let rows = r.status_rows(&query);
            write!(out, "{}", reglament::render_status(&rows, format.into())?)?;
        }
        Command::Consolidate {
            act,
            regulation,
            as_of,
            language,
            json,
            corpus,
        } => {
            let r = registry(&corpus)?;
            let id = r.find_act(&act)?;
            let c = r.consolidate(
                &id,
                regulation.as_deref(),
                language.map(Into::into),
                date(&as_of)?,
            );
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&c)?)?;
            } else {
                writeln!(out, "{}", r.render_consolidated(&c))?;
            }
        }
        Command::Index {
            corpus,
            index,
            rebuild,
            json,
        } => {
            let report = build_index(&corpus, &index, rebuild)?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
            } else {
                writeln!(
                    out,
                    "{}: {} entries ({} parsed, {} from cache, {} removed), {} acts changed, {} documents",
                    index.display(),
                    report.entries,
                    report.parsed,
                    report.cached,
                    report.removed,
                    report.acts_changed,
                    report.documents
                )?;
            }
        }
        Command::Search {
            query,
            status,
            as_of,
            lang,
            region,
            body,
            kind,
            year,
            level,
            service,
            page,
            per_page,
            json,
            index,
            corpus,
        } => {
            let mut q = reglament::SearchQuery::new(&query, today())?;
            for (name, value) in [
                ("status", status),
                ("as_of", as_of),
                ("lang", lang),
                ("region", region),
                ("body", body),
                ("kind", kind),
                ("year", year),
                ("level", level),
                ("service", service),
                ("page", Some(page.to_string())),
                ("per_page", Some(per_page.to_string())),
            ] {
                q.set(name, value.as_deref().unwrap_or_default())
                    .map_err(|e| match e {
                        reglament::Error::Invalid { field, reason } => {
                            anyhow::anyhow!("--{}: {reason}", field.replace('_', "-"))
                        }
                        e => e.into(),
                    })?;
            }
            let g = Grammar::builtin()?;
            let idx = match reglament::Index::open(&index, g) {
                Ok(i) => i,
                Err(_) if !index.join("meta.json").exists() => {
                    eprintln!(
                        "reglament: no index at {}: building it from {}",
                        index.display(),
                        corpus.display()
                    );
                    build_index(&corpus, &index, false)?;
                    reglament::Index::open(&index, g)?
                }
                Err(e) => return Err(e.into()),
            };
            let results = idx.search(&q)?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&results)?)?;
            } else {
                write!(out, "{}", render_results(&results))?;
            }
        }
        Command::Serve {
            addr,
            corpus,
            index,
        } => serve(&addr, &corpus, &index)?,
        Command::Bench { what } => match what {
            Bench::Dates {
                files,
                out: dir,
                runs,
            } => bench_dates(&files, &dir, runs, &mut out)?,
            Bench::Floor { files } => {
                let mut bytes = 0;
                for file in &files {
                    let (n, errors) = reglament::floor(file)?;
                    for e in errors {
                        eprintln!("reglament: {e}");
                    }
                    bytes += n;
                }
                writeln!(out, "{bytes} bytes")?;
            }
            Bench::Search {
                provisions,
                queries,
                dump,
                json,
                runs,
                corpus,
                dir,
                seed,
            } => bench_search(
                provisions,
                &queries,
                dump.as_deref(),
                json,
                runs,
                &corpus,
                &dir,
                seed,
                &mut out,
            )?,
        },
    }
    Ok(ExitCode::SUCCESS)
}

/// Build or update the index, link the registry from its cached records,
/// and serve until interrupted: read-only, unless `REGLAMENT_ADMIN_TOKEN`
/// is set.
fn serve(addr: &str, corpus: &Path, index: &Path) -> Result<()> {
    let admin = admin(index)?;
    let g = Grammar::builtin()?;
    build_index(corpus, index, false)?;
    let state = std::sync::Arc::new(reglament::AppState::load(corpus, index, g, today())?);
    let writes = if admin.is_some() {
        "with the writing endpoints"
    } else {
        "read-only"
    };
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        eprintln!(
            "reglament: serving {} on http://{addr} ({writes})",
            corpus.display()
        );
        axum::serve(listener, reglament::router_with(state, admin))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("the server stopped")
    })
}

/// The variable whose token opens the writing endpoints.
const ADMIN_TOKEN: &str = "REGLAMENT_ADMIN_TOKEN";

/// The writing endpoints' configuration, when `REGLAMENT_ADMIN_TOKEN` is
/// set (to a token that is not empty).
fn admin(index: &Path) -> Result<Option<reglament::Admin>> {
    let Some(token) = std::env::var_os(ADMIN_TOKEN) else {
        return Ok(None);
    };
    let token = token
        .into_string()
        .map_err(|_| anyhow::anyhow!("{ADMIN_TOKEN} is not UTF-8"))?;
    let token = token.trim();
    if token.is_empty() {
        bail!("{ADMIN_TOKEN} is set but empty: set a token, or unset it for a read-only server");
    }
    Ok(Some(reglament::Admin {
        token: token.to_string(),
        index: index.to_path_buf(),
        fingerprint: fingerprint()?,
    }))
}

/// `reglament bench dates`: the Russian texts of `files`, normalized, and
/// the median time of finding every date in all of them.
fn bench_dates(files: &[PathBuf], dir: &Path, runs: usize, out: &mut impl Write) -> Result<()> {
    let g = Grammar::builtin()?;
    let mut texts = Vec::new();
    for f in files {
        let paths = if f.is_dir() {
            reglament::corpus_files(f)?.0
        } else {
            vec![f.clone()]
        };
        for p in paths {
            let Ok(source) = Source::read(&p) else {
                continue;
            };
            let text = reglament::normalized_text(&source, g);
            if reglament::language(&text, g) == Some(reglament::Language::Ru) {
                texts.push((p, text));
            }
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut found = Vec::new();
    for (i, (path, text)) in texts.iter().enumerate() {
        let name = format!("{i:04}.txt");
        std::fs::write(dir.join(&name), text)?;
        let dates: Vec<_> = reglament::dates(text, g)
            .into_iter()
            .map(|d| {
                serde_json::json!({
                    "start": text.get(..d.range.start).map_or(0, |h| h.chars().count()),
                    "end": text.get(..d.range.end).map_or(0, |h| h.chars().count()),
                    "text": text.get(d.range.clone()).unwrap_or(""),
                    "year": d.year, "month": d.month, "day": d.day, "valid": d.valid,
                })
            })
            .collect();
        found.push(
            serde_json::json!({"file": name, "source": path.display().to_string(), "dates": dates}),
        );
    }
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let mut times = Vec::new();
    for _ in 0..runs.max(1) {
        let t0 = std::time::Instant::now();
        let n: usize = texts
            .iter()
            .map(|(_, t)| reglament::dates(t, g).len())
            .sum();
        times.push(t0.elapsed().as_secs_f64());
        std::hint::black_box(n);
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    let report = serde_json::json!({
        "engine": "reglament", "texts": texts.len(), "bytes": bytes,
        "seconds": median, "files": found,
    });
    std::fs::write(dir.join("reglament.json"), serde_json::to_string(&report)?)?;
    writeln!(
        out,
        "{} Russian texts, {bytes} bytes: dates found in {:.3} ms (median of {})",
        texts.len(),
        median * 1e3,
        times.len()
    )?;
    Ok(())
}

/// Today, in the machine's time zone.
fn today() -> Date {
    Date(jiff::Zoned::now().date())
}

/// Identifies this build of the parser: records cached by another build
/// are parsed again.
fn fingerprint() -> Result<String> {
    use sha2::{Digest, Sha256};
    let exe = std::env::current_exe().context("cannot find the running program")?;
    let bytes = std::fs::read(&exe).with_context(|| format!("cannot read {}", exe.display()))?;
    Ok(format!("{:x}", Sha256::digest(&bytes)))
}

fn build_index(corpus: &Path, index: &Path, rebuild: bool) -> Result<reglament::IndexReport> {
    let g = Grammar::builtin()?;
    let opts = reglament::IndexOptions {
        corpus: corpus.to_path_buf(),
        index: index.to_path_buf(),
        fingerprint: fingerprint()?,
        rebuild,
    };
    // Drawn only on a terminal: indicatif hides itself otherwise.
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let report = reglament::update_index(&opts, g, &mut |p| match p {
        reglament::IndexProgress::Start(n) => {
            bar.set_length(n as u64);
            bar.set_message("indexing");
        }
        reglament::IndexProgress::Entry(_) => bar.inc(1),
        reglament::IndexProgress::Commit => bar.set_message("committing"),
    })?;
    bar.finish_and_clear();
    for e in &report.errors {
        eprintln!("reglament: skipped {e}");
    }
    Ok(report)
}

/// Search results for people: each act with its status badge, then its
/// hits with their paths and snippets.
fn render_results(r: &reglament::SearchResults) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} matches in {} acts (page {})",
        r.total, r.groups, r.page
    );
    let mut last = None;
    for h in &r.hits {
        if last != Some(&h.act_id) {
            let badge = match h.status {
                reglament::StatusValue::InForce => "[in force]",
                reglament::StatusValue::LostForce => "[LOST FORCE]",
                reglament::StatusValue::NotYetInForce => "[not yet in force]",
                reglament::StatusValue::Unknown => "[status unknown]",
            };
            let by = h
                .status_by
                .as_deref()
                .map(|b| format!(" by {b}"))
                .unwrap_or_default();
            let _ = writeln!(s, "\n{badge}{by} {}  {}", h.act, h.act_id);
            last = Some(&h.act_id);
        }
        let _ = writeln!(s, "  {} ({}, {})", h.path, h.level.as_str(), h.lang.code());
        let snippet = h.snippet.replace("<b>", "*").replace("</b>", "*");
        let snippet = html_escape::decode_html_entities(&snippet).replace('\n', " ");
        if !snippet.trim().is_empty() {
            let _ = writeln!(s, "    {snippet}");
        }
        let _ = writeln!(s, "    {} [{}..{}]", h.source, h.span[0], h.span[1]);
    }
    s
}

#[allow(clippy::too_many_arguments)]
fn bench_search(
    provisions: usize,
    queries: &Path,
    dump: Option<&Path>,
    json: bool,
    runs: usize,
    corpus: &Path,
    dir: &Path,
    seed: u64,
    out: &mut impl Write,
) -> Result<()> {
    use reglament::bench;
    let g = Grammar::builtin()?;
    let queries: Vec<String> = std::fs::read_to_string(queries)
        .with_context(|| format!("cannot read {}", queries.display()))?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let r = registry(corpus)?;
    eprintln!(
        "generating {provisions} provisions from {}",
        corpus.display()
    );
    let generated = bench::generate(&r, g, provisions, seed);
    let lines = bench::jsonl(&generated);
    if let Some(path) = dump {
        std::fs::write(path, &lines).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("cannot empty {}", dir.display()))?;
    }
    eprintln!("indexing and querying");
    let f = bench::run(&generated, lines.len(), &queries, runs, dir, g)?;
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&f)?)?;
    } else {
        writeln!(
            out,
            "{}: {} provisions, build {:.2} s ({:.1} MB/s), p50 {:.2} ms, p99 {:.2} ms, index {:.1} MB",
            f.engine,
            f.provisions,
            f.build_s,
            f.mb_per_s,
            f.p50_ms,
            f.p99_ms,
            f.index_bytes as f64 / 1e6
        )?;
    }
    Ok(())
}

fn parse(files: &[PathBuf], pretty: bool, out: &mut impl Write) -> Result<ExitCode> {
    let g = Grammar::builtin()?;
    let mut failed = false;
    for file in files {
        // Each record is turned into JSON on the core that made it.
        let json = |doc: reglament::Document| -> std::result::Result<String, String> {
            let value = doc
                .to_json()
                .map_err(|e| format!("{}: {e}", doc.source.path))?;
            let text = if pretty {
                serde_json::to_string_pretty(&value)
            } else {
                serde_json::to_string(&value)
            };
            text.map_err(|e| format!("{}: {e}", doc.source.path))
        };
        let (lines, mut errors) = match reglament::records_then(file, g, json) {
            Ok(found) => found,
            Err(e) => (Vec::new(), vec![e.to_string()]),
        };
        if lines.is_empty() && errors.is_empty() {
            errors.push(format!(
                "{}: holds no act (no *.txt, *.md or *.html file, and no act folder)",
                file.display()
            ));
        }
        for line in lines {
            match line {
                Ok(text) => writeln!(out, "{text}")?,
                Err(e) => errors.push(e),
            }
        }
        for e in errors {
            eprintln!("reglament: {e}");
            failed = true;
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn registry(corpus: &Path) -> Result<Registry> {
    let r = Registry::load(corpus, Grammar::builtin()?)?;
    for e in &r.errors {
        eprintln!("reglament: skipped {e}");
    }
    Ok(r)
}

fn date(s: &str) -> Result<Date> {
    Date::parse(s).with_context(|| format!("{s:?} is not a date (YYYY-MM-DD)"))
}

fn range(s: &str) -> Result<(Date, Date)> {
    let (a, b) = s
        .split_once("..")
        .with_context(|| format!("--lost-between: {s:?} is not FROM..TO"))?;
    Ok((date(a)?, date(b)?))
}
