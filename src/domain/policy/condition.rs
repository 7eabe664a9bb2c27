//! Condition blocks, judged for a service principal acting on behalf of one account.
//!
//! What a service request is known to carry: `aws:SourceAccount` (the account it acts for) and `aws:SourceArn`
//! (an ARN of that service in that account, exact resource unknown). Whether Incident Manager's requests carry
//! `aws:SourceOwner` is not documented, so a condition that only holds if it does is "not proven".

use super::document::ConditionClause;
use super::glob;
use super::request::ServiceRequest;
use crate::domain::arn::Arn;

/// What a statement's conditions say about one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConditionOutcome {
    /// All conditions hold; `limits_account` when one of them pins the owning account.
    Met { limits_account: bool },
    /// A condition fails because it names other accounts (the most useful thing to report).
    OtherAccount(Vec<String>),
    /// A condition fails for another reason.
    Unmet(String),
    /// A condition cannot be decided from what the request is known to carry.
    Unknown(String),
}

/// All clauses must hold (IAM ANDs operators and keys; values within one key are ORed).
pub fn evaluate_conditions(
    clauses: &[ConditionClause],
    request: &ServiceRequest,
) -> ConditionOutcome {
    let outcomes: Vec<ConditionOutcome> = clauses
        .iter()
        .map(|c| evaluate_clause(c, request))
        .collect();
    let mut accounts: Vec<String> = outcomes
        .iter()
        .filter_map(|o| match o {
            ConditionOutcome::OtherAccount(a) => Some(a.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    if !accounts.is_empty() {
        accounts.sort();
        accounts.dedup();
        return ConditionOutcome::OtherAccount(accounts);
    }
    if let Some(unmet) = outcomes
        .iter()
        .find(|o| matches!(o, ConditionOutcome::Unmet(_)))
    {
        return unmet.clone();
    }
    if let Some(unknown) = outcomes
        .iter()
        .find(|o| matches!(o, ConditionOutcome::Unknown(_)))
    {
        return unknown.clone();
    }
    ConditionOutcome::Met {
        limits_account: outcomes.iter().any(|o| {
            matches!(
                o,
                ConditionOutcome::Met {
                    limits_account: true
                }
            )
        }),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Comparison {
    Equals,
    EqualsIgnoreCase,
    Like,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OperatorKind {
    String {
        comparison: Comparison,
        negated: bool,
    },
    Arn {
        comparison: Comparison,
        negated: bool,
    },
    Null,
    /// Numeric, Date, Bool, IpAddress, Binary: real operators that never apply to the keys we know.
    Unsupported,
}

struct Operator {
    kind: OperatorKind,
    if_exists: bool,
}

fn parse_operator(name: &str) -> Option<Operator> {
    let lower = name.to_ascii_lowercase();
    // Set qualifiers change nothing for the single-valued keys evaluated here.
    let lower = lower
        .strip_prefix("forallvalues:")
        .or_else(|| lower.strip_prefix("foranyvalue:"))
        .unwrap_or(&lower);
    let (base, if_exists) = match lower.strip_suffix("ifexists") {
        Some(base) => (base, true),
        None => (lower, false),
    };
    use Comparison::*;
    let kind = match base {
        "stringequals" => OperatorKind::String {
            comparison: Equals,
            negated: false,
        },
        "stringnotequals" => OperatorKind::String {
            comparison: Equals,
            negated: true,
        },
        "stringequalsignorecase" => OperatorKind::String {
            comparison: EqualsIgnoreCase,
            negated: false,
        },
        "stringnotequalsignorecase" => OperatorKind::String {
            comparison: EqualsIgnoreCase,
            negated: true,
        },
        "stringlike" => OperatorKind::String {
            comparison: Like,
            negated: false,
        },
        "stringnotlike" => OperatorKind::String {
            comparison: Like,
            negated: true,
        },
        "arnequals" => OperatorKind::Arn {
            comparison: Equals,
            negated: false,
        },
        "arnnotequals" => OperatorKind::Arn {
            comparison: Equals,
            negated: true,
        },
        "arnlike" => OperatorKind::Arn {
            comparison: Like,
            negated: false,
        },
        "arnnotlike" => OperatorKind::Arn {
            comparison: Like,
            negated: true,
        },
        "null" if !if_exists => OperatorKind::Null,
        "numericequals"
        | "numericnotequals"
        | "numericlessthan"
        | "numericlessthanequals"
        | "numericgreaterthan"
        | "numericgreaterthanequals"
        | "dateequals"
        | "datenotequals"
        | "datelessthan"
        | "datelessthanequals"
        | "dategreaterthan"
        | "dategreaterthanequals"
        | "bool"
        | "binaryequals"
        | "ipaddress"
        | "notipaddress" => OperatorKind::Unsupported,
        _ => return None,
    };
    Some(Operator { kind, if_exists })
}

fn evaluate_clause(clause: &ConditionClause, request: &ServiceRequest) -> ConditionOutcome {
    let Some(operator) = parse_operator(&clause.operator) else {
        return ConditionOutcome::Unknown(format!(
            "unknown condition operator {}",
            clause.operator
        ));
    };
    let key = clause.key.to_ascii_lowercase();
    match key.as_str() {
        "aws:sourceaccount" => account_clause(clause, &operator, request.account, true),
        "aws:sourceowner" => account_clause(clause, &operator, request.account, false),
        "aws:sourcearn" => source_arn_clause(clause, &operator, request),
        _ => ConditionOutcome::Unknown(format!(
            "condition {} on {} cannot be evaluated for {}",
            clause.operator, clause.key, request.service_principal
        )),
    }
}

fn compare(comparison: Comparison, pattern: &str, text: &str) -> bool {
    match comparison {
        Comparison::Equals => pattern == text,
        Comparison::EqualsIgnoreCase => pattern.eq_ignore_ascii_case(text),
        Comparison::Like => glob::matches(pattern, text),
    }
}

fn not_evaluable(clause: &ConditionClause) -> ConditionOutcome {
    ConditionOutcome::Unknown(format!(
        "condition {} on {} cannot be evaluated",
        clause.operator, clause.key
    ))
}

fn undocumented_source_owner(clause: &ConditionClause) -> ConditionOutcome {
    ConditionOutcome::Unknown(format!(
        "{} {} holds only if Incident Manager's requests carry {}, which AWS does not document",
        clause.operator, clause.key, clause.key
    ))
}

/// `aws:SourceAccount` (`known_present`) or `aws:SourceOwner` (presence undocumented), compared with `account`.
fn account_clause(
    clause: &ConditionClause,
    operator: &Operator,
    account: &str,
    known_present: bool,
) -> ConditionOutcome {
    match operator.kind {
        OperatorKind::String {
            comparison,
            negated,
        } => {
            let matched = clause
                .values
                .iter()
                .any(|v| compare(comparison, v, account));
            match (negated, matched) {
                (false, true) if known_present || operator.if_exists => ConditionOutcome::Met {
                    limits_account: true,
                },
                (false, true) => undocumented_source_owner(clause),
                (false, false) => {
                    // Present or not, a positive condition naming only other accounts never grants for this one
                    // (IfExists on an absent key would, but then the statement was meant for someone else).
                    let others: Vec<String> = clause
                        .values
                        .iter()
                        .filter(|v| !v.is_empty())
                        .cloned()
                        .collect();
                    if others.is_empty() {
                        ConditionOutcome::Unmet(format!(
                            "{} requires an empty {}",
                            clause.operator, clause.key
                        ))
                    } else {
                        ConditionOutcome::OtherAccount(others)
                    }
                }
                (true, false) => ConditionOutcome::Met {
                    limits_account: false,
                },
                (true, true) if known_present => ConditionOutcome::Unmet(format!(
                    "{} {} excludes account {account}",
                    clause.operator, clause.key
                )),
                (true, true) => undocumented_source_owner(clause),
            }
        }
        OperatorKind::Null if known_present => null_clause(clause),
        OperatorKind::Null => undocumented_source_owner(clause),
        OperatorKind::Arn { .. } | OperatorKind::Unsupported => not_evaluable(clause),
    }
}

/// `"Null": {"key": "false"}` holds for a key the request carries; `"true"` does not.
fn null_clause(clause: &ConditionClause) -> ConditionOutcome {
    if clause
        .values
        .iter()
        .any(|v| v.eq_ignore_ascii_case("false"))
    {
        ConditionOutcome::Met {
            limits_account: false,
        }
    } else {
        ConditionOutcome::Unmet(format!("Null {} requires the key to be absent", clause.key))
    }
}

/// How one `aws:SourceArn` value relates to "an ARN of this service in this account".
enum ArnFit {
    CouldMatch { pins_account: bool },
    OtherAccount(String),
    NoMatch,
}

fn arn_fit(pattern: &str, comparison: Comparison, request: &ServiceRequest) -> ArnFit {
    let service = request.source_service();
    // Split by hand, not by `Arn::parse`: a condition value is a pattern (`arn:aws:ssm-incidents:*:*:*`)
    // whose parts may be wildcards that no ARN has.
    let parts: Vec<&str> = pattern.splitn(6, ':').collect();
    if parts.len() < 6 {
        // Only a bare wildcard such as "*" can match an ARN without naming its fields.
        return if comparison == Comparison::Like
            && glob::matches(
                pattern,
                &Arn::new(service, "", request.account, "x").to_string(),
            ) {
            ArnFit::CouldMatch {
                pins_account: false,
            }
        } else {
            ArnFit::NoMatch
        };
    }
    let (prefix, service_part, account_part) = (parts[0], parts[2], parts[4]);
    let service_ok = compare(comparison, service_part, service);
    let account_ok = compare(comparison, account_part, request.account);
    if !compare(comparison, prefix, "arn") || !service_ok {
        ArnFit::NoMatch
    } else if account_ok {
        ArnFit::CouldMatch {
            pins_account: !glob::has_wildcard(account_part) || comparison != Comparison::Like,
        }
    } else if !account_part.is_empty() && !glob::has_wildcard(account_part) {
        ArnFit::OtherAccount(account_part.to_string())
    } else {
        ArnFit::NoMatch
    }
}

fn source_arn_clause(
    clause: &ConditionClause,
    operator: &Operator,
    request: &ServiceRequest,
) -> ConditionOutcome {
    let (comparison, negated) = match operator.kind {
        OperatorKind::String {
            comparison,
            negated,
        }
        | OperatorKind::Arn {
            comparison,
            negated,
        } => (comparison, negated),
        OperatorKind::Null => return null_clause(clause),
        OperatorKind::Unsupported => return not_evaluable(clause),
    };
    let fits: Vec<ArnFit> = clause
        .values
        .iter()
        .map(|v| arn_fit(v, comparison, request))
        .collect();
    let could_match = fits.iter().find_map(|f| match f {
        ArnFit::CouldMatch { pins_account } => Some(*pins_account),
        _ => None,
    });
    if negated {
        return match could_match {
            Some(_) => ConditionOutcome::Unknown(format!(
                "{} {} may exclude {}'s requests; it depends on the exact source ARN",
                clause.operator, clause.key, request.service_principal
            )),
            None => ConditionOutcome::Met {
                limits_account: false,
            },
        };
    }
    if let Some(pins_account) = could_match {
        return ConditionOutcome::Met {
            limits_account: pins_account,
        };
    }
    let others: Vec<String> = fits
        .into_iter()
        .filter_map(|f| match f {
            ArnFit::OtherAccount(a) => Some(a),
            _ => None,
        })
        .collect();
    if others.is_empty() {
        ConditionOutcome::Unmet(format!(
            "{} {} is limited to {}, not a {} ARN of account {}",
            clause.operator,
            clause.key,
            clause.values.join(", "),
            request.source_service(),
            request.account
        ))
    } else {
        ConditionOutcome::OtherAccount(others)
    }
}
