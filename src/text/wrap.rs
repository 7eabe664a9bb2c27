//! Word wrapping by display width, for event texts and popups; only ever called on rows that are drawn.

use ratatui::text::Span;

fn width(text: &str) -> usize {
    Span::raw(text).width()
}

/// Wraps `text` into lines at most `max` columns wide, breaking at spaces where it can and inside
/// words longer than a line. Existing newlines start new lines. Stops after `limit` lines.
pub fn wrap(text: &str, max: usize, limit: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        // Leading spaces are kept on the paragraph's first line: they carry the nesting of JSON output.
        let body = paragraph.trim_start_matches(' ');
        let indent = (paragraph.len() - body.len()).min(max.saturating_sub(1));
        let mut line = " ".repeat(indent);
        let mut line_width = indent;
        // Whether the current line holds a word yet (its indentation is not one).
        let mut has_word = false;
        for word in body.split(' ') {
            let word_width = width(word);
            let gap = usize::from(has_word);
            if line_width + gap + word_width <= max {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                line_width += gap + word_width;
                has_word = true;
                continue;
            }
            if has_word {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
                if lines.len() >= limit {
                    return lines;
                }
            }
            for c in word.chars() {
                let mut buf = [0u8; 4];
                let w = width(c.encode_utf8(&mut buf));
                if line_width + w > max && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0;
                    if lines.len() >= limit {
                        return lines;
                    }
                }
                line.push(c);
                line_width += w;
                has_word = true;
            }
        }
        lines.push(line);
        if lines.len() >= limit {
            return lines;
        }
    }
    lines
}

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
}
