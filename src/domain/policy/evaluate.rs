//! IAM evaluation of one question: may this service principal perform this action on this topic for this account?

use serde::Serialize;

use super::condition::{ConditionOutcome, evaluate_conditions};
use super::document::{Effect, PatternClause, PolicyDocument, PrincipalClause, Statement};
use super::glob;
pub use super::request::ServiceRequest;

/// The answer, with what the user needs to know to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "kebab-case")]
pub enum PublishVerdict {
    /// A statement grants it. `broad_principal` when it does so only through `*` (works, but flag it);
    /// `limited_to_account` when a condition pins the owning account as the docs' statement does.
    Allowed {
        sid: Option<String>,
        broad_principal: bool,
        limited_to_account: bool,
    },
    /// An explicit Deny applies, which wins over any Allow.
    DeniedByDeny { sid: Option<String> },
    /// No statement is about this principal and action at all.
    NoStatement,
    /// A statement would grant it, but its condition names other accounts.
    ScopedToOtherAccount {
        sid: Option<String>,
        accounts: Vec<String>,
    },
    /// A statement would grant it, but for other resources.
    WrongResource {
        sid: Option<String>,
        resources: Vec<String>,
    },
    /// A statement would grant it, but a condition excludes this request for another reason.
    ConditionNotMet { sid: Option<String>, reason: String },
    /// Nothing proves it is allowed: a statement's condition cannot be decided, or a Deny might apply.
    NotProven { sid: Option<String>, reason: String },
    /// The policy is not valid JSON or not a policy; `error` is the parser's message.
    Malformed { error: String },
}

impl PublishVerdict {
    pub fn is_allowed(&self) -> bool {
        matches!(self, PublishVerdict::Allowed { .. })
    }

    /// Allowed the way the docs ask: by name, limited to the owning account.
    pub fn is_allowed_as_documented(&self) -> bool {
        matches!(
            self,
            PublishVerdict::Allowed {
                broad_principal: false,
                limited_to_account: true,
                ..
            }
        )
    }

    /// A short stable name for the kind of answer, e.g. for tests and logs.
    pub fn kind(&self) -> &'static str {
        match self {
            PublishVerdict::Allowed { .. } => "allowed",
            PublishVerdict::DeniedByDeny { .. } => "denied-by-deny",
            PublishVerdict::NoStatement => "no-statement",
            PublishVerdict::ScopedToOtherAccount { .. } => "scoped-to-other-account",
            PublishVerdict::WrongResource { .. } => "wrong-resource",
            PublishVerdict::ConditionNotMet { .. } => "condition-not-met",
            PublishVerdict::NotProven { .. } => "not-proven",
            PublishVerdict::Malformed { .. } => "malformed",
        }
    }

    /// One sentence for the checklist's detail, naming the statement and what is wrong with it.
    pub fn describe(&self, request: &ServiceRequest) -> String {
        let who = request.service_principal;
        let what = request.action;
        let named = |sid: &Option<String>| match sid {
            Some(sid) => format!("statement {sid}"),
            None => "a statement without Sid".to_string(),
        };
        match self {
            PublishVerdict::Allowed {
                sid,
                broad_principal: true,
                ..
            } => format!(
                "{} lets any principal (*) {what}, Incident Manager included: overly broad; \
                 grant {who} by name instead",
                named(sid)
            ),
            PublishVerdict::Allowed {
                sid,
                limited_to_account: false,
                ..
            } => format!(
                "{} allows {who} to {what} but is not limited to account {} \
                 (add StringEqualsIfExists AWS:SourceAccount)",
                named(sid),
                request.account
            ),
            PublishVerdict::Allowed { sid, .. } => format!(
                "{} allows {who} to {what}, limited to account {}",
                named(sid),
                request.account
            ),
            PublishVerdict::DeniedByDeny { sid } => {
                format!("an explicit Deny ({}) stops {who} from {what}", named(sid))
            }
            PublishVerdict::NoStatement => format!("no statement allows {who} to {what}"),
            PublishVerdict::ScopedToOtherAccount { sid, accounts } => format!(
                "{} is scoped to account {}, not the owning account {}",
                named(sid),
                accounts.join(", "),
                request.account
            ),
            PublishVerdict::WrongResource { sid, resources } => format!(
                "{} names resource {}, not this topic",
                named(sid),
                resources.join(", ")
            ),
            PublishVerdict::ConditionNotMet { sid, reason } => {
                format!("{} does not apply: {reason}", named(sid))
            }
            PublishVerdict::NotProven { sid, reason } => format!(
                "no statement allows {who} to {what} for certain ({}: {reason})",
                named(sid)
            ),
            PublishVerdict::Malformed { error } => format!("the policy cannot be read: {error}"),
        }
    }
}

/// Evaluates policy text for Incident Manager publishing to `topic_arn` of `account`. Empty text = no policy.
pub fn evaluate_incident_manager_publish(
    policy: &str,
    topic_arn: &str,
    account: &str,
) -> PublishVerdict {
    evaluate_request(
        policy,
        &ServiceRequest::incident_manager_publish(topic_arn, account),
    )
}

/// Evaluates policy text for any service request; never panics on bad input.
pub fn evaluate_request(policy: &str, request: &ServiceRequest) -> PublishVerdict {
    if policy.trim().is_empty() {
        return PublishVerdict::NoStatement;
    }
    match PolicyDocument::parse(policy) {
        Ok(document) => evaluate_document(&document, request),
        Err(error) => PublishVerdict::Malformed {
            error: error.to_string(),
        },
    }
}

/// How one statement relates to the request.
enum Fit {
    NotForRequest,
    Applies { broad: bool, limits_account: bool },
    WrongResource(Vec<String>),
    OtherAccount(Vec<String>),
    ConditionUnmet(String),
    Uncertain(String),
}

fn statement_fit(statement: &Statement, request: &ServiceRequest) -> Fit {
    let broad = match &statement.principal {
        PrincipalClause::Principal(p) if p.includes_service(request.service_principal) => {
            !p.names_service(request.service_principal)
        }
        PrincipalClause::NotPrincipal(p) if !p.includes_service(request.service_principal) => true,
        _ => return Fit::NotForRequest,
    };
    let action_ok = match &statement.action {
        PatternClause::Matches(actions) => actions
            .iter()
            .any(|a| glob::matches_ignore_case(a, request.action)),
        PatternClause::MatchesNot(actions) => !actions
            .iter()
            .any(|a| glob::matches_ignore_case(a, request.action)),
    };
    if !action_ok {
        return Fit::NotForRequest;
    }
    match &statement.resource {
        PatternClause::Matches(resources)
            if !resources.iter().any(|r| glob::matches(r, request.resource)) =>
        {
            return Fit::WrongResource(resources.clone());
        }
        PatternClause::MatchesNot(resources)
            if resources.iter().any(|r| glob::matches(r, request.resource)) =>
        {
            return Fit::WrongResource(
                resources
                    .iter()
                    .map(|r| format!("everything but {r}"))
                    .collect(),
            );
        }
        _ => {}
    }
    match evaluate_conditions(&statement.conditions, request) {
        ConditionOutcome::Met { limits_account } => Fit::Applies {
            broad,
            limits_account,
        },
        ConditionOutcome::OtherAccount(accounts) => Fit::OtherAccount(accounts),
        ConditionOutcome::Unmet(reason) => Fit::ConditionUnmet(reason),
        ConditionOutcome::Unknown(reason) => Fit::Uncertain(reason),
    }
}

/// Evaluates a parsed document. Statement order never changes the answer: ties are broken by Sid and text.
pub fn evaluate_document(document: &PolicyDocument, request: &ServiceRequest) -> PublishVerdict {
    let mut statements: Vec<&Statement> = document.statements.iter().collect();
    statements.sort_by_cached_key(|s| (s.sid.clone().unwrap_or_default(), s.source.to_string()));

    let mut grants: Vec<(&Statement, bool, bool)> = Vec::new();
    let mut maybe_deny: Option<(&Statement, String)> = None;
    // The best near miss: a statement naming the principal first, then the more specific reason.
    let mut near_miss: Option<(u8, bool, PublishVerdict)> = None;
    for statement in statements {
        let sid = statement.sid.clone();
        let fit = statement_fit(statement, request);
        if statement.effect == Effect::Deny {
            match fit {
                Fit::Applies { .. } => return PublishVerdict::DeniedByDeny { sid },
                Fit::Uncertain(reason) if maybe_deny.is_none() => {
                    maybe_deny = Some((statement, reason))
                }
                _ => {}
            }
            continue;
        }
        let broad = statement_is_broad(statement, request);
        let candidate = match fit {
            Fit::Applies {
                broad,
                limits_account,
            } => {
                grants.push((statement, broad, limits_account));
                continue;
            }
            Fit::NotForRequest => continue,
            Fit::OtherAccount(accounts) => {
                (0, PublishVerdict::ScopedToOtherAccount { sid, accounts })
            }
            Fit::WrongResource(resources) => (1, PublishVerdict::WrongResource { sid, resources }),
            Fit::Uncertain(reason) => (2, PublishVerdict::NotProven { sid, reason }),
            Fit::ConditionUnmet(reason) => (3, PublishVerdict::ConditionNotMet { sid, reason }),
        };
        let better = near_miss
            .as_ref()
            .is_none_or(|(rank, was_broad, _)| (broad, candidate.0) < (*was_broad, *rank));
        if better {
            near_miss = Some((candidate.0, broad, candidate.1));
        }
    }

    let best_grant = grants
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, broad, limits))| (!broad, *limits, std::cmp::Reverse(*i)))
        .map(|(_, grant)| grant);
    match (best_grant, maybe_deny) {
        (Some(_), Some((deny, reason))) => PublishVerdict::NotProven {
            sid: deny.sid.clone(),
            reason: format!("a Deny that may apply: {reason}"),
        },
        (Some((statement, broad, limits)), None) => PublishVerdict::Allowed {
            sid: statement.sid.clone(),
            broad_principal: *broad,
            limited_to_account: *limits,
        },
        (None, _) => near_miss.map_or(PublishVerdict::NoStatement, |(_, _, verdict)| verdict),
    }
}

/// Does the statement reach the principal only through a wildcard? Used to prefer named near misses.
fn statement_is_broad(statement: &Statement, request: &ServiceRequest) -> bool {
    match &statement.principal {
        PrincipalClause::Principal(p) => !p.names_service(request.service_principal),
        PrincipalClause::NotPrincipal(_) => true,
    }
}
