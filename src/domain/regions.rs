//! Where Incident Manager has an endpoint: shared by discovery (cloud) and the sandbox, which must agree.

/// The Regions with an Incident Manager (ssm-incidents) endpoint, all in the `aws` partition (botocore's
/// endpoint data, see reference/aws-api.md §9); elsewhere `ssm-incidents.REGION.amazonaws.com` does not resolve.
pub const INCIDENT_MANAGER_REGIONS: [&str; 16] = [
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ca-central-1",
    "eu-central-1",
    "eu-north-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
];

/// Whether Incident Manager has an endpoint in the Region.
pub fn has_incident_manager(region: &str) -> bool {
    INCIDENT_MANAGER_REGIONS.contains(&region)
}
