//! Shell-style word splitting that remembers where each word sits in the line.

// Written by hand rather than with `shell-words` because every error must point at the offending word:
// `shell-words` returns only the unquoted strings, not their positions. The rules are POSIX `sh` without
// expansion (a chat channel expands nothing): whitespace separates words; `'…'` is literal; inside `"…"` a
// backslash escapes only `"`, `\`, `$`, `` ` `` and newline; outside quotes a backslash escapes any
// character. So `"\"example timeline event"\"` is one word, `"example timeline event"` with its quote
// characters, exactly as a shell hands it to the AWS CLI.

use std::ops::Range;

/// One word of a line: its text after quote removal, and its character range in the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    /// Character (not byte) positions, from the word's first to one past its last character.
    pub span: Range<usize>,
}

/// Why a line could not be split: an unterminated quote or a trailing backslash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexError {
    pub message: String,
    pub span: Range<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single(usize),
    Double(usize),
}

/// Splits `line` into words. On an error the words so far are still returned (the unfinished one
/// included), because completion works on half-typed lines.
pub fn split_words(line: &str) -> (Vec<Word>, Option<LexError>) {
    let chars: Vec<char> = line.chars().collect();
    let mut words = Vec::new();
    let mut current: Option<(String, usize)> = None;
    let mut quote = Quote::None;
    let mut error = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match quote {
            Quote::None => {
                if c.is_whitespace() {
                    if let Some((text, start)) = current.take() {
                        words.push(Word {
                            text,
                            span: start..i,
                        });
                    }
                } else {
                    let (text, _) = current.get_or_insert_with(|| (String::new(), i));
                    match c {
                        '\'' => quote = Quote::Single(i),
                        '"' => quote = Quote::Double(i),
                        '\\' => match chars.get(i + 1) {
                            Some('\n') => i += 1,
                            Some(&next) => {
                                text.push(next);
                                i += 1;
                            }
                            None => {
                                error = Some(LexError {
                                    message:
                                        "the line ends with a lone backslash; remove it or quote it"
                                            .to_string(),
                                    span: i..i + 1,
                                });
                            }
                        },
                        other => text.push(other),
                    }
                }
            }
            Quote::Single(_) => {
                if c == '\'' {
                    quote = Quote::None;
                } else if let Some((text, _)) = current.as_mut() {
                    text.push(c);
                }
            }
            Quote::Double(_) => {
                if let Some((text, _)) = current.as_mut() {
                    match c {
                        '"' => quote = Quote::None,
                        '\\' => match chars.get(i + 1) {
                            Some(&next) if matches!(next, '"' | '\\' | '$' | '`') => {
                                text.push(next);
                                i += 1;
                            }
                            Some('\n') => i += 1,
                            _ => text.push('\\'),
                        },
                        other => text.push(other),
                    }
                }
            }
        }
        i += 1;
    }
    match quote {
        Quote::Single(at) => {
            error = Some(LexError {
                message: "unterminated single quote; close it with '".to_string(),
                span: at..chars.len(),
            })
        }
        Quote::Double(at) => {
            error = Some(LexError {
                message: "unterminated double quote; close it with \"".to_string(),
                span: at..chars.len(),
            })
        }
        Quote::None => {}
    }
    if let Some((text, start)) = current {
        words.push(Word {
            text,
            span: start..chars.len(),
        });
    }
    (words, error)
}

/// The characters of `line` in `span`, as typed (quotes and escapes kept).
pub fn raw_text(line: &str, span: &Range<usize>) -> String {
    line.chars()
        .skip(span.start)
        .take(span.end.saturating_sub(span.start))
        .collect()
}

/// Quotes `text` so that [`split_words`] (and a POSIX shell) reads it back as one word with exactly this
/// text: bare when it is plain, in double quotes when that needs no escapes (easiest to read in a chat
/// message), otherwise in single quotes.
pub fn quote_word(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "@%+=:,./_-^".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        return text.to_string();
    }
    let double_safe = |c: char| !matches!(c, '"' | '\\' | '$' | '`' | '!');
    if text.chars().all(double_safe) {
        return format!("\"{text}\"");
    }
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<String> {
        split_words(line).0.into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn escaped_quotes_inside_and_outside_double_quotes_make_one_word() {
        assert_eq!(
            texts(r#"--event-data "\"example timeline event"\" x"#),
            vec!["--event-data", "\"example timeline event\"", "x"]
        );
    }

    #[test]
    fn spans_count_characters_and_cover_the_quotes() {
        let (words, err) = split_words("a —b 'c d'");
        assert!(err.is_none());
        assert_eq!(words[1].span, 2..4);
        assert_eq!(words[2].text, "c d");
        assert_eq!(words[2].span, 5..10);
    }

    #[test]
    fn empty_quotes_make_an_empty_word() {
        assert_eq!(texts(r#"a "" ''"#), vec!["a", "", ""]);
    }

    #[test]
    fn unterminated_quote_is_reported_with_the_partial_word() {
        let (words, err) = split_words("a \"b c");
        assert_eq!(words.last().map(|w| w.text.as_str()), Some("b c"));
        assert_eq!(err.map(|e| e.span), Some(2..6));
    }

    #[test]
    fn quote_word_round_trips() {
        for text in [
            "plain",
            "Custom Event",
            "it's",
            "a\"b",
            "$x",
            "",
            "a\\b",
            "'",
            "x!",
        ] {
            let quoted = quote_word(text);
            assert_eq!(texts(&quoted), vec![text.to_string()], "{quoted}");
        }
        assert_eq!(quote_word("Custom Event"), "\"Custom Event\"");
    }
}
