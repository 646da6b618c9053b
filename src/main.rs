//! The `reglament` command line: subcommands only, no logic.

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

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
    /// Print the normalized text of a file (what the parser reads).
    Normalize {
        /// The file.
        file: PathBuf,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Normalize { file } => {
            let grammar = reglament::grammar::Grammar::builtin()?;
            let source = reglament::source::Source::read(&file)?;
            let n = reglament::normalize::normalize(&source, grammar);
            println!("{}", n.text.as_str());
            for d in &n.diagnostics {
                eprintln!("{:?} {} {} {:?}", d.level, d.code, d.message, d.span);
            }
        }
    }
    Ok(())
}
