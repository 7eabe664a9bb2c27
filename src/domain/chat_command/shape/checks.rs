//! Length and pattern checks on strings: ARNs of each kind, related-item ids, enums.

use super::TextCheck;
use crate::domain::model::ITEM_TYPES;

/// Length and pattern checks on one string; the message says what is wrong and what is expected.
pub fn check_text(text: &str, min: usize, max: usize, check: TextCheck) -> Result<(), String> {
    let length = text.chars().count();
    if length < min {
        return Err("it is empty".to_string());
    }
    if length > max {
        return Err(format!(
            "it is {length} characters long; at most {max} are allowed"
        ));
    }
    match check {
        TextCheck::Any => Ok(()),
        TextCheck::Arn => check_arn(text, None, None),
        TextCheck::SnsTopicArn => check_arn(text, Some("sns"), None),
        TextCheck::IncidentRecordArn => {
            check_arn(text, Some("ssm-incidents"), Some(("incident-record", 2)))
        }
        TextCheck::ResponsePlanArn => {
            check_arn(text, Some("ssm-incidents"), Some(("response-plan", 1)))
        }
        TextCheck::RelatedItemId => check_related_item_id(text),
        TextCheck::OneOf(values) => {
            if values.contains(&text) {
                Ok(())
            } else {
                Err(format!("it must be one of {}", values.join(", ")))
            }
        }
    }
}

/// `arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE`; for Incident Manager resources the Region is empty and the
/// resource is `KIND/` followed by `parts` slash-separated names.
fn check_arn(
    text: &str,
    service: Option<&str>,
    resource: Option<(&str, usize)>,
) -> Result<(), String> {
    let example = match resource {
        Some(("incident-record", _)) => {
            "arn:aws:ssm-incidents::111122223333:incident-record/PLAN/ID"
        }
        Some(_) => "arn:aws:ssm-incidents::111122223333:response-plan/NAME",
        None if service == Some("sns") => "arn:aws:sns:us-east-2:111122223333:TOPIC",
        None => "arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE",
    };
    let bad = |why: &str| Err(format!("{why}; expected {example}"));
    // Split by hand, not by `Arn::parse`: this mirrors Incident Manager's own ARN pattern (three partitions,
    // an account of exactly 12 digits), stricter than ARNs in general, and words each mistake for the chat box.
    let fields: Vec<&str> = text.splitn(6, ':').collect();
    if fields.len() != 6 || fields[0] != "arn" {
        return bad("it is not an ARN");
    }
    if !matches!(fields[1], "aws" | "aws-cn" | "aws-us-gov") {
        return bad(&format!("unknown partition {}", fields[1]));
    }
    let account = fields[4];
    let account_ok = account.len() == 12 && account.chars().all(|c| c.is_ascii_digit());
    if let Some(service) = service
        && fields[2] != service
    {
        return bad(&format!("it is an ARN of {}, not of {service}", fields[2]));
    }
    if fields[5].is_empty() {
        return bad("the resource part is empty");
    }
    let Some((kind, parts)) = resource else {
        if service == Some("sns") && (fields[3].is_empty() || !account_ok) {
            return bad("an SNS topic ARN names a Region and a 12-digit account");
        }
        return Ok(());
    };
    if !fields[3].is_empty() {
        return bad("Incident Manager ARNs carry no Region");
    }
    if !account_ok {
        return bad(&format!("account {account} is not 12 digits"));
    }
    let mut resource_fields = fields[5].split('/');
    let found_kind = resource_fields.next().unwrap_or("");
    if found_kind != kind {
        return bad(&format!("it names {found_kind}/…, not {kind}/…"));
    }
    let names: Vec<&str> = resource_fields.collect();
    if names.len() != parts || names.iter().any(|n| n.is_empty()) {
        return bad(&format!(
            "a {kind} ARN ends in {kind}/{}",
            if parts == 2 { "PLAN/ID" } else { "NAME" }
        ));
    }
    Ok(())
}

fn check_related_item_id(text: &str) -> Result<(), String> {
    let fields: Vec<&str> = text.split('/').collect();
    let valid = fields.len() == 3
        && fields[0] == "related-item"
        && ITEM_TYPES.contains(&fields[1])
        && fields[2].len() == 32
        && fields[2]
            .chars()
            .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c));
    if valid {
        Ok(())
    } else {
        Err("expected related-item/TYPE/ followed by 32 hex digits (0-9, A-F)".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arn_shapes() {
        let ok = "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE";
        assert_eq!(
            check_text(ok, 1, 1000, TextCheck::IncidentRecordArn),
            Ok(())
        );
        let plan = "arn:aws:ssm-incidents::111122223333:response-plan/test-response-plan-chat";
        assert_eq!(
            check_text(plan, 1, 1000, TextCheck::ResponsePlanArn),
            Ok(())
        );
        assert!(check_text(plan, 1, 1000, TextCheck::IncidentRecordArn).is_err());
        assert!(
            check_text(
                "arn:aws:ssm-incidents:us-east-2:111122223333:response-plan/x",
                1,
                1000,
                TextCheck::ResponsePlanArn
            )
            .is_err()
        );
        assert!(
            check_text(
                "arn:aws:ssm-incidents::1111:response-plan/x",
                1,
                1000,
                TextCheck::ResponsePlanArn
            )
            .is_err()
        );
        assert_eq!(
            check_text(
                "arn:aws:sns:us-east-2:111122223333:t",
                1,
                1000,
                TextCheck::SnsTopicArn
            ),
            Ok(())
        );
    }

    #[test]
    fn related_item_ids() {
        assert!(
            check_related_item_id("related-item/OTHER/0123456789ABCDEF0123456789ABCDEF").is_ok()
        );
        assert!(
            check_related_item_id("related-item/OTHER/0123456789abcdef0123456789abcdef").is_err()
        );
    }
}
