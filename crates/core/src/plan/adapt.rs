//! Re-planning the rest of a week from what was actually done and today's readiness.
//!
//! - Sessions in the log (this week's, and the day before it, whose heavy legs still count on day one)
//!   are fixed where they happened, planned or not.
//! - Each logged session of the week counts against the week's request (a lift for a lift — the same focus
//!   first —, a run for a run of the same kind, non-impact cardio for non-impact cardio; the day before the
//!   week only constrains day one: it is last week's); what remains is re-planned
//!   into the slots still ahead, under the same hard rules, which now also see what was done: a missed
//!   interval session is not crammed in the day after heavy legs, nor next to yesterday's hard run for a
//!   beginner.
//! - An *extra* hard run (more tempo, interval or long runs of a kind than asked for) replaces one of the
//!   remaining hard runs, which is dropped with the rule `extra_session_done`: the week's hard running stays
//!   as planned.
//! - Today's readiness: red leaves today for rest or mobility (`readiness_red`); amber allows nothing hard
//!   today (`readiness_amber`).
//! - After an amber or red week (`previous_week_readiness`), the week is a deload ([`super::deload`]).
//! - With the earlier plan, sessions not yet due stay where they were unless something forces a move
//!   (a soft penalty per move), and the ones whose slot has passed undone are recognised as missed.

use crate::contract::{
    AdaptRequest, DoneSession, EventKind, SessionKind, SessionStatus, Slot, WeekPlan,
};

use super::deload::{deload_request, easy_days};
use super::rules::{Item, Rule, Setup, What, priority};
use super::search::{fill_in, solve};
use super::week::{
    Dropped, Week, clamp_minutes, default_minutes, is_beginner, label, pos_name, render,
    requested_items,
};

/// At most this many logged sessions a day are taken into account.
pub const MAX_DONE_PER_DAY: usize = 4;

/// The rest of the week, re-planned. Sessions before `request.today` (and before `next_slot` today) are
/// history: only the log's sessions appear there. Deterministic; never panics.
pub fn adapt_week(request: &AdaptRequest) -> WeekPlan {
    let (adjusted, changes) = super::experiment::strategy_request(&deload_request(&request.week));
    let wr = &adjusted;
    let goal = wr.goal;
    let week = Week::new(wr);
    let evening_now = request.next_slot == Some(Slot::Evening);
    let (now_pos, today) = if request.today < wr.start {
        (0, None)
    } else {
        match week.day(request.today).filter(|d| (0..7).contains(d)) {
            Some(d) => (d * 2 + i16::from(evening_now), Some(d)),
            None => (14, None),
        }
    };
    // The last day that can hold history.
    let last_day = match today {
        Some(d) => d,
        None if request.today < wr.start => -1,
        None => 6,
    };
    let setup = Setup {
        goal,
        beginner: is_beginner(wr),
        now_pos,
        today: today.map(|d| (d, request.readiness)),
        easy_days: easy_days(wr.previous_week_readiness),
        strategy: wr.strategy,
        new_to_combining: super::week::new_to_combining(wr).is_some(),
    };

    // The log, fixed.
    let mut done: Vec<&DoneSession> = request.done.iter().collect();
    done.sort_by_key(|d| (d.date, d.slot));
    let mut per_day = [0usize; 9];
    let mut done_items: Vec<Item> = Vec::new();
    for d in done {
        let Some(day) = week.day(d.date).filter(|&day| day < 7) else {
            continue;
        };
        if day > last_day {
            continue; // a "done" session in the future is not history
        }
        let pos = day * 2 + i16::from(d.slot == Slot::Evening);
        let Some(what) = done_what(d) else { continue };
        let k = (day + 1) as usize;
        if per_day.get(k).is_none_or(|&n| n >= MAX_DONE_PER_DAY) {
            continue;
        }
        per_day[k] += 1;
        done_items.push(Item {
            what,
            minutes: clamp_minutes(d.minutes, default_minutes(what)),
            fixed: Some(pos),
            allowed: 0,
            prev: None,
            missed_from: None,
            priority: priority(goal, what),
            status: SessionStatus::Done,
            name: None,
            copies: 1,
        });
    }

    // Events: the request's, with a logged competition on the same date marking it done.
    let mut events = week.event_items(wr);
    done_items.retain(|d| {
        if !d.what.is_event() {
            return true;
        }
        match events
            .iter_mut()
            .find(|e| e.fixed.map(super::rules::day_of) == d.fixed.map(super::rules::day_of))
        {
            Some(e) => {
                e.status = SessionStatus::Done;
                false
            }
            None => true,
        }
    });

    // The request, less what the log already covers.
    let (kept, overflow) = requested_items(wr, week.available);
    let mut wanted: Vec<Item> = kept.into_iter().chain(overflow).collect();
    let mut remaining = vec![true; wanted.len()];
    let mut extra: Vec<usize> = Vec::new();
    for (di, d) in done_items.iter().enumerate() {
        // The day before the week only constrains its first day: it is last week's, so it neither
        // stands in for a session of this week nor counts as an extra one.
        if d.fixed.is_some_and(|p| p < 0) {
            continue;
        }
        let best = wanted
            .iter()
            .enumerate()
            .filter(|(w, _)| remaining[*w])
            .filter_map(|(w, it)| compat(d.what, it.what).map(|c| (c, w)))
            .min();
        match best {
            Some((_, w)) if wanted[w].copies > 1 => wanted[w].copies -= 1,
            Some((_, w)) => remaining[w] = false,
            None => extra.push(di),
        }
    }

    // The earlier plan: where each remaining session was, and which were missed.
    let mut planned = previous_sessions(request, &week);
    for d in &done_items {
        let Some(dp) = d.fixed.filter(|p| *p >= 0) else {
            continue;
        };
        let best = planned
            .iter()
            .enumerate()
            .filter_map(|(k, &(what, p))| {
                let c = compat(d.what, what)?;
                let closeness = if p == dp {
                    0
                } else if super::rules::day_of(p) == super::rules::day_of(dp) {
                    1
                } else {
                    2
                };
                Some((c, closeness, k))
            })
            .min();
        if let Some((_, _, k)) = best {
            planned.remove(k);
        }
    }
    for (w, item) in wanted.iter_mut().enumerate() {
        if !remaining[w] {
            continue;
        }
        let best = planned
            .iter()
            .enumerate()
            .filter_map(|(k, &(what, _))| compat(item.what, what).map(|c| (c, k)))
            .min();
        if let Some((_, k)) = best {
            let (_, p) = planned.remove(k);
            if p < now_pos {
                item.missed_from = Some(p);
            } else {
                item.prev = Some(p);
            }
        }
    }

    // Extra hard runs replace remaining hard runs.
    let mut dropped_wanted: Vec<(usize, String)> = Vec::new();
    for &di in &extra {
        let d = &done_items[di];
        if !d.what.key_run() {
            continue;
        }
        let victim = wanted
            .iter()
            .enumerate()
            .filter(|(w, it)| {
                remaining[*w] && it.what.key_run() && !dropped_wanted.iter().any(|x| x.0 == *w)
            })
            .min_by_key(|(w, it)| (it.priority, std::cmp::Reverse(*w)))
            .map(|(w, _)| w);
        if let Some(w) = victim {
            let at = d
                .fixed
                .map_or_else(String::new, |p| format!(" on {}", pos_name(&week, p)));
            dropped_wanted.push((
                w,
                format!(
                    "You did an extra {}{at}, beyond the week's plan: the {} is dropped so that the week's hard running stays as planned.",
                    label(d.what),
                    label(wanted[w].what)
                ),
            ));
        }
    }

    // Assemble: fixed, then the sessions to place (at most MAX_PER_CATEGORY of a kind), then the rest.
    let mut items: Vec<Item> = done_items;
    items.extend(events);
    let mut to_place = Vec::new();
    let mut left_out = Vec::new();
    let mut dropped = Vec::new();
    for (w, item) in wanted.into_iter().enumerate() {
        if !remaining[w] {
            continue;
        }
        if let Some((_, why)) = dropped_wanted.iter().find(|x| x.0 == w) {
            left_out.push((item, Some(why.clone())));
        } else if item.copies > 1 {
            left_out.push((item, None)); // beyond what a week holds: reported, never searched
        } else {
            to_place.push(item);
        }
    }
    items.extend(to_place);
    let n_search = items.len();
    // Beyond what a week holds first (placed if room is left), then the dropped.
    left_out.sort_by_key(|(_, why)| why.is_some());
    for (item, why) in &left_out {
        if let Some(why) = why {
            dropped.push(Dropped {
                item: items.len(),
                rule: Rule::ExtraSessionDone,
                why: why.clone(),
            });
        }
        items.push(item.clone());
    }
    let n_overflow = n_search + left_out.iter().filter(|(_, why)| why.is_none()).count();

    let mut pos = solve(&setup, &items[..n_search]).pos;
    fill_in(&setup, &mut items, &mut pos, n_search..n_overflow);
    render(&week, wr, &setup, &items, &pos, &dropped, changes)
}

/// A logged session as the planner sees it (`rest` is no session).
fn done_what(d: &DoneSession) -> Option<What> {
    use crate::contract::{Focus, LoadLevel, RunKind};
    Some(match d.kind {
        SessionKind::Lift => What::Lift {
            focus: d.focus.unwrap_or(Focus::Full),
            load: d.load.unwrap_or(LoadLevel::Moderate),
        },
        SessionKind::Easy => What::Run(RunKind::Easy),
        SessionKind::Long => What::Run(RunKind::Long),
        SessionKind::Tempo => What::Run(RunKind::Tempo),
        SessionKind::Intervals => What::Run(RunKind::Intervals),
        SessionKind::Cross => What::Cross,
        SessionKind::Mobility => What::Mobility,
        SessionKind::Event => What::Event(EventKind::Race),
        SessionKind::Rest => return None,
    })
}

/// How well a logged session stands in for a planned one: 0 the same, 1 a lift of the same focus,
/// 2 any lift; `None` when it does not.
fn compat(done: What, planned: What) -> Option<u8> {
    match (done, planned) {
        _ if done == planned => Some(0),
        (What::Lift { focus: a, .. }, What::Lift { focus: b, .. }) => {
            Some(if a == b { 1 } else { 2 })
        }
        _ => None,
    }
}

/// The earlier plan's sessions still to be accounted for: lifts, runs and non-impact cardio, not done.
fn previous_sessions(request: &AdaptRequest, week: &Week) -> Vec<(What, i16)> {
    let Some(prev) = &request.previous else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for day in &prev.days {
        let Some(d) = week.day(day.date).filter(|d| (0..7).contains(d)) else {
            continue;
        };
        for s in &day.sessions {
            if s.status == SessionStatus::Done {
                continue;
            }
            let done_like = DoneSession {
                date: day.date,
                slot: s.slot,
                kind: s.kind,
                focus: s.focus,
                load: s.load,
                minutes: Some(s.minutes),
            };
            let Some(what) = done_what(&done_like) else {
                continue;
            };
            if what.is_event() || what == What::Mobility {
                continue;
            }
            out.push((what, d * 2 + i16::from(s.slot == Slot::Evening)));
        }
    }
    out
}
