//! The exercise catalogue as `afterlift exercises --json` and `GET /api/v1/exercises` list it. The
//! athlete's own aliases are [`crate::catalogue::Alias`] (`{name, exercise}`), the one shape both speak.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::catalogue::{Exercise, Muscle, Pattern, Region};

/// One exercise of the catalogue: what it trains.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CatalogueExercise {
    /// The name as Strong or Hevy export it; the name an alias points to.
    pub name: String,
    pub region: Region,
    pub pattern: Pattern,
    /// Prime movers.
    pub primary: Vec<Muscle>,
    /// Synergists and stabilisers that do real work.
    pub secondary: Vec<Muscle>,
    /// Other names the catalogue already knows for it (no alias needed for these).
    pub aliases: Vec<String>,
}

impl From<&Exercise> for CatalogueExercise {
    fn from(e: &Exercise) -> CatalogueExercise {
        CatalogueExercise {
            name: e.name.clone(),
            region: e.region,
            pattern: e.pattern,
            primary: e.primary.clone(),
            secondary: e.secondary.clone(),
            aliases: e.aliases.clone(),
        }
    }
}
