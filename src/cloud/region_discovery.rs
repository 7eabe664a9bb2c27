//! Finding the Region Incident Manager answers in: one of the replication set's, found once before anything loads.
//!
//! Incident Manager answers only in the Regions of the replication set: GetReplicationSet elsewhere answers
//! ResourceNotFoundException, while ListReplicationSets answers from any Incident Manager Region. The
//! configured Region (us-east-1 for many) is often not in the set, and some Regions have no Incident Manager
//! endpoint at all (the hostname does not resolve), so discovery never depends on the configured Region:
//! 1. ListReplicationSets in the configured Region when it has an endpoint, else in every Incident Manager
//!    Region at once (the first answer wins);
//! 2. GetReplicationSet in the configured Region; where that is not in the set, in every Incident Manager
//!    Region at once, the first answer wins;
//! 3. the Region used is the configured one when it is in the set, else the set's nearest ACTIVE Region.

use futures::stream::{FuturesUnordered, StreamExt};

use super::convert::from_incidents as from;
use super::errors_map::from_sdk;
use super::{Cloud, CloudError};
use crate::domain::model::ReplicationSet;

pub use crate::domain::regions::{INCIDENT_MANAGER_REGIONS, has_incident_manager};

/// What discovery found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IncidentRegion {
    /// Incident Manager answers in `region`; `set_regions` are the replication set's Regions.
    Found {
        region: String,
        set_regions: Vec<String>,
    },
    /// ListReplicationSets answered with no replication set: Incident Manager is not set up in this account.
    NotSetUp,
    /// Discovery could not finish; Incident Manager calls stay in the configured Region and fail as they will.
    Failed(CloudError),
}

impl Cloud {
    /// Runs discovery (a few requests); see the module comment for the order.
    pub async fn discover_incident_region(&self) -> IncidentRegion {
        let configured = self.region();
        let arn = match self.replication_set_arn(&configured).await {
            Ok(Some(arn)) => arn,
            Ok(None) => return IncidentRegion::NotSetUp,
            Err(err) => return IncidentRegion::Failed(err),
        };
        let in_configured = if has_incident_manager(&configured) {
            Some(self.replication_set_in(&configured, &arn).await)
        } else {
            None
        };
        let set = match in_configured {
            Some(Ok(set)) => set,
            // NotFound is the expected answer outside the set; anything else may be local to that Region too.
            Some(Err(_)) | None => {
                let others = INCIDENT_MANAGER_REGIONS
                    .iter()
                    .filter(|r| **r != configured)
                    .map(|region| self.replication_set_in(region, &arn));
                match first_success(others).await {
                    Ok(set) => set,
                    Err(err) => return IncidentRegion::Failed(err),
                }
            }
        };
        let set_regions: Vec<String> = set.region_map.keys().cloned().collect();
        match choose_region(&configured, &set) {
            Some(region) => IncidentRegion::Found {
                region,
                set_regions,
            },
            None => IncidentRegion::Failed(CloudError::Service {
                code: "NoActiveRegion".into(),
                message: format!(
                    "the replication set {} has no ACTIVE Region (Regions: {})",
                    set.arn,
                    set_regions.join(", ")
                ),
            }),
        }
    }

    /// The account's replication set ARN, from the configured Region when Incident Manager has an endpoint
    /// there, else from whichever Incident Manager Region answers first.
    async fn replication_set_arn(&self, configured: &str) -> Result<Option<String>, CloudError> {
        if has_incident_manager(configured) {
            match self.list_replication_sets_in(configured).await {
                Err(CloudError::Network(_)) => {}
                other => return other,
            }
        }
        let all = INCIDENT_MANAGER_REGIONS
            .iter()
            .filter(|r| **r != configured)
            .map(|region| self.list_replication_sets_in(region));
        first_success(all).await
    }

    async fn list_replication_sets_in(&self, region: &str) -> Result<Option<String>, CloudError> {
        let out = self
            .incidents_client_in(region)
            .list_replication_sets()
            .send()
            .await
            .map_err(from_sdk)?;
        Ok(out.replication_set_arns.into_iter().next())
    }

    async fn replication_set_in(
        &self,
        region: &str,
        arn: &str,
    ) -> Result<ReplicationSet, CloudError> {
        let out = self
            .incidents_client_in(region)
            .get_replication_set()
            .arn(arn)
            .send()
            .await
            .map_err(from_sdk)?;
        out.replication_set
            .as_ref()
            .map(from::replication_set)
            .ok_or_else(|| super::incidents::missing("GetReplicationSet", "replicationSet"))
    }
}

/// The first call to succeed; when none does, the most telling failure (a refusal or credentials problem
/// over "not found here" and network errors, which every Region outside the set or unreachable gives).
async fn first_success<T, F>(calls: impl Iterator<Item = F>) -> Result<T, CloudError>
where
    F: std::future::Future<Output = Result<T, CloudError>>,
{
    let mut pending: FuturesUnordered<F> = calls.collect();
    let mut best: Option<CloudError> = None;
    while let Some(result) = pending.next().await {
        match result {
            Ok(value) => return Ok(value),
            Err(err) => {
                if best.as_ref().is_none_or(|b| rank(&err) > rank(b)) {
                    best = Some(err);
                }
            }
        }
    }
    Err(best.unwrap_or_else(|| CloudError::Network("no Incident Manager Region answered".into())))
}

fn rank(err: &CloudError) -> u8 {
    match err {
        CloudError::Credentials { .. } => 5,
        CloudError::AccessDenied { .. } => 4,
        CloudError::Throttled { .. } | CloudError::Service { .. } => 3,
        CloudError::Validation { .. } | CloudError::ReadOnly(_) => 2,
        CloudError::NotFound { .. } => 1,
        CloudError::Network(_) => 0,
    }
}

/// The configured Region when the set has it ACTIVE; else the set's ACTIVE Region nearest to it: same
/// geography first (`us-`, `eu-`, …), then by name, so the choice is stable from run to run.
pub fn choose_region(configured: &str, set: &ReplicationSet) -> Option<String> {
    let active: Vec<&String> = set
        .region_map
        .iter()
        .filter(|(_, info)| info.status == "ACTIVE")
        .map(|(region, _)| region)
        .collect();
    if active.iter().any(|r| *r == configured) {
        return Some(configured.to_string());
    }
    let geography = |region: &str| region.split('-').next().unwrap_or("").to_string();
    let home = geography(configured);
    active
        .into_iter()
        .min_by_key(|region| (geography(region) != home, region.to_string()))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{RegionInfo, Timestamp};
    use std::collections::BTreeMap;

    fn set(regions: &[(&str, &str)]) -> ReplicationSet {
        ReplicationSet {
            arn: "arn:aws:ssm-incidents::111122223333:replication-set/x".into(),
            created_by: String::new(),
            created_time: Timestamp(0),
            last_modified_by: String::new(),
            last_modified_time: Timestamp(0),
            deletion_protected: false,
            status: "ACTIVE".into(),
            region_map: regions
                .iter()
                .map(|(region, status)| {
                    let info = RegionInfo {
                        status: (*status).into(),
                        status_update_date_time: Timestamp(0),
                        sse_kms_key_id: None,
                        status_message: None,
                    };
                    ((*region).to_string(), info)
                })
                .collect::<BTreeMap<_, _>>(),
        }
    }

    #[test]
    fn the_configured_region_is_kept_when_the_set_has_it() {
        let s = set(&[("eu-west-1", "ACTIVE"), ("us-east-2", "ACTIVE")]);
        assert_eq!(choose_region("eu-west-1", &s).as_deref(), Some("eu-west-1"));
    }

    #[test]
    fn outside_the_set_the_nearest_active_region_is_chosen() {
        let s = set(&[
            ("eu-west-1", "ACTIVE"),
            ("us-east-2", "CREATING"),
            ("us-west-2", "ACTIVE"),
        ]);
        assert_eq!(choose_region("us-east-1", &s).as_deref(), Some("us-west-2"));
        assert_eq!(
            choose_region("eu-south-1", &s).as_deref(),
            Some("eu-west-1")
        );
        assert_eq!(
            choose_region("ap-south-1", &s).as_deref(),
            Some("eu-west-1")
        );
        assert_eq!(
            choose_region("us-east-1", &set(&[("us-east-2", "FAILED")])),
            None
        );
    }

    #[test]
    fn regions_without_an_endpoint_are_known() {
        assert!(has_incident_manager("us-east-1"));
        assert!(!has_incident_manager("eu-south-1"));
    }
}
