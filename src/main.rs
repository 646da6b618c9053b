//! The `reglament` command line: subcommands only, no logic.

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
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
        Command::Parse { files, pretty } => {
            let mut failed = false;
            for file in files {
                match reglament::parse::file(&file).and_then(|doc| doc.to_json()) {
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
            return Ok(if failed {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            });
        }
        Command::Schema => {
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&reglament::record::Document::json_schema())?
            )?;
        }
        Command::Normalize { file } => {
            let grammar = reglament::grammar::Grammar::builtin()?;
            let source = reglament::source::Source::read(&file)?;
            let n = reglament::normalize::normalize(&source, grammar);
            writeln!(out, "{}", n.text.as_str())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
