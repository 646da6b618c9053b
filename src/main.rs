//! The `reglament` command line: subcommands only, no logic.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use reglament::record::Date;
use reglament::registry::status::{StatusAt, lost_on, status_at};
use reglament::registry::{NodeKind, Registry};
use reglament::{Grammar, Source};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
    /// Parse acts into JSON records: one object per file (JSON Lines).
    Parse {
        /// The files.
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
}

#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    Ru,
    Kk,
}

impl From<Lang> for reglament::record::Language {
    fn from(l: Lang) -> Self {
        match l {
            Lang::Ru => reglament::record::Language::Ru,
            Lang::Kk => reglament::record::Language::Kk,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
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
            serde_json::to_string_pretty(&reglament::record::Document::json_schema())?
        )?,
        Command::Normalize { file } => {
            let source = Source::read(&file)?;
            let n = reglament::normalize::normalize(&source, Grammar::builtin()?);
            writeln!(out, "{}", n.text.as_str())?;
        }
        Command::Lineage { act, json, corpus } => {
            let r = registry(&corpus)?;
            let id = find_act(&r, &act)?;
            let l = reglament::registry::lineage::lineage(&r, &id).context("no such act")?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&l)?)?;
            } else {
                write!(out, "{}", reglament::registry::lineage::render(&l))?;
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
            let rows = status_rows(&r, as_of, region.as_deref(), between, with_references);
            print_status(&rows, format, &mut out)?;
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
            let id = find_act(&r, &act)?;
            let c = reglament::registry::consolidate::consolidate(
                &r,
                &id,
                regulation.as_deref(),
                language.map(Into::into),
                date(&as_of)?,
            );
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&c)?)?;
            } else {
                writeln!(out, "{}", reglament::registry::consolidate::render(&r, &c))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn parse(files: &[PathBuf], pretty: bool, out: &mut impl Write) -> Result<ExitCode> {
    let mut failed = false;
    for file in files {
        match reglament::pipeline::file(file).and_then(|doc| doc.to_json()) {
            Ok(json) => {
                let text = if pretty {
                    serde_json::to_string_pretty(&json)?
                } else {
                    serde_json::to_string(&json)?
                };
                writeln!(out, "{text}")?;
            }
            Err(e) => {
                eprintln!("reglament: {e}");
                failed = true;
            }
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

/// A work id, a unique suffix of one ("272", "2017-10-31/272"), or a file.
fn find_act(r: &Registry, act: &str) -> Result<String> {
    if r.node(act).is_some() {
        return Ok(act.to_string());
    }
    let path = Path::new(act);
    if path.is_file() {
        let source = Source::read(path)?;
        let doc = reglament::pipeline::document(&source, Grammar::builtin()?);
        return doc
            .act
            .id
            .with_context(|| format!("{act}: the text does not state enough to name the act"));
    }
    let matches: Vec<&String> = r
        .nodes
        .keys()
        .filter(|id| id.ends_with(&format!("/{act}")) || id.ends_with(&format!("-{act}")))
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => bail!("{act}: no act of the corpus has this id, and no such file"),
        many => bail!(
            "{act}: names {} acts: {}",
            many.len(),
            many.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn status_rows(
    r: &Registry,
    as_of: Date,
    region: Option<&str>,
    between: Option<(Date, Date)>,
    with_references: bool,
) -> Vec<StatusAt> {
    r.nodes
        .values()
        .filter(|n| n.kind == NodeKind::Act && (with_references || !n.stub))
        .filter(|n| region.is_none_or(|code| n.facts.region.as_deref() == Some(code)))
        .filter_map(|n| match between {
            Some((from, to)) => {
                lost_on(r, n).filter(|l| l.date.is_some_and(|d| from <= d && d <= to))
            }
            None => Some(status_at(r, n, as_of)),
        })
        .collect()
}

fn print_status(rows: &[StatusAt], format: Format, out: &mut impl Write) -> Result<()> {
    match format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(rows)?)?,
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "act",
                "label",
                "status",
                "decided_by",
                "date",
                "date_basis",
                "exact",
                "basis",
            ])?;
            for r in rows {
                w.write_record([
                    r.id.as_str(),
                    r.label.as_str(),
                    &enum_str(&r.status),
                    r.decided_by.as_ref().map_or("", |d| d.id.as_str()),
                    &r.date.map(|d| d.to_string()).unwrap_or_default(),
                    &r.date_basis.as_ref().map(enum_str).unwrap_or_default(),
                    if r.exact { "true" } else { "false" },
                    r.basis.as_str(),
                ])?;
            }
            w.flush()?;
        }
        Format::Table => {
            let cells: Vec<[String; 5]> = rows
                .iter()
                .map(|r| {
                    [
                        r.label.clone(),
                        enum_str(&r.status),
                        r.decided_by
                            .as_ref()
                            .map_or_else(String::new, |d| d.label.clone()),
                        r.date
                            .map(|d| format!("{d}{}", if r.exact { "" } else { "*" }))
                            .unwrap_or_default(),
                        r.id.clone(),
                    ]
                })
                .collect();
            let head = ["act", "status", "decided by", "date", "id"];
            let mut widths: Vec<usize> = head.iter().map(|h| h.len()).collect();
            for row in &cells {
                for (w, cell) in widths.iter_mut().zip(row) {
                    *w = (*w).max(cell.chars().count());
                }
            }
            let line = |c: &[&str]| {
                c.iter()
                    .zip(&widths)
                    .map(|(s, w)| format!("{s:<w$}"))
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_string()
            };
            writeln!(out, "{}", line(&head))?;
            for c in &cells {
                writeln!(
                    out,
                    "{}",
                    line(&c.iter().map(String::as_str).collect::<Vec<_>>())
                )?;
            }
            if rows.iter().any(|r| !r.exact) {
                writeln!(
                    out,
                    "\n* not exact: the date is a signing or registration date; the event followed by a rule whose date the texts do not give (see --format json, \"basis\")."
                )?;
            }
        }
    }
    Ok(())
}

fn enum_str<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
