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
        let mut line = String::new();
        let mut line_width = 0;
        for word in paragraph.split(' ') {
            let word_width = width(word);
            let gap = usize::from(!line.is_empty());
            if line_width + gap + word_width <= max {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                line_width += gap + word_width;
                continue;
            }
            if !line.is_empty() {
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
            }
        }
        lines.push(line);
        if lines.len() >= limit {
            return lines;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

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
