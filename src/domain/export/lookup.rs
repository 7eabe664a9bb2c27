//! Which incident `imdeck export --incident` means: an ARN, the id at the end of an ARN, or a title no other incident has.

use crate::domain::arn::Arn;
use crate::domain::model::IncidentRecordSummary;

/// Why the words given name no single incident.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IncidentLookupError {
    #[error(
        "no incident has the ARN, id or title “{given}” (imdeck exec -- @aws ssm-incidents list-incident-records lists them)"
    )]
    NotFound { given: String },
    #[error("“{given}” names {} incidents; give one of their ARNs:\n{}", .matches.len(), list(.matches))]
    Ambiguous {
        given: String,
        /// (ARN, title) of each incident the words fit.
        matches: Vec<(String, String)>,
    },
}

fn list(matches: &[(String, String)]) -> String {
    matches
        .iter()
        .map(|(arn, title)| format!("  {arn}  {title}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The ARN the words name. A full ARN is taken as it is (it may name an incident the listing does not
/// show, e.g. in another Region); otherwise the id at the end of an ARN wins over a title, and a title
/// must be unique (compared without regard to case or surrounding spaces).
pub fn find_incident(
    given: &str,
    incidents: &[IncidentRecordSummary],
) -> Result<String, IncidentLookupError> {
    let given = given.trim();
    if given.starts_with("arn:") {
        return Ok(given.to_string());
    }
    let by_id: Vec<&IncidentRecordSummary> = incidents
        .iter()
        .filter(|i| Arn::short_name(&i.arn) == given)
        .collect();
    let found = if by_id.is_empty() {
        incidents
            .iter()
            .filter(|i| i.title.trim().eq_ignore_ascii_case(given))
            .collect()
    } else {
        by_id
    };
    match found.as_slice() {
        [one] => Ok(one.arn.clone()),
        [] => Err(IncidentLookupError::NotFound {
            given: given.to_string(),
        }),
        many => Err(IncidentLookupError::Ambiguous {
            given: given.to_string(),
            matches: many
                .iter()
                .map(|i| (i.arn.clone(), i.title.clone()))
                .collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{IncidentRecordSource, IncidentStatus, Timestamp};

    fn incident(id: &str, title: &str) -> IncidentRecordSummary {
        IncidentRecordSummary {
            arn: format!("arn:aws:ssm-incidents::111122223333:incident-record/Plan/{id}"),
            title: title.into(),
            status: IncidentStatus::Open,
            impact: 3,
            creation_time: Timestamp::from_secs(0),
            resolved_time: None,
            incident_record_source: IncidentRecordSource {
                created_by: "me".into(),
                source: "s".into(),
                invoked_by: None,
                resource_arn: None,
            },
        }
    }

    #[test]
    fn an_arn_an_id_or_a_unique_title_names_one_incident() {
        let list = [
            incident("aaa", "Checkout down"),
            incident("bbb", "Latency"),
            incident("ccc", "Latency"),
        ];
        assert_eq!(
            find_incident("arn:aws:ssm-incidents::1:incident-record/P/zzz", &list),
            Ok("arn:aws:ssm-incidents::1:incident-record/P/zzz".to_string())
        );
        assert_eq!(find_incident("bbb", &list), Ok(list[1].arn.clone()));
        assert_eq!(
            find_incident(" checkout DOWN ", &list),
            Ok(list[0].arn.clone())
        );
        let ambiguous = find_incident("Latency", &list).expect_err("two incidents");
        let text = ambiguous.to_string();
        assert!(
            text.contains(&list[1].arn) && text.contains(&list[2].arn),
            "{text}"
        );
        assert!(matches!(
            find_incident("nothing", &list),
            Err(IncidentLookupError::NotFound { .. })
        ));
    }
}
