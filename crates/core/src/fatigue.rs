//! Per-muscle fatigue: which muscles are still recovering from Tuesday's squats, how recovered each is now
//! and at any time ahead, and when each will be ready — plus the **leg readiness** the advisor uses before a
//! run.
//!
//! # The model
//! Every working set adds fatigue to the muscles it trains, and fatigue decays exponentially:
//!
//! - a set's dose to a muscle = the catalogue weight ([`crate::catalogue::Exercise::muscle_weight`]: 1.0 for
//!   a prime mover, 0.5 for a synergist) × the set's **effort**, ([`set_effort`]) = (reps / (reps + RIR))²,
//!   1.0 for a set to failure. Reps in reserve come from the set's RPE, else its share of the session's best
//!   estimated 1RM ([`crate::load::estimated_rir`]). Warm-ups add nothing; timed sets (planks, carries) count
//!   [`TIMED_SET_EFFORT`];
//! - cardio adds fatigue to the muscles it loads in proportion to its session load ([`cardio_muscles`]):
//!   running most (impact and eccentric work in quads and calves), cycling and the elliptical less;
//! - fatigue F decays as F·e^(−t/τ) with a muscle-specific time constant τ ([`time_constant_h`]);
//! - recovery = 100 % × e^(−F/[`FATIGUE_SCALE`]); a muscle is **ready** at ≥ [`READY_PCT`] = 90 %.
//!
//! # Where the numbers come from — and that they are estimates
//! The squared proximity to failure reproduces the studies that varied it at equal load: 3 × 10 with 10
//! possible (effort 1.0 per set) needed 24–48 h to recover mechanical performance, 3 × 5 and 6 × 5 with 10
//! possible (0.25 per set) recovered far faster (Morán-Navarro et al. 2017, Eur J Appl Physiol 117:2387);
//! 3 × 8 with 8 possible impaired jumping up to 48 h, 3 × 4 with 8 possible for about 6 h (González-Badillo
//! et al. 2016, Int J Sports Med 37:295). The time constants are fitted to such timelines, not measured:
//!
//! - large lower-body muscles and the lower back, τ = 24 h: three sets to failure (3 units) are 90 %
//!   recovered after 24·ln(3/0.42) = 47 h — performance was back to baseline at 48 h but not 24 h (McLester
//!   et al. 2003, J Strength Cond Res 17:259); a heavy leg day (≈ 5 units) takes 2½ days;
//! - large upper-body muscles (chest, lats, upper back), τ = 20 h;
//! - small muscles (arms, delts, calves, trunk flexors, neck), τ = 15 h: single-joint work recovered faster
//!   than multi-joint at 24 h, and most lifts were within a rep of baseline by 48 h, multi-joint barbell lifts
//!   needing up to 72 h in slower recoverers (Korak, Green & O'Neal 2015, Int J Exerc Sci 8:85).
//!
//! Individual recovery varies widely (McLester 2003 reported large inter-subject variability), and nothing
//! here is measured on the athlete: treat the percentages as a model's estimate, to be overruled by how the
//! muscles feel.
//!
//! # Leg readiness
//! The lowest recovery among the muscles running loads with every stride (quads, hamstrings, glutes, calves,
//! hip flexors: [`crate::catalogue::Muscle::is_loaded_by_running`]). Running economy stays impaired for up to
//! 24–48 h after lower-body resistance exercise (Doma et al. 2019, Sports Med Open 5:19; Doma & Deakin 2013);
//! the advisor wants [`LEGS_HARD_RUN_PCT`] before hard running, which after a heavy leg day (≈ 5 units) is
//! about 24·ln(5/1.15) = 35 h — inside Doma's window.

use jiff::{SignedDuration, Timestamp};

use crate::catalogue::{self, Muscle};
use crate::load::{estimated_rir, lift_minutes};
use crate::science::amount;
use crate::session::{SetKind, Sport, StrengthSession};

/// Fatigue units at which recovery is 1/e (37 %): recovery = 100 % × e^(−F/4). Four units ≈ four sets to
/// failure as a prime mover. afterlift's scale.
pub const FATIGUE_SCALE: f64 = 4.0;
/// A muscle is "ready" at this recovery (per cent).
pub const READY_PCT: f64 = 90.0;
/// Leg readiness (per cent) wanted before hard running (tempo, intervals) or a long run.
pub const LEGS_HARD_RUN_PCT: f64 = 75.0;
/// Below this leg readiness, running only very easy.
pub const LEGS_EASY_RUN_PCT: f64 = 50.0;
/// Below this leg readiness, no running: non-impact cardio instead.
pub const LEGS_NO_RUN_PCT: f64 = 30.0;
/// Effort of a set without reps (a timed plank, a carry): half a set to failure.
pub const TIMED_SET_EFFORT: f64 = 0.5;
/// Session load (AU) of cardio that adds one fatigue unit (× [`cardio_muscles`] weight): an hour of easy
/// running at CR-10 4. afterlift's estimate.
pub const CARDIO_AU_PER_UNIT: f64 = 240.0;
/// Sessions older than this are left out: after 14 days even the slowest muscle keeps e^(−336/24) < 10⁻⁶ of
/// a dose.
pub const LOOKBACK_H: f64 = 14.0 * 24.0;

/// The recovery time constant τ (hours) of a muscle group; see the module documentation for the anchors.
pub fn time_constant_h(muscle: Muscle) -> f64 {
    use Muscle::*;
    match muscle {
        Quads | Hamstrings | Glutes | Adductors | LowerBack => 24.0,
        Chest | Lats | UpperBack => 20.0,
        Abductors | Calves | HipFlexors | Abs | Obliques | FrontDelts | SideDelts | RearDelts
        | Biceps | Triceps | Forearms | Neck => 15.0,
    }
}

/// A set's effort: (reps / (reps + RIR))², 1.0 for a set to failure, 0.25 for half the reps possible
/// (Morán-Navarro 2017; González-Badillo 2016). 0 reps give 0; negative or `NaN` RIR counts as 0.
pub fn set_effort(reps: u32, rir: f64) -> f64 {
    if reps == 0 {
        return 0.0;
    }
    let r = f64::from(reps);
    let share = r / (r + amount(rir));
    share * share
}

/// Recovery (per cent) at a fatigue of `units`: 100 × e^(−F/[`FATIGUE_SCALE`]). Negative or `NaN` fatigue
/// counts as 0 (fully recovered); infinite fatigue gives 0.
pub fn recovered_pct(units: f64) -> f64 {
    let f = if units.is_nan() { 0.0 } else { units.max(0.0) };
    100.0 * (-f / FATIGUE_SCALE).exp()
}

/// The fatigue at which recovery is `pct`: F = 4·ln(100/pct). `pct` is clamped to 0.1–100.
pub fn fatigue_at_pct(pct: f64) -> f64 {
    let p = if pct.is_nan() {
        100.0
    } else {
        pct.clamp(0.1, 100.0)
    };
    FATIGUE_SCALE * (100.0 / p).ln()
}

/// The muscles a cardio session loads, as fatigue units per [`CARDIO_AU_PER_UNIT`] of its load.
///
/// Running's landing forces and stretch-shortening cycle make its fatigue largely peripheral and eccentric in
/// quads and calves, more than cycling's concentric work at similar duration (Millet & Lepers 2004, "Alterations
/// of neuromuscular function after prolonged running, cycling and skiing exercises", Sports Med 34:105).
/// Hiking loads quads eccentrically downhill; rowing works legs, back and arms; swimming mostly the upper
/// body. The relative weights are afterlift's estimates.
pub fn cardio_muscles(sport: Sport) -> &'static [(Muscle, f64)] {
    use Muscle::*;
    match sport {
        Sport::Run => &[
            (Quads, 1.0),
            (Calves, 1.0),
            (Hamstrings, 0.7),
            (Glutes, 0.7),
            (HipFlexors, 0.5),
        ],
        Sport::Hike => &[
            (Quads, 0.6),
            (Glutes, 0.5),
            (Calves, 0.5),
            (Hamstrings, 0.3),
        ],
        Sport::Walk => &[(Calves, 0.3), (Quads, 0.2), (Glutes, 0.2)],
        Sport::Cycle => &[
            (Quads, 0.6),
            (Glutes, 0.4),
            (Calves, 0.2),
            (Hamstrings, 0.2),
        ],
        Sport::Elliptical => &[
            (Quads, 0.5),
            (Glutes, 0.4),
            (Calves, 0.2),
            (Hamstrings, 0.2),
        ],
        Sport::Row => &[
            (Quads, 0.4),
            (Lats, 0.4),
            (UpperBack, 0.4),
            (Glutes, 0.3),
            (Hamstrings, 0.3),
            (LowerBack, 0.3),
            (Biceps, 0.2),
            (Forearms, 0.2),
        ],
        Sport::Swim => &[
            (Lats, 0.5),
            (FrontDelts, 0.3),
            (SideDelts, 0.3),
            (Triceps, 0.2),
            (Chest, 0.2),
        ],
        Sport::Other => &[(Quads, 0.3), (Calves, 0.3), (Glutes, 0.2)],
    }
}

/// One cardio session as the fatigue model needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardioDose {
    pub started_at: Timestamp,
    pub ended_at: Timestamp,
    pub sport: Sport,
    /// Session load, AU.
    pub load: f64,
}

/// Fatigue of every muscle group as of one instant, from which recovery now and at any later time follows in
/// closed form (no new sessions assumed).
#[derive(Debug, Clone, PartialEq)]
pub struct MuscleFatigue {
    at: Timestamp,
    /// Fatigue units per muscle, indexed in [`Muscle::ALL`] order.
    units: [f64; Muscle::ALL.len()],
}

fn index(m: Muscle) -> usize {
    m as usize
}

fn hours_between(from: Timestamp, to: Timestamp) -> f64 {
    to.duration_since(from).as_secs_f64() / 3600.0
}

fn add_hours(t: Timestamp, hours: f64) -> Option<Timestamp> {
    let d = SignedDuration::try_from_secs_f64(hours * 3600.0).ok()?;
    t.checked_add(d).ok()
}

impl MuscleFatigue {
    /// Every muscle fresh, as of `at`.
    pub fn fresh(at: Timestamp) -> MuscleFatigue {
        MuscleFatigue {
            at,
            units: [0.0; Muscle::ALL.len()],
        }
    }

    /// The fatigue as of `at` from lifting sessions and cardio. Sessions that ended after `at` (or, when they
    /// started before it, are still going) count from `at`; those started after it, or more than
    /// [`LOOKBACK_H`] before it, are left out.
    pub fn from_history(
        lifts: &[StrengthSession],
        cardio: &[CardioDose],
        at: Timestamp,
    ) -> MuscleFatigue {
        MuscleFatigue::from_history_with(lifts, cardio, at, &catalogue::NO_ALIASES)
    }

    /// [`MuscleFatigue::from_history`], reading exercise names with the athlete's aliases.
    pub fn from_history_with(
        lifts: &[StrengthSession],
        cardio: &[CardioDose],
        at: Timestamp,
        aliases: &catalogue::Aliases,
    ) -> MuscleFatigue {
        let mut f = MuscleFatigue::fresh(at);
        for s in lifts {
            f.add_lift_with(s, aliases);
        }
        for c in cardio {
            f.add_cardio(c);
        }
        f
    }

    /// The instant the fatigue is given for.
    pub fn at(&self) -> Timestamp {
        self.at
    }

    /// The same fatigue as of `t` (no later dose): each muscle decayed from [`Self::at`] to `t`; a `t`
    /// before `at` gives the value at `at`, as [`Self::fatigue_at`] does.
    pub fn decayed_to(&self, t: Timestamp) -> MuscleFatigue {
        let mut units = self.units;
        for m in Muscle::ALL {
            units[index(m)] = self.fatigue_at(m, t);
        }
        MuscleFatigue {
            at: t.max(self.at),
            units,
        }
    }

    /// Adds `units` of fatigue to `muscle`, dealt at `when`: decayed to [`Self::at`] when earlier; a dose
    /// after `at` counts as dealt at `at`. Negative or non-finite units add nothing.
    pub fn add(&mut self, muscle: Muscle, units: f64, when: Timestamp) {
        let units = amount(units);
        if units == 0.0 {
            return;
        }
        let ago = hours_between(when, self.at).max(0.0);
        let decayed = units * (-ago / time_constant_h(muscle)).exp();
        let slot = &mut self.units[index(muscle)];
        *slot = (*slot + decayed).min(f64::MAX);
    }

    /// Adds a lifting session: every working set of a recognised strength exercise, dealt at the session's end.
    pub fn add_lift(&mut self, s: &StrengthSession) {
        self.add_lift_with(s, &catalogue::NO_ALIASES);
    }

    /// [`MuscleFatigue::add_lift`], reading names with the athlete's aliases.
    pub fn add_lift_with(&mut self, s: &StrengthSession, aliases: &catalogue::Aliases) {
        if s.started_at > self.at || hours_between(s.started_at, self.at) > LOOKBACK_H {
            return;
        }
        let ended = add_hours(s.started_at, lift_minutes(s) / 60.0).unwrap_or(s.started_at);
        let when = ended.min(self.at);
        let cat = catalogue::catalogue();
        for exercise in &s.exercises {
            let Some(known) = cat.resolve_with(&exercise.name, aliases).exercise() else {
                continue;
            };
            if !known.is_strength() {
                continue;
            }
            let effort: f64 = exercise
                .sets
                .iter()
                .zip(estimated_rir(exercise))
                .filter(|(set, _)| set.kind != SetKind::Warmup)
                .map(|(set, rir)| match (set.reps.filter(|r| *r > 0), rir) {
                    (Some(reps), Some(rir)) => set_effort(reps, rir),
                    _ => TIMED_SET_EFFORT,
                })
                .sum();
            for (muscle, weight) in known.muscles() {
                self.add(muscle, weight * effort, when);
            }
        }
    }

    /// Adds a cardio session to the muscles it loads ([`cardio_muscles`]), dealt at its end (or at
    /// [`Self::at`] if it is still going). A session started after `at` adds nothing.
    pub fn add_cardio(&mut self, c: &CardioDose) {
        if c.started_at > self.at || hours_between(c.ended_at, self.at) > LOOKBACK_H {
            return;
        }
        let units = amount(c.load).min(crate::load::MAX_SESSION_LOAD) / CARDIO_AU_PER_UNIT;
        for &(muscle, weight) in cardio_muscles(c.sport) {
            self.add(muscle, units * weight, c.ended_at);
        }
    }

    /// Fatigue units of `muscle` as of [`Self::at`].
    pub fn fatigue(&self, muscle: Muscle) -> f64 {
        self.units[index(muscle)]
    }

    /// Fatigue units of `muscle` at `t`: decayed from [`Self::at`]; times before `at` give the value at `at`.
    pub fn fatigue_at(&self, muscle: Muscle, t: Timestamp) -> f64 {
        let ahead = hours_between(self.at, t).max(0.0);
        self.fatigue(muscle) * (-ahead / time_constant_h(muscle)).exp()
    }

    /// Recovery of `muscle` at `t`, per cent (see [`recovered_pct`]).
    pub fn recovered_pct(&self, muscle: Muscle, t: Timestamp) -> f64 {
        recovered_pct(self.fatigue_at(muscle, t))
    }

    /// When `muscle` reaches `pct` recovery: `at + τ·ln(F / F_pct)`. `None` when it already has at
    /// [`Self::at`] (or the time is beyond what a timestamp can hold).
    pub fn ready_at(&self, muscle: Muscle, pct: f64) -> Option<Timestamp> {
        let f = self.fatigue(muscle);
        let target = fatigue_at_pct(pct);
        if f <= target || target <= 0.0 {
            return None;
        }
        add_hours(self.at, time_constant_h(muscle) * (f / target).ln())
    }

    /// Leg readiness at `t`, per cent: the lowest recovery among the muscles running loads.
    pub fn leg_readiness_pct(&self, t: Timestamp) -> f64 {
        Muscle::ALL
            .into_iter()
            .filter(|m| m.is_loaded_by_running())
            .map(|m| self.recovered_pct(m, t))
            .fold(100.0, f64::min)
    }

    /// When leg readiness reaches `pct`; `None` when it already has at [`Self::at`].
    pub fn legs_ready_at(&self, pct: f64) -> Option<Timestamp> {
        Muscle::ALL
            .into_iter()
            .filter(|m| m.is_loaded_by_running())
            .filter_map(|m| self.ready_at(m, pct))
            .max()
    }

    /// The running muscles below `pct` at `t`, least recovered first.
    pub fn legs_below(&self, pct: f64, t: Timestamp) -> Vec<(Muscle, f64)> {
        let mut legs: Vec<(Muscle, f64)> = Muscle::ALL
            .into_iter()
            .filter(|m| m.is_loaded_by_running())
            .map(|m| (m, self.recovered_pct(m, t)))
            .filter(|(_, p)| *p < pct)
            .collect();
        legs.sort_by(|a, b| a.1.total_cmp(&b.1));
        legs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effort_anchors() {
        assert_eq!(set_effort(10, 0.0), 1.0);
        assert_eq!(set_effort(5, 5.0), 0.25);
        assert_eq!(set_effort(0, 0.0), 0.0);
        assert_eq!(set_effort(5, f64::NAN), 1.0);
    }

    #[test]
    fn recovery_mapping_inverts() {
        assert_eq!(recovered_pct(0.0), 100.0);
        assert!((recovered_pct(FATIGUE_SCALE) - 100.0 / std::f64::consts::E).abs() < 1e-9);
        for pct in [90.0, 75.0, 50.0, 30.0] {
            assert!((recovered_pct(fatigue_at_pct(pct)) - pct).abs() < 1e-9);
        }
        assert_eq!(recovered_pct(f64::NAN), 100.0);
        assert_eq!(recovered_pct(f64::INFINITY), 0.0);
    }
}
