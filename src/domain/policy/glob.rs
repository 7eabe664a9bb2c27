//! IAM wildcard matching: `*` matches any run of characters, `?` exactly one.

/// Does `text` match `pattern`, comparing characters exactly (ARNs, account ids)?
pub fn matches(pattern: &str, text: &str) -> bool {
    matches_by(pattern, text, |a, b| a == b)
}

/// Does `text` match `pattern`, ignoring ASCII case (actions: `sns:publish` = `SNS:Publish`)?
pub fn matches_ignore_case(pattern: &str, text: &str) -> bool {
    matches_by(pattern, text, |a, b| a.eq_ignore_ascii_case(&b))
}

/// Does the pattern contain a wildcard at all?
pub fn has_wildcard(pattern: &str) -> bool {
    pattern.contains(['*', '?'])
}

/// Iterative matcher with single-star backtracking: linear in practice, no recursion on hostile input.
fn matches_by(pattern: &str, text: &str, same: impl Fn(char, char) -> bool) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let text: Vec<char> = text.chars().collect();
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len()
            && (pattern[p] == '?' || (pattern[p] != '*' && same(pattern[p], text[t])))
        {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == '*' {
            star = Some((p, t));
            p += 1;
        } else if let Some((star_p, star_t)) = star {
            p = star_p + 1;
            t = star_t + 1;
            star = Some((star_p, star_t + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_follow_iam_rules() {
        assert!(matches_ignore_case("sns:*", "SNS:Publish"));
        assert!(matches_ignore_case("SNS:Pub*", "sns:publish"));
        assert!(matches_ignore_case("sns:Publis?", "sns:Publish"));
        assert!(!matches_ignore_case("sns:Publis?", "sns:Publishx"));
        assert!(matches_ignore_case("*", "sns:Publish"));
        assert!(!matches_ignore_case("sns:Subscribe", "sns:Publish"));
        assert!(matches(
            "arn:aws:sns:*:111122223333:*",
            "arn:aws:sns:us-east-2:111122223333:t"
        ));
        assert!(!matches(
            "arn:aws:sns:us-west-2:*",
            "arn:aws:sns:us-east-2:111122223333:t"
        ));
        assert!(!matches("ARN:aws:sns:*", "arn:aws:sns:x"));
        assert!(matches("a*b*c", "aXXbYYc"));
        assert!(!matches("a*b*c", "aXXbYY"));
        assert!(matches("", ""));
        assert!(!matches("", "x"));
    }
}
