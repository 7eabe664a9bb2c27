//! Text from the cloud made inert: control characters, ANSI escapes and bidi overrides are shown as visible symbols, never sent to the terminal.

use std::borrow::Cow;

/// Replaces every character a terminal would act on with a visible stand-in: C0 controls become their
/// Unicode control pictures (ESC shows as `␛`, so `\x1b[31m` reads `␛[31m`), DEL `␡`, C1 controls and
/// bidirectional overrides `\u{…}`. Tabs become a space. Newlines are kept only when `keep_newlines`.
pub fn inert_text(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let needs_work = text
        .chars()
        .any(|c| is_active(c) || c == '\t' || (!keep_newlines && c == '\n'));
    if !needs_work {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\n' => out.push('␤'),
            '\t' => out.push(' '),
            '\u{7f}' => out.push('␡'),
            c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
            c if is_active(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A single-line field (title, name, ARN): newlines shown as `␤`.
pub fn inert(text: &str) -> Cow<'_, str> {
    inert_text(text, false)
}

fn is_active(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && c != '\n')
        || u == 0x7f
        || (0x80..0xa0).contains(&u)
        || matches!(u, 0x202a..=0x202e | 0x2066..=0x2069)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_shown_not_sent() {
        assert_eq!(inert("a\x1b[31mred\x1b[0m"), "a␛[31mred␛[0m");
        assert_eq!(inert("bell\x07"), "bell␇");
        assert_eq!(inert("c1\u{9b}31m"), "c1\\u{9b}31m");
        assert_eq!(inert("rtl\u{202e}txt"), "rtl\\u{202e}txt");
        assert_eq!(inert("two\nlines"), "two␤lines");
        assert_eq!(inert_text("two\nlines", true), "two\nlines");
        assert!(matches!(inert("plain ✓"), Cow::Borrowed(_)));
    }
}
