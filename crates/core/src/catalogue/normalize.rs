//! How exercise names become lookup keys.
//!
//! Strong, Hevy and people write the same exercise many ways: `Squat (Barbell)`, `squat (barbell)`,
//! `SQUAT  (BARBELL)`, `Pull-Up`, `pullups`, `Biceps Curls`. [`normalize`] maps all of these to one key, so the
//! catalogue needs one alias per genuinely different wording, not per spelling. The same function builds the
//! keys of the data file and of every query, so the two can never disagree.

use std::borrow::Cow;

/// The lookup key of a name: lowercase words separated by single spaces.
///
/// - every run of characters that is not a letter or digit separates words (`Pull-Up (Band)` → `pull up band`);
/// - filler words are dropped: `and`, `the`, `with`, `of`, `on`, and the `s` of a possessive
///   (`Clean & Jerk` = `Clean and Jerk`, `Farmer's Walk` = `Farmers Walk`);
/// - closed compounds and gym shorthand are spelled out: `pullup` → `pull up`, `db` → `dumbbell`,
///   `bb` → `barbell`, `kb` → `kettlebell`;
/// - simple English plurals become singular (`curls`, `crunches`, `flies`, `biceps` → `bicep`), so plural and
///   singular spellings meet. It is not a stemmer: it only has to be the same on both sides.
pub(crate) fn normalize(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut key = String::with_capacity(lower.len());
    for raw in lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        let Some(word) = canonical_word(raw) else {
            continue;
        };
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&word);
    }
    key
}

/// One word in its canonical spelling, or `None` for a filler word.
fn canonical_word(word: &str) -> Option<Cow<'_, str>> {
    let spelled = match word {
        // A lone `s` is what is left of a possessive: `Farmer's Walk` = `Farmers Walk`.
        "and" | "the" | "with" | "of" | "on" | "s" => return None,
        "db" | "dumbell" | "dumbells" => "dumbbell",
        "bb" => "barbell",
        "kb" => "kettlebell",
        "bw" => "bodyweight",
        "pullup" | "pullups" => "pull up",
        "pushup" | "pushups" => "push up",
        "chinup" | "chinups" => "chin up",
        "situp" | "situps" => "sit up",
        "stepup" | "stepups" => "step up",
        "ups" => "up",
        "flyes" | "flys" | "flies" => "fly",
        _ => return Some(singular(word)),
    };
    Some(Cow::Borrowed(spelled))
}

/// Strips a regular plural ending. Words of three letters or fewer (`abs`, `ups`, `21s`) and words ending in
/// `ss`, `us` or `is` (`press`, `cross`) are left alone.
fn singular(word: &str) -> Cow<'_, str> {
    let keep = word.chars().count() <= 3
        || !word.ends_with('s')
        || word.ends_with("ss")
        || word.ends_with("us")
        || word.ends_with("is");
    if keep {
        return Cow::Borrowed(word);
    }
    if ["ches", "shes", "sses", "xes"]
        .iter()
        .any(|ending| word.ends_with(ending))
    {
        return Cow::Borrowed(&word[..word.len() - 2]);
    }
    if word.len() > 4
        && let Some(stem) = word.strip_suffix("ies")
    {
        return Cow::Owned(format!("{stem}y"));
    }
    Cow::Borrowed(&word[..word.len() - 1])
}

/// The name without its trailing parenthesised qualifiers: `Goblet Squat (Kettlebell)` → `Goblet Squat`,
/// `Triceps Pushdown (Cable - Straight Bar)` → `Triceps Pushdown`. `None` when there is none to strip or
/// nothing would be left.
pub(crate) fn without_parenthetical(name: &str) -> Option<&str> {
    let mut rest = name.trim_end();
    while rest.ends_with(')') {
        let open = rest.rfind('(')?;
        rest = rest[..open].trim_end();
    }
    let stripped = rest.len() < name.trim_end().len();
    (stripped && !rest.trim().is_empty()).then_some(rest)
}

/// The name without a trailing ` - variant` qualifier, Strong's and Hevy's way of naming grips:
/// `Seated Cable Row - V Grip` → `Seated Cable Row`.
pub(crate) fn without_dash_qualifier(name: &str) -> Option<&str> {
    let (head, _) = name
        .rsplit_once(" - ")
        .or_else(|| name.rsplit_once(" – "))?;
    (!head.trim().is_empty()).then_some(head)
}

/// Equipment words: a movement is the same movement whatever it is loaded with.
const EQUIPMENT_WORDS: &[&str] = &[
    "barbell",
    "dumbbell",
    "kettlebell",
    "cable",
    "machine",
    "smith",
    "band",
    "resistance",
    "plate",
    "loaded",
    "weighted",
    "bodyweight",
    "assisted",
];

/// Whether a normalised word names equipment (`dumbbell`, `cable`…) rather than the movement.
pub(crate) fn is_equipment_word(word: &str) -> bool {
    EQUIPMENT_WORDS.contains(&word)
}

/// A normalised key without its equipment words (`dumbbell bulgarian split squat` → `bulgarian split squat`),
/// or `None` when it has none or consists of nothing else.
pub(crate) fn without_equipment_words(key: &str) -> Option<String> {
    let kept: Vec<&str> = key
        .split(' ')
        .filter(|w| !EQUIPMENT_WORDS.contains(w))
        .collect();
    let changed = kept.len() < key.split(' ').count();
    (changed && !kept.is_empty()).then(|| kept.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: &str) {
        assert_eq!(normalize(input), expected, "normalize({input:?})");
    }

    #[test]
    fn case_punctuation_and_spacing_do_not_matter() {
        check("Squat (Barbell)", "squat barbell");
        check("  SQUAT   (BARBELL) ", "squat barbell");
        check("Pull-Up", "pull up");
        check("Iso-Lateral Row (Machine)", "iso lateral row machine");
        check(
            "Triceps Pushdown (Cable - Straight Bar)",
            "tricep pushdown cable straight bar",
        );
        check("Knee Raise (Captain's Chair)", "knee raise captain chair");
        check("Farmer’s Walk", "farmer walk");
    }

    #[test]
    fn spellings_and_plurals_meet() {
        check("pullups", "pull up");
        check("Pull Ups", "pull up");
        check("DB Bench", "dumbbell bench");
        check("Biceps Curls", "bicep curl");
        check("Cable Crunches", "cable crunch");
        check("Chest Flies", "chest fly");
        check("Clean & Jerk", "clean jerk");
        check("Clean and Jerk", "clean jerk");
        check("press", "press");
        check("abs", "abs");
        check("21s", "21s");
    }

    #[test]
    fn nothing_but_separators_is_empty() {
        check("", "");
        check(" ( - ) ", "");
        check("💪🏋️", "");
    }

    #[test]
    fn qualifiers_strip() {
        assert_eq!(
            without_parenthetical("Goblet Squat (Kettlebell)"),
            Some("Goblet Squat")
        );
        assert_eq!(without_parenthetical("Foo (A) (B)"), Some("Foo"));
        assert_eq!(without_parenthetical("Squat"), None);
        assert_eq!(without_parenthetical("(Barbell)"), None);
        assert_eq!(without_parenthetical("Foo )"), None);
        assert_eq!(
            without_dash_qualifier("Seated Cable Row - V Grip"),
            Some("Seated Cable Row")
        );
        assert_eq!(without_dash_qualifier(" - V Grip"), None);
        assert_eq!(
            without_equipment_words("dumbbell bulgarian split squat").as_deref(),
            Some("bulgarian split squat")
        );
        assert_eq!(without_equipment_words("cable machine"), None);
        assert_eq!(without_equipment_words("squat"), None);
    }
}
