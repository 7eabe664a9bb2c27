//! `Arn`: an Amazon Resource Name read by one parser into partition, service, Region, account and resource.
//!
//! `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`; the resource is `TYPE/ID…`, `TYPE:ID` or a bare ID
//! (an SNS topic's name). `Arn<&str>` borrows the text it was read from (so `region()` of a parsed
//! `&str` outlives the `Arn`); `Arn` (`Arn<String>`) owns its parts and is what the constructors build.

use std::fmt;
use std::str::FromStr;

/// The partitions AWS has: the standard one, China, GovCloud (US), the isolated ones and the European
/// Sovereign Cloud.
const PARTITIONS: &[&str] = &[
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
];

/// The partition every ARN imdeck and the sandbox build lives in: Incident Manager's endpoints exist only there.
const STANDARD: &str = "aws";

/// An ARN, its six parts as written (`Display` gives the text back unchanged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Arn<S = String> {
    partition: S,
    service: S,
    region: S,
    account: S,
    resource: S,
}

/// Which part of an ARN is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArnProblem {
    NotAnArn,
    TooFewParts(usize),
    Partition(String),
    Service,
    Region,
    Account,
    EmptyResource,
}

/// Text that is not an ARN, naming the offending part in words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}`: {problem}")]
pub struct ArnError {
    pub text: String,
    pub problem: ArnProblem,
}

impl fmt::Display for ArnProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArnProblem::NotAnArn => write!(f, "an ARN starts with `arn:`"),
            ArnProblem::TooFewParts(n) => write!(
                f,
                "it has {n} of the 6 colon-separated parts of arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE"
            ),
            ArnProblem::Partition(p) => write!(
                f,
                "the partition `{p}` is none of AWS's ({})",
                PARTITIONS.join(", ")
            ),
            ArnProblem::Service => write!(
                f,
                "the service must be lowercase letters, digits and hyphens"
            ),
            ArnProblem::Region => write!(
                f,
                "the Region must be empty or lowercase letters, digits and hyphens"
            ),
            ArnProblem::Account => write!(
                f,
                "the account must be 12 digits (or empty, or `aws` for an AWS managed policy)"
            ),
            ArnProblem::EmptyResource => write!(f, "the resource after the account is empty"),
        }
    }
}

fn is_name(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// AWS's account IDs are 12 digits; the account is empty where the resource has none (an S3 bucket) and
/// `aws` for what AWS itself owns (`arn:aws:iam::aws:policy/…`).
fn is_account(text: &str) -> bool {
    text.is_empty()
        || text == "aws"
        || (text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit()))
}

impl<'a> Arn<&'a str> {
    /// Reads `text` as an ARN, or says which part is wrong.
    pub fn parse(text: &'a str) -> Result<Self, ArnError> {
        let fail = |problem| {
            Err(ArnError {
                text: text.to_string(),
                problem,
            })
        };
        let parts: Vec<&str> = text.splitn(6, ':').collect();
        if parts[0] != "arn" {
            return fail(ArnProblem::NotAnArn);
        }
        let [_, partition, service, region, account, resource] = parts[..] else {
            return fail(ArnProblem::TooFewParts(parts.len()));
        };
        if !PARTITIONS.contains(&partition) {
            return fail(ArnProblem::Partition(partition.to_string()));
        }
        if service.is_empty() || !is_name(service) {
            return fail(ArnProblem::Service);
        }
        if !is_name(region) {
            return fail(ArnProblem::Region);
        }
        if !is_account(account) {
            return fail(ArnProblem::Account);
        }
        if resource.is_empty() {
            return fail(ArnProblem::EmptyResource);
        }
        Ok(Arn {
            partition,
            service,
            region,
            account,
            resource,
        })
    }

    /// The resource's last segment (a topic's name, an incident's ID, a contact's alias, a role session), or
    /// the whole text when it is not an ARN: how a person tells resources apart on screen.
    pub fn short_name(text: &'a str) -> &'a str {
        Arn::parse(text).map_or(text, |arn| arn.resource_id())
    }

    pub fn partition(&self) -> &'a str {
        self.partition
    }
    pub fn service(&self) -> &'a str {
        self.service
    }
    /// Empty for global resources (IAM, Incident Manager, Chatbot).
    pub fn region(&self) -> &'a str {
        self.region
    }
    /// 12 digits, empty, or `aws`.
    pub fn account(&self) -> &'a str {
        self.account
    }
    /// Everything after the account.
    pub fn resource(&self) -> &'a str {
        self.resource
    }

    /// The resource's type, before its first `/` or `:` (`incident-record`, `role`, `alarm`); `None` for a
    /// bare name (an SNS topic).
    pub fn resource_type(&self) -> Option<&'a str> {
        self.resource
            .split_once(['/', ':'])
            .map(|(resource_type, _)| resource_type)
    }

    /// The resource after its type (`PLAN/ID` of `incident-record/PLAN/ID`, the alarm's name), or the whole
    /// resource when it has no type.
    pub fn resource_path(&self) -> &'a str {
        self.resource
            .split_once(['/', ':'])
            .map_or(self.resource, |(_, path)| path)
    }

    /// The resource's last `/`- or `:`-separated segment (`ID` of `incident-record/PLAN/ID`, a topic's name).
    pub fn resource_id(&self) -> &'a str {
        self.resource
            .rsplit(['/', ':'])
            .next()
            .unwrap_or(self.resource)
    }

    pub fn into_owned(self) -> Arn {
        Arn {
            partition: self.partition.to_string(),
            service: self.service.to_string(),
            region: self.region.to_string(),
            account: self.account.to_string(),
            resource: self.resource.to_string(),
        }
    }
}

impl Arn {
    /// Any ARN in the standard partition.
    pub fn new(service: &str, region: &str, account: &str, resource: &str) -> Arn {
        Arn {
            partition: STANDARD.to_string(),
            service: service.to_string(),
            region: region.to_string(),
            account: account.to_string(),
            resource: resource.to_string(),
        }
    }

    /// `arn:aws:sns:REGION:ACCOUNT:NAME`.
    pub fn sns_topic(region: &str, account: &str, name: &str) -> Arn {
        Arn::new("sns", region, account, name)
    }

    /// `arn:aws:ssm-incidents::ACCOUNT:incident-record/PLAN/ID` (Incident Manager's ARNs carry no Region).
    pub fn incident_record(account: &str, plan: &str, id: &str) -> Arn {
        Arn::new(
            "ssm-incidents",
            "",
            account,
            &format!("incident-record/{plan}/{id}"),
        )
    }

    /// `arn:aws:ssm-incidents::ACCOUNT:response-plan/NAME`.
    pub fn response_plan(account: &str, name: &str) -> Arn {
        Arn::new(
            "ssm-incidents",
            "",
            account,
            &format!("response-plan/{name}"),
        )
    }

    /// `arn:aws:ssm-incidents::ACCOUNT:replication-set/ID`.
    pub fn replication_set(account: &str, id: &str) -> Arn {
        Arn::new(
            "ssm-incidents",
            "",
            account,
            &format!("replication-set/{id}"),
        )
    }

    /// `arn:aws:chatbot::ACCOUNT:chat-configuration/KIND/NAME`, KIND as `slack-channel`.
    pub fn chat_configuration(account: &str, kind: &str, name: &str) -> Arn {
        Arn::new(
            "chatbot",
            "",
            account,
            &format!("chat-configuration/{kind}/{name}"),
        )
    }

    /// `arn:aws:iam::ACCOUNT:RESOURCE`: `role/NAME`, `user/NAME`, `root`.
    pub fn iam(account: &str, resource: &str) -> Arn {
        Arn::new("iam", "", account, resource)
    }

    /// The same ARN, borrowed, for its accessors.
    pub fn view(&self) -> Arn<&str> {
        Arn {
            partition: &self.partition,
            service: &self.service,
            region: &self.region,
            account: &self.account,
            resource: &self.resource,
        }
    }
}

impl FromStr for Arn {
    type Err = ArnError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Arn::parse(text).map(Arn::into_owned)
    }
}

impl<S: AsRef<str>> fmt::Display for Arn<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "arn:{}:{}:{}:{}:{}",
            self.partition.as_ref(),
            self.service.as_ref(),
            self.region.as_ref(),
            self.account.as_ref(),
            self.resource.as_ref()
        )
    }
}

#[cfg(test)]
mod tests;
