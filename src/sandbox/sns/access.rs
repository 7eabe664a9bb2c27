//! Cross-account access to a topic: may the caller's account perform this SNS action, by the topic's policy?
//!
//! Read with the policy parser of `domain::policy`, as harshly as IAM can be: an Allow counts only when it names
//! the caller's account (`*`, the account id or its root ARN) without conditions (the sandbox cannot evaluate
//! request context keys such as `aws:PrincipalOrgID`, and AWS would not grant on one it cannot prove); any
//! Deny naming the caller wins, conditions or not.

use crate::domain::arn::Arn;
use crate::domain::policy::glob;
use crate::domain::policy::{Effect, PatternClause, PolicyDocument, PrincipalClause, Principals};

/// Whether `caller` (an account id) may perform `action` (e.g. `SNS:GetTopicAttributes`) on `topic_arn`.
pub fn account_may(policy: &str, caller: &str, action: &str, topic_arn: &str) -> bool {
    let Ok(document) = PolicyDocument::parse(policy) else {
        return false;
    };
    let mut allowed = false;
    for statement in &document.statements {
        let names_caller = match &statement.principal {
            PrincipalClause::Principal(p) => names_account(p, caller),
            PrincipalClause::NotPrincipal(p) => !names_account(p, caller),
        };
        if !names_caller
            || !matches(&statement.action, action, true)
            || !matches(&statement.resource, topic_arn, false)
        {
            continue;
        }
        match statement.effect {
            Effect::Deny => return false,
            Effect::Allow if statement.conditions.is_empty() => allowed = true,
            Effect::Allow => {}
        }
    }
    allowed
}

fn names_account(principals: &Principals, account: &str) -> bool {
    let root = Arn::iam(account, "root").to_string();
    principals.everyone || principals.aws.iter().any(|p| p == account || *p == root)
}

fn matches(clause: &PatternClause, value: &str, ignore_case: bool) -> bool {
    let hit = |pattern: &String| {
        if ignore_case {
            glob::matches_ignore_case(pattern, value)
        } else {
            glob::matches(pattern, value)
        }
    };
    match clause {
        PatternClause::Matches(patterns) => patterns.iter().any(hit),
        PatternClause::MatchesNot(patterns) => !patterns.iter().any(hit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const TOPIC: &str = "arn:aws:sns:us-east-2:444455556666:org-shared-im";

    fn policy(statements: serde_json::Value) -> String {
        json!({"Version": "2012-10-17", "Statement": statements}).to_string()
    }

    #[test]
    fn an_unconditional_allow_for_the_account_grants() {
        let p = policy(
            json!([{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},
            "Action":"sns:GetTopicAttributes","Resource":TOPIC}]),
        );
        assert!(account_may(
            &p,
            "111122223333",
            "SNS:GetTopicAttributes",
            TOPIC
        ));
        assert!(!account_may(
            &p,
            "999999999999",
            "SNS:GetTopicAttributes",
            TOPIC
        ));
        assert!(!account_may(
            &p,
            "111122223333",
            "SNS:SetTopicAttributes",
            TOPIC
        ));
    }

    #[test]
    fn the_default_policy_does_not_let_another_account_read() {
        let p = policy(
            json!([{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes"],
            "Resource":TOPIC,"Condition":{"StringEquals":{"AWS:SourceOwner":"444455556666"}}}]),
        );
        assert!(!account_may(
            &p,
            "111122223333",
            "SNS:GetTopicAttributes",
            TOPIC
        ));
    }

    #[test]
    fn a_deny_wins_and_bad_policies_grant_nothing() {
        let p = policy(json!([
            {"Effect":"Allow","Principal":"*","Action":"sns:*","Resource":"*"},
            {"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"sns:Get*","Resource":TOPIC,
             "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]));
        assert!(!account_may(
            &p,
            "111122223333",
            "SNS:GetTopicAttributes",
            TOPIC
        ));
        assert!(!account_may(
            "{not json",
            "111122223333",
            "SNS:GetTopicAttributes",
            TOPIC
        ));
    }
}
