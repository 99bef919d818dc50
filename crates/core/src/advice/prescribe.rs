//! From folded constraints to the answer's numbers: the prescription (modality, intensity, minutes, the
//! athlete's own heart-rate range, RPE and a talk-test cue), the alternatives, energy and refuelling.

use crate::athlete::Goal;
use crate::contract::{
    Alternative, Energy, Intensity, Later, LoadLevel, Modality, PlannedKind, Prescription, Range,
    Reason, Refuel, RefuelBasis, SessionStructure, VdotFrom,
};
use crate::science::glycogen::{self, LiftVolume};
use crate::science::heart::{self, HrMaxFormula, IntensityBand};
use crate::science::mets::{self, MetActivity, ResistanceEffort, SwimEffort};
use crate::science::{epoc, recovery, substrate};
use crate::workout;

use super::{Context, Folded, allowed, capped_minutes};

/// afterlift's four prescription intensities as heart-rate and effort bands.
///
/// - very low = ACSM "light" (30–39 % HRR, 57–63 % HRmax; Garber 2011);
/// - low = the conversational LISS band (40–59 % HRR, 64–76 % HRmax — ACSM "moderate", below the first
///   ventilatory threshold where the talk test is still comfortable: Persinger 2004);
/// - moderate = "comfortably hard", the lower part of ACSM "vigorous" (60–79 % HRR, 77–87 % HRmax): tempo;
/// - high = the upper part of ACSM "vigorous" and above (80–95 % HRR, 88–97 % HRmax): intervals.
pub const INTENSITY_BANDS: [IntensityBand; 4] = [
    heart::ACSM_LIGHT,
    heart::CONVERSATIONAL,
    IntensityBand {
        name: "comfortably hard",
        hrr: (0.60, 0.79),
        hr_max: (0.77, 0.87),
        rpe_borg: (14, 15),
        rpe_cr10: (5, 6),
        vo2max: (0.64, 0.80),
    },
    IntensityBand {
        name: "hard",
        hrr: (0.80, 0.95),
        hr_max: (0.88, 0.97),
        rpe_borg: (16, 18),
        rpe_cr10: (7, 9),
        vo2max: (0.80, 0.95),
    },
];

pub fn band(intensity: Intensity) -> &'static IntensityBand {
    &INTENSITY_BANDS[intensity as usize]
}

fn cue(modality: Modality, intensity: Intensity) -> &'static str {
    match (modality, intensity) {
        (Modality::Rest, _) => "Rest: eat, drink and sleep well — that is training too.",
        (Modality::Mobility, _) => {
            "Slow and controlled: foam rolling, dynamic stretching and light mobility, never into pain."
        }
        (_, Intensity::VeryLow) => {
            "Very easy: you could sing, or breathe through your nose the whole time."
        }
        (_, Intensity::Low) => {
            "Conversational: you can hold a conversation in full sentences (the talk test). If you can't, slow down."
        }
        (_, Intensity::Moderate) => {
            "Comfortably hard: you can speak in short phrases, not full sentences."
        }
        (_, Intensity::High) => {
            "Hard: only a few words at a time during the efforts; recover fully between them."
        }
    }
}

pub(super) fn prescription(ctx: &Context, f: &Folded) -> Prescription {
    if f.c.rest || f.c.sleep {
        return build(ctx, Modality::Rest, Intensity::VeryLow, Range::ZERO);
    }
    if f.c.recovery_only {
        let minutes = capped_minutes(f, Range::new(10, 15));
        return build(ctx, Modality::Mobility, Intensity::VeryLow, minutes);
    }
    let modality = if f.c.no_running {
        non_impact_choice(ctx)
    } else {
        Modality::Run
    };
    let intensity = allowed(f, modality, f.template.intensity).unwrap_or(Intensity::VeryLow);
    let minutes = capped_minutes(f, f.template.minutes);
    build(ctx, modality, intensity, minutes)
}

/// The non-impact modality put first: cycling (stationary bike) — the source text's first choice after a
/// leg day, and the modality that interfered least with strength gains (Wilson 2012).
fn non_impact_choice(_ctx: &Context) -> Modality {
    Modality::Cycle
}

fn build(ctx: &Context, modality: Modality, intensity: Intensity, minutes: Range) -> Prescription {
    let b = band(intensity);
    let structure = structure(ctx, modality, intensity, minutes);
    let heart_rate_bpm = match modality {
        Modality::Rest | Modality::Mobility => None,
        // A structured session's heart rate is the work's (for T pace, Daniels' own range).
        _ => match structure
            .as_ref()
            .and_then(|s| s.blocks.first())
            .and_then(|block| block.work.heart_rate_bpm)
        {
            Some(work) => Some(work),
            None => {
                let max = heart::hr_max(&ctx.athlete, HrMaxFormula::default());
                let (lo, hi) = heart::heart_rate_range(max, ctx.athlete.resting_hr_bpm, b);
                Some(Range::new(lo.round() as u32, hi.round() as u32))
            }
        },
    };
    let rpe = match modality {
        Modality::Rest => Range::ZERO,
        Modality::Mobility => Range::new(1, 2),
        _ => Range::new(u32::from(b.rpe_cr10.0), u32::from(b.rpe_cr10.1)),
    };
    Prescription {
        modality,
        intensity,
        minutes,
        heart_rate_bpm,
        rpe,
        cue: cue(modality, intensity).to_string(),
        structure,
    }
}

/// The planned tempo or interval session, when it is what is done now (a run at the planned session's
/// intensity, not eased to something else): Daniels' structure filling the session's minutes (warm-up, main
/// set, cool-down — the planner's own [`workout::for_session`], so "intervals:40" is 40 minutes in both),
/// with paces from the athlete's race (or the log's estimate) and heart rates.
fn structure(
    ctx: &Context,
    modality: Modality,
    intensity: Intensity,
    minutes: Range,
) -> Option<SessionStructure> {
    let kind = match (ctx.planned.kind, intensity) {
        (PlannedKind::Tempo, Intensity::Moderate) => PlannedKind::Tempo,
        (PlannedKind::Intervals, Intensity::High) => PlannedKind::Intervals,
        _ => return None,
    };
    if modality != Modality::Run {
        return None;
    }
    workout::for_session(kind, f64::from(minutes.max), &targets(ctx))
}

/// Paces from the race in the request, else from the log's estimate; the athlete's heart rates.
fn targets(ctx: &Context) -> workout::Targets {
    let today = ctx.now.to_zoned(jiff::tz::TimeZone::UTC).date();
    let paces = ctx
        .race
        .as_ref()
        .and_then(|r| workout::pace_source_from_race(r, Some(today)))
        .or_else(|| ctx.status.as_ref().and_then(|s| s.vdot_estimate));
    workout::Targets {
        paces,
        heart: Some((
            heart::hr_max(&ctx.athlete, HrMaxFormula::default()),
            ctx.athlete.resting_hr_bpm,
        )),
        weekly_running_minutes: None,
    }
}

/// Ranked alternatives, each within the same constraints, never repeating what is prescribed now.
pub(super) fn alternatives(ctx: &Context, f: &Folded, now: &Prescription) -> Vec<Alternative> {
    let legs = ctx.lift.as_ref().is_some_and(|l| l.legs_trained());
    let easy = Range::new(15, 30);
    let candidates: [(Modality, Intensity, Range, &str); 7] = [
        (
            Modality::Cycle,
            Intensity::Low,
            easy,
            "Non-impact cardio: easy on the joints, and the source text's choice after a leg day; cycling interfered less with strength gains than running (Wilson 2012).",
        ),
        (
            Modality::Elliptical,
            Intensity::Low,
            easy,
            "Non-impact cardio with a running-like motion but no landing forces.",
        ),
        (
            Modality::Run,
            Intensity::VeryLow,
            Range::new(10, 15),
            "A slow 10–15-minute jog as an active cool-down: brings the heart rate down gradually and helps blood flow to tired muscles.",
        ),
        (
            Modality::Swim,
            Intensity::Low,
            Range::new(20, 30),
            "Non-impact and easy on the legs; good active recovery if you have a pool.",
        ),
        (
            Modality::Row,
            Intensity::Low,
            Range::new(15, 20),
            "Non-impact cardio; it works the legs and back, so better after an upper-body day.",
        ),
        (
            Modality::Walk,
            Intensity::VeryLow,
            Range::new(10, 20),
            "An easy walk: the gentlest active cool-down.",
        ),
        (
            Modality::Mobility,
            Intensity::VeryLow,
            Range::new(10, 15),
            "Active recovery: foam rolling, dynamic stretching or light mobility work as a cool-down.",
        ),
    ];
    candidates
        .into_iter()
        .filter(|(m, ..)| *m != now.modality)
        .filter(|(m, ..)| !(legs && *m == Modality::Row))
        .filter(|(m, ..)| !(ctx.athlete.injury_prone && m.is_impact()))
        .filter_map(|(modality, intensity, minutes, why)| {
            let intensity = allowed(f, modality, intensity)?;
            Some(Alternative {
                modality,
                intensity,
                minutes: capped_minutes(f, minutes),
                why: why.to_string(),
            })
        })
        .collect()
}

/// Fraction of VO2max at the middle of an intensity band, for energy and fuel estimates.
fn vo2max_fraction(intensity: Intensity) -> f64 {
    let (lo, hi) = band(intensity).vo2max;
    (lo + hi) / 2.0
}

/// The Compendium (2011) activity used to estimate the energy of a prescription. Running speed is not known,
/// so running uses the Compendium's general entries at typical easy-to-hard speeds.
fn met_activity(modality: Modality, intensity: Intensity) -> Option<MetActivity> {
    use Intensity::*;
    Some(match modality {
        Modality::Run => match intensity {
            VeryLow => MetActivity::Running { speed_kmh: 6.4 },
            Low => MetActivity::JoggingGeneral,
            Moderate => MetActivity::Running { speed_kmh: 9.7 },
            High => MetActivity::Running { speed_kmh: 12.9 },
        },
        Modality::Walk => MetActivity::Walking { speed_kmh: 4.8 },
        Modality::Cycle => MetActivity::StationaryCycling {
            watts: Some(match intensity {
                VeryLow => 40.0,
                Low => 70.0,
                Moderate => 95.0,
                High => 130.0,
            }),
        },
        Modality::Elliptical => MetActivity::Elliptical {
            vigorous: intensity >= Moderate,
        },
        Modality::Row => MetActivity::Rowing {
            watts: Some(match intensity {
                VeryLow | Low => 80.0,
                Moderate => 100.0,
                High => 150.0,
            }),
        },
        Modality::Swim => MetActivity::Swimming(if intensity >= Moderate {
            SwimEffort::LapsFast
        } else {
            SwimEffort::Leisurely
        }),
        Modality::Mobility => MetActivity::Stretching,
        Modality::Rest => return None,
    })
}

/// One stretch of what is prescribed now, for energy, fuel and sweat.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Part {
    minutes: f64,
    met: f64,
    /// Fraction of VO2max, for the fuel mix and EPOC.
    fraction: f64,
}

/// What is prescribed now as parts: a structured session part by part (warm-up, each repetition and
/// recovery, cool-down; running speed from the pace when known), anything else as one part at the middle
/// of its minutes. Rest has none.
fn parts(now: &Prescription) -> Vec<Part> {
    let Some(s) = &now.structure else {
        return met_activity(now.modality, now.intensity)
            .map(|a| Part {
                minutes: now.minutes.midpoint(),
                met: mets::met(a).value,
                fraction: vo2max_fraction(now.intensity),
            })
            .into_iter()
            .collect();
    };
    let vdot = s.paces.map(|p| p.vdot);
    workout::segments(s)
        .into_iter()
        .map(|(minutes, intensity, speed_kmh, rest)| {
            let activity = match (rest, speed_kmh) {
                // Standing or walking between cruise intervals.
                (true, _) => MetActivity::Walking { speed_kmh: 3.0 },
                (false, Some(v)) => MetActivity::Running { speed_kmh: v },
                (false, None) => {
                    met_activity(Modality::Run, intensity).unwrap_or(MetActivity::JoggingGeneral)
                }
            };
            // From the pace and the VDOT when both are known: the share of VO2max the pace costs
            // (Daniels & Gilbert's oxygen cost).
            let fraction = match (rest, speed_kmh, vdot) {
                (true, ..) => 0.25,
                (false, Some(v), Some(vdot)) if vdot > 0.0 => {
                    (crate::science::running::vo2_at_velocity(v * 1000.0 / 60.0) / vdot)
                        .clamp(0.2, 1.2)
                }
                _ => vo2max_fraction(intensity),
            };
            Part {
                minutes,
                met: mets::met(activity).value,
                fraction,
            }
        })
        .collect()
}

/// The fuel mix soon after a moderate or heavy lift shifts toward fat (see [`substrate`]).
fn fat_share(ctx: &Context, fraction: f64) -> f64 {
    let after_lifting = ctx
        .lift
        .as_ref()
        .is_some_and(|l| l.heaviness >= LoadLevel::Moderate)
        && ctx.hours_since_lift().is_some_and(|h| h < 3.0);
    if after_lifting {
        substrate::fat_fraction_after_lifting(fraction)
    } else {
        substrate::fat_fraction(fraction)
    }
}

/// The lift's Compendium (2011) entry by heaviness: light 02054 (3.5 MET, multiple exercises, 8–15
/// reps), moderate 02052 (5.0, the multi-joint free-weight entry), heavy 02050 (6.0, power lifting or body
/// building, vigorous effort) (Ainsworth 2011, Med Sci Sports Exerc 43:1575).
fn lift_met(heaviness: LoadLevel) -> f64 {
    mets::met(MetActivity::Resistance(match heaviness {
        LoadLevel::Light => ResistanceEffort::Light,
        LoadLevel::Moderate => ResistanceEffort::Squats,
        LoadLevel::Heavy => ResistanceEffort::Vigorous,
    }))
    .value
}

/// Lift minutes when not given: an hour, afterlift's usual session.
const DEFAULT_LIFT_MINUTES: f64 = 60.0;

fn lift_minutes(ctx: &Context) -> f64 {
    fresh_lift(ctx).map_or(0.0, |l| {
        l.minutes.unwrap_or(if l.working_sets > 0 {
            // The sets say how long it took better than a default hour does (the load module's estimate).
            f64::from(l.working_sets) * crate::load::MINUTES_PER_WORKING_SET
        } else {
            DEFAULT_LIFT_MINUTES
        })
    })
}

/// The lift, when it is the session just done (ended within the post-workout window): what its energy,
/// glycogen and sweat add to the answer. A lift from days ago has long been eaten and slept on.
fn fresh_lift(ctx: &Context) -> Option<&super::Lift> {
    ctx.lift.as_ref().filter(|_| {
        ctx.hours_since_lift()
            .is_some_and(|h| h < crate::interference::POST_WORKOUT_H)
    })
}

pub(super) fn energy(ctx: &Context, now: &Prescription) -> Energy {
    let weight = ctx.athlete.weight_kg;
    let parts = parts(now);
    let total_minutes: f64 = parts.iter().map(|p| p.minutes).sum();
    let mut kcal = 0.0;
    let mut fat_kcal = 0.0;
    let mut aerobic_epoc = 0.0;
    for p in &parts {
        let gross = mets::kcal_from_met(p.met, weight, p.minutes);
        let net = mets::net_kcal_from_met(p.met, weight, p.minutes);
        kcal += gross;
        fat_kcal += gross * fat_share(ctx, p.fraction);
        // LaForgia's conditions for a prolonged EPOC depend on the whole bout, not the part.
        aerobic_epoc += epoc::epoc_kcal(net, p.fraction, total_minutes).midpoint();
    }
    let lift_epoc = fresh_lift(ctx).map_or(0.0, |l| {
        epoc::resistance_epoc_kcal(lift_minutes(ctx), l.is_heavy(), weight).midpoint()
    });
    let fat_fraction = if kcal > 0.0 {
        fat_kcal / kcal
    } else {
        fat_share(ctx, vo2max_fraction(now.intensity))
    };
    Energy {
        kcal: round1(kcal),
        epoc_kcal: round1(aerobic_epoc + lift_epoc),
        fat_fraction: (fat_fraction * 100.0).round() / 100.0,
        lift_kcal: fresh_lift(ctx).map(|l| {
            round1(mets::kcal_from_met(
                lift_met(l.heaviness),
                weight,
                lift_minutes(ctx),
            ))
        }),
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Hours from the end of what is prescribed now to the next glycogen-demanding session (tempo, intervals
/// or a long run), when the advice moved one to later.
fn next_session_hours(ctx: &Context, now: &Prescription, later: Option<&Later>) -> Option<f64> {
    let later = later?;
    if !matches!(
        later.kind,
        PlannedKind::Tempo | PlannedKind::Intervals | PlannedKind::Long
    ) {
        return None;
    }
    let now_minutes = match (&now.structure, now.modality) {
        (Some(s), _) => f64::from(s.total_minutes),
        (None, Modality::Rest) => 0.0,
        (None, _) => now.minutes.midpoint(),
    };
    let hours = later
        .not_before
        .timestamp()
        .duration_since(ctx.now)
        .as_secs_f64()
        / 3600.0
        - now_minutes / 60.0;
    Some((hours.max(0.0) * 10.0).round() / 10.0)
}

/// Carbohydrate from the glycogen the lift and what is prescribed now use (see [`glycogen`]) and the time
/// to the next hard session (see [`recovery::carbs_plan`]); protein by body mass and age; fluid from the
/// sweat estimated for this athlete's body mass, part by part.
pub(super) fn refuel(ctx: &Context, now: &Prescription, later: Option<&Later>) -> Refuel {
    let a = &ctx.athlete;
    let weight = a.weight_kg;
    let lift_used = fresh_lift(ctx).map_or((0.0, 0.0), |l| {
        glycogen::lift_glycogen_g(
            a.sex,
            weight,
            &LiftVolume {
                region: l.region,
                heaviness: l.heaviness,
                minutes: lift_minutes(ctx),
                working_sets: l.working_sets,
            },
        )
    });
    let parts = parts(now);
    let run_used: f64 = parts
        .iter()
        .map(|p| {
            let net = mets::net_kcal_from_met(p.met, weight, p.minutes);
            glycogen::carbohydrate_oxidised_g(net, 1.0 - fat_share(ctx, p.fraction))
        })
        .sum();
    let used = (lift_used.0 + run_used, lift_used.1 + run_used);
    let next = next_session_hours(ctx, now, later);
    let plan = recovery::carbs_plan(weight, used, next, a.goal == Goal::FatLoss);
    // Whole 5 g; the top rounded down, so it never exceeds what the guidance allows.
    let hi = (plan.range_g.1 / 5.0).floor() * 5.0;
    let lo = ((plan.range_g.0 / 5.0).round() * 5.0).min(hi);
    let lift_sweat = fresh_lift(ctx).map_or(0.0, |l| {
        recovery::sweat_loss_ml(lift_minutes(ctx), lift_met(l.heaviness), weight)
    });
    let sweat = lift_sweat
        + parts
            .iter()
            .map(|p| recovery::sweat_loss_ml(p.minutes, p.met, weight))
            .sum::<f64>();
    Refuel {
        carbs_g: (lo + hi) / 2.0,
        protein_g: recovery::protein_g(weight, a.age_years).round(),
        // Up to the next 50 ml, so it is never less than the loss.
        fluid_ml: (recovery::fluid_ml(sweat) / 50.0).ceil() * 50.0,
        within_hours: plan.within_hours,
        carbs_range_g: Range::new(lo as u32, hi as u32),
        carbs_used_g: ((used.0 + used.1) / 2.0).round(),
        sweat_loss_ml: (sweat / 10.0).round() * 10.0,
        basis: match plan.basis {
            recovery::CarbBasis::Rapid => RefuelBasis::Rapid,
            recovery::CarbBasis::Meals => RefuelBasis::Meals,
            recovery::CarbBasis::EnergyBalance => RefuelBasis::EnergyBalance,
        },
        next_session_hours: next,
    }
}

/// Within this many hours of lifting, easy cardio doubles as the lift's cool-down.
const COOLDOWN_WINDOW_H: f64 = 2.0;

pub(super) fn cooldown_reason(ctx: &Context, now: &Prescription) -> Option<Reason> {
    // A cool-down follows the lift directly; hours later the session is simply easy.
    if !ctx
        .hours_since_lift()
        .is_some_and(|h| h < COOLDOWN_WINDOW_H)
    {
        return None;
    }
    if matches!(now.modality, Modality::Rest) || now.intensity > Intensity::Low {
        return None;
    }
    Some(Reason {
        code: "active_cooldown".into(),
        principle: "Low-intensity activity after lifting is an effective active cool-down: it brings the heart rate down gradually, helps blood flow clear lactate and can reduce soreness (DOMS).".into(),
        message: format!("Treat the first minutes of the {} as your cool-down; stop sooner if anything hurts.", describe(now)),
    })
}

fn describe(now: &Prescription) -> String {
    match now.modality {
        Modality::Run => "run".into(),
        Modality::Cycle => "ride".into(),
        Modality::Mobility => "mobility work".into(),
        m => m.as_str().to_string(),
    }
}

/// "2 h", "1.5 h".
fn hours_text(h: f64) -> String {
    if (h - h.round()).abs() < 0.05 {
        format!("{:.0} h", h)
    } else {
        format!("{h:.1} h")
    }
}

pub(super) fn refuel_reason(ctx: &Context, refuel: &Refuel, energy: &Energy) -> Option<Reason> {
    fresh_lift(ctx)?;
    let r = refuel;
    let carbs = if r.carbs_range_g.max < 10 {
        format!(
            "no extra carbohydrate (you used only about {:.0} g)",
            r.carbs_used_g
        )
    } else if r.carbs_range_g.min == r.carbs_range_g.max {
        format!(
            "about {} g of carbohydrate (you used about {:.0} g)",
            r.carbs_range_g.max, r.carbs_used_g
        )
    } else {
        format!(
            "about {}–{} g of carbohydrate (you used about {:.0} g)",
            r.carbs_range_g.min, r.carbs_range_g.max, r.carbs_used_g
        )
    };
    let rest = format!(
        "{:.0} g of protein and {:.0} ml of fluid",
        r.protein_g, r.fluid_ml
    );
    // After a very long session the first meal holds only part of what was used.
    let later_meals = if r.basis != RefuelBasis::Rapid
        && r.carbs_used_g > f64::from(r.carbs_range_g.max) + 10.0
    {
        " The rest of the carbohydrate you used comes back with the day's later meals."
    } else {
        ""
    };
    let window = hours_text(r.within_hours);
    let message = match r.basis {
        RefuelBasis::Rapid => {
            let kg = ctx.athlete.weight_kg;
            let when = r
                .next_session_hours
                .map_or(String::new(), |h| format!(" in about {}", hours_text(h)));
            let per_hour = if (r.within_hours - 1.0).abs() < 0.05 {
                String::new()
            } else {
                format!(
                    " ({:.0}–{:.0} g an hour)",
                    recovery::RAPID_CARBS_G_PER_KG_PER_H.0 * kg,
                    recovery::RAPID_CARBS_G_PER_KG_PER_H.1 * kg,
                )
            };
            format!(
                "In the next {window}: {carbs}, {rest}. That is the rapid-refuelling rate, 1.0–1.2 g/kg an hour{per_hour}, because your {} session comes{when}: too soon for normal meals to refill the glycogen.",
                ctx.planned.kind.as_str(),
            )
        }
        RefuelBasis::Meals => format!(
            "In the next {window}: {carbs}, {rest} — as your next meal. No hard session comes within 8 h, so normal meals refill the glycogen; no rapid-refuelling drinks or snacks on top.{later_meals}"
        ),
        RefuelBasis::EnergyBalance => {
            let spent = energy.kcal + energy.lift_kcal.unwrap_or(0.0);
            let what = if energy.kcal > 0.0 {
                "Your lift and what you do now cost"
            } else {
                "Your lift cost"
            };
            let fat = if energy.kcal > 0.0 {
                format!(
                    " About {:.0}% of the energy now is expected to come from fat, but fat loss follows the day's energy balance.",
                    energy.fat_fraction * 100.0
                )
            } else {
                String::new()
            };
            format!(
                "In the next {window}, as part of your next meal rather than on top of it: {carbs}, {rest}. {what} about {spent:.0} kcal; eating extra on top of your usual meals would undo the deficit.{fat}{later_meals}"
            )
        }
    };
    Some(Reason {
        code: "refuel".into(),
        principle: "Refuelling replaces the glycogen the session used: 1.0–1.2 g of carbohydrate per kg per hour for up to 4 h only when the next hard session is less than about 8 h away, otherwise normal meals over the day (Burke 2011; Kerksick 2017; Thomas 2016). Protein 0.25 g/kg, 20–40 g, within about 2 h (Jäger 2017); fluid about 1.5 L per kg of sweat lost (Sawka 2007). Sleep and nutrition are the most critical parts of recovery.".into(),
        message,
    })
}

/// How the structured session was built, and where its paces come from.
pub(super) fn structure_reason(ctx: &Context, now: &Prescription) -> Option<Reason> {
    let s = now.structure.as_ref()?;
    let what = match s.kind {
        PlannedKind::Tempo => "Tempo",
        _ => "Intervals",
    };
    let paces = match (s.paces, &ctx.race) {
        (Some(p), Some(race)) if p.from == VdotFrom::Race => {
            let when = race.date.map_or(String::new(), |d| format!(" of {d}"));
            let km = race.distance_m / 1000.0;
            let km = if (km - km.round()).abs() < 0.05 {
                format!("{km:.0}")
            } else {
                format!("{km:.1}")
            };
            let mut text = format!(
                " Paces from your {km} km race{when} in {} (VDOT {:.1}).",
                crate::calc::format_duration(race.time_s),
                p.vdot
            );
            if p.stale {
                text.push_str(&format!(
                    " It is {} months old, so the paces may be stale: a recent race or time trial resets them.",
                    p.age_days.unwrap_or(0) / 30
                ));
            }
            text
        }
        (Some(p), _) => format!(
            " Paces from VDOT {:.1}, estimated from {} recent runs with heart rate (Swain 1997: the share of heart-rate reserve ≈ the share of VO2 reserve): an estimate; a race or time trial is more accurate.",
            p.vdot,
            p.runs.unwrap_or(0)
        ),
        (None, _) => " No race result was given, so the work is by heart rate and effort; give a recent race (athlete.race) for paces.".to_string(),
    };
    Some(Reason {
        code: "session_structure".into(),
        principle: "Daniels' Running Formula: interval (I-pace) bouts of 3–5 min with about as long of easy jogging between, at most the lesser of 10 km and 8 % of the week's running; tempo (T pace) as a steady 20 min, or cruise intervals with 1 min of rest per 5 min; 10–15 min of easy running before and after.".into(),
        message: format!("{what}: {}.{paces}", workout::describe(s)),
    })
}
