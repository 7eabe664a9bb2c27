//! Word wrapping by display width, for event texts and popups; only ever called on rows that are drawn.

use ratatui::text::Span;

fn width(text: &str) -> usize {
    Span::raw(text).width()
}

/// Wraps `text` into lines at most `max` columns wide (display width), breaking at spaces where it can and
/// inside words longer than a line. Existing newlines start new lines. Stops after `limit` lines.
pub fn wrap(text: &str, max: usize, limit: usize) -> Vec<String> {
    let max = max.max(1);
    // ASCII spaces only, no split at a word's own hyphens, and first-fit: a terminal reader expects each line
    // as full as it goes, and `us-east-2` or an ARN must not be cut at a `-` or `/`.
    let options = textwrap::Options::new(max)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .break_words(true);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        // Leading spaces are kept on the paragraph's first line (textwrap keeps them): they carry the nesting
        // of JSON output. They are capped below the width so a deep line still shows some of its text.
        let body = paragraph.trim_start_matches(' ');
        let indent = (paragraph.len() - body.len()).min(max - 1);
        let paragraph = &paragraph[paragraph.len() - body.len() - indent..];
        lines.extend(
            textwrap::wrap(paragraph, &options)
                .into_iter()
                .map(|line| line.into_owned()),
        );
        if lines.len() >= limit {
            lines.truncate(limit);
            return lines;
        }
    }
    lines
}

/// Kept by hand: textwrap's word splitters mark each split with a hyphen, which would change an ARN as read.
/// Wraps a command line for reading: breaks only at spaces, and a word longer than a line (an ARN) only after
/// a `/` or `:`, so no identifier is cut in the middle; only a word with neither is broken where it must be.
pub fn wrap_command(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let gap = usize::from(!line.is_empty());
        if width(&line) + gap + width(word) <= max {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut rest = word;
        while width(rest) > max {
            let head: String = rest.chars().take(max).collect();
            let cut = head
                .rfind(['/', ':'])
                .map(|i| i + 1)
                .filter(|&i| i > max / 3)
                .unwrap_or(head.len());
            lines.push(rest[..cut].to_string());
            rest = &rest[cut..];
        }
        line.push_str(rest);
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_break_at_spaces_and_arns_after_a_slash() {
        let arn = "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE";
        let line =
            format!("@aws ssm-incidents update-incident-record --arn {arn} --status RESOLVED");
        let lines = wrap_command(&line, 60);
        assert!(lines.iter().all(|l| l.chars().count() <= 60));
        assert!(
            lines
                .iter()
                .any(|l| l.contains("98c397e6-7c10-aa10-9b86-f199aEXAMPLE")),
            "the incident id is whole on one line: {lines:?}"
        );
        assert_eq!(lines.concat().replace(' ', ""), line.replace(' ', ""));
    }

    #[test]
    fn leading_indentation_survives() {
        let json = "{\n    \"a\": [\n        1\n    ]\n}";
        assert_eq!(
            wrap(json, 40, 10),
            vec!["{", "    \"a\": [", "        1", "    ]", "}"]
        );
        assert_eq!(wrap("  aa bb cc dd", 7, 10), vec!["  aa bb", "cc dd"]);
    }

    #[test]
    fn wraps_at_spaces_and_breaks_long_words() {
        assert_eq!(
            wrap("the quick brown fox", 9, 10),
            vec!["the quick", "brown fox"]
        );
        assert_eq!(wrap("abcdefghij", 4, 10), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10, 10), vec!["a", "b"]);
        assert_eq!(wrap("one two three four", 3, 2), vec!["one", "two"]);
        assert_eq!(wrap("", 5, 3), vec![""]);
    }

    #[test]
    fn hyphens_are_not_break_points_and_wide_characters_count_twice() {
        assert_eq!(
            wrap("in us-east-2 now", 10, 10),
            vec!["in", "us-east-2", "now"]
        );
        assert_eq!(
            wrap("日本語 テキスト", 6, 10),
            vec!["日本語", "テキス", "ト"]
        );
        // A run of spaces at a break is dropped, not carried to the next line.
        assert_eq!(wrap("aa  bb", 3, 10), vec!["aa", "bb"]);
    }
}
