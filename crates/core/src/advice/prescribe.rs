//! From folded constraints to the answer's numbers: the prescription (modality, intensity, minutes, the
//! athlete's own heart-rate range, RPE and a talk-test cue), the alternatives, energy and refuelling.

use crate::athlete::Goal;
use crate::contract::{
    Alternative, Energy, Intensity, Later, LoadLevel, Modality, Prescription, Range, Reason, Refuel,
};
use crate::science::heart::{self, HrMaxFormula, IntensityBand};
use crate::science::mets::{self, MetActivity, SwimEffort};
use crate::science::{epoc, recovery, substrate};

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
    if f.c.rest {
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
    let heart_rate_bpm = match modality {
        Modality::Rest | Modality::Mobility => None,
        _ => {
            let max = heart::hr_max(&ctx.athlete, HrMaxFormula::default());
            let (lo, hi) = heart::heart_rate_range(max, ctx.athlete.resting_hr_bpm, b);
            Some(Range::new(lo.round() as u32, hi.round() as u32))
        }
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

pub(super) fn energy(ctx: &Context, now: &Prescription) -> Energy {
    let minutes = now.minutes.midpoint();
    let weight = ctx.athlete.weight_kg;
    let fraction = vo2max_fraction(now.intensity);
    let (kcal, net_kcal) = match met_activity(now.modality, now.intensity) {
        Some(a) => {
            let met = mets::met(a).value;
            (
                mets::kcal_from_met(met, weight, minutes),
                mets::net_kcal_from_met(met, weight, minutes),
            )
        }
        None => (0.0, 0.0),
    };
    let aerobic_epoc = if kcal > 0.0 {
        epoc::epoc_kcal(net_kcal, fraction, minutes).midpoint()
    } else {
        0.0
    };
    let lift_epoc = ctx.lift.as_ref().map_or(0.0, |l| {
        epoc::resistance_epoc_kcal(l.minutes.unwrap_or(60.0), l.is_heavy(), weight).midpoint()
    });
    let after_lifting = ctx
        .lift
        .as_ref()
        .is_some_and(|l| l.heaviness >= LoadLevel::Moderate)
        && ctx.hours_since_lift().is_some_and(|h| h < 3.0);
    let fat_fraction = if after_lifting {
        substrate::fat_fraction_after_lifting(fraction)
    } else {
        substrate::fat_fraction(fraction)
    };
    Energy {
        kcal: round1(kcal),
        epoc_kcal: round1(aerobic_epoc + lift_epoc),
        fat_fraction: (fat_fraction * 100.0).round() / 100.0,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Carbohydrate, protein and fluid after the session. Carbohydrate follows the rapid-refuelling guidance
/// when another session follows within 8 h, and the lower post-exercise dose otherwise (see `science::recovery`).
pub(super) fn refuel(ctx: &Context, now: &Prescription, later: Option<&Later>) -> Refuel {
    let weight = ctx.athlete.weight_kg;
    let lift_minutes = ctx.lift.as_ref().map_or(0.0, |l| l.minutes.unwrap_or(60.0));
    let cardio_minutes = if matches!(now.modality, Modality::Rest | Modality::Mobility) {
        0.0
    } else {
        now.minutes.midpoint()
    };
    let hours_to_next = later.map(|l| l.hours_after_lift);
    let heavy =
        ctx.lift.as_ref().is_some_and(|l| l.is_heavy()) || lift_minutes + cardio_minutes >= 90.0;
    let carbs_g = recovery::carbs_g(weight, hours_to_next, heavy);
    let loss_ml = recovery::sweat_loss_ml(lift_minutes, recovery::SweatEffort::Lifting)
        + recovery::sweat_loss_ml(cardio_minutes, sweat_effort(now.intensity));
    Refuel {
        carbs_g: carbs_g.round(),
        protein_g: recovery::protein_g(weight).round(),
        fluid_ml: (recovery::fluid_ml(loss_ml) / 50.0).round() * 50.0,
    }
}

fn sweat_effort(intensity: Intensity) -> recovery::SweatEffort {
    match intensity {
        Intensity::VeryLow | Intensity::Low => recovery::SweatEffort::Easy,
        Intensity::Moderate | Intensity::High => recovery::SweatEffort::Hard,
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

pub(super) fn refuel_reason(ctx: &Context, refuel: &Refuel, energy: &Energy) -> Option<Reason> {
    ctx.lift.as_ref()?;
    let fat = if ctx.athlete.goal == Goal::FatLoss {
        format!(
            " About {:.0}% of the energy now is expected to come from fat.",
            energy.fat_fraction * 100.0
        )
    } else {
        String::new()
    };
    Some(Reason {
        code: "refuel".into(),
        principle: "Lifting depletes muscle glycogen, and running after it depletes it further; refuel to recover for the next session. Sleep and nutrition are the most critical parts of recovery.".into(),
        message: format!(
            "Afterwards: about {:.0} g of carbohydrate, {:.0} g of protein and {:.0} ml of fluid.{fat}",
            refuel.carbs_g, refuel.protein_g, refuel.fluid_ml
        ),
    })
}
