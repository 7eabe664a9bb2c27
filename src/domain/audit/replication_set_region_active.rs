//! Rule `replication-set-region-active`: the replication set exists and each of its Regions is ACTIVE.

use super::{Check, Status};
use crate::domain::snapshot::CloudSnapshot;
use crate::domain::snapshot::query::audited_regions;

pub const ID: &str = "replication-set-region-active";
const TITLE: &str = "replication-set Region is ACTIVE";

pub fn check(snapshot: &CloudSnapshot) -> Vec<Check> {
    let set = match &snapshot.replication_set {
        Err(failure) => return vec![Check::unknown(ID, TITLE, failure)],
        Ok(None) => {
            return vec![Check::new(
                ID,
                Status::Fail,
                "Incident Manager has a replication set",
                // No console flow to point to: AWS closed Incident Manager to new customers on 2025-11-07.
                "Incident Manager is not set up in this account: it has no replication set, so there is nothing \
                 to check. AWS no longer onboards new Incident Manager customers (since 2025-11-07): check that \
                 this is the account and profile your incident response runs in",
            )
            .with_manual(
                "Check that imdeck reads the intended account (--profile) and that it is the one your incident \
                 response runs in; an account that has never used Incident Manager cannot start now.",
            )];
        }
        Ok(Some(set)) => set,
    };
    audited_regions(snapshot)
        .into_iter()
        .filter_map(|region| set.region_map.get(&region).map(|info| (region, info)))
        .map(|(region, info)| {
            let check = if info.status == "ACTIVE" {
                Check::new(ID, Status::Pass, TITLE, format!("{region} is ACTIVE"))
            } else {
                let why = info
                    .status_message
                    .as_deref()
                    .map(|m| format!(": {m}"))
                    .unwrap_or_default();
                Check::new(
                    ID,
                    Status::Fail,
                    TITLE,
                    format!("{region} is {}{why}; Incident Manager does not run there until it is ACTIVE", info.status),
                )
                .with_manual(format!(
                    "While the status is CREATING or UPDATING, wait and refresh. If it is FAILED, read the status \
                     message above, fix its cause, then remove \
                     and add {region} again in Incident Manager's replication set settings."
                ))
            };
            check.in_region(region).on_resource(&set.arn)
        })
        .collect()
}
