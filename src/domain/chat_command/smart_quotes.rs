//! Curly quotes from autocorrect (`“Custom Event”`, `‘…’`) where straight quotes were meant.

// Phones and some chat clients turn `"` into `“`/`”` as they turn `--` into `—`. A shell (and so the AWS
// CLI) does not treat curly quotes as quotes, so they are reported, with straight quotes as the certain
// fix. Only a pair that opens at the start of a word and closes at the end of one counts, outside any
// straight quotes, so an apostrophe inside a word (`It’s`) is left alone.

use std::ops::Range;

/// The line with each curly pair made straight, and the fixed spans with their straightened text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Straightened {
    pub line: String,
    pub pairs: Vec<(Range<usize>, String)>,
}

fn closing_for(open: char) -> Option<(&'static [char], char)> {
    match open {
        '“' | '„' | '”' => Some((&['”', '“'], '"')),
        '‘' | '‚' => Some((&['’', '‘'], '\'')),
        _ => None,
    }
}

/// `None` when the line has no curly pair to straighten.
pub fn straighten(line: &str) -> Option<Straightened> {
    let mut chars: Vec<char> = line.chars().collect();
    let mut pairs = Vec::new();
    let mut straight: Option<char> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match straight {
            Some(q) => {
                if c == '\\' && q == '"' {
                    i += 1;
                } else if c == q {
                    straight = None;
                }
            }
            None if c == '\\' => i += 1,
            None if c == '"' || c == '\'' => straight = Some(c),
            None => {
                let at_word_start = i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '=';
                if let (true, Some((closers, straight_quote))) = (at_word_start, closing_for(c)) {
                    let close = (i + 1..chars.len()).find(|&j| {
                        closers.contains(&chars[j])
                            && chars.get(j + 1).is_none_or(|n| n.is_whitespace())
                    });
                    let plain_inside = |j: usize| {
                        chars[i + 1..j]
                            .iter()
                            .all(|&ch| ch != straight_quote && ch != '\\')
                    };
                    if let Some(j) = close.filter(|&j| plain_inside(j)) {
                        chars[i] = straight_quote;
                        chars[j] = straight_quote;
                        pairs.push((i..j + 1, chars[i..=j].iter().collect()));
                        i = j;
                    }
                }
            }
        }
        i += 1;
    }
    (!pairs.is_empty()).then(|| Straightened {
        line: chars.into_iter().collect(),
        pairs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_at_word_boundaries_are_straightened() {
        let fixed = straighten("--event-type “Custom Event” --title ‘It’s down’");
        assert_eq!(
            fixed.as_ref().map(|f| f.line.as_str()),
            Some("--event-type \"Custom Event\" --title 'It’s down'")
        );
        assert_eq!(fixed.map(|f| f.pairs[0].0.clone()), Some(13..27));
    }

    #[test]
    fn apostrophes_and_quoted_curly_quotes_stay() {
        assert_eq!(straighten("--title It’s"), None);
        assert_eq!(straighten("--title '“quoted”'"), None);
        assert_eq!(straighten("--title “unclosed"), None);
        assert_eq!(straighten("--title “say \"hi\"”"), None);
    }
}
