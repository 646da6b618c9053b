//! The `reglament` command line: subcommands only, no logic.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use reglament::{Date, Grammar, Registry, ReportFormat, Source, StatusQuery};
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
    }
    Ok(ExitCode::SUCCESS)
}

fn parse(files: &[PathBuf], pretty: bool, out: &mut impl Write) -> Result<ExitCode> {
    let g = Grammar::builtin()?;
    let mut failed = false;
    for file in files {
        let (documents, mut errors) = match reglament::records(file, g) {
            Ok(found) => found,
            Err(e) => (Vec::new(), vec![e.to_string()]),
        };
        if documents.is_empty() && errors.is_empty() {
            errors.push(format!(
                "{}: holds no act (no *.txt, *.md or *.html file, and no act folder)",
                file.display()
            ));
        }
        for doc in documents {
            let json = match doc.to_json() {
                Ok(json) => json,
                Err(e) => {
                    errors.push(format!("{}: {e}", doc.source.path));
                    continue;
                }
            };
            let text = if pretty {
                serde_json::to_string_pretty(&json)?
            } else {
                serde_json::to_string(&json)?
            };
            writeln!(out, "{text}")?;
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
