//! The command output's pager: which rows are in view, the search and its current match, zoom; pure over the rows as drawn.

use std::ops::Range;

use ratatui_textarea::TextArea;

use super::command_output::CommandOutput;

/// How far a key moves the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
}

#[derive(Debug, Clone, Default)]
pub struct Pager {
    /// The output this view was scrolled and searched in: another output starts at its own top, so the view
    /// never needs to be told when anything writes a new output.
    pub output: CommandOutput,
    /// The first row in view.
    pub top: usize,
    /// The pager has the keys.
    pub focused: bool,
    /// The output takes the screen between the header and the footer.
    pub zoomed: bool,
    /// `Some` while the search is being typed after `/`.
    pub search_input: Option<TextArea<'static>>,
    /// The applied search, kept for n/N and the highlight.
    pub query: String,
    /// The row of the match n/N last moved to.
    pub current: Option<usize>,
    /// What the last search said: no match, or that it wrapped.
    pub note: Option<String>,
}

/// The view for `output`: a fresh one (focus and zoom kept) when the pager was last used on another output.
pub fn view_for(pager: &Pager, output: &CommandOutput) -> Pager {
    if &pager.output == output {
        return pager.clone();
    }
    Pager {
        output: output.clone(),
        focused: pager.focused,
        zoomed: pager.zoomed,
        ..Pager::default()
    }
}

/// Output rows the command area may use on a screen `height` rows tall, beside its rule, its input line and
/// `completions` rows. Unfocused the output is a preview of a quarter of the screen; the pager takes at most
/// half; zoomed it takes everything but the header and the footer.
pub fn output_room(height: u16, completions: u16, focused: bool, zoomed: bool) -> u16 {
    let area = if focused && zoomed {
        height.saturating_sub(2)
    } else if focused {
        height / 2
    } else {
        height / 4 + 2 + completions
    };
    area.saturating_sub(2 + completions).max(1)
}

/// Rows of output in view when `total` rows are drawn in `room` rows: one row goes to the status line
/// whenever there is more than fits or the pager has the keys.
pub fn page_rows(total: usize, room: usize, focused: bool) -> usize {
    if total > room || focused {
        room.saturating_sub(1).max(1)
    } else {
        room.max(1)
    }
}

/// Whether the status line under the rows is drawn.
pub fn has_status(total: usize, room: usize, focused: bool) -> bool {
    total > room || focused
}

/// The last useful top: the final page shows the last row at the bottom.
pub fn max_top(total: usize, page: usize) -> usize {
    total.saturating_sub(page.max(1))
}

/// Smart case, as in less -i and vim: a query with a capital letter matches case, one without ignores it.
fn case_sensitive(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

/// Where `query` occurs in `row`, as character ranges (not bytes: the UI splits spans by character).
pub fn matches(row: &str, query: &str) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let fold = |c: char| -> char {
        if case_sensitive(query) {
            c
        } else {
            c.to_lowercase().next().unwrap_or(c)
        }
    };
    let hay: Vec<char> = row.chars().map(fold).collect();
    let needle: Vec<char> = query.chars().map(fold).collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at + needle.len() <= hay.len() {
        if hay[at..at + needle.len()] == needle[..] {
            found.push(at..at + needle.len());
            at += needle.len();
        } else {
            at += 1;
        }
    }
    found
}

/// The next row after `from` (or before it, backwards) holding a match, going round the ends; `true` with
/// it when the search went round. `from: None` starts before the first row (after the last, backwards).
pub fn find(
    rows: &[String],
    query: &str,
    from: Option<usize>,
    forward: bool,
) -> Option<(usize, bool)> {
    let total = rows.len();
    if total == 0 || query.is_empty() {
        return None;
    }
    let hit = |i: usize| !matches(&rows[i], query).is_empty();
    for step in 1..=total {
        let (row, wrapped) = match (from, forward) {
            (None, true) => (step - 1, false),
            (None, false) => (total - step, false),
            (Some(at), true) => ((at + step) % total, at + step >= total),
            (Some(at), false) => ((at + total - step % total) % total, step > at),
        };
        if hit(row) {
            return Some((row, wrapped));
        }
    }
    None
}

impl Pager {
    pub fn scroll(&mut self, scroll: Scroll, total: usize, page: usize) {
        let last = max_top(total, page);
        self.top = match scroll {
            Scroll::Up => self.top.saturating_sub(1),
            Scroll::Down => self.top.saturating_add(1),
            Scroll::PageUp => self.top.saturating_sub(page.max(1)),
            Scroll::PageDown => self.top.saturating_add(page.max(1)),
            Scroll::Top => 0,
            Scroll::Bottom => last,
        }
        .min(last);
    }

    /// Keeps the view inside the rows after the screen (and so the wrapping or the page) changed.
    pub fn clamp(&mut self, total: usize, page: usize) {
        self.top = self.top.min(max_top(total, page));
        if self.current.is_some_and(|row| row >= total) {
            self.current = None;
        }
    }

    /// Applies a new query and moves to its first match at or after the top of the view, as less does.
    pub fn search(&mut self, query: String, rows: &[String], page: usize) {
        self.query = query;
        self.current = None;
        let from = self.top.checked_sub(1);
        self.step(rows, page, from, true);
    }

    /// n / N: the next or previous match from the current one (or from the view when there is none yet).
    pub fn next_match(&mut self, rows: &[String], page: usize, forward: bool) {
        let from = self.current.or_else(|| {
            if forward {
                self.top.checked_sub(1)
            } else {
                Some(self.top)
            }
        });
        self.step(rows, page, from, forward);
    }

    fn step(&mut self, rows: &[String], page: usize, from: Option<usize>, forward: bool) {
        if self.query.is_empty() {
            self.note = None;
            return;
        }
        match find(rows, &self.query, from, forward) {
            None => {
                self.current = None;
                self.note = Some(format!("no match for “{}”", self.query));
            }
            Some((row, wrapped)) => {
                self.current = Some(row);
                self.note = wrapped.then(|| {
                    if forward {
                        "wrapped to the top".to_string()
                    } else {
                        "wrapped to the end".to_string()
                    }
                });
                let page = page.max(1);
                // A match already in view does not move the view; otherwise it becomes the top row.
                if row < self.top || row >= self.top + page {
                    self.top = row;
                }
                self.top = self.top.min(max_top(rows.len(), page));
            }
        }
    }

    /// Rows holding a match, and which of them is the current one (1-based), for "match 2/5".
    pub fn match_position(&self, rows: &[String]) -> (usize, Option<usize>) {
        let hits: Vec<usize> = (0..rows.len())
            .filter(|&i| !matches(&rows[i], &self.query).is_empty())
            .collect();
        let at = self
            .current
            .and_then(|c| hits.iter().position(|&h| h == c))
            .map(|p| p + 1);
        (hits.len(), at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("row {i}")).collect()
    }

    #[test]
    fn scrolling_stays_inside_the_rows() {
        let mut pager = Pager::default();
        pager.scroll(Scroll::Up, 30, 10);
        assert_eq!(pager.top, 0);
        pager.scroll(Scroll::PageDown, 30, 10);
        assert_eq!(pager.top, 10);
        pager.scroll(Scroll::PageDown, 30, 10);
        pager.scroll(Scroll::PageDown, 30, 10);
        assert_eq!(pager.top, 20, "the last page ends on the last row");
        pager.scroll(Scroll::Down, 30, 10);
        assert_eq!(
            pager.top, 20,
            "down at the bottom stays: one up is one row up"
        );
        pager.scroll(Scroll::Up, 30, 10);
        assert_eq!(pager.top, 19);
        pager.scroll(Scroll::Top, 30, 10);
        assert_eq!(pager.top, 0);
        pager.scroll(Scroll::Bottom, 30, 10);
        assert_eq!(pager.top, 20);
        pager.scroll(Scroll::PageUp, 30, 10);
        assert_eq!(pager.top, 10);
        // Less than a page: nothing to scroll.
        pager.scroll(Scroll::Bottom, 4, 10);
        assert_eq!(pager.top, 0);
    }

    #[test]
    fn a_bigger_screen_clamps_the_view() {
        let mut pager = Pager {
            top: 20,
            current: Some(25),
            ..Pager::default()
        };
        // Wider: fewer rows after wrapping; taller: a bigger page.
        pager.clamp(24, 10);
        assert_eq!(pager.top, 14);
        assert_eq!(pager.current, None, "a match past the end is forgotten");
        pager.clamp(24, 30);
        assert_eq!(pager.top, 0);
    }

    #[test]
    fn room_is_a_quarter_unfocused_half_focused_all_zoomed() {
        assert_eq!(output_room(48, 0, false, false), 12);
        assert_eq!(
            output_room(48, 0, true, false),
            22,
            "24 rows with rule and input"
        );
        assert_eq!(output_room(48, 0, true, true), 44);
        assert_eq!(
            output_room(48, 0, false, true),
            12,
            "zoom applies to the pager only"
        );
        assert_eq!(output_room(3, 1, true, false), 1);
        assert_eq!(page_rows(65, 10, false), 9, "the status line takes a row");
        assert_eq!(page_rows(5, 10, false), 10);
        assert_eq!(page_rows(5, 10, true), 9);
    }

    #[test]
    fn matches_are_smart_case_character_ranges() {
        assert_eq!(
            matches("Payment API payment", "payment"),
            vec![0..7, 12..19]
        );
        assert_eq!(matches("Payment API payment", "Payment"), vec![0..7]);
        assert_eq!(
            matches("é-latency", "lat"),
            vec![2..5],
            "characters, not bytes"
        );
        assert_eq!(matches("aaaa", "aa"), vec![0..2, 2..4]);
        assert!(matches("anything", "").is_empty());
    }

    #[test]
    fn search_moves_to_the_first_match_from_the_view_and_wraps() {
        let rows = rows(30);
        let mut pager = Pager::default();
        pager.search("row 2".into(), &rows, 10);
        assert_eq!(pager.current, Some(2));
        assert_eq!(pager.top, 0, "a match in view does not scroll");
        pager.next_match(&rows, 10, true);
        assert_eq!(pager.current, Some(20), "row 20 … row 29 also match");
        assert_eq!(pager.top, 20);
        for _ in 0..10 {
            pager.next_match(&rows, 10, true);
        }
        assert_eq!(pager.current, Some(2), "went round the end");
        assert!(pager.note.as_deref().is_some_and(|n| n.contains("top")));
        pager.next_match(&rows, 10, false);
        assert_eq!(
            pager.current,
            Some(29),
            "backwards from the first goes round to the last"
        );
        assert!(pager.note.is_some());
        assert_eq!(pager.match_position(&rows), (11, Some(11)));
    }

    #[test]
    fn no_match_is_said_and_keeps_the_view() {
        let rows = rows(30);
        let mut pager = Pager {
            top: 5,
            ..Pager::default()
        };
        pager.search("absent".into(), &rows, 10);
        assert_eq!(pager.current, None);
        assert_eq!(pager.top, 5);
        assert_eq!(pager.note.as_deref(), Some("no match for “absent”"));
        assert_eq!(find(&[], "x", None, true), None);
    }

    #[test]
    fn find_walks_round_both_ways() {
        let rows: Vec<String> = ["a", "x", "b", "x"].iter().map(|s| s.to_string()).collect();
        assert_eq!(find(&rows, "x", None, true), Some((1, false)));
        assert_eq!(find(&rows, "x", Some(1), true), Some((3, false)));
        assert_eq!(find(&rows, "x", Some(3), true), Some((1, true)));
        assert_eq!(find(&rows, "x", None, false), Some((3, false)));
        assert_eq!(find(&rows, "x", Some(3), false), Some((1, false)));
        assert_eq!(find(&rows, "x", Some(1), false), Some((3, true)));
        assert_eq!(find(&rows, "x", Some(0), false), Some((3, true)));
    }

    #[test]
    fn another_output_starts_a_fresh_view() {
        let shown = CommandOutput::Text {
            title: "t".into(),
            body: "b".into(),
        };
        let pager = Pager {
            output: shown.clone(),
            top: 7,
            focused: true,
            zoomed: true,
            query: "b".into(),
            ..Pager::default()
        };
        assert_eq!(view_for(&pager, &shown).top, 7);
        let fresh = view_for(&pager, &CommandOutput::None);
        assert_eq!((fresh.top, fresh.query.as_str()), (0, ""));
        assert!(fresh.focused && fresh.zoomed);
    }
}
