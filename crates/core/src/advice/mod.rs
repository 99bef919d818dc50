//! The advisor: "should I run after this workout — and if so, how long and how hard? If not, what instead,
//! and when?"
//!
//! Constraints, not scores. Each rule in [`rules`] looks at the [`Context`] and may return a finding with a
//! [`rules::Constraint`]. [`fold`] starts from the planned session and applies every constraint — the most
//! restrictive wins — and the verdict follows from what changed. Every answer can say exactly why.
//!
//! Architecture invariant: nothing the source text advises against can come out of here — e.g. no high
//! intensity within 6 h of heavy lifting, no running at all after heavy legs or with pain or illness. The
//! property tests in `tests/advice_properties.rs` hold the advisor to that.

pub mod context;
mod experiment;
mod prescribe;
pub mod rules;

use jiff::Timestamp;

pub use context::{Context, Lift, Planned};
pub use prescribe::{INTENSITY_BANDS, band};

use crate::contract::{
    AdviceRequest, AdviceResponse, Intensity, InvalidRequest, Later, Modality, PlannedKind,
    Prescription, Range, Reason, Verdict,
};
use crate::status::Status;
use rules::{Constraint, Finding, Kind};

/// Educational, not medical: shown with every answer.
pub const DISCLAIMER: &str = "afterlift gives educational guidance, not medical advice. Never train through pain, illness or warning symptoms: chest pain, dizziness, fainting or unusual breathlessness mean stop at once and seek medical care. Check with a doctor before starting a new training programme if you have a health condition.";

/// Validates the request and advises from it alone. `clock_now` is used only when the request gives no time.
/// The same as [`advise_with`] without history.
pub fn advise(
    request: &AdviceRequest,
    clock_now: Timestamp,
) -> Result<AdviceResponse, InvalidRequest> {
    advise_with(request, clock_now, None)
}

/// Validates the request and advises, listening to the training log when `status` is given
/// ([`crate::status::snapshot`]): a high recent load or red readiness reduce or skip the session, amber
/// makes it shorter and easier, legs still recovering from earlier sessions move hard running to when
/// they are ready, and the athlete's own aliases and e1RMs read today's lift. A well-recovered athlete
/// gets the same advice as without history, plus a note saying so.
pub fn advise_with(
    request: &AdviceRequest,
    clock_now: Timestamp,
    status: Option<&Status>,
) -> Result<AdviceResponse, InvalidRequest> {
    let ctx = Context::from_request_with(request, clock_now, status)?;
    Ok(advise_context(&ctx))
}

/// Advises on an already validated context.
pub fn advise_context(ctx: &Context) -> AdviceResponse {
    let mut findings = rules::findings(ctx);
    findings.extend(ctx.warnings.iter().map(|w| Finding {
        code: w.code,
        principle: "Exercises are matched to muscle groups through afterlift's exercise catalogue; a name it cannot read is treated cautiously.",
        message: w.message.clone(),
        // The cautious reading of the lift (unknown legs count as legs) already constrains; a name that
        // drives it comes first, one that changes nothing is a note.
        constraint: Constraint::default(),
        kind: if ctx
            .lift
            .as_ref()
            .is_some_and(|l| l.legs == crate::interference::Legs::Unknown)
        {
            Kind::Input
        } else {
            Kind::Note
        },
    }));
    let folded = fold(ctx, &findings);
    let now = prescribe::prescription(ctx, &folded);
    let verdict = verdict(ctx, &folded, &now);
    let later = later(ctx, &folded, &findings);
    // The experiment could not be followed: said, never hidden — in place of what it asked for, which
    // would argue with the answer.
    if let Some((intent, asked)) = experiment::finding(ctx)
        && let Some(overridden) =
            experiment::overridden(ctx, intent, &findings, &now, later.as_ref())
    {
        findings.retain(|f| f.code != asked.code);
        findings.push(overridden);
    }
    let alternatives = prescribe::alternatives(ctx, &folded, &now);
    let energy = prescribe::energy(ctx, &now);
    let refuel = prescribe::refuel(ctx, &now, later.as_ref());

    let mut reasons = reasons(findings, &folded, verdict);
    reasons.extend(prescribe::cooldown_reason(ctx, &now));
    reasons.extend(prescribe::structure_reason(ctx, &now));
    reasons.extend(prescribe::refuel_reason(ctx, &refuel, &energy));

    AdviceResponse {
        verdict,
        now,
        later,
        reasons,
        alternatives,
        energy,
        refuel,
        disclaimer: DISCLAIMER.to_string(),
        // The advisor sees only the request; the caller that filled it from the log says what it used.
        from_log: None,
    }
}

/// The reasons the answer shows, most important first: what stops or reduces the session, then what the
/// lift limits, then the person, then notes. When something stops or reduces the session for how the
/// athlete is (pain, illness, exhaustion, readiness), notes that encourage training are left out: the
/// reasons never argue with the verdict.
fn reasons(mut findings: Vec<Finding>, f: &Folded, verdict: Verdict) -> Vec<Reason> {
    let stopped = f.c.rest || f.c.recovery_only;
    let new_to_combining = findings.iter().any(|x| x.code == "new_to_combining");
    // The experiment restricting the session holds it back as readiness does.
    let held_back = findings.iter().any(|x| {
        matches!(x.kind, Kind::Safety | Kind::Readiness | Kind::Experiment)
            && x.constraint.restricts()
    });
    findings.retain(|x| {
        if x.kind == Kind::Encourage {
            // Notes that encourage running never beside an answer that does not run now, nor beside a
            // shorter run for someone new to combining ("15–30 minutes suits it" next to "about 10").
            return !(stopped
                || held_back
                || new_to_combining
                || matches!(verdict, Verdict::Swap | Verdict::Skip));
        }
        // With a stop rule, what the lift or the goal would allow is beside the point.
        // With a stop rule (rest, or active recovery only), only what stops the session is said: milder
        // readiness findings ("keep it easy and a quarter shorter") would argue with it. Of the
        // experiment, only that it was overridden.
        !stopped
            || matches!(x.kind, Kind::Safety | Kind::Input)
            || x.code == "experiment_overridden"
    });
    // Stable: within a kind, the rules' own order.
    findings.sort_by_key(|x| (x.kind, !x.constraint.restricts()));
    findings
        .into_iter()
        .map(|x| Reason {
            code: x.code.to_string(),
            principle: x.principle.to_string(),
            message: x.message,
        })
        .collect()
}

/// All constraints combined: the most restrictive of each kind wins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Folded {
    /// The session the athlete planned, as a prescription before any constraint.
    pub planned: Template,
    /// How the athlete is today (check-in or log) keeps a planned key session (long, tempo, intervals)
    /// from being done as planned: it moves to another day, if readiness is back ("listen to your body").
    pub readiness_moves_it: bool,
    /// What is done now, before constraints: the planned session, or — when it is postponed — the easy
    /// session the source text allows in its place.
    pub template: Template,
    pub c: Constraint,
}

/// A session before constraints: intensity and a minutes range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Template {
    pub intensity: Intensity,
    pub minutes: Range,
}

fn fold(ctx: &Context, findings: &[Finding]) -> Folded {
    let mut c = Constraint::default();
    let mut readiness = Constraint::default();
    for f in findings
        .iter()
        .filter(|f| matches!(f.kind, Kind::Safety | Kind::Readiness))
    {
        readiness.max_intensity = min_opt(readiness.max_intensity, f.constraint.max_intensity);
        readiness.max_minutes = min_opt(readiness.max_minutes, f.constraint.max_minutes);
        readiness.minutes_factor = min_opt_f(readiness.minutes_factor, f.constraint.minutes_factor);
        readiness.no_running |= f.constraint.no_running;
    }
    let planned = planned_template(ctx);
    let key = matches!(
        ctx.planned.kind,
        PlannedKind::Long | PlannedKind::Tempo | PlannedKind::Intervals
    );
    let readiness_moves_it = key
        && (readiness.no_running
            || readiness
                .max_intensity
                .is_some_and(|i| i < planned.intensity)
            || readiness
                .max_minutes
                .is_some_and(|m| m < planned.minutes.max)
            || readiness.minutes_factor.is_some_and(|x| x < 1.0));
    for f in findings.iter().map(|f| f.constraint) {
        c.rest |= f.rest;
        c.no_running |= f.no_running;
        c.recovery_only |= f.recovery_only;
        c.max_intensity = min_opt(c.max_intensity, f.max_intensity);
        c.max_run_intensity = min_opt(c.max_run_intensity, f.max_run_intensity);
        c.max_minutes = min_opt(c.max_minutes, f.max_minutes);
        c.minutes_factor = min_opt_f(c.minutes_factor, f.minutes_factor);
        c.postpone_hours = max_opt_f(c.postpone_hours, f.postpone_hours);
        c.not_before = c.not_before.max(f.not_before);
        c.sleep |= f.sleep;
    }
    let template = if c.is_postponed() || readiness_moves_it {
        // Never more than was planned.
        let instead = instead_template(ctx);
        let max = instead.minutes.max.min(planned.minutes.max);
        Template {
            minutes: Range::new(instead.minutes.min.min(max), max),
            ..instead
        }
    } else {
        planned
    };
    Folded {
        planned,
        readiness_moves_it,
        template,
        c,
    }
}

impl Folded {
    /// The planned session belongs to later: after the lift's separation, when the legs are ready, or on
    /// another day for readiness.
    pub fn is_postponed(&self) -> bool {
        self.c.is_postponed() || self.readiness_moves_it
    }
}

fn min_opt<T: Ord + Copy>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_opt_f(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn min_opt_f(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn intensity_of(kind: PlannedKind) -> Intensity {
    match kind {
        PlannedKind::Intervals => Intensity::High,
        PlannedKind::Tempo => Intensity::Moderate,
        _ => Intensity::Low,
    }
}

/// The planned session with the source text's defaults for its length.
fn planned_template(ctx: &Context) -> Template {
    let (intensity, default) = match ctx.planned.kind {
        PlannedKind::None | PlannedKind::Easy => {
            (Intensity::Low, crate::interference::LISS_MINUTES)
        }
        PlannedKind::Long => (Intensity::Low, (60, 90)),
        // Whole sessions with warm-up and cool-down, as the planner's default hard run.
        PlannedKind::Tempo | PlannedKind::Intervals => {
            let m = crate::plan::week::DEFAULT_HARD_RUN_MINUTES;
            (intensity_of(ctx.planned.kind), (m, m))
        }
    };
    // The experiment's post-lift run length (`post_lift_run_15`/`_30`) is the plan, before any constraint.
    let minutes = match experiment::post_lift_minutes(ctx).or(ctx.planned.minutes) {
        Some(m) => Range::new(m, m),
        None => Range::new(default.0, default.1),
    };
    Template { intensity, minutes }
}

/// What may be done now in place of a postponed session: "If you must combine, keep post-workout cardio
/// low-intensity and short" — an easy 10–20 minutes that doubles as an active cool-down.
/// Endurance athletes keep more easy volume ("easy volume allowed").
fn instead_template(ctx: &Context) -> Template {
    let minutes = if ctx.athlete.goal == crate::Goal::Endurance {
        Range::new(15, 30)
    } else {
        Range::new(10, 20)
    };
    Template {
        intensity: Intensity::Low,
        minutes,
    }
}

fn verdict(ctx: &Context, f: &Folded, now: &Prescription) -> Verdict {
    let planned_run = ctx.planned.kind != PlannedKind::None;
    if now.modality == Modality::Rest {
        // At night the planned run is rebooked for the morning, not skipped.
        return if f.c.sleep && !f.c.rest && !f.c.recovery_only && planned_run {
            Verdict::Postpone
        } else {
            Verdict::Skip
        };
    }
    if f.is_postponed() && planned_run && !f.c.recovery_only {
        return Verdict::Postpone;
    }
    if now.modality == Modality::Mobility {
        return Verdict::Skip;
    }
    if now.modality != Modality::Run {
        return Verdict::Swap;
    }
    if planned_run
        && (now.intensity < f.planned.intensity || now.minutes.max < f.planned.minutes.max)
    {
        return Verdict::Modify;
    }
    Verdict::Go
}

/// When the planned session fits: the latest of the lift's end plus the separation it needs, the time the
/// legs are ready (the log's model) and — when readiness held it back today — the next morning, if the
/// check-in is back to normal. Never in the night: a time outside the athlete's day ([`crate::time::DayWindow`])
/// moves to the next morning. `hours_after_lift` counts from today's lift, else the last lift in the log,
/// else from now.
fn later(ctx: &Context, f: &Folded, findings: &[Finding]) -> Option<Later> {
    if !f.is_postponed() || f.c.rest || f.c.recovery_only || ctx.planned.kind == PlannedKind::None {
        return None;
    }
    let lift_end = ctx.lift.as_ref().map(|l| l.ended_at);
    let mut t = ctx.now;
    if let (Some(hours), Some(end)) = (f.c.postpone_hours, lift_end) {
        t = t.max(
            end.checked_add(crate::time::seconds(hours * 3600.0))
                .unwrap_or(end),
        );
    }
    if let Some(absolute) = f.c.not_before {
        t = t.max(absolute);
    }
    let condition = f.readiness_moves_it.then(|| {
        t = t.max(ctx.day.next_morning(ctx.now, &ctx.time_zone));
        readiness_condition(findings)
    });
    let minutes = f.planned.minutes.max;
    let t = ctx
        .day
        .fit(crate::time::next_half_hour(t), minutes, &ctx.time_zone);
    let anchor = lift_end
        .or_else(|| ctx.status.as_ref().and_then(|s| s.last_lift_ended_at))
        .unwrap_or(ctx.now)
        .min(t);
    let hours = t.duration_since(anchor).as_secs_f64() / 3600.0;
    Some(Later {
        kind: ctx.planned.kind,
        hours_after_lift: (hours * 10.0).round() / 10.0,
        not_before: crate::time::local(t, &ctx.time_zone),
        condition,
    })
}

/// "if your morning check-in is back to normal" — naming what held the session back.
fn readiness_condition(findings: &[Finding]) -> String {
    let check_in = findings.iter().any(|x| {
        x.kind == Kind::Readiness
            && x.constraint.restricts()
            && !matches!(x.code, "readiness_red" | "readiness_amber" | "load_spike")
    });
    let log = findings.iter().any(|x| {
        matches!(x.code, "readiness_red" | "readiness_amber" | "load_spike")
            && x.constraint.restricts()
    });
    match (check_in, log) {
        (true, true) => {
            "if your morning check-in is back to normal and your readiness is green again".into()
        }
        (false, true) => "if your readiness from the log is green again".into(),
        _ => "if your morning check-in is back to normal".into(),
    }
}

/// The alternatives offered never break the constraints either.
pub(crate) fn allowed(f: &Folded, modality: Modality, intensity: Intensity) -> Option<Intensity> {
    if f.c.rest || f.c.sleep {
        return None;
    }
    let cardio = !matches!(
        modality,
        Modality::Mobility | Modality::Walk | Modality::Rest
    );
    if f.c.recovery_only && cardio {
        return None;
    }
    if modality == Modality::Run && f.c.no_running {
        return None;
    }
    let mut cap = f.c.max_intensity.unwrap_or(Intensity::High);
    if modality == Modality::Run {
        cap = cap.min(f.c.max_run_intensity.unwrap_or(Intensity::High));
    }
    Some(intensity.min(cap))
}

/// Minutes after readiness scaling and caps; never more than the template's.
pub(crate) fn capped_minutes(f: &Folded, minutes: Range) -> Range {
    let factor = f.c.minutes_factor.unwrap_or(1.0).clamp(0.0, 1.0);
    let scale = |m: u32| ((f64::from(m) * factor).round() as u32).max(5).min(m);
    let mut max = scale(minutes.max);
    let mut min = scale(minutes.min);
    // Never longer than what was planned (or, when postponed, the easy session allowed instead).
    for cap in f.c.max_minutes.into_iter().chain([f.template.minutes.max]) {
        max = max.min(cap);
        min = min.min(cap);
    }
    Range::new(min.min(max), max)
}
