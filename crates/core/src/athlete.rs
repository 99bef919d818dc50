//! Who the advice is for: the athlete's profile, validated.

/// Biological sex, as used by the sex-specific equations (Gulati HRmax, Keytel energy, Banister TRIMP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

/// The athlete's primary training goal: the source text's first question ("Define your primary goal").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    Strength,
    Hypertrophy,
    Endurance,
    General,
    FatLoss,
}

impl Goal {
    pub const ALL: [Goal; 5] = [
        Goal::Strength,
        Goal::Hypertrophy,
        Goal::Endurance,
        Goal::General,
        Goal::FatLoss,
    ];

    /// Strength and hypertrophy are the goals the interference effect threatens most.
    pub fn is_muscle_first(self) -> bool {
        matches!(self, Goal::Strength | Goal::Hypertrophy)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Goal::Strength => "strength",
            Goal::Hypertrophy => "hypertrophy",
            Goal::Endurance => "endurance",
            Goal::General => "general",
            Goal::FatLoss => "fat_loss",
        }
    }
}

impl std::str::FromStr for Goal {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Goal::ALL
            .into_iter()
            .find(|g| g.as_str() == norm || (norm == "general_fitness" && *g == Goal::General))
            .ok_or_else(|| {
                format!("unknown goal '{s}': expected strength, hypertrophy, endurance, general or fat_loss")
            })
    }
}

impl std::str::FromStr for Sex {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "male" | "m" => Ok(Sex::Male),
            "female" | "f" => Ok(Sex::Female),
            _ => Err(format!("unknown sex '{s}': expected male or female")),
        }
    }
}

/// A validated athlete profile. Construct it through [`crate::contract::AthleteInput::validate`]
/// (or directly in tests) so that every field is within its physiological range.
#[derive(Debug, Clone, PartialEq)]
pub struct Athlete {
    pub age_years: f64,
    pub sex: Sex,
    pub weight_kg: f64,
    /// Usual morning resting heart rate; `None` when unknown (a population default is then used).
    pub resting_hr_bpm: Option<f64>,
    /// Measured maximum heart rate; always wins over any age-predicted formula.
    pub max_hr_bpm: Option<f64>,
    /// Usual morning HRV (rMSSD, ms), the baseline for today's reading.
    pub hrv_rmssd_ms: Option<f64>,
    pub goal: Goal,
    /// Weeks of experience combining lifting and running; 0 = new to it. `None` = not said (treated as experienced).
    pub concurrent_weeks: Option<u32>,
    pub injury_prone: bool,
}

impl Athlete {
    /// A plain example athlete, handy for tests and documentation.
    pub fn example() -> Athlete {
        Athlete {
            age_years: 34.0,
            sex: Sex::Male,
            weight_kg: 75.0,
            resting_hr_bpm: Some(60.0),
            max_hr_bpm: None,
            hrv_rmssd_ms: None,
            goal: Goal::General,
            concurrent_weeks: Some(26),
            injury_prone: false,
        }
    }

    /// New to combining lifting and running (the source text: "If you're new to combining these modalities").
    /// Fewer than 4 weeks of concurrent training counts as new.
    pub fn is_new_to_combining(&self) -> bool {
        matches!(self.concurrent_weeks, Some(w) if w < NEW_TO_COMBINING_WEEKS)
    }
}

/// Below this many weeks of combined training an athlete is treated as new to it.
pub const NEW_TO_COMBINING_WEEKS: u32 = 4;
