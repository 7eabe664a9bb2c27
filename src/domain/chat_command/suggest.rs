//! "Did you mean": the closest known name to a misspelt one, and whether the fix is certain.

/// A suggested name; `certain` when the fix can go into a corrected line without asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion<'a> {
    pub text: &'a str,
    pub certain: bool,
}

/// The candidate the user most likely meant, if one stands out.
///
/// In order: the same name in another case (certain); a unique closest name within a small edit
/// distance (certain: `list-response-plan` → `list-response-plans`); a unique name sharing the last
/// word (`--incident-arn` → `--arn`, certain for `-arn`/`-id`, whose meaning is unambiguous); a unique
/// name the input is a prefix of, or that shares most words (a guess).
pub fn closest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<Suggestion<'a>> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    if input.is_empty() || candidates.is_empty() {
        return None;
    }
    let lower = input.to_lowercase();
    if let Some(same) = candidates.iter().find(|c| c.to_lowercase() == lower) {
        return Some(Suggestion {
            text: same,
            certain: true,
        });
    }
    let limit = match lower.chars().count() {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    // The distance is at least the difference in length: a candidate further apart than the limit cannot
    // win, and skipping it keeps a megabyte-long word from costing a megabyte-sized distance matrix.
    let input_len = lower.chars().count();
    let by_distance: Vec<(usize, &str)> = candidates
        .iter()
        .map(|c| {
            let candidate = c.to_lowercase();
            let distance = if input_len.abs_diff(candidate.chars().count()) > limit {
                usize::MAX
            } else {
                strsim::damerau_levenshtein(&lower, &candidate)
            };
            (distance, *c)
        })
        .collect();
    if let Some(&(best, text)) = by_distance.iter().min_by_key(|(d, _)| *d)
        && best <= limit
        && by_distance.iter().filter(|(d, _)| *d == best).count() == 1
    {
        return Some(Suggestion {
            text,
            certain: best <= 2,
        });
    }
    let last_word = |s: &str| s.rsplit('-').next().unwrap_or("").to_string();
    let input_last = last_word(&lower);
    let sharing_last: Vec<&str> = candidates
        .iter()
        .copied()
        .filter(|c| last_word(&c.to_lowercase()) == input_last)
        .collect();
    if let [only] = sharing_last.as_slice() {
        return Some(Suggestion {
            text: only,
            certain: matches!(input_last.as_str(), "arn" | "id"),
        });
    }
    let prefixed: Vec<&str> = candidates
        .iter()
        .copied()
        .filter(|c| c.to_lowercase().starts_with(&lower))
        .collect();
    if let [only] = prefixed.as_slice() {
        return Some(Suggestion {
            text: only,
            certain: false,
        });
    }
    shared_words(&lower, &candidates)
}

/// The unique candidate sharing the most words (singular and plural alike), at least two of them.
fn shared_words<'a>(lower: &str, candidates: &[&'a str]) -> Option<Suggestion<'a>> {
    let stem = |w: &str| w.trim_end_matches('s').to_string();
    let words: Vec<String> = lower.split('-').map(stem).collect();
    let scored: Vec<(usize, &'a str)> = candidates
        .iter()
        .map(|c| {
            let shared = c
                .to_lowercase()
                .split('-')
                .map(stem)
                .filter(|w| words.contains(w))
                .count();
            (shared, *c)
        })
        .collect();
    let best = scored.iter().map(|(n, _)| *n).max()?;
    let winners: Vec<&str> = scored
        .iter()
        .filter(|(n, _)| *n == best)
        .map(|(_, c)| *c)
        .collect();
    match winners.as_slice() {
        [only] if best >= 2 => Some(Suggestion {
            text: only,
            certain: false,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::command::COMMAND_NAMES;

    fn suggest(input: &str, candidates: &[&'static str]) -> Option<(&'static str, bool)> {
        closest(input, candidates.iter().copied()).map(|s| (s.text, s.certain))
    }

    #[test]
    fn the_docs_typo_is_a_certain_fix() {
        assert_eq!(
            suggest("list-response-plan", &COMMAND_NAMES),
            Some(("list-response-plans", true))
        );
    }

    #[test]
    fn shared_last_word_finds_the_arn_option() {
        assert_eq!(
            suggest("incident-arn", &["arn", "region", "query"]),
            Some(("arn", true))
        );
        assert_eq!(
            suggest("arn", &["incident-record-arn", "event-id", "region"]),
            Some(("incident-record-arn", true))
        );
    }

    #[test]
    fn guesses_are_not_certain() {
        assert_eq!(
            suggest("list-incidents", &COMMAND_NAMES),
            Some(("list-incident-records", false))
        );
        assert_eq!(
            suggest("response-plan", &["response-plan-arn", "title"]),
            Some(("response-plan-arn", false))
        );
    }

    #[test]
    fn nothing_close_means_no_suggestion() {
        assert_eq!(suggest("frobnicate", &COMMAND_NAMES), None);
        assert_eq!(suggest("sort", &["sort-by", "sort-order"]), None);
    }
}
