//! The `afterlift` binary: parse the command line, run the command, turn the outcome into an exit code.
//!
//! Exit codes: 0 success; 1 the command ran but something failed (e.g. a file in an import); 2 invalid
//! input (a bad flag, a malformed request) — the message names the field and what was expected.

/// mimalloc: see the dependency's comment in Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod accounts;
mod advice_log;
mod advise;
mod args;
mod browse;
mod calc;
mod clock;
mod db;
mod exercises;
mod experiment;
mod export;
mod failure;
mod history;
mod import;
mod journal;
mod migrate;
mod output;
mod plan;
mod profile;
mod render;
mod serve;
mod status;
mod zone;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(failure) => failure.report(),
    }
}

fn run(cli: args::Cli) -> Result<ExitCode, failure::Failure> {
    let global = &cli.global;
    let json = global.json;
    match cli.command {
        args::Command::Advise(a) => advise::run(*a, global),
        args::Command::Zones(a) => calc::zones(a, json),
        args::Command::Vdot(a) => calc::vdot(a, json),
        args::Command::Energy(a) => calc::energy(a, json),
        args::Command::Import(a) => import::run(a, global),
        args::Command::Profile(c) => profile::run(c, global),
        args::Command::Exercises(a) => exercises::run(a, global),
        args::Command::Log(c) => journal::run(c, global),
        args::Command::Activities(a) => browse::activities(a, global),
        args::Command::Lifts(a) => browse::lifts(a, global),
        args::Command::AdviceLog(a) => advice_log::list(a, global),
        args::Command::Show(a) => browse::show(a, global),
        args::Command::Delete(a) => browse::delete(a, global),
        args::Command::Export(a) => export::run(a, global),
        args::Command::Status(a) => status::run(a, global),
        args::Command::History(a) => history::run(a, global),
        args::Command::Plan(args::PlanCommand::Week(a)) => plan::week(a, global),
        args::Command::Progression => plan::progression(global),
        args::Command::Experiment(c) => experiment::run(c, global),
        args::Command::Serve(a) => serve::run(a, global),
        args::Command::User(c) => accounts::user(c, global),
        args::Command::Token(c) => accounts::token(c, global),
        args::Command::Migrate(a) => migrate::run(a, global),
    }
}
