//! Strong's column names in every language it exports, and the units written in them.
//!
//! Strong names its columns in the phone's language and has changed them over the years:
//! `Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE` (2019–),
//! `Workout #,Date,Workout Name,Duration (sec),Exercise Name,Set Order,Weight (kg),Reps,RPE,Distance (meters),…`
//! (the current export: units in the header), the oldest `…,Set Order,kg,Reps,km,Seconds,Notes` (the unit is
//! the header), and the semicolon export with `Weight Unit` / `Distance Unit` columns. The names are data: one
//! table per language ([`LANGUAGES`]), matched ignoring case, spacing and quotes, so a new translation is a new
//! row, not new code. The app's own words are in for English, German
//! (`Datum,Workout-Name,Dauer,Name der Übung,Reihenfolge festlegen,Gewicht,Wiederh.,Entfernung,Sekunden,Notizen,Workout-Notizen,RPE`),
//! French (`Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre de la série,Poids,Réps,Distance,Secondes,RPE`) and
//! Chinese (`日期,锻炼名称,时长,运动名称,设置顺序,重量,次,距离,秒,备注,锻炼备注,RPE`), as seen in real exports; the other
//! languages hold natural translations of the English names and of the app's literal "set (the) order", since
//! their exact words were not found in public sources.
//!
//! Strong also writes its rest-timer rows in the phone's language (`Rest Timer`, `Ruhezeit`): [`REST_ROWS`].

use crate::WeightUnit;

/// What a Strong column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    WorkoutNumber,
    Date,
    WorkoutName,
    Duration,
    ExerciseName,
    SetOrder,
    Weight,
    WeightUnit,
    Reps,
    Distance,
    DistanceUnit,
    Seconds,
    Notes,
    WorkoutNotes,
    Rpe,
}

use Field::*;

/// One language's column names (lowercase; several per field where exports differ).
pub(crate) struct Language {
    /// For people reading the table (and the tests' messages).
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    pub columns: &'static [(Field, &'static str)],
}

pub(crate) const LANGUAGES: &[Language] = &[
    Language {
        name: "English",
        columns: &[
            (WorkoutNumber, "workout #"),
            (Date, "date"),
            (WorkoutName, "workout name"),
            (Duration, "duration"),
            (Duration, "workout duration"),
            (ExerciseName, "exercise name"),
            (SetOrder, "set order"),
            (Weight, "weight"),
            (WeightUnit, "weight unit"),
            (Reps, "reps"),
            (Distance, "distance"),
            (DistanceUnit, "distance unit"),
            (Seconds, "seconds"),
            (Notes, "notes"),
            (Notes, "exercise notes"),
            (WorkoutNotes, "workout notes"),
            (Rpe, "rpe"),
        ],
    },
    Language {
        name: "German",
        columns: &[
            (WorkoutNumber, "workout-nr."),
            (WorkoutNumber, "training #"),
            (Date, "datum"),
            (WorkoutName, "trainingsname"),
            (WorkoutName, "workout-name"),
            (WorkoutName, "name des trainings"),
            (Duration, "dauer"),
            (Duration, "trainingsdauer"),
            (ExerciseName, "übungsname"),
            (ExerciseName, "name der übung"),
            (SetOrder, "satzreihenfolge"),
            (SetOrder, "satz"),
            (SetOrder, "reihenfolge festlegen"),
            (Weight, "gewicht"),
            (WeightUnit, "gewichtseinheit"),
            (Reps, "wiederholungen"),
            (Reps, "wdh."),
            (Reps, "wiederh."),
            (Distance, "distanz"),
            (Distance, "strecke"),
            (Distance, "entfernung"),
            (DistanceUnit, "distanzeinheit"),
            (DistanceUnit, "entfernungseinheit"),
            (Seconds, "sekunden"),
            (Notes, "notizen"),
            (Notes, "übungsnotizen"),
            (WorkoutNotes, "trainingsnotizen"),
            (WorkoutNotes, "workout-notizen"),
        ],
    },
    Language {
        name: "French",
        columns: &[
            (WorkoutNumber, "entraînement #"),
            (WorkoutNumber, "séance #"),
            (Date, "date"),
            (WorkoutName, "nom de l'entraînement"),
            (WorkoutName, "nom de la séance"),
            (Duration, "durée"),
            (Duration, "durée de l'entraînement"),
            (ExerciseName, "nom de l'exercice"),
            (SetOrder, "ordre des séries"),
            (SetOrder, "ordre de la série"),
            (Weight, "poids"),
            (WeightUnit, "unité de poids"),
            (Reps, "répétitions"),
            (Reps, "rép."),
            (Reps, "réps"),
            (Distance, "distance"),
            (DistanceUnit, "unité de distance"),
            (Seconds, "secondes"),
            (Notes, "notes"),
            (WorkoutNotes, "notes de l'entraînement"),
            (WorkoutNotes, "notes de séance"),
        ],
    },
    Language {
        name: "Spanish",
        columns: &[
            (WorkoutNumber, "entrenamiento #"),
            (Date, "fecha"),
            (WorkoutName, "nombre del entrenamiento"),
            (Duration, "duración"),
            (Duration, "duración del entrenamiento"),
            (ExerciseName, "nombre del ejercicio"),
            (SetOrder, "orden de la serie"),
            (SetOrder, "orden de series"),
            (SetOrder, "establecer orden"),
            (Weight, "peso"),
            (WeightUnit, "unidad de peso"),
            (Reps, "repeticiones"),
            (Reps, "reps."),
            (Distance, "distancia"),
            (DistanceUnit, "unidad de distancia"),
            (Seconds, "segundos"),
            (Notes, "notas"),
            (WorkoutNotes, "notas del entrenamiento"),
        ],
    },
    Language {
        name: "Italian",
        columns: &[
            (WorkoutNumber, "allenamento #"),
            (Date, "data"),
            (WorkoutName, "nome allenamento"),
            (WorkoutName, "nome dell'allenamento"),
            (Duration, "durata"),
            (Duration, "durata allenamento"),
            (ExerciseName, "nome esercizio"),
            (ExerciseName, "nome dell'esercizio"),
            (SetOrder, "ordine serie"),
            (SetOrder, "ordine delle serie"),
            (SetOrder, "imposta ordine"),
            (Weight, "peso"),
            (WeightUnit, "unità di peso"),
            (Reps, "ripetizioni"),
            (Reps, "rip."),
            (Distance, "distanza"),
            (DistanceUnit, "unità di distanza"),
            (Seconds, "secondi"),
            (Notes, "note"),
            (WorkoutNotes, "note allenamento"),
            (WorkoutNotes, "note dell'allenamento"),
        ],
    },
    Language {
        name: "Portuguese",
        columns: &[
            (WorkoutNumber, "treino #"),
            (Date, "data"),
            (WorkoutName, "nome do treino"),
            (Duration, "duração"),
            (Duration, "duração do treino"),
            (ExerciseName, "nome do exercício"),
            (SetOrder, "ordem da série"),
            (SetOrder, "ordem das séries"),
            (SetOrder, "definir ordem"),
            (Weight, "peso"),
            (WeightUnit, "unidade de peso"),
            (Reps, "repetições"),
            (Reps, "rep."),
            (Distance, "distância"),
            (DistanceUnit, "unidade de distância"),
            (Seconds, "segundos"),
            (Notes, "notas"),
            (Notes, "observações"),
            (WorkoutNotes, "notas do treino"),
        ],
    },
    Language {
        name: "Dutch",
        columns: &[
            (WorkoutNumber, "training #"),
            (Date, "datum"),
            (WorkoutName, "naam training"),
            (WorkoutName, "trainingsnaam"),
            (WorkoutName, "workoutnaam"),
            (Duration, "duur"),
            (ExerciseName, "naam oefening"),
            (ExerciseName, "oefeningnaam"),
            (ExerciseName, "naam van de oefening"),
            (SetOrder, "setvolgorde"),
            (SetOrder, "volgorde set"),
            (SetOrder, "volgorde instellen"),
            (Weight, "gewicht"),
            (WeightUnit, "gewichtseenheid"),
            (Reps, "herhalingen"),
            (Distance, "afstand"),
            (DistanceUnit, "afstandseenheid"),
            (Seconds, "seconden"),
            (Notes, "notities"),
            (Notes, "opmerkingen"),
            (WorkoutNotes, "trainingsnotities"),
            (WorkoutNotes, "workoutnotities"),
        ],
    },
    Language {
        name: "Russian",
        columns: &[
            (WorkoutNumber, "тренировка №"),
            (WorkoutNumber, "тренировка #"),
            (Date, "дата"),
            (WorkoutName, "название тренировки"),
            (Duration, "длительность"),
            (Duration, "продолжительность"),
            (ExerciseName, "название упражнения"),
            (SetOrder, "порядок подходов"),
            (SetOrder, "порядок подхода"),
            (SetOrder, "подход"),
            (SetOrder, "установить порядок"),
            (Weight, "вес"),
            (WeightUnit, "единица веса"),
            (Reps, "повторения"),
            (Reps, "повторы"),
            (Distance, "расстояние"),
            (Distance, "дистанция"),
            (DistanceUnit, "единица расстояния"),
            (Seconds, "секунды"),
            (Notes, "заметки"),
            (Notes, "примечания"),
            (WorkoutNotes, "заметки к тренировке"),
            (WorkoutNotes, "заметки тренировки"),
        ],
    },
    Language {
        name: "Chinese",
        columns: &[
            (Date, "日期"),
            (WorkoutName, "锻炼名称"),
            (WorkoutName, "鍛鍊名稱"),
            (WorkoutName, "训练名称"),
            (Duration, "时长"),
            (Duration, "時長"),
            (Duration, "持续时间"),
            (ExerciseName, "运动名称"),
            (ExerciseName, "運動名稱"),
            (ExerciseName, "动作名称"),
            (SetOrder, "设置顺序"),
            (SetOrder, "設置順序"),
            (SetOrder, "组顺序"),
            (Weight, "重量"),
            (WeightUnit, "重量单位"),
            (WeightUnit, "重量單位"),
            (Reps, "次"),
            (Reps, "次数"),
            (Reps, "次數"),
            (Distance, "距离"),
            (Distance, "距離"),
            (DistanceUnit, "距离单位"),
            (DistanceUnit, "距離單位"),
            (Seconds, "秒"),
            (Notes, "备注"),
            (Notes, "備註"),
            (WorkoutNotes, "锻炼备注"),
            (WorkoutNotes, "鍛鍊備註"),
        ],
    },
    Language {
        name: "Japanese",
        columns: &[
            (Date, "日付"),
            (WorkoutName, "ワークアウト名"),
            (Duration, "時間"),
            (Duration, "所要時間"),
            (ExerciseName, "エクササイズ名"),
            (ExerciseName, "種目名"),
            (SetOrder, "セット順"),
            (SetOrder, "セット順序"),
            (SetOrder, "順序を設定"),
            (Weight, "重量"),
            (WeightUnit, "重量の単位"),
            (Reps, "回数"),
            (Reps, "レップ数"),
            (Distance, "距離"),
            (DistanceUnit, "距離の単位"),
            (Seconds, "秒数"),
            (Notes, "メモ"),
            (WorkoutNotes, "ワークアウトメモ"),
        ],
    },
];

/// The `Set Order` of a rest-timer row (not a set: its `Seconds` are the rest), lowercase, per language.
pub(crate) const REST_ROWS: &[&str] = &[
    "rest timer",
    "rest",
    "ruhezeit",
    "pause",
    "temps de repos",
    "repos",
    "descanso",
    "riposo",
    "recupero",
    "rust",
    "rusttimer",
    "отдых",
    "休息",
    "休憩",
    "レスト",
];

/// Whether a `Set Order` cell marks a rest-timer row.
pub(crate) fn is_rest_row(set_order: &str) -> bool {
    let order = set_order.trim().to_lowercase();
    REST_ROWS
        .iter()
        .any(|r| order == *r || order.starts_with("rest"))
}

/// Columns whose header is only a unit (Strong's oldest export: `…,Set Order,kg,Reps,km,Seconds,Notes`).
fn unit_only(name: &str) -> Option<Field> {
    if weight_unit(name).is_some() {
        Some(Weight)
    } else if ["km", "mi", "miles", "meters", "metres"].contains(&name) {
        Some(Distance)
    } else {
        None
    }
}

/// A header cell compared as lowercase words: quotes, repeated spaces and typographic apostrophes don't matter.
pub(crate) fn normalize(name: &str) -> String {
    name.trim()
        .trim_matches('"')
        .replace(['’', '`'], "'")
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A header cell read: its field and the unit written in it (`Weight (kg)` → weight, `kg`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placed {
    pub field: Field,
    pub unit: Option<String>,
}

/// What a header cell names, if it is one of Strong's columns in any language.
pub(crate) fn place(header: &str) -> Option<Placed> {
    let name = normalize(header);
    let (base, unit) = split_unit(&name);
    let field = LANGUAGES
        .iter()
        .flat_map(|l| l.columns)
        .find(|(_, n)| *n == base)
        .map(|(f, _)| *f);
    match (field, unit) {
        (Some(field), unit) => Some(Placed {
            field,
            unit: unit.map(str::to_owned),
        }),
        (None, None) => unit_only(base).map(|field| Placed {
            field,
            unit: Some(base.to_owned()),
        }),
        (None, Some(_)) => None,
    }
}

/// `weight (kg)` → (`weight`, `kg`); `重量（公斤）` too.
fn split_unit(name: &str) -> (&str, Option<&str>) {
    let trimmed = name.trim_end_matches([')', '）']);
    if trimmed.len() == name.len() {
        return (name, None);
    }
    match trimmed.rfind(['(', '（']) {
        Some(open) => {
            let unit_start = open + trimmed[open..].chars().next().map_or(1, char::len_utf8);
            let unit = trimmed[unit_start..].trim();
            (trimmed[..open].trim(), (!unit.is_empty()).then_some(unit))
        }
        None => (name, None),
    }
}

/// Whether a header (its cells) is a Strong export's: a date, an exercise name and a set order, in any language.
pub(crate) fn is_strong(cells: &[String]) -> bool {
    let fields: Vec<Field> = cells
        .iter()
        .filter_map(|c| place(c))
        .map(|p| p.field)
        .collect();
    [Date, ExerciseName, SetOrder]
        .iter()
        .all(|f| fields.contains(f))
}

/// A weight unit as exports write it (`kg`, `lbs`, `lb.`, `кг`, `公斤`…).
pub(crate) fn weight_unit(text: &str) -> Option<WeightUnit> {
    match text.trim().trim_end_matches('.').to_lowercase().as_str() {
        "kg" | "kgs" | "kilograms" | "kilogram" | "кг" | "公斤" | "千克" | "キロ" => {
            Some(WeightUnit::Kg)
        }
        "lb" | "lbs" | "pounds" | "pound" | "фунт" | "фунты" | "磅" | "ポンド" => {
            Some(WeightUnit::Lb)
        }
        _ => None,
    }
}

const METRES_PER_MILE: f64 = 1609.344;

/// Metres in one distance unit as exports write it (`km`, `mi`, `mi.`, `miles`, `m`, `meters`, `ft`, `yd`…).
pub(crate) fn metres_per(text: &str) -> Option<f64> {
    match text.trim().trim_end_matches('.').to_lowercase().as_str() {
        "km" | "kilometers" | "kilometres" | "км" | "公里" | "千米" => Some(1000.0),
        "m" | "meters" | "metres" | "meter" | "metre" | "м" | "米" | "メートル" => Some(1.0),
        "mi" | "mile" | "miles" | "миль" | "英里" | "マイル" => Some(METRES_PER_MILE),
        "ft" | "feet" | "foot" | "фут" | "英尺" => Some(0.3048),
        "yd" | "yds" | "yard" | "yards" | "ярд" | "码" => Some(0.9144),
        _ => None,
    }
}

/// Seconds in one unit of time as written in a header (`sec`, `seconds`, `min`…).
pub(crate) fn seconds_per(text: &str) -> Option<f64> {
    match text.trim().trim_end_matches('.').to_lowercase().as_str() {
        "s" | "sec" | "secs" | "second" | "seconds" | "сек" | "秒" => Some(1.0),
        "min" | "mins" | "minute" | "minutes" | "мин" | "分" | "分钟" => Some(60.0),
        "h" | "hr" | "hrs" | "hour" | "hours" | "ч" | "小时" | "時間" => Some(3600.0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_name_means_two_things() {
        let all: Vec<(&str, Field, &str)> = LANGUAGES
            .iter()
            .flat_map(|l| l.columns.iter().map(move |(f, n)| (l.name, *f, *n)))
            .collect();
        for (lang, field, name) in &all {
            assert_eq!(*name, normalize(name), "{lang}: {name} is not normalised");
            for (other_lang, other_field, other) in &all {
                assert!(
                    name != other || field == other_field,
                    "\"{name}\" is {field:?} in {lang} but {other_field:?} in {other_lang}"
                );
            }
        }
    }

    #[test]
    fn every_language_names_the_columns_a_set_needs() {
        for lang in LANGUAGES {
            for needed in [
                Date,
                WorkoutName,
                Duration,
                ExerciseName,
                SetOrder,
                Weight,
                Reps,
            ] {
                assert!(
                    lang.columns.iter().any(|(f, _)| *f == needed),
                    "{} lacks {needed:?}",
                    lang.name
                );
            }
        }
    }

    #[test]
    fn units_in_headers() {
        let p = |h: &str| place(h).map(|p| (p.field, p.unit));
        assert_eq!(p("Weight (kg)"), Some((Weight, Some("kg".into()))));
        assert_eq!(p("\"Weight (lbs)\""), Some((Weight, Some("lbs".into()))));
        assert_eq!(p("Duration (sec)"), Some((Duration, Some("sec".into()))));
        assert_eq!(
            p("Distance (meters)"),
            Some((Distance, Some("meters".into())))
        );
        assert_eq!(p("kg"), Some((Weight, Some("kg".into()))));
        assert_eq!(p("mi"), Some((Distance, Some("mi".into()))));
        assert_eq!(p("重量（公斤）"), Some((Weight, Some("公斤".into()))));
        assert_eq!(p("Nom de l’exercice"), Some((ExerciseName, None)));
        assert_eq!(p("Workout  #"), Some((WorkoutNumber, None)));
        assert_eq!(p("Heart rate"), None);
        assert_eq!(p("Heart rate (bpm)"), None);
    }

    #[test]
    fn unit_words() {
        assert_eq!(weight_unit("lbs"), Some(WeightUnit::Lb));
        assert_eq!(weight_unit("KG"), Some(WeightUnit::Kg));
        assert_eq!(weight_unit("stone"), None);
        assert_eq!(metres_per("mi."), Some(METRES_PER_MILE));
        assert_eq!(metres_per("ft"), Some(0.3048));
        assert_eq!(metres_per("m"), Some(1.0));
        assert_eq!(metres_per("furlong"), None);
        assert_eq!(seconds_per("sec"), Some(1.0));
    }
}
