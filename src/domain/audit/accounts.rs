//! One audit over several accounts (`imdeck audit --profile a --profile b`): every check carries its account and
//! profile, a summary per account and overall, and one exit status over all; a profile that could not be
//! audited is one unknown entry naming it, never a pass.

use serde::Serialize;

use super::report::{AuditReport, Report, Summary};
use super::{Check, Status};

/// The id of the one entry a profile that could not be audited gets.
pub const PROFILE_ID: &str = "profile-audited";

/// One profile's audit, or why it could not run (credentials, access, network).
#[derive(Debug, Clone, PartialEq)]
pub struct AccountAudit {
    pub profile: String,
    pub outcome: Result<AuditReport, String>,
}

impl AccountAudit {
    fn account(&self) -> Option<&str> {
        self.outcome.as_ref().ok().map(|r| r.account.as_str())
    }

    /// The checks of this profile: its audit's, or the one unknown entry naming the profile.
    fn checks(&self) -> Vec<Check> {
        match &self.outcome {
            Ok(report) => report.checks.clone(),
            Err(reason) => vec![Check::new(
                PROFILE_ID,
                Status::Unknown,
                "the profile's account could be audited",
                format!("profile {} could not be audited: {reason}", self.profile),
            )
            .on_resource(format!("profile {}", self.profile))
            .with_manual(format!(
                "Fix the profile's credentials or access (try `aws sts get-caller-identity --profile {}`), then \
                 run the audit again.",
                self.profile
            ))],
        }
    }

    fn summary(&self) -> Summary {
        Summary::of(&self.checks())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MultiAccountReport {
    pub accounts: Vec<AccountAudit>,
}

#[derive(Serialize)]
struct AccountJson<'a> {
    profile: &'a str,
    account: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    regions: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    summary: Summary,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    account: Option<&'a str>,
    profile: &'a str,
    #[serde(flatten)]
    check: &'a Check,
}

#[derive(Serialize)]
struct ReportJson<'a> {
    accounts: Vec<AccountJson<'a>>,
    checks: Vec<CheckJson<'a>>,
    summary: Summary,
}

impl Report for MultiAccountReport {
    fn exit_code(&self) -> i32 {
        MultiAccountReport::exit_code(self)
    }
    fn to_json(&self) -> serde_json::Result<String> {
        MultiAccountReport::to_json(self)
    }
    fn render_text(&self) -> String {
        MultiAccountReport::render_text(self)
    }
    fn render_markdown(&self) -> String {
        MultiAccountReport::render_markdown(self)
    }
}

impl MultiAccountReport {
    pub fn summary(&self) -> Summary {
        let all: Vec<Check> = self
            .accounts
            .iter()
            .flat_map(AccountAudit::checks)
            .collect();
        Summary::of(&all)
    }

    /// 0 clean everywhere · 1 a check failed in some account · 3 something could not run and nothing failed.
    pub fn exit_code(&self) -> i32 {
        let summary = self.summary();
        if summary.fail > 0 {
            1
        } else if summary.unknown > 0 {
            3
        } else {
            0
        }
    }

    pub fn to_json(&self) -> serde_json::Result<String> {
        let per_account: Vec<(&AccountAudit, Vec<Check>)> =
            self.accounts.iter().map(|a| (a, a.checks())).collect();
        let accounts = per_account
            .iter()
            .map(|(a, checks)| AccountJson {
                profile: &a.profile,
                account: a.account(),
                regions: a.outcome.as_ref().ok().map(|r| r.regions.as_slice()),
                error: a.outcome.as_ref().err().map(String::as_str),
                summary: Summary::of(checks),
            })
            .collect();
        let checks = per_account
            .iter()
            .flat_map(|(a, checks)| {
                checks.iter().map(move |check| CheckJson {
                    account: a.account(),
                    profile: &a.profile,
                    check,
                })
            })
            .collect();
        serde_json::to_string_pretty(&ReportJson {
            accounts,
            checks,
            summary: self.summary(),
        })
    }

    fn summary_words(summary: &Summary) -> String {
        format!(
            "{} pass · {} fail · {} warn · {} info · {} unknown",
            summary.pass, summary.fail, summary.warn, summary.info, summary.unknown
        )
    }

    fn account_label(a: &AccountAudit) -> String {
        match a.account() {
            Some(account) => format!("account {account} (profile {})", a.profile),
            None => format!("account unknown (profile {})", a.profile),
        }
    }

    pub fn render_text(&self) -> String {
        let mut out = String::new();
        for a in &self.accounts {
            out.push_str(&format!("═══ {} ═══\n", Self::account_label(a)));
            match &a.outcome {
                Ok(report) => out.push_str(&report.render_text()),
                Err(_) => {
                    for check in a.checks() {
                        out.push_str(&format!(
                            "{} {:<7} {:<31} {}\n          {}\n",
                            check.status.mark(),
                            check.status.word(),
                            check.id,
                            check.title,
                            check.detail
                        ));
                    }
                }
            }
            out.push('\n');
        }
        out.push_str("Summary per account:\n");
        for a in &self.accounts {
            out.push_str(&format!(
                "  {}: {}\n",
                Self::account_label(a),
                Self::summary_words(&a.summary())
            ));
        }
        out.push_str(&format!(
            "Overall ({} accounts): {}\n",
            self.accounts.len(),
            Self::summary_words(&self.summary())
        ));
        out
    }

    pub fn render_markdown(&self) -> String {
        let mut out = String::from(
            "# imdeck audit — several accounts\n\n| account | profile | pass | fail | warn | info | unknown |\n|---|---|---|---|---|---|---|\n",
        );
        for a in &self.accounts {
            let s = a.summary();
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} |\n",
                a.account().unwrap_or("unknown"),
                a.profile,
                s.pass,
                s.fail,
                s.warn,
                s.info,
                s.unknown
            ));
        }
        let s = self.summary();
        out.push_str(&format!(
            "| **all** | | {} | {} | {} | {} | {} |\n\n",
            s.pass, s.fail, s.warn, s.info, s.unknown
        ));
        for a in &self.accounts {
            match &a.outcome {
                // Each account's own report, its heading one level down.
                Ok(report) => out.push_str(&format!("#{}\n", report.render_markdown())),
                Err(reason) => out.push_str(&format!(
                    "## {}\n\n? unknown: the profile could not be audited: {reason}\n\n",
                    Self::account_label(a)
                )),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(account: &str, statuses: &[Status]) -> AuditReport {
        let checks = statuses
            .iter()
            .map(|s| Check::new("sns-policy", *s, "t", "d"))
            .collect();
        AuditReport::new(account, vec!["us-east-2".into()], checks)
    }

    #[test]
    fn every_check_carries_its_account_and_a_broken_profile_is_one_unknown() {
        let multi = MultiAccountReport {
            accounts: vec![
                AccountAudit {
                    profile: "a".into(),
                    outcome: Ok(report("111122223333", &[Status::Pass])),
                },
                AccountAudit {
                    profile: "b".into(),
                    outcome: Ok(report("444455556666", &[Status::Pass, Status::Pass])),
                },
                AccountAudit {
                    profile: "broken".into(),
                    outcome: Err("UnknownProfile: no such profile".into()),
                },
            ],
        };
        assert_eq!(
            multi.exit_code(),
            3,
            "a profile that could not run is never a pass"
        );
        let json: serde_json::Value =
            serde_json::from_str(&multi.to_json().expect("json")).expect("parse");
        let checks = json["checks"].as_array().expect("checks");
        assert_eq!(checks.len(), 4);
        assert_eq!(checks[0]["account"], "111122223333");
        assert_eq!(checks[2]["account"], "444455556666");
        assert_eq!(checks[3]["status"], "unknown");
        assert_eq!(checks[3]["profile"], "broken");
        assert_eq!(json["summary"]["pass"], 3);
        assert_eq!(json["accounts"][2]["summary"]["unknown"], 1);
        let text = multi.render_text();
        assert!(text.contains("profile broken could not be audited"));
        assert!(
            text.contains("Overall (3 accounts): 3 pass · 0 fail · 0 warn · 0 info · 1 unknown")
        );
        assert!(
            multi
                .render_markdown()
                .contains("| **all** | | 3 | 0 | 0 | 0 | 1 |")
        );
    }

    #[test]
    fn a_failure_anywhere_fails_the_whole_run() {
        let multi = MultiAccountReport {
            accounts: vec![
                AccountAudit {
                    profile: "a".into(),
                    outcome: Ok(report("111122223333", &[Status::Pass])),
                },
                AccountAudit {
                    profile: "b".into(),
                    outcome: Ok(report("444455556666", &[Status::Fail])),
                },
            ],
        };
        assert_eq!(multi.exit_code(), 1);
    }
}
