//! The command line, defined in one place: `--help` comes from these doc comments.

use std::path::PathBuf;

use afterlift_core::contract::{Focus, LoadLevel};
use afterlift_core::{Goal, Sex};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Should you run after lifting? Evidence-based advice for hybrid athletes.
///
/// afterlift turns the sports-science guidance on combining strength training and running into a
/// personal answer: run now or not; if so, how long and how hard (your heart-rate range, RPE and a
/// talk-test cue); if not, what to do instead and when. Educational, not medical advice.
#[derive(Debug, Parser)]
#[command(name = "afterlift", version, about, long_about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "\
Examples:
  afterlift advise --age 34 --sex female --weight-kg 62 --goal hypertrophy \\
      --lifted \"squat 5x5@100, rdl 3x8@80\" --planned intervals:20
  afterlift advise --age 41 --sex male --weight-kg 80 --goal general --focus upper --load heavy --planned easy:30
  afterlift advise --input request.json --json
  afterlift --now 2026-12-02T18:30:00+01:00 advise --planned intervals:20   # as if it were then
  afterlift exercises press ; afterlift exercises alias \"Beinpresse\" \"Leg Press\"
  afterlift zones --age 34 --sex female --resting-hr 55
  afterlift vdot --distance 10k --time 45:00
  afterlift energy --activity run --minutes 30 --weight-kg 70 --speed-kmh 10";

#[derive(Debug, Args)]
pub struct Global {
    /// Print machine-readable JSON on stdout instead of the human-readable answer.
    #[arg(long, global = true)]
    pub json: bool,
    /// The training log: a SQLite file's PATH (or sqlite://PATH), or a PostgreSQL database's URL
    /// (postgres://user:password@host:port/database, which must exist). Default:
    /// $XDG_DATA_HOME/afterlift/afterlift.db (~/.local/share/afterlift/afterlift.db).
    #[arg(long, global = true, env = "AFTERLIFT_DB", value_name = "PATH or URL")]
    pub db: Option<PathBuf>,
    /// On a log with accounts (coaches and teams): act for this athlete user's log (their name).
    /// Default: the log's first athlete (a personal log's only one).
    #[arg(long, global = true, env = "AFTERLIFT_ATHLETE", value_name = "NAME")]
    pub athlete: Option<String>,
    /// Act as if it were this time: RFC 3339 (2026-12-02T18:30:00+01:00) or how long ago (90m, 2h, 3d).
    /// Every command then reads "now" from it: today's lift and check-in, the day a check-in is for,
    /// relative times (--ended 3h, --at 2d), this week's plan, the status and the export's time.
    /// Default: the clock.
    #[arg(long, global = true, value_name = "TIME")]
    pub now: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Should I run after this workout? How long and how hard — or what instead, and when.
    Advise(Box<AdviseArgs>),
    /// Your maximum heart rate and training zones in beats per minute.
    Zones(ZonesArgs),
    /// VDOT from a race result: race predictions and training paces (Daniels).
    Vdot(VdotArgs),
    /// Energy cost of an activity, from METs (Compendium 2011) or heart rate (Keytel 2005).
    Energy(EnergyArgs),
    // The formats are named from the readers' registry (`import_about`).
    #[command(about = import_about())]
    Import(ImportArgs),
    /// Show or set who you are: age, sex, weight, heart rates, goal, time zone, your day, a race result.
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// The exercise catalogue (what each exercise trains), and your own names for its exercises.
    Exercises(ExercisesArgs),
    /// Log a session or a check-in by hand.
    #[command(subcommand)]
    Log(LogCommand),
    /// List cardio activities in the log, newest first.
    Activities(ListArgs),
    /// List strength sessions in the log, newest first.
    Lifts(ListArgs),
    /// List the advice afterlift gave, newest first: when, what was asked, what it said (the advice log).
    AdviceLog(ListArgs),
    /// Show one activity (a12) or strength session (l3) in full; an activity's samples with --samples.
    Show(ShowArgs),
    /// Delete one activity (a12) or strength session (l3) from the log.
    Delete(IdArgs),
    /// Export everything in the log (re-importable with `afterlift import`).
    Export(ExportArgs),
    /// Training load, fitness/fatigue/form, muscle recovery and readiness, from the log.
    Status(StatusArgs),
    /// Weekly volume (cardio by sport, hard sets by muscle group) and strength progress (e1RM per exercise).
    History(HistoryArgs),
    /// Plan a week that respects the rules of combining lifting and running.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Where you are with the run after lifting, and the next steps.
    Progression,
    /// Personal experiments: compare two strategies on yourself (a randomised n-of-1 trial) — start one,
    /// see where it stands, stop it, read its report.
    #[command(subcommand)]
    Experiment(ExperimentCommand),
    /// The dashboard and the HTTP API on this log (loopback by default; other addresses need a token).
    Serve(ServeArgs),
    /// Accounts, for a log shared by a coach or a team: add, list and remove users, set passwords.
    #[command(subcommand)]
    User(UserCommand),
    /// Copy this personal log (--db) into a PostgreSQL database, into one athlete's log, and verify it.
    Migrate(MigrateArgs),
    /// API tokens of a user: create (shown once), list, revoke.
    #[command(subcommand)]
    Token(TokenCommand),
}

#[derive(Debug, Subcommand)]
#[command(
    after_help = "A log without users is a personal log: `afterlift serve` answers on loopback (or with --token) and needs no accounts. Once a log has a user, the server asks every request for a user's API token or dashboard session; an athlete sees only their own log, a coach the logs of the athletes who invited them.\n\nExamples:\n  afterlift user add ana --role athlete --password-stdin < ana.pw\n  afterlift user add kim --role coach\n  afterlift user add me --adopt          # this personal log becomes the athlete 'me's\n  afterlift token create --user kim --label 'team sheet'\n  afterlift --athlete ana status         # the CLI on ana's log"
)]
pub enum UserCommand {
    /// Add a user: an athlete (with a new, empty log) or a coach.
    Add(UserAddArgs),
    /// List the users.
    List,
    /// Remove a user with their tokens and grants. An athlete's log is deleted with them.
    Remove(UserRemoveArgs),
    /// Set a user's dashboard password, read from stdin (every session of theirs ends).
    Password(UserNameArgs),
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// The user's name (unique, ignoring case), used to sign in.
    pub name: String,
    /// athlete: owns one log; coach: sees the logs of the athletes who invite them.
    #[arg(long, value_enum, default_value_t = RoleArg::Athlete)]
    pub role: RoleArg,
    /// Read the dashboard password from stdin (one line; at least 10 characters). Without it the user
    /// signs in with API tokens only until a password is set.
    #[arg(long)]
    pub password_stdin: bool,
    /// Give this user the log's existing athlete (a personal log moving to accounts) instead of a new log.
    #[arg(long, conflicts_with = "role")]
    pub adopt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    Athlete,
    Coach,
}

#[derive(Debug, Args)]
pub struct UserRemoveArgs {
    pub name: String,
    /// Confirm: an athlete's log (every activity, lift, check-in and advice) is deleted with them.
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct UserNameArgs {
    pub name: String,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for a user: printed once (keep it; only its hash is stored).
    Create(TokenCreateArgs),
    /// List a user's tokens (their labels and dates, never the tokens).
    List(TokenUserArgs),
    /// Revoke one of a user's tokens by its number (from `token list`).
    Revoke(TokenRevokeArgs),
}

#[derive(Debug, Args)]
pub struct TokenCreateArgs {
    /// Whose token.
    #[arg(long)]
    pub user: String,
    /// What it is for, to recognise it in `token list`.
    #[arg(long, default_value = "api")]
    pub label: String,
    /// Valid for this many days (default: until revoked).
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub expires_days: Option<u32>,
}

#[derive(Debug, Args)]
pub struct TokenUserArgs {
    #[arg(long)]
    pub user: String,
}

#[derive(Debug, Args)]
pub struct TokenRevokeArgs {
    #[arg(long)]
    pub user: String,
    /// The token's number.
    pub id: i64,
}

/// `import`'s help line, "Import watch files and strength-app exports: FIT, GPX, TCX, Strong CSV and Hevy
/// CSV, .gz and .zip (folders recursively)": every format of the readers' registry and its containers.
fn import_about() -> String {
    use afterlift_formats::Format;
    use afterlift_formats::registry::list_for_people;
    let (containers, formats): (Vec<Format>, Vec<Format>) =
        Format::all().partition(|f| f.is_container());
    let formats: Vec<&str> = formats.iter().map(|f| f.label()).collect();
    let containers: Vec<String> = containers
        .iter()
        .filter_map(|f| f.extensions().first().map(|ext| format!(".{ext}")))
        .collect();
    format!(
        "Import watch files and strength-app exports: {}, {} (folders recursively)",
        list_for_people(&formats, "and"),
        list_for_people(&containers, "and")
    )
}

#[derive(Debug, Args)]
#[command(
    after_help = "Each file is imported all or nothing; re-importing a file changes nothing, and the same workout from two sources (the watch's FIT and a GPX export of it) is stored once.\n\nWith --watch, the folders are imported and then watched: new files are imported as they appear (a watch mounted over USB: GARMIN/Activity; a synced or exported folder), each file reported with its sessions (with --json, one import report per line), until Ctrl-C or SIGTERM. Restarting is safe: files already imported are duplicates. See the README for a systemd user unit.\n\nExit status: 0 when every file was imported, a duplicate or skipped; 1 when any file failed (the others are still imported); with --watch, 0 when stopped by a signal."
)]
pub struct ImportArgs {
    /// Files or folders (searched recursively).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Strong exports carry no unit: read their weights as pounds.
    #[arg(long)]
    pub lb: bool,
    /// Keep watching the folders and import new files as they appear.
    #[arg(long)]
    pub watch: bool,
    /// With --watch: seconds a new file must be quiet (not growing) before it is read.
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0, value_parser = finite_number, requires = "watch")]
    pub settle: f64,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Show the stored profile.
    Show,
    /// Set profile fields (the others keep their values; a new profile needs age, sex, weight and goal).
    Set(ProfileSetArgs),
}

#[derive(Debug, Args)]
pub struct ProfileSetArgs {
    #[arg(long, value_parser = finite_number)]
    pub age: Option<f64>,
    #[arg(long, value_enum)]
    pub sex: Option<SexArg>,
    #[arg(long, value_parser = finite_number)]
    pub weight_kg: Option<f64>,
    /// Usual morning resting heart rate (bpm).
    #[arg(long, value_parser = finite_number)]
    pub resting_hr: Option<f64>,
    /// Measured maximum heart rate (bpm).
    #[arg(long, value_parser = finite_number)]
    pub max_hr: Option<f64>,
    /// Usual morning HRV (rMSSD, ms).
    #[arg(long, value_parser = finite_number)]
    pub hrv: Option<f64>,
    #[arg(long, value_enum)]
    pub goal: Option<GoalArg>,
    /// Weeks of combining lifting and running (0 = new).
    #[arg(long)]
    pub concurrent_weeks: Option<u32>,
    /// Prone to injury (true/false).
    #[arg(long)]
    pub injury_prone: Option<bool>,
    /// IANA time zone, e.g. Europe/Berlin: where "today" is, and the zone of Strong/Hevy dates.
    #[arg(long)]
    pub time_zone: Option<String>,
    /// When your day starts, local time (HH:MM, e.g. 06:30): a postponed run is never put earlier.
    /// `none` forgets it (default 06:00).
    #[arg(long, value_name = "HH:MM")]
    pub wake: Option<String>,
    /// When your day ends — your bedtime, local time (HH:MM, e.g. 22:30): a postponed run ends before it.
    /// `none` forgets it (default 22:00).
    #[arg(long, value_name = "HH:MM")]
    pub sleep: Option<String>,
    /// A recent race, for your training paces (Daniels' VDOT): DISTANCE:TIME[@DATE].
    /// DISTANCE is 5k, 10k, half, marathon, mile, 15k or metres (1500–42195); TIME is MM:SS or H:MM:SS;
    /// DATE (YYYY-MM-DD) is when you ran it. E.g. 10k:45:30, half:1:39:00, 5000:19:45@2026-10-04.
    /// `none` forgets it.
    #[arg(long, value_name = "DISTANCE:TIME[@DATE]")]
    pub race: Option<String>,
}

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  afterlift exercises                       # the whole catalogue\n  afterlift exercises leg press             # search: every word must match a name\n  afterlift exercises alias \"Beinpresse\" \"Leg Press\"\n  afterlift exercises aliases\n  afterlift exercises unalias \"Beinpresse\"\n\nAn alias makes afterlift read a name your app or gym uses as that catalogue exercise everywhere:\nadvice, status and plans. Names the catalogue already knows need none."
)]
pub struct ExercisesArgs {
    #[command(subcommand)]
    pub command: Option<ExercisesCommand>,
    /// Only exercises whose name (or one of their names) contains every word of this.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum ExercisesCommand {
    /// Read NAME as the catalogue's EXERCISE from now on: alias "Beinpresse" "Leg Press".
    Alias {
        /// The name as you log it (in Strong, Hevy or by hand).
        name: String,
        /// The catalogue exercise it means, by its name (see `afterlift exercises QUERY`).
        exercise: String,
    },
    /// List your aliases.
    Aliases,
    /// Forget an alias.
    Unalias {
        /// The alias's name (case, spacing and punctuation do not matter).
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// A strength session: --exercise "Squat (Barbell)" --sets 5x5@100 (repeat both for more exercises).
    Lift(LogLiftArgs),
    /// A cardio session: --sport run --minutes 30.
    Cardio(LogCardioArgs),
    /// Today's check-in (sleep, Hooper items 1–7, morning HR, HRV, pain, illness). A second one the same
    /// day changes only what it answers; --no-pain and --no-illness take pain and illness back. Pain and
    /// illness last until taken back: a new day's check-in starts with those of the last one (within 7
    /// days), and a day without a check-in is advised with them.
    Wellness(LogWellnessArgs),
}

#[derive(Debug, Args)]
pub struct LogLiftArgs {
    /// An exercise, as Strong/Hevy name it or a short alias; each is followed by its --sets. A name the
    /// catalogue cannot read is saved with a warning (`afterlift exercises QUERY` finds the catalogue's
    /// name; `afterlift exercises alias NAME EXERCISE` makes yours readable).
    #[arg(long = "exercise", required = true)]
    pub exercises: Vec<String>,
    /// The sets of the exercise before: SETSxREPS[@KG] [rpe R], e.g. 5x5@100 or "3x8@80 rpe 8".
    #[arg(long = "sets", required = true)]
    pub sets: Vec<String>,
    /// Session RPE (1–10).
    #[arg(long, value_parser = finite_number)]
    pub rpe: Option<f64>,
    /// How long it lasted, minutes.
    #[arg(long, value_parser = finite_number)]
    pub minutes: Option<f64>,
    /// When it started: RFC 3339 or how long ago (2h). Default: now minus its minutes.
    #[arg(long)]
    pub at: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
}

#[derive(Debug, Args)]
pub struct LogCardioArgs {
    /// run, cycle, swim, row, walk, hike, elliptical or other.
    #[arg(long)]
    pub sport: String,
    #[arg(long, value_parser = finite_number)]
    pub minutes: f64,
    #[arg(long, value_parser = finite_number)]
    pub distance_km: Option<f64>,
    #[arg(long, value_parser = finite_number)]
    pub avg_hr: Option<f64>,
    #[arg(long, value_parser = finite_number)]
    pub max_hr: Option<f64>,
    /// Session RPE (1–10).
    #[arg(long, value_parser = finite_number)]
    pub rpe: Option<f64>,
    /// When it started: RFC 3339 or how long ago (2h). Default: now minus its minutes.
    #[arg(long)]
    pub at: Option<String>,
}

#[derive(Debug, Args)]
pub struct LogWellnessArgs {
    /// The day (YYYY-MM-DD). Default: today in your time zone (of --now, if given).
    #[arg(long)]
    pub date: Option<String>,
    /// Hours slept last night.
    #[arg(long, value_parser = finite_number)]
    pub sleep: Option<f64>,
    /// Sleep quality, 1 (very good) … 7 (very bad).
    #[arg(long)]
    pub sleep_quality: Option<u8>,
    /// Fatigue, 1 … 7.
    #[arg(long)]
    pub fatigue: Option<u8>,
    /// Muscle soreness, 1 … 7.
    #[arg(long)]
    pub soreness: Option<u8>,
    /// Stress, 1 … 7.
    #[arg(long)]
    pub stress: Option<u8>,
    /// Mood, 1 … 7.
    #[arg(long)]
    pub mood: Option<u8>,
    /// Morning resting heart rate (bpm).
    #[arg(long, value_parser = finite_number)]
    pub morning_hr: Option<f64>,
    /// Morning HRV (rMSSD, ms).
    #[arg(long, value_parser = finite_number)]
    pub hrv: Option<f64>,
    /// You are in pain: no running until you clear it (--no-pain) — the following days too, for up to a
    /// week after your last check-in.
    #[arg(long, conflicts_with = "no_pain")]
    pub pain: bool,
    /// You are no longer in pain: clears --pain, today's or carried over from an earlier day.
    #[arg(long)]
    pub no_pain: bool,
    /// You feel ill: no running until you clear it (--no-illness) — the following days too, for up to a
    /// week after your last check-in.
    #[arg(long, conflicts_with = "no_illness")]
    pub ill: bool,
    /// You no longer feel ill: clears --ill, today's or carried over from an earlier day.
    #[arg(long, alias = "no-ill")]
    pub no_illness: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// At most this many, newest first.
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// Only from this time (RFC 3339 or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only before this time (RFC 3339 or YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// a12 (an activity) or l3 (a strength session), as listed by `activities` and `lifts`.
    pub id: String,
    /// An activity's samples: a CSV of every sample (offset_s, hr_bpm, speed_mps, distance_m,
    /// cadence_rpm, altitude_m, power_w, lat_deg, lon_deg; empty where a sample lacks the value), or
    /// with --json the columns, the track's outline and the splits (`GET /api/v1/activities/{id}/streams`).
    #[arg(long)]
    pub samples: bool,
    /// With --samples --json: splits every kilometre (100 m for a swim) or mile (100 yards for a swim).
    #[arg(long, value_enum, default_value_t = SplitArg::Km, requires = "samples")]
    pub split: SplitArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitArg {
    Km,
    Mi,
}

#[derive(Debug, Args)]
pub struct IdArgs {
    /// a12 (an activity) or l3 (a strength session), as listed by `activities` and `lifts`.
    pub id: String,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Load is shown as trends, not injury predictions: the acute:chronic ratio in particular is contested (Impellizzeri 2021)."
)]
pub struct StatusArgs {
    /// As of this date (YYYY-MM-DD: the end of that day in your time zone), time (RFC 3339) or how long
    /// ago (2d). Default: now.
    #[arg(long)]
    pub at: Option<String>,
    /// Days of daily load to chart.
    #[arg(long, default_value_t = 42)]
    pub days: u32,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Weeks run Monday to Sunday in your time zone. A hard set is a set not marked as a warm-up; a muscle counts 1 for each set where it is a prime mover and ½ where it is a synergist. e1RM is Epley's estimate from each session's best set of 1–12 reps.\n\nExamples:\n  afterlift history                       # everything, week by week\n  afterlift history --from 2025-01-01 --to 2025-03-31\n  afterlift history --json | jq '.strength[0]'"
)]
pub struct HistoryArgs {
    /// First date (YYYY-MM-DD). Default: the first date in the log.
    #[arg(long)]
    pub from: Option<String>,
    /// Last date (YYYY-MM-DD, inclusive). Default: today (or the last date in the log, when later).
    #[arg(long)]
    pub to: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Seven days from --from (default: this week's Monday; the current week is re-planned from what you
    /// did and how you are today). Without --lifts/--runs the week is your usual one from the log, or a
    /// starting template for your goal; --lifts or --runs replace those sessions (and then non-impact
    /// cardio comes only from --cross).
    Week(PlanWeekArgs),
}

#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  afterlift plan week --lifts upper:heavy,lower:heavy,full:moderate --runs easy:30,long:90,intervals:25 \\\n      --available mon,tue,wed:evening,thu,fri,sat,sun --event 2026-12-06:morning:race:City10k --ics week.ics"
)]
pub struct PlanWeekArgs {
    /// The first day (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Read the week request as JSON (the same shape as the HTTP API) from FILE, or stdin with `-`.
    #[arg(long, value_name = "FILE|-")]
    pub input: Option<std::path::PathBuf>,
    /// Strength sessions: FOCUS:LOAD[:MINUTES], comma-separated, e.g. upper:heavy,lower:heavy,full:moderate.
    #[arg(long)]
    pub lifts: Option<String>,
    /// Runs: KIND[:MINUTES], comma-separated, e.g. easy:30,easy:30,long:90,intervals.
    #[arg(long)]
    pub runs: Option<String>,
    /// Non-impact cardio sessions (bike, elliptical, swim, row). Without it, the week has the log's (or the
    /// goal template's) non-impact sessions only when neither --lifts nor --runs is given: with either,
    /// the week is yours, and has none unless you add them here.
    #[arg(long)]
    pub cross: Option<u32>,
    /// When you can train: DAY[:morning|evening], comma-separated (default: every slot of every day).
    #[arg(long)]
    pub available: Option<String>,
    /// A fixed event: DATE:SLOT:race|match[:NAME]. Repeat for more.
    #[arg(long)]
    pub event: Vec<String>,
    /// New to running hard: no hard running on consecutive days.
    #[arg(long)]
    pub beginner: bool,
    /// Also write the plan as an iCalendar file (RFC 5545) with one event per session.
    #[arg(long, value_name = "FILE")]
    pub ics: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
#[command(after_help = EXPERIMENT_HELP)]
pub enum ExperimentCommand {
    /// Start an experiment: which two strategies, the outcome that decides (and the smallest difference
    /// you care about), when, and how long. See `afterlift experiment start --help` for every comparison
    /// and outcome.
    #[command(after_help = experiment_start_help())]
    Start(ExperimentStartArgs),
    /// Where an experiment stands (the current one by default): today's strategy and what it means, the
    /// weeks done and left, and the estimate — or how many more weeks until there is one.
    Status(ExperimentIdArgs),
    /// Stop an experiment (the current one by default) today: plans and advice stop following it; its
    /// report covers the days until today.
    Stop(ExperimentStopArgs),
    /// The report on an experiment (the current one by default), after the CENT 2015 checklist for
    /// n-of-1 trials: Markdown, a self-contained HTML page, or JSON.
    Report(ExperimentReportArgs),
    /// Every experiment, newest first.
    List,
}

const EXPERIMENT_HELP: &str = "\
An experiment compares two strategies on you: weeks of one (A) and of the other (B) in a randomised order,
in blocks of two periods (AB or BA). While it runs, `afterlift plan week` and `afterlift advise` follow the
strategy of the day — the safety rules (pain, illness, readiness, what may follow a lift) always come first,
and a day that could not follow the strategy says so. Import or log what you do as usual; the report reads
the log. The result describes you only, over these weeks — not athletes in general — and is not medical
advice. The method: docs/experiments.md.

Examples:
  afterlift experiment start --compare run_after_lift_or_separate_day --outcome easy_run_efficiency --smallest-effect 0.03
  afterlift experiment status
  afterlift experiment report --format html --output report.html
  afterlift experiment stop --yes";

/// `experiment start`'s help after the flags: every comparison with its two strategies, and every outcome
/// with its unit and which way is better.
fn experiment_start_help() -> String {
    use afterlift_core::experiment::strategy::Comparison;
    use afterlift_core::experiment::{Direction, OutcomeKind};
    use std::fmt::Write as _;
    let mut text = String::from("Comparisons (--compare), arm A vs arm B:\n");
    for c in Comparison::ALL {
        let [a, b] = c.arms();
        let _ = writeln!(text, "  {}\n      {}", c.code(), c.question());
        let _ = writeln!(text, "      A  {}: {}", a.code(), a.describe());
        let _ = writeln!(text, "      B  {}: {}", b.code(), b.describe());
    }
    text.push_str(
        "\nOutcomes (--outcome KIND[:PARAM], --secondary KIND[:PARAM]=EFFECT), with the unit of --smallest-effect:\n",
    );
    for kind in OutcomeKind::all() {
        let code = match &kind {
            OutcomeKind::E1rm { .. } => "e1rm:EXERCISE".to_string(),
            OutcomeKind::EasyRunEfficiency { .. } => {
                "easy_run_efficiency[:CEILING_BPM]".to_string()
            }
            other => serde_json::to_value(other)
                .ok()
                .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(String::from))
                .unwrap_or_default(),
        };
        let better = match kind.direction() {
            Direction::Higher => "higher is better",
            Direction::Lower => "lower is better",
            Direction::Neither => "neither way is better",
        };
        let name = match &kind {
            OutcomeKind::E1rm { .. } => {
                "a lift's estimated 1RM (Epley), e.g. e1rm:\"Squat (Barbell)\"".to_string()
            }
            other => other.name(),
        };
        let _ = writeln!(text, "  {code:<36} {name} — {}, {better}", kind.unit());
    }
    text.push_str(
        "\nThe smallest effect is the smallest difference between the strategies you would care about, in the \
outcome's unit (easy-run efficiency 0.03 m/beat is about 2–3 %; resting HR 2 bpm; e1RM 2.5 kg; HRV 0.05 ≈ 5 %). \
It sets the length: the fewest blocks that find it 4 times in 5, from your own week-to-week variation in \
the 26 weeks before the start (4 blocks when the log has too little). Outcomes are fixed now, before \
the start: changing them later would bias the result.

Defaults: the start is next Monday, periods of 1 week, a washout of 2 days (a period's first days are \
followed but not counted), the seed drawn at random (kept, so the schedule and every report can be \
reproduced).

Examples:
  afterlift experiment start --compare run_after_lift_or_separate_day --outcome easy_run_efficiency --smallest-effect 0.03
  afterlift experiment start --compare lift_or_run_first --outcome e1rm:\"Squat (Barbell)\" --smallest-effect 2.5 \\
      --secondary resting_hr=2 --secondary hooper=2 --period-weeks 2 --washout-days 3
  afterlift experiment start --compare hiit_gap_6h_or_24h --outcome session_rpe --smallest-effect 1 --start 2026-03-02 --blocks 6 --seed 42",
    );
    text
}

#[derive(Debug, Args)]
pub struct ExperimentStartArgs {
    /// The two strategies to compare (listed below).
    #[arg(long, value_name = "COMPARISON")]
    pub compare: String,
    /// The outcome that decides: KIND, e1rm:EXERCISE, or easy_run_efficiency:CEILING_BPM (listed below).
    #[arg(long, value_name = "KIND[:PARAM]")]
    pub outcome: String,
    /// The smallest difference in the outcome you care about, in its unit.
    #[arg(long, value_name = "X", value_parser = finite_number)]
    pub smallest_effect: f64,
    /// A further outcome, reported as exploratory: KIND[:PARAM]=EFFECT (resting_hr=2). Repeat for more.
    #[arg(long, value_name = "KIND[:PARAM]=EFFECT")]
    pub secondary: Vec<String>,
    /// The first day (YYYY-MM-DD). Default: next Monday.
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Weeks per period: 1 or 2.
    #[arg(long, value_name = "N", default_value_t = afterlift_core::contract::DEFAULT_PERIOD_WEEKS)]
    pub period_weeks: u8,
    /// Days at the start of each period followed but not counted for the outcomes (at least 4 days of a
    /// period must remain).
    #[arg(long, value_name = "N", default_value_t = afterlift_core::contract::DEFAULT_WASHOUT_DAYS)]
    pub washout_days: u8,
    /// Blocks of two periods (one of each strategy). Default: the minimum for your variation.
    #[arg(long, value_name = "N")]
    pub blocks: Option<u32>,
    /// The seed of the random order (default: drawn at random; kept with the experiment).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// The question in your words (default: the comparison's).
    #[arg(long, value_name = "TEXT")]
    pub question: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExperimentIdArgs {
    /// The experiment's number (from `afterlift experiment list`). Default: the current one.
    pub id: Option<i64>,
}

#[derive(Debug, Args)]
pub struct ExperimentStopArgs {
    /// The experiment's number. Default: the current one.
    pub id: Option<i64>,
    /// Confirm: stopping before the planned end leaves fewer weeks to judge by (possibly none).
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "The report states the question, the strategies, the outcomes declared before the start, the design with its seed, adherence and every deviation, the result per outcome with its 95 % interval (by schedule, and per protocol when there were deviations), harms and the caveats. Before the planned minimum it gives no estimate, only how many more weeks.

Examples:
  afterlift experiment report
  afterlift experiment report 2 --format html --output report.html
  afterlift experiment report --json | jq .verdict"
)]
pub struct ExperimentReportArgs {
    /// The experiment's number. Default: the current one.
    pub id: Option<i64>,
    /// markdown (default), html (a self-contained page) or json (also with --json).
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Html,
    Json,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Everything the log holds is copied in one transaction, ids kept: the profile, check-ins, aliases, activities with their samples, lifts with their sets, the import ledger (the same files stay duplicates), the advice log and the experiments. The copy is read back and compared with the source (counts per kind and a SHA-256 of each side's canonical export) before it commits; if anything differs, nothing is written and the exit code is 1. Running it again finds the log already there.\n\nInto whose log: --athlete NAME (a new athlete user, or an existing athlete's empty log); without it, the database's first athlete, if it has no users yet.\n\nExamples:\n  afterlift migrate --to postgres://afterlift@db.example/afterlift --athlete ana\n  afterlift --db ~/old.db migrate --to \"$TEAM_DB\" --athlete ana --json"
)]
pub struct MigrateArgs {
    /// The PostgreSQL database to copy into: postgres://user:password@host:port/database (it must exist).
    #[arg(long, value_name = "URL")]
    pub to: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "json")]
    pub format: ExportFormat,
    /// Write here (a file for json; a folder for csv). Default: stdout for json.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

/// Flags override the same fields of `--input`.
#[derive(Debug, Args, Default)]
#[command(
    after_help = "Without lift flags (or a lift in --input), today's last strength session in the log is used; today's check-in fills in the readiness you do not give. --now TIME asks as of that time (today's lift and check-in are then that day's).\nThe JSON request and response are documented in the README (the same shape as the HTTP API)."
)]
pub struct AdviseArgs {
    /// Read the advice request as JSON from FILE, or from standard input with `-`.
    #[arg(long, value_name = "FILE|-")]
    pub input: Option<PathBuf>,

    // --- who you are
    /// Your training goal.
    #[arg(long, value_enum, help_heading = "Athlete")]
    pub goal: Option<GoalArg>,
    /// Age in years.
    #[arg(long, help_heading = "Athlete", value_parser = finite_number)]
    pub age: Option<f64>,
    #[arg(long, value_enum, help_heading = "Athlete")]
    pub sex: Option<SexArg>,
    /// Body mass in kilograms.
    #[arg(long, help_heading = "Athlete", value_parser = finite_number)]
    pub weight_kg: Option<f64>,
    /// Your usual morning resting heart rate (bpm).
    #[arg(long, help_heading = "Athlete", value_parser = finite_number)]
    pub resting_hr: Option<f64>,
    /// Your measured maximum heart rate (bpm); otherwise it is estimated from age (Tanaka).
    #[arg(long, help_heading = "Athlete", value_parser = finite_number)]
    pub max_hr: Option<f64>,
    /// Your usual morning HRV (rMSSD, ms), the baseline for `--hrv-today`.
    #[arg(long, help_heading = "Athlete", value_parser = finite_number)]
    pub hrv: Option<f64>,
    /// Weeks you have been combining lifting and running (0 = new to it).
    #[arg(long, help_heading = "Athlete")]
    pub concurrent_weeks: Option<u32>,
    /// You are prone to injury: afterlift prefers non-impact cardio after lifting.
    #[arg(long, help_heading = "Athlete")]
    pub injury_prone: bool,

    // --- what you lifted
    /// What you lifted: "squat 5x5@100, rdl 3x8@80 rpe 8" (SETSxREPS@KG, names as in Strong/Hevy or short: squat, rdl, bench).
    #[arg(long, value_name = "EXERCISES", help_heading = "Lift")]
    pub lifted: Option<String>,
    /// The body region you trained, if you don't list exercises.
    #[arg(long, value_enum, help_heading = "Lift")]
    pub focus: Option<FocusArg>,
    /// How heavy the session was, if you don't list sets.
    #[arg(long, value_enum, help_heading = "Lift")]
    pub load: Option<LoadArg>,
    /// Session RPE of the lifting (1–10).
    #[arg(long, help_heading = "Lift", value_parser = finite_number)]
    pub lift_rpe: Option<f64>,
    /// How long the lifting session lasted, minutes.
    #[arg(long, help_heading = "Lift", value_parser = finite_number)]
    pub lift_minutes: Option<f64>,
    /// When the lifting ended: RFC 3339 (2026-11-24T18:30:00Z) or how long ago (90m, 2h). Default: just now.
    #[arg(long, value_name = "TIME", help_heading = "Lift")]
    pub ended: Option<String>,

    // --- the plan
    /// The run you planned: easy, tempo, intervals, long or none, optionally with minutes (intervals:20).
    #[arg(long, value_name = "KIND[:MINUTES]", help_heading = "Plan")]
    pub planned: Option<String>,

    // --- how you feel
    /// Hours slept last night.
    #[arg(long, help_heading = "Readiness", value_parser = finite_number)]
    pub sleep: Option<f64>,
    /// Sleep quality, 1 (very good) … 7 (very bad).
    #[arg(long, help_heading = "Readiness")]
    pub sleep_quality: Option<u8>,
    /// Fatigue, 1 (very fresh) … 7 (exhausted).
    #[arg(long, help_heading = "Readiness")]
    pub fatigue: Option<u8>,
    /// Muscle soreness, 1 (none) … 7 (very sore).
    #[arg(long, help_heading = "Readiness")]
    pub soreness: Option<u8>,
    /// Stress, 1 (very relaxed) … 7 (very stressed).
    #[arg(long, help_heading = "Readiness")]
    pub stress: Option<u8>,
    /// Mood, 1 (very good) … 7 (very bad).
    #[arg(long, help_heading = "Readiness")]
    pub mood: Option<u8>,
    /// This morning's resting heart rate (bpm).
    #[arg(long, help_heading = "Readiness", value_parser = finite_number)]
    pub morning_hr: Option<f64>,
    /// This morning's HRV (rMSSD, ms).
    #[arg(long, help_heading = "Readiness", value_parser = finite_number)]
    pub hrv_today: Option<f64>,
    /// You are in pain (afterlift never advises training through pain).
    #[arg(long, help_heading = "Readiness")]
    pub pain: bool,
    /// You feel ill.
    #[arg(long, help_heading = "Readiness")]
    pub ill: bool,

    /// Show every reason and the principle behind each (the answer shows the five most important).
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct ZonesArgs {
    /// Age in years.
    #[arg(long, value_parser = finite_number)]
    pub age: f64,
    #[arg(long, value_enum)]
    pub sex: SexArg,
    /// Morning resting heart rate (bpm): zones then use the heart-rate reserve (Karvonen).
    #[arg(long, value_parser = finite_number)]
    pub resting_hr: Option<f64>,
    /// Measured maximum heart rate (bpm): always wins over the formula.
    #[arg(long, value_parser = finite_number)]
    pub max_hr: Option<f64>,
    /// HRmax formula when none is measured: tanaka (default), gellish, fox, gulati (women).
    #[arg(long)]
    pub formula: Option<String>,
}

#[derive(Debug, Args)]
pub struct VdotArgs {
    /// Race distance: 5k, 10k, half, marathon, mile, 15km, or metres.
    #[arg(long)]
    pub distance: String,
    /// Finishing time: MM:SS or H:MM:SS.
    #[arg(long)]
    pub time: String,
}

#[derive(Debug, Args)]
pub struct EnergyArgs {
    #[arg(long, value_enum)]
    pub activity: ActivityArg,
    #[arg(long, value_parser = finite_number)]
    pub minutes: f64,
    #[arg(long, value_parser = finite_number)]
    pub weight_kg: f64,
    /// Running or walking speed, km/h.
    #[arg(long, value_parser = finite_number)]
    pub speed_kmh: Option<f64>,
    /// Average heart rate: with --age and --sex, uses Keytel's heart-rate equation.
    #[arg(long, value_parser = finite_number)]
    pub avg_hr: Option<f64>,
    #[arg(long, value_parser = finite_number)]
    pub age: Option<f64>,
    #[arg(long, value_enum)]
    pub sex: Option<SexArg>,
}

// clap value enums mirroring the contract's enums (kept here so core stays free of clap).

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GoalArg {
    Strength,
    Hypertrophy,
    Endurance,
    General,
    #[value(name = "fat_loss", alias = "fat-loss")]
    FatLoss,
}

impl From<GoalArg> for Goal {
    fn from(g: GoalArg) -> Goal {
        match g {
            GoalArg::Strength => Goal::Strength,
            GoalArg::Hypertrophy => Goal::Hypertrophy,
            GoalArg::Endurance => Goal::Endurance,
            GoalArg::General => Goal::General,
            GoalArg::FatLoss => Goal::FatLoss,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SexArg {
    Male,
    Female,
}

impl From<SexArg> for Sex {
    fn from(s: SexArg) -> Sex {
        match s {
            SexArg::Male => Sex::Male,
            SexArg::Female => Sex::Female,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FocusArg {
    Upper,
    Lower,
    Full,
}

impl From<FocusArg> for Focus {
    fn from(f: FocusArg) -> Focus {
        match f {
            FocusArg::Upper => Focus::Upper,
            FocusArg::Lower => Focus::Lower,
            FocusArg::Full => Focus::Full,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LoadArg {
    Light,
    Moderate,
    Heavy,
}

impl From<LoadArg> for LoadLevel {
    fn from(l: LoadArg) -> LoadLevel {
        match l {
            LoadArg::Light => LoadLevel::Light,
            LoadArg::Moderate => LoadLevel::Moderate,
            LoadArg::Heavy => LoadLevel::Heavy,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ActivityArg {
    Run,
    Walk,
    Cycle,
    Elliptical,
    Row,
    Swim,
    Lift,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Open the printed URL in a browser for the dashboard; the JSON API is under /api/v1 and documented at /api/docs.\nOn loopback (the default) no token is needed; to serve other machines, bind their address and set a token: requests must then send `Authorization: Bearer TOKEN`."
)]
pub struct ServeArgs {
    /// The address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub bind: String,
    /// Require this token (`Authorization: Bearer TOKEN`) on the API; needed to bind a non-loopback address.
    /// It must be strong: at least 32 characters, no spaces, random (make one with `openssl rand -hex 32`).
    /// Prefer the environment variable: command lines are visible to other users.
    #[arg(
        long,
        env = "AFTERLIFT_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub token: Option<String>,
    /// Seconds a client has to send a request's line and headers (also how long an idle keep-alive
    /// connection is kept); slower connections are closed.
    #[arg(long, default_value_t = 10, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,
    /// Seconds a client has to send a JSON request body (408 beyond).
    #[arg(long, default_value_t = 30, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub body_timeout: u64,
    /// Seconds a client has to send a whole upload to /api/v1/imports (408 beyond).
    #[arg(long, default_value_t = 120, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=86400))]
    pub upload_timeout: u64,
    /// Connections served at once; further ones wait until one closes.
    #[arg(long, default_value_t = 512, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=65536))]
    pub max_connections: u64,
    /// Uploads imported at once; further ones wait their turn.
    #[arg(long, default_value_t = 2, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=64))]
    pub max_uploads: u64,
}

/// A number flag: finite, so `NaN`, `inf` or `1e999` are named as mistakes instead of reaching a
/// duration or a range check that cannot judge them.
pub fn finite_number(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("expected a number, found '{text}'"))?;
    if value.is_finite() {
        Ok(value)
    } else {
        Err(format!("expected a finite number, found '{text}'"))
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn import_help_names_the_formats_of_the_registry() {
        let cli = super::Cli::command();
        let import = cli.find_subcommand("import").expect("import");
        assert_eq!(
            import.get_about().map(ToString::to_string).as_deref(),
            Some(
                "Import watch files and strength-app exports: FIT, GPX, TCX, Strong CSV and Hevy CSV, .gz and .zip (folders recursively)"
            )
        );
    }
}
