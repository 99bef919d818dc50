//! Close-match suggestions for names the catalogue does not know ("did you mean …?").
//!
//! A known name is suggested when it is similar by both measures:
//! - Jaro-Winkler ≥ [`MIN_JARO_WINKLER`] (0.9): one or two typos in a name of a dozen letters score above it,
//!   unrelated names of similar length score 0.5–0.8;
//! - normalised Levenshtein ≥ [`MIN_EDIT_SIMILARITY`] (0.6): Jaro-Winkler alone rewards a shared prefix so
//!   much that `Chest` would suggest `Chest Dip`; at most 40 % of the characters may need editing.
//!
//! - and the movement agrees: the words that are not equipment (`carry`, `curl`, `bench press`) must be the
//!   same words up to a typo each ([`movement_agrees`]). Similar spelling alone is not similar meaning:
//!   `Kettlebell Carry` and `Kettlebell Curl` differ by four letters of sixteen, and are different exercises.
//!
//! Unknown names are the slow path, so the search skips every key whose Jaro-Winkler cannot reach the
//! threshold, judged from lengths and character counts alone ([`jaro_winkler_upper_bound`]). The bound is
//! exact: it never changes which key is suggested, it only avoids computing most similarities.

/// See the module documentation.
pub(crate) const MIN_JARO_WINKLER: f64 = 0.9;
/// See the module documentation.
pub(crate) const MIN_EDIT_SIMILARITY: f64 = 0.6;

/// A normalised name or alias, with what the prefilter needs precomputed.
#[derive(Debug)]
pub(crate) struct SuggestionKey {
    pub key: String,
    pub index: usize,
    chars: usize,
    counts: CharCounts,
}

impl SuggestionKey {
    pub fn new(key: String, index: usize) -> Self {
        SuggestionKey {
            chars: key.chars().count(),
            counts: CharCounts::of(&key),
            key,
            index,
        }
    }
}

/// How often each letter, digit and the space occur, plus one bucket for every other character. The number of
/// characters two strings can have in common is at most the sum of the bucket-wise minimums.
#[derive(Debug, Clone, Copy)]
struct CharCounts([u8; 38]);

impl CharCounts {
    fn of(text: &str) -> Self {
        let mut counts = [0u8; 38];
        for c in text.chars() {
            let bucket = match c {
                'a'..='z' => c as usize - 'a' as usize,
                '0'..='9' => 26 + (c as usize - '0' as usize),
                ' ' => 36,
                _ => 37,
            };
            counts[bucket] = counts[bucket].saturating_add(1);
        }
        CharCounts(counts)
    }

    fn max_common(&self, other: &CharCounts) -> usize {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| usize::from(*a.min(b)))
            .sum()
    }
}

/// The highest Jaro-Winkler similarity two strings of `a` and `b` characters with at most `common`
/// characters in common can have: every common character matched, none transposed, a 4-character prefix.
fn jaro_winkler_upper_bound(a: usize, b: usize, common: usize) -> f64 {
    if a == 0 && b == 0 {
        return 1.0;
    }
    let matches = common.min(a).min(b) as f64;
    if matches == 0.0 {
        return 0.0;
    }
    let jaro = (matches / a as f64 + matches / b as f64 + 1.0) / 3.0;
    jaro + 0.4 * (1.0 - jaro)
}

/// The index of the most similar key to any of `candidates`, if one is similar enough. Ties go to the key
/// that comes first, so the answer is deterministic.
pub(crate) fn best_match(candidates: &[String], keys: &[SuggestionKey]) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    for candidate in candidates {
        let chars = candidate.chars().count();
        let counts = CharCounts::of(candidate);
        for known in keys {
            let bound =
                jaro_winkler_upper_bound(chars, known.chars, counts.max_common(&known.counts));
            if bound < MIN_JARO_WINKLER || best.is_some_and(|(s, _)| bound <= s) {
                continue;
            }
            let similarity = strsim::jaro_winkler(candidate, &known.key);
            if similarity >= MIN_JARO_WINKLER
                && best.is_none_or(|(s, _)| similarity > s)
                && strsim::normalized_levenshtein(candidate, &known.key) >= MIN_EDIT_SIMILARITY
                && movement_agrees(candidate, &known.key)
            {
                best = Some((similarity, known.index));
            }
        }
    }
    best.map(|(_, index)| index)
}

/// Typing slips allowed in one word of `chars` characters: none in a short word (`row`/`bow`, `curl`/`crul`
/// is allowed), one from four characters, two from eight.
fn word_slips(chars: usize) -> usize {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Whether two normalised keys name the same movement: their words other than equipment pair up one to one,
/// each pair the same word up to [`word_slips`] slips; or, written without spaces, they are that close
/// (`pullover` = `pull over`).
pub(crate) fn movement_agrees(candidate: &str, known: &str) -> bool {
    let movement = |key: &str| -> Vec<String> {
        key.split(' ')
            .filter(|w| !w.is_empty() && !super::normalize::is_equipment_word(w))
            .map(str::to_owned)
            .collect()
    };
    let (mut ours, theirs) = (movement(candidate), movement(known));
    let joined = (ours.concat(), theirs.concat());
    // The longer spelling sets the allowance: normalising `pres` (a slip of `press`) makes it `pre`.
    let joined_chars = joined.0.chars().count().max(joined.1.chars().count());
    if strsim::damerau_levenshtein(&joined.0, &joined.1) <= word_slips(joined_chars) {
        return true;
    }
    if ours.len() != theirs.len() {
        return false;
    }
    theirs.iter().all(|word| {
        let slips = |w: &str| word_slips(w.chars().count().max(word.chars().count()));
        match ours
            .iter()
            .position(|w| strsim::damerau_levenshtein(w, word) <= slips(w))
        {
            Some(i) => {
                ours.swap_remove(i);
                true
            }
            None => false,
        }
    })
}

/// A close match is used (not only suggested) when it is at most this many single-character edits away
/// (insertions, deletions, substitutions, transpositions of neighbours: `sqaut` → `squat` is one)…
pub(crate) const CONFIDENT_MAX_EDITS: usize = 2;
/// …and the name has at least this many characters per allowed edit (a slip in a short name changes its
/// meaning more: `row` → `bow`), …
pub(crate) const CONFIDENT_CHARS_PER_EDIT: usize = 5;
/// …and every other exercise is at least this many edits further away, so the reading is unambiguous.
pub(crate) const CONFIDENT_MARGIN_EDITS: usize = 2;

/// The index of the exercise a name is confidently a slip of: see the constants above. Deterministic:
/// ties between keys of the same exercise don't matter, ties between exercises mean "not confident".
pub(crate) fn confident_match(candidates: &[String], keys: &[SuggestionKey]) -> Option<usize> {
    for candidate in candidates {
        let chars = candidate.chars().count();
        let allowed = (chars / CONFIDENT_CHARS_PER_EDIT).min(CONFIDENT_MAX_EDITS);
        if allowed == 0 {
            continue;
        }
        let reach = allowed + CONFIDENT_MARGIN_EDITS;
        // The fewest edits to each exercise within reach, by exercise index.
        let mut nearest: Vec<(usize, usize)> = Vec::new();
        for known in keys {
            if known.chars.abs_diff(chars) >= reach {
                continue;
            }
            let edits = strsim::damerau_levenshtein(candidate, &known.key);
            if edits >= reach || !movement_agrees(candidate, &known.key) {
                continue;
            }
            match nearest.iter_mut().find(|(index, _)| *index == known.index) {
                Some(entry) => entry.1 = entry.1.min(edits),
                None => nearest.push((known.index, edits)),
            }
        }
        nearest.sort_by_key(|&(index, edits)| (edits, index));
        match nearest.as_slice() {
            [(index, edits), rest @ ..]
                if *edits > 0
                    && *edits <= allowed
                    && rest
                        .first()
                        .is_none_or(|(_, other)| *other >= edits + CONFIDENT_MARGIN_EDITS) =>
            {
                return Some(*index);
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn bound(a: &str, b: &str) -> f64 {
        let common = CharCounts::of(a).max_common(&CharCounts::of(b));
        jaro_winkler_upper_bound(a.chars().count(), b.chars().count(), common)
    }

    #[test]
    fn bound_is_tight_for_identical_strings() {
        assert_eq!(bound("squat barbell", "squat barbell"), 1.0);
        assert_eq!(bound("", "squat"), 0.0);
        assert_eq!(bound("", ""), 1.0);
        assert!(bound("zumba", "squat barbell") < MIN_JARO_WINKLER);
    }

    #[test]
    fn the_movement_must_agree() {
        assert!(!movement_agrees("kettlebell carry", "kettlebell curl"));
        assert!(movement_agrees("sqaut barbell", "squat barbell"));
        assert!(movement_agrees("kettlebell squat", "squat barbell"));
        assert!(movement_agrees("pullover dumbbell", "pull over cable"));
        assert!(movement_agrees("romanain deadlift", "romanian deadlift"));
        assert!(!movement_agrees("chest dip", "chest fly"));
        assert!(!movement_agrees("row", "bow"));
        assert!(!movement_agrees("bench press paused", "bench press"));
        // `Leg Pres` normalises to `leg pre`.
        assert!(movement_agrees("leg pre", "leg press"));
    }

    proptest! {
        #[test]
        fn bound_is_never_below_the_real_similarity(a in "[a-e 0-2é]{0,14}", b in "[a-e 0-2ü]{0,14}") {
            prop_assert!(strsim::jaro_winkler(&a, &b) <= bound(&a, &b) + 1e-12);
        }
    }
}
