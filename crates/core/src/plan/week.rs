//! The weekly concurrent-training planner: seven days from a [`WeekRequest`] that never break a hard rule,
//! score best on the soft ones, explain every session, and name what could not be placed, the rule that
//! blocks it and what to drop. [`adapt_week`] re-plans the rest of a week from the log.
//!
//! The rules and their sources are in `rules.rs` (hard: the advisor's 6–8 h / 24 h separations, a rest day,
//! no consecutive hard running for beginners, nothing hard before a competition; soft: lift before the
//! run for strength goals, key runs fresh for endurance, easy runs after upper-body days, non-impact cardio
//! after leg days, spread of load); the search is in `search.rs`.
//!
//! Session lengths the request does not give are defaults, not rules: lifting 60 min, easy runs the top of
//! the source text's 15–30 min ([`LISS_MINUTES`]), long runs 60, tempo and intervals 40 (with warm-up
//! and cool-down), non-impact cardio 30, competitions 90. An easy run straight after lifting is capped like
//! the advisor caps it: [`MUSCLE_FIRST_MAX_MINUTES`] for strength and hypertrophy,
//! [`ENDURANCE_EASY_MAX_MINUTES`] for endurance, [`LISS_MINUTES`] otherwise, and for someone new to
//! combining the progression's current length (or [`FIRST_RUNS_MINUTES`]).

use jiff::Span;
use jiff::civil::Date;

use crate::advice::rules::{
    ENDURANCE_EASY_MAX_MINUTES, FIRST_RUNS_MINUTES, LISS_MINUTES, MUSCLE_FIRST_MAX_MINUTES,
    new_to_combining_cap,
};
use crate::athlete::{Goal, NEW_TO_COMBINING_WEEKS};
use crate::contract::{
    Focus, Intensity, LoadLevel, PlanDay, PlannedKind, PlannedSession, RunKind, SessionKind,
    SessionStatus, Slot, Unmet, UnmetSession, WeekPlan, WeekRequest, Weekday,
};
use crate::workout;

use super::rules::{
    HEAVY_LEGS_APART_H, Item, Rule, Setup, TAPER_DAYS, What, day_of, first_in_slot, hours_between,
    is_evening, lift_kind, next_of, priority, slot_rank,
};
use super::search::{blocking, fill_in, solve};
use crate::interference::{self, Next};

pub use super::adapt::adapt_week;
use super::deload::{self, deload_request, easy_days};
use super::experiment;

/// Default lengths, minutes (see the module documentation).
pub const DEFAULT_LIFT_MINUTES: u32 = 60;
pub const DEFAULT_LONG_MINUTES: u32 = 60;
pub const DEFAULT_HARD_RUN_MINUTES: u32 = 40;
pub const DEFAULT_CROSS_MINUTES: u32 = 30;
pub const DEFAULT_EVENT_MINUTES: u32 = 90;
/// Active recovery on a rest day after heavy legs or a competition: the advisor's 10–15 minutes of mobility.
pub const MOBILITY_MINUTES: u32 = 15;
/// Any given length is kept within 1–600 minutes.
pub const MAX_SESSION_MINUTES: u32 = 600;
/// At most this many sessions of one category (lifts, runs, non-impact cardio) are searched: one a day.
/// More are reported unmet at once (`slot_full`).
pub const MAX_PER_CATEGORY: usize = 7;

/// Plans the seven days from `request.start`. Deterministic; never panics.
pub fn plan_week(request: &WeekRequest) -> WeekPlan {
    let (adjusted, changes) = experiment::strategy_request(&deload_request(request));
    let request = &adjusted;
    let week = Week::new(request);
    let setup = Setup {
        goal: request.goal,
        beginner: is_beginner(request),
        now_pos: 0,
        today: None,
        easy_days: easy_days(request.previous_week_readiness),
        strategy: request.strategy,
        new_to_combining: new_to_combining(request).is_some(),
    };
    let (mut items, overflow) = requested_items(request, week.available);
    items.extend(week.event_items(request));
    let n_searched = items.len();
    items.extend(overflow);
    let mut pos = solve(&setup, &items[..n_searched]).pos;
    let n = items.len();
    fill_in(&setup, &mut items, &mut pos, n_searched..n);
    render(&week, request, &setup, &items, &pos, &[], changes)
}

pub(crate) fn is_beginner(request: &WeekRequest) -> bool {
    request.beginner.unwrap_or_else(|| {
        request
            .concurrent_weeks
            .is_some_and(|w| w < NEW_TO_COMBINING_WEEKS)
    })
}

pub(crate) fn new_to_combining(request: &WeekRequest) -> Option<u32> {
    request
        .concurrent_weeks
        .filter(|w| *w < NEW_TO_COMBINING_WEEKS)
}

/// The week's dates (day -1 ..= 7) and free slots.
pub(crate) struct Week {
    pub start: Date,
    /// `dates[d + 1]` is day `d`; `None` past the end of the calendar.
    pub dates: [Option<Date>; 9],
    /// Bit `pos` set = the slot is free.
    pub available: u16,
}

impl Week {
    pub fn new(request: &WeekRequest) -> Week {
        let mut dates = [None; 9];
        for (k, date) in dates.iter_mut().enumerate() {
            *date = request
                .start
                .checked_add(Span::new().days(k as i64 - 1))
                .ok();
        }
        let mut available = 0u16;
        for day in 0..7i16 {
            let Some(date) = dates[(day + 1) as usize] else {
                continue;
            };
            let weekday = Weekday::of(date);
            for (s, slot) in Slot::ALL.into_iter().enumerate() {
                let free = match &request.available {
                    None => true,
                    Some(list) => list
                        .iter()
                        .any(|a| a.weekday == weekday && a.slots.contains(&slot)),
                };
                if free {
                    available |= 1 << (day * 2 + s as i16);
                }
            }
        }
        Week {
            start: request.start,
            dates,
            available,
        }
    }

    /// The day index of `date` within -1..=7.
    pub fn day(&self, date: Date) -> Option<i16> {
        self.dates
            .iter()
            .position(|d| *d == Some(date))
            .map(|k| k as i16 - 1)
    }

    pub fn date(&self, day: i16) -> Option<Date> {
        usize::try_from(day + 1)
            .ok()
            .and_then(|k| self.dates.get(k).copied().flatten())
    }

    /// The request's events within a day of the week, fixed.
    pub fn event_items(&self, request: &WeekRequest) -> Vec<Item> {
        // One competition per slot: a repeat of the same date and slot is the same event.
        let mut seen = 0u32; // bit pos + 2, for positions -2..=15
        request
            .events
            .iter()
            .filter_map(|e| {
                let day = self.day(e.date)?;
                let pos = day * 2 + i16::from(e.slot == Slot::Evening);
                let bit = 1u32 << u32::try_from(pos + 2).ok()?.min(31);
                if seen & bit != 0 {
                    return None;
                }
                seen |= bit;
                Some(Item {
                    what: What::Event(e.kind),
                    minutes: clamp_minutes(e.minutes, DEFAULT_EVENT_MINUTES),
                    fixed: Some(pos),
                    allowed: 0,
                    prev: None,
                    missed_from: None,
                    priority: priority(request.goal, What::Event(e.kind)),
                    status: SessionStatus::Planned,
                    name: e.name.clone(),
                    copies: 1,
                })
            })
            .collect()
    }
}

pub(crate) fn clamp_minutes(given: Option<u32>, default: u32) -> u32 {
    given.unwrap_or(default).clamp(1, MAX_SESSION_MINUTES)
}

pub(crate) fn default_minutes(what: What) -> u32 {
    match what {
        What::Lift { .. } => DEFAULT_LIFT_MINUTES,
        What::Run(RunKind::Easy) => LISS_MINUTES.1,
        What::Run(RunKind::Long) => DEFAULT_LONG_MINUTES,
        What::Run(_) => DEFAULT_HARD_RUN_MINUTES,
        What::Cross => DEFAULT_CROSS_MINUTES,
        What::Mobility => MOBILITY_MINUTES,
        What::Event(_) => DEFAULT_EVENT_MINUTES,
    }
}

/// The requested lifts, runs and non-impact cardio as items free to move within `available` — at most
/// [`MAX_PER_CATEGORY`] of each category, the goal's priorities first — and, for what is beyond that, one
/// representative per request entry standing for all its excess `copies` (never searched, reported unmet).
pub(crate) fn requested_items(request: &WeekRequest, available: u16) -> (Vec<Item>, Vec<Item>) {
    let goal = request.goal;
    let item = |what: What, minutes: Option<u32>, copies: u32| Item {
        what,
        minutes: clamp_minutes(minutes, default_minutes(what)),
        fixed: None,
        allowed: available,
        prev: None,
        missed_from: None,
        priority: priority(goal, what),
        status: SessionStatus::Planned,
        name: None,
        copies,
    };
    let lifts: Vec<(What, Option<u32>, u32)> = request
        .lifts
        .iter()
        .map(|l| {
            let what = What::Lift {
                focus: l.focus,
                load: l.load,
            };
            (what, l.minutes, l.count)
        })
        .collect();
    let runs: Vec<(What, Option<u32>, u32)> = request
        .runs
        .iter()
        .map(|r| (What::Run(r.kind), r.minutes, r.count))
        .collect();
    let cross = vec![(What::Cross, None, request.cross)];
    let mut kept = Vec::new();
    let mut overflow = Vec::new();
    for mut entries in [lifts, runs, cross] {
        // The goal's priorities first; stable, so the request's order breaks ties.
        entries.sort_by_key(|e| std::cmp::Reverse(priority(goal, e.0)));
        let mut room = MAX_PER_CATEGORY as u32;
        for (what, minutes, count) in entries {
            let searched = count.min(room);
            room -= searched;
            for _ in 0..searched {
                kept.push(item(what, minutes, 1));
            }
            if count > searched {
                overflow.push(item(what, minutes, count - searched));
            }
        }
    }
    (kept, overflow)
}

// ----- rendering ----------------------------------------------------------------------------------

/// An unmet session forced by something other than the search (re-planning).
pub(crate) struct Dropped {
    pub item: usize,
    pub rule: Rule,
    pub why: String,
}

pub(crate) fn render(
    week: &Week,
    request: &WeekRequest,
    setup: &Setup,
    items: &[Item],
    pos: &[Option<i16>],
    dropped: &[Dropped],
    experiment_changes: Vec<String>,
) -> WeekPlan {
    let view = View {
        week,
        setup,
        items,
        pos,
        new_to_combining: new_to_combining(request),
        post_lift_minutes: request.post_lift_run_minutes,
        targets: structure_targets(request, items, pos),
    };
    // A deload week says so in every session it shortened or eased.
    let first_hard_day = (setup.easy_days > 0)
        .then(|| week.date(setup.easy_days))
        .flatten()
        .map(|d| capitalise(Weekday::of(d).as_str()));
    let deload_note = deload::explanation(request, first_hard_day.as_deref());
    let mut days = Vec::new();
    for day in 0..7i16 {
        let Some(date) = week.date(day) else { continue };
        let mut on_day: Vec<usize> = (0..items.len())
            .filter(|&i| {
                pos.get(i)
                    .copied()
                    .flatten()
                    .is_some_and(|p| day_of(p) == day)
            })
            .collect();
        on_day.sort_by_key(|&i| {
            (
                pos.get(i).copied().flatten(),
                slot_rank(items[i].what, setup),
                i,
            )
        });
        let mut sessions: Vec<PlannedSession> = on_day.iter().map(|&i| view.session(i)).collect();
        if let Some(note) = &deload_note {
            for s in &mut sessions {
                let planned = s.status != SessionStatus::Done
                    && !matches!(s.kind, SessionKind::Event | SessionKind::Mobility);
                if planned {
                    s.why.push(' ');
                    s.why.push_str(note);
                }
            }
        }
        if sessions.is_empty() {
            sessions.push(view.rest_day(day));
        }
        days.push(PlanDay {
            date,
            weekday: Weekday::of(date),
            sessions,
        });
    }

    let mut unmet: Vec<Unmet> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if pos.get(i).copied().flatten().is_some() || item.fixed.is_some() {
            continue;
        }
        let entry = match dropped.iter().find(|d| d.item == i) {
            Some(d) => Unmet {
                session: unmet_session(item),
                count: item.copies,
                rule: d.rule.code().to_string(),
                blocked_by: vec![d.rule.code().to_string()],
                why: d.why.clone(),
                suggestion: suggestion(d.rule, item),
            },
            None => view.unmet(i),
        };
        // Identical sessions blocked alike are listed once, with their count.
        let same = |u: &Unmet| {
            u.session == entry.session
                && u.rule == entry.rule
                && u.blocked_by == entry.blocked_by
                && u.why == entry.why
        };
        match unmet.iter_mut().find(|u| same(u)) {
            Some(u) => u.count = u.count.saturating_add(entry.count),
            None => unmet.push(entry),
        }
    }
    let experiment = setup
        .strategy
        .map(|strategy| view.experiment_summary(strategy, request, experiment_changes, &unmet));
    WeekPlan {
        goal: request.goal,
        start: week.start,
        days,
        unmet,
        experiment,
        disclaimer: crate::advice::DISCLAIMER.to_string(),
    }
}

fn unmet_session(item: &Item) -> UnmetSession {
    let (kind, focus, load) = kind_of(item.what);
    UnmetSession {
        kind,
        focus,
        load,
        minutes: item.minutes,
    }
}

pub(crate) fn kind_of(what: What) -> (SessionKind, Option<Focus>, Option<LoadLevel>) {
    match what {
        What::Lift { focus, load } => (SessionKind::Lift, Some(focus), Some(load)),
        What::Run(k) => (k.session_kind(), None, None),
        What::Cross => (SessionKind::Cross, None, None),
        What::Mobility => (SessionKind::Mobility, None, None),
        What::Event(_) => (SessionKind::Event, None, None),
    }
}

pub(crate) fn label(what: What) -> String {
    match what {
        What::Lift { focus, load } => format!("{} {} lift", load_word(load), focus_word(focus)),
        What::Run(k) => format!("{} run", k.as_str()),
        What::Cross => "non-impact cardio session".into(),
        What::Mobility => "mobility session".into(),
        What::Event(k) => k.as_str().into(),
    }
}

fn load_word(load: LoadLevel) -> &'static str {
    match load {
        LoadLevel::Heavy => "heavy",
        LoadLevel::Moderate => "moderate",
        LoadLevel::Light => "light",
    }
}

fn focus_word(focus: Focus) -> &'static str {
    match focus {
        Focus::Upper => "upper-body",
        Focus::Lower => "lower-body",
        Focus::Full => "full-body",
    }
}

pub(crate) fn pos_name(week: &Week, pos: i16) -> String {
    let day = week
        .date(day_of(pos))
        .map_or("?", |d| Weekday::of(d).as_str());
    let slot = if is_evening(pos) {
        "evening"
    } else {
        "morning"
    };
    format!("{} {slot}", capitalise(day))
}

pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn short_day(week: &Week, day: i16) -> String {
    week.date(day).map_or_else(
        || format!("day {day}"),
        |d| capitalise(&Weekday::of(d).as_str()[..3]),
    )
}

fn suggestion(rule: Rule, item: &Item) -> String {
    let what = label(item.what);
    let kind = match item.what {
        What::Run(k) => k.as_str(),
        _ => "",
    };
    match rule {
        Rule::BeginnerConsecutiveHard => format!(
            "Drop this {what} or make it an easy run: while you are new, keep an easy or rest day between hard runs."
        ),
        Rule::Interference(_) => {
            if item.what.is_lift() {
                format!(
                    "Drop this {what} or make it moderate, or free a slot on a day away from the hard runs."
                )
            } else {
                format!(
                    "Drop this {kind} session or make it an easy run; or make a heavy lift moderate, or free a slot on a day without lifting."
                )
            }
        }
        Rule::HardBeforeEvent => format!(
            "Drop this {what} this week or make it easy: nothing hard, and no leg lifting, the day before or on the day of your competition."
        ),
        Rule::HeavyLiftAfterKeyRun => format!(
            "Put this {what} in another session than the long or hard run, or make it moderate: heavy lifting straight after a key run is counterproductive."
        ),
        Rule::NewToCombining => format!(
            "Do this {what} before the lift or in another session: while you are new to combining, long and hard runs are not done straight after lifting."
        ),
        Rule::HeavyLegsRecovering => format!(
            "Drop this {what} or make it moderate: heavy leg sessions at least {HEAVY_LEGS_APART_H:.0} h apart."
        ),
        Rule::Taper => format!(
            "Do this {what} earlier in the week or drop it: no long run or heavy leg work in the {TAPER_DAYS} days before your competition (taper: less volume, same intensity)."
        ),
        Rule::RestDay => {
            format!("Drop this {what}: one day a week stays free for rest or active recovery.")
        }
        Rule::SlotFull => {
            format!("Add a free slot (morning or evening) on another day, or drop this {what}.")
        }
        Rule::NotAvailable => {
            format!("Add availability (a morning or evening slot), or drop this {what}.")
        }
        Rule::SlotInPast => format!("The days left this week have no room: drop this {what}."),
        Rule::Deload => format!(
            "Drop this {what} this week, or make it easy: a deload week keeps its first days easy and builds again next week."
        ),
        Rule::ReadinessRed | Rule::ReadinessAmber => format!(
            "Recover first: drop this {what} this week rather than squeezing it into the days left."
        ),
        Rule::Experiment(s) => format!(
            "Free a slot where your experiment ({}) allows this {what}, or drop it this week: {}",
            s.short(),
            s.describe()
        ),
        Rule::ExtraSessionDone => format!(
            "Drop this {what}: you already did an extra hard session this week, and the week's hard running stays as planned."
        ),
    }
}

/// What the lifts before a session allow it.
pub(super) struct AfterLifts {
    pub intensity: Intensity,
    pub max_minutes: Option<u32>,
    /// The interference rules in force, with the hours since the lift and the lift.
    pub limits: Vec<(interference::Rule, f64, What)>,
}

/// The plan, read by the renderer.
pub(super) struct View<'a> {
    pub week: &'a Week,
    pub setup: &'a Setup,
    pub items: &'a [Item],
    pub pos: &'a [Option<i16>],
    /// Weeks of combining lifting and running, when new to it.
    pub new_to_combining: Option<u32>,
    pub post_lift_minutes: Option<u32>,
    /// Paces (from the request's race) and the week's running, for tempo and interval structures.
    targets: workout::Targets,
}

/// Paces from the request's race (its age counted to the week's first day) and the week's running
/// minutes — the runs placed — so that Daniels' weekly shares cap the hard sessions' work.
fn structure_targets(
    request: &WeekRequest,
    items: &[Item],
    pos: &[Option<i16>],
) -> workout::Targets {
    let weekly: f64 = items
        .iter()
        .enumerate()
        .filter(|(i, it)| {
            matches!(it.what, What::Run(_)) && pos.get(*i).copied().flatten().is_some()
        })
        .map(|(_, it)| f64::from(it.minutes))
        .sum();
    workout::Targets {
        paces: request
            .race
            .as_ref()
            .and_then(|r| workout::pace_source_from_race(r, Some(request.start))),
        heart: None,
        weekly_running_minutes: (weekly > 0.0).then_some(weekly),
    }
}

pub(super) type At<'a> = (usize, &'a Item, i16);

impl View<'_> {
    pub(super) fn at(&self, i: usize) -> Option<i16> {
        self.pos.get(i).copied().flatten()
    }

    /// Items on `day`, with their positions.
    pub(super) fn on_day(&self, day: i16) -> impl Iterator<Item = At<'_>> + '_ {
        self.items.iter().enumerate().filter_map(move |(j, it)| {
            let p = self.at(j)?;
            (day_of(p) == day).then_some((j, it, p))
        })
    }

    pub(super) fn before(&self, a: At<'_>, b: At<'_>) -> bool {
        a.2 < b.2 || (a.2 == b.2 && first_in_slot(a.1.what, a.0, b.1.what, b.0, self.setup))
    }

    /// The last lift on the same day before `me`.
    pub(super) fn lift_before<'s>(&'s self, me: At<'s>) -> Option<At<'s>> {
        self.on_day(day_of(me.2))
            .filter(|&o| o.0 != me.0 && o.1.what.is_lift() && self.before(o, me))
            .last()
    }

    /// A lift later the same day.
    fn lift_after<'s>(&'s self, me: At<'s>) -> Option<At<'s>> {
        self.on_day(day_of(me.2))
            .find(|&o| o.0 != me.0 && o.1.what.is_lift() && self.before(me, o))
    }

    /// Cardio or a key run sharing `me`'s slot, and whether it comes after `me`.
    fn cardio_in_slot<'s>(&'s self, me: At<'s>) -> Option<(At<'s>, bool)> {
        self.on_day(day_of(me.2))
            .find(|&o| o.0 != me.0 && o.2 == me.2 && o.1.what.is_cardio())
            .map(|o| (o, self.before(me, o)))
    }

    fn event_on(&self, day: i16) -> Option<&Item> {
        self.on_day(day).find(|t| t.1.what.is_event()).map(|t| t.1)
    }

    fn heavy_legs_on(&self, day: i16) -> bool {
        self.on_day(day).any(|t| t.1.what.heavy_legs())
    }

    /// What the lifts before `me` (today's and yesterday's) allow it, by the advisor's own rules at the hours
    /// between them ([`interference::check`]): the highest intensity, a length cap, and the limits in force
    /// with their hours and lift.
    pub(super) fn after_lifts(&self, me: At<'_>) -> AfterLifts {
        let (_, item, p) = me;
        let mut out = AfterLifts {
            intensity: next_of(item.what).map_or(Intensity::Low, Next::intensity),
            max_minutes: None,
            limits: Vec::new(),
        };
        let Some(next) = next_of(item.what) else {
            return out;
        };
        for day in [day_of(p) - 1, day_of(p)] {
            for lift in self
                .on_day(day)
                .filter(|&o| o.1.what.is_lift() && self.before(o, me))
            {
                let Some(kind) = lift_kind(lift.1.what) else {
                    continue;
                };
                let gap = if lift.2 == p {
                    0.0
                } else {
                    hours_between(lift.2, p)
                };
                let c = interference::check(kind, next, self.setup.goal, gap, item.minutes);
                out.intensity = out.intensity.min(c.intensity);
                if let Some(m) = c.max_minutes {
                    out.max_minutes = Some(out.max_minutes.map_or(m, |x| x.min(m)));
                }
                out.limits
                    .extend(c.rules.iter().map(|r| (*r, gap, lift.1.what)));
            }
        }
        out
    }

    /// Hours since the most recent heavy leg session on the day before `me`.
    fn hours_since_heavy_legs(&self, me: At<'_>) -> Option<f64> {
        let p = me.2;
        self.on_day(day_of(p) - 1)
            .filter(|o| o.1.what.heavy_legs())
            .map(|o| hours_between(o.2, p))
            .reduce(f64::min)
    }

    /// The easy run's length straight after lifting, as the advisor caps it: the goal's cap, and for
    /// someone new to combining the progression's current length, never above the advisor's
    /// [`new_to_combining_cap`].
    pub(super) fn post_lift_cap(&self) -> u32 {
        let goal_cap = match self.setup.goal {
            Goal::Strength | Goal::Hypertrophy => MUSCLE_FIRST_MAX_MINUTES,
            Goal::Endurance => ENDURANCE_EASY_MAX_MINUTES,
            Goal::General | Goal::FatLoss => LISS_MINUTES.1,
        };
        match self.new_to_combining {
            Some(weeks) => self
                .post_lift_minutes
                .unwrap_or(FIRST_RUNS_MINUTES)
                .clamp(1, new_to_combining_cap(weeks).min(goal_cap)),
            None => self
                .post_lift_minutes
                .map_or(goal_cap, |m| m.clamp(1, goal_cap)),
        }
    }

    fn session(&self, i: usize) -> PlannedSession {
        let item = &self.items[i];
        let p = self.at(i).unwrap_or(0);
        let (kind, focus, load) = kind_of(item.what);
        let (minutes, intensity, why) = self.describe((i, item, p));
        let moved = item.status != SessionStatus::Done
            && (item.missed_from.is_some() || item.prev.is_some_and(|q| q != p));
        let why = if item.status == SessionStatus::Done {
            format!("Done (from your log). {why}")
        } else if let Some(from) = item.missed_from {
            format!("Moved: missed on {}. {why}", pos_name(self.week, from))
        } else if let Some(prev) = item.prev.filter(|&q| q != p) {
            format!(
                "Moved from {}: the week changed around it. {why}",
                pos_name(self.week, prev)
            )
        } else {
            why
        };
        PlannedSession {
            slot: if is_evening(p) {
                Slot::Evening
            } else {
                Slot::Morning
            },
            kind,
            focus,
            load,
            event: match item.what {
                What::Event(k) => Some(k),
                _ => None,
            },
            name: item.name.clone(),
            minutes,
            intensity,
            why,
            status: if moved {
                SessionStatus::Moved
            } else {
                item.status
            },
            structure: match kind {
                SessionKind::Tempo => {
                    workout::for_session(PlannedKind::Tempo, f64::from(minutes), &self.targets)
                }
                SessionKind::Intervals => {
                    workout::for_session(PlannedKind::Intervals, f64::from(minutes), &self.targets)
                }
                _ => None,
            },
        }
    }

    /// Minutes, intensity and the reason for a placed session.
    fn describe(&self, me: At<'_>) -> (u32, Intensity, String) {
        let (_, item, p) = me;
        let goal = self.setup.goal;
        let day = day_of(p);
        let mut why = String::new();
        let mut minutes = item.minutes;
        let intensity;
        let lift_before = self.lift_before(me);
        let event_tomorrow = self.event_on(day + 1);
        match item.what {
            What::Lift { focus, load } => {
                intensity = match load {
                    LoadLevel::Heavy => Intensity::High,
                    LoadLevel::Moderate => Intensity::Moderate,
                    LoadLevel::Light => Intensity::Low,
                };
                why.push_str(&capitalise(&format!(
                    "{} {} strength session.",
                    load_word(load),
                    focus_word(focus)
                )));
                match self.cardio_in_slot(me) {
                    Some((run, true)) => {
                        why.push_str(&format!(" Lift first, then the {}", label(run.1.what)));
                        why.push_str(if goal.is_muscle_first() {
                            ": strength before endurance gave larger strength gains (Gao & Yu 2023)."
                        } else {
                            "."
                        });
                    }
                    Some((run, false)) if run.1.what.key_run() => why.push_str(&format!(
                        " After the {}, which comes first so that it is done fresh.",
                        label(run.1.what)
                    )),
                    _ => {}
                }
                let hard_wait = lift_kind(item.what).map_or(0.0, |k| {
                    interference::ready_after_h(k, Next::Intervals, goal, u32::MAX)
                });
                if item.what.heavy_legs() {
                    why.push_str(&format!(
                        " Heavy legs: no running for the rest of the day, and no tempo or intervals for at least {hard_wait:.0} h — running economy stays impaired 24–48 h after heavy leg work (Doma 2019)."
                    ));
                } else if hard_wait > 0.0 {
                    why.push_str(&format!(
                        " Tempo and intervals wait at least {hard_wait:.0} h after it (source text: at least 6–8 hours between HIIT and heavy lifting)."
                    ));
                }
            }
            What::Run(RunKind::Easy) => {
                let same_slot = lift_before.is_some_and(|l| l.2 == p);
                let after = self.after_lifts(me);
                if let Some(cap) = after.max_minutes {
                    minutes = minutes.min(cap);
                }
                if same_slot {
                    minutes = match self.setup.strategy.and_then(|s| s.post_lift_minutes()) {
                        // The experiment sets the post-lift run's length, within the same caps.
                        Some(wanted) => self.experiment_post_lift_minutes(wanted, &after).0,
                        None => minutes.min(self.post_lift_cap()),
                    };
                }
                intensity = after.intensity;
                let legs_rule = after
                    .limits
                    .iter()
                    .find(|(r, ..)| *r == interference::Rule::LegsVeryLow);
                match (legs_rule, lift_before) {
                    (Some((_, gap, lift)), _) => why.push_str(&format!(
                        "Easy run {gap:.0} h after the {}: keep it very easy, or do it as non-impact cardio (cycling, elliptical) — after a leg day running on tired legs compromises form.",
                        label(*lift)
                    )),
                    (None, Some(l)) if l.1.what.legs() => why.push_str(&format!(
                        "Easy run after the {}: light leg work leaves the legs able to run.",
                        label(l.1.what)
                    )),
                    (None, Some(l)) => {
                        why.push_str(&format!(
                            "Easy run after the {}: running after an upper-body workout is less taxing than after a heavy leg day.",
                            label(l.1.what)
                        ));
                        if same_slot {
                            why.push_str(match goal {
                                Goal::Strength | Goal::Hypertrophy => {
                                    " Combined: keep post-workout cardio low-intensity and short."
                                }
                                Goal::Endurance => " It counts toward your easy volume.",
                                Goal::General | Goal::FatLoss => {
                                    " 15–30 minutes of low-intensity running after strength training is effective and time-efficient."
                                }
                            });
                        }
                    }
                    (None, None) => why.push_str(
                        "Easy run at conversational pace (you can talk in full sentences).",
                    ),
                }
                if same_slot && self.new_to_combining.is_some() {
                    why.push_str(&format!(
                        " New to combining: {minutes} minutes, building gradually."
                    ));
                }
            }
            What::Run(kind) => {
                intensity = match kind {
                    RunKind::Intervals => Intensity::High,
                    RunKind::Tempo => Intensity::Moderate,
                    _ => Intensity::Low,
                };
                why.push_str(match kind {
                    RunKind::Intervals => "Interval run",
                    RunKind::Tempo => "Tempo run",
                    _ => "Long run at conversational pace",
                });
                match (lift_before, self.lift_after(me)) {
                    (Some(l), _) => {
                        let gap = if l.2 == p { 0.0 } else { hours_between(l.2, p) };
                        let needed = lift_kind(l.1.what).map_or(0.0, |k| {
                            interference::ready_after_h(k, Next::from_run(kind), goal, u32::MAX)
                        });
                        if needed > 0.0 {
                            why.push_str(&format!(
                                ", {gap:.0} h after the {} — at least the {needed:.0} h needed between them.",
                                label(l.1.what)
                            ));
                        } else {
                            why.push_str(&format!(", after the {}.", label(l.1.what)));
                        }
                    }
                    (None, Some(l)) => why.push_str(&format!(
                        ", before the {}: done fresh.",
                        label(l.1.what)
                    )),
                    (None, None) => why.push_str(if kind.is_hard() {
                        " on a day without lifting: HIIT belongs on a separate day or at least 6–8 hours after heavy lifting."
                    } else {
                        " on a day without lifting: long runs on tired muscles and low glycogen are better on a separate day."
                    }),
                }
                if let Some(gap) = self
                    .hours_since_heavy_legs(me)
                    .filter(|_| lift_before.is_none())
                {
                    why.push_str(&format!(" {gap:.0} h after yesterday's heavy legs."));
                }
                if goal == Goal::Endurance {
                    why.push_str(" A key run for your goal: kept fresh.");
                }
                if self.setup.beginner {
                    why.push_str(" An easy or rest day either side while you are new.");
                }
            }
            What::Cross => {
                let legs_today = lift_before.is_some_and(|l| l.1.what.legs());
                let legs_yesterday = self.on_day(day - 1).any(|t| t.1.what.legs());
                intensity = Intensity::Low;
                why.push_str("Non-impact cardio (cycling, elliptical, swimming or rowing)");
                why.push_str(if legs_today {
                    " after the leg session: it spares tired legs — the source text's choice after a leg day."
                } else if legs_yesterday {
                    " the day after the leg session: it spares tired legs — the source text's choice after a leg day."
                } else {
                    ": less stress on the joints than running."
                });
            }
            What::Mobility => {
                intensity = Intensity::VeryLow;
                why.push_str("Mobility: foam rolling, dynamic stretching, light mobility.");
            }
            What::Event(kind) => {
                intensity = Intensity::High;
                why.push_str(&format!(
                    "Your {}{}. Nothing hard the day before or earlier on the day, and no long run or heavy legs in the {TAPER_DAYS} days before (taper: less volume, same intensity).",
                    kind.as_str(),
                    item.name
                        .as_deref()
                        .map(|n| format!(": {n}"))
                        .unwrap_or_default()
                ));
            }
        }
        if let Some(e) = event_tomorrow
            && !item.what.is_event()
        {
            let kind = match e.what {
                What::Event(k) => k.as_str(),
                _ => "event",
            };
            why.push_str(&format!(
                " Nothing hard and no leg work: your {kind} is tomorrow."
            ));
        } else if !item.what.is_event()
            && let Some((e, days)) =
                (2..=TAPER_DAYS).find_map(|k| self.event_on(day + k).map(|e| (e, k)))
        {
            let kind = match e.what {
                What::Event(k) => k.as_str(),
                _ => "event",
            };
            why.push_str(&format!(
                " Taper: your {kind} is in {days} days — no long run or heavy legs until then; the volume comes down, the intensity stays (Bosquet 2007)."
            ));
        }
        if let Some(strategy) = self.setup.strategy
            && item.status != SessionStatus::Done
            && !matches!(item.what, What::Event(_) | What::Mobility)
        {
            why.push(' ');
            why.push_str(&self.experiment_sentence(strategy, me, minutes));
        }
        (minutes, intensity, why)
    }

    /// The entry for a day with no training.
    fn rest_day(&self, day: i16) -> PlannedSession {
        let rest = |kind: SessionKind, minutes: u32, why: String| PlannedSession {
            slot: Slot::Morning,
            kind,
            focus: None,
            load: None,
            event: None,
            name: None,
            minutes,
            intensity: Intensity::VeryLow,
            why,
            status: SessionStatus::Planned,
            structure: None,
        };
        if day * 2 + 1 < self.setup.now_pos {
            return rest(SessionKind::Rest, 0, "Nothing logged.".into());
        }
        if let Some((today, level)) = self.setup.today
            && today == day
            && level != crate::contract::ReadinessLevel::Green
        {
            return rest(
                SessionKind::Mobility,
                MOBILITY_MINUTES,
                format!(
                    "Readiness is {}: rest, or 10–15 minutes of gentle mobility (foam rolling, dynamic stretching). Listen to your body.",
                    level.as_str()
                ),
            );
        }
        let after_event = self.event_on(day - 1).is_some();
        if self.heavy_legs_on(day - 1) || after_event {
            return rest(
                SessionKind::Mobility,
                MOBILITY_MINUTES,
                format!(
                    "Active recovery after {}: 10–15 minutes of foam rolling, dynamic stretching or light mobility. It also counts as the week's rest day.",
                    if after_event {
                        "yesterday's competition"
                    } else {
                        "yesterday's heavy legs"
                    }
                ),
            );
        }
        rest(
            SessionKind::Rest,
            0,
            "Rest day: at least one full rest or active-recovery day a week; sleep and nutrition are arguably the most critical components of recovery."
                .into(),
        )
    }

    fn unmet(&self, i: usize) -> Unmet {
        let item = &self.items[i];
        let blocks = blocking(self.setup, self.items, self.pos, i);
        let mut per_rule: Vec<(Rule, Vec<i16>)> = Vec::new();
        for (p, rule) in &blocks {
            match per_rule.iter_mut().find(|(r, _)| r == rule) {
                Some((_, days)) => {
                    if !days.contains(&day_of(*p)) {
                        days.push(day_of(*p));
                    }
                }
                None => per_rule.push((*rule, vec![day_of(*p)])),
            }
        }
        per_rule.sort_by_key(|(r, _)| *r);
        let count = |rule: Rule| blocks.iter().filter(|(_, r)| *r == rule).count();
        let primary = per_rule
            .iter()
            .map(|(r, _)| *r)
            .filter(|r| !r.is_structural())
            .max_by_key(|&r| (count(r), std::cmp::Reverse(r)))
            .or_else(|| {
                per_rule
                    .iter()
                    .map(|(r, _)| *r)
                    .max_by_key(|&r| (count(r), std::cmp::Reverse(r)))
            })
            .unwrap_or(Rule::SlotFull);
        let detail = per_rule
            .iter()
            .map(|(r, days)| {
                let days: Vec<String> = days.iter().map(|&d| short_day(self.week, d)).collect();
                format!("{} on {}", r.code(), days.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ");
        Unmet {
            session: unmet_session(item),
            count: item.copies,
            rule: primary.code().to_string(),
            blocked_by: per_rule.iter().map(|(r, _)| r.code().to_string()).collect(),
            why: format!(
                "No slot left for the {} without breaking a hard rule ({detail}). {}",
                label(item.what),
                primary.principle()
            ),
            suggestion: suggestion(primary, item),
        }
    }
}
