//! Opaque page tokens: each page gets a fresh token (Rust paginators stop when a token repeats).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The token for the page that starts at `offset`; a random nonce makes every token unique.
pub fn token_for(offset: usize) -> String {
    let nonce = uuid::Uuid::new_v4().simple().to_string();
    STANDARD.encode(format!("{offset}:{nonce}"))
}

/// The offset a token stands for, or `None` when the token is not one of ours.
pub fn offset_of(token: &str) -> Option<usize> {
    let raw = STANDARD.decode(token).ok()?;
    let text = String::from_utf8(raw).ok()?;
    let (offset, nonce) = text.split_once(':')?;
    (nonce.len() == 32).then_some(())?;
    offset.parse().ok()
}

/// One page of `items` from `start`, plus the token of the next page when there is one.
pub fn page<T: Clone>(items: &[T], start: usize, size: usize) -> (Vec<T>, Option<String>) {
    let start = start.min(items.len());
    let end = start.saturating_add(size).min(items.len());
    let next = (end < items.len()).then(|| token_for(end));
    (items[start..end].to_vec(), next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_are_fresh() {
        let a = token_for(25);
        let b = token_for(25);
        assert_ne!(a, b);
        assert_eq!(offset_of(&a), Some(25));
        assert_eq!(offset_of("garbage"), None);
        assert_eq!(offset_of(&STANDARD.encode("12:short")), None);
    }

    #[test]
    fn pages_split_and_end() {
        let items: Vec<u32> = (0..5).collect();
        let (first, next) = page(&items, 0, 2);
        assert_eq!(first, vec![0, 1]);
        let next = next.and_then(|t| offset_of(&t));
        assert_eq!(next, Some(2));
        let (last, none) = page(&items, 4, 2);
        assert_eq!(last, vec![4]);
        assert!(none.is_none());
    }
}
