//! `imdeck setup --plan` as text: per step its task, the diff (policy JSON or lists, before and after), and the
//! AWS CLI commands; manual steps with their settings.

use super::diff::{DiffLine, line_diff, pretty_policy};
use super::{Change, SetupPlan, StepAction};

impl Change {
    /// The before/after view of the change, one line each, as a unified diff.
    pub fn diff(&self) -> Vec<DiffLine> {
        match self {
            Change::CreateTopic { policy_after, .. } => line_diff("", &pretty_policy(policy_after)),
            Change::MergeTopicPolicy {
                policy_before,
                policy_after,
                ..
            } => line_diff(
                &policy_before
                    .as_deref()
                    .map(pretty_policy)
                    .unwrap_or_default(),
                &pretty_policy(policy_after),
            ),
            Change::UpdateChannel {
                topics_before,
                topics_after,
                guardrails_before,
                guardrails_after,
                ..
            } => {
                let mut lines = list_diff("SnsTopicArns", topics_before, topics_after);
                if guardrails_before != guardrails_after {
                    let before = guardrails_before.clone().unwrap_or_default();
                    let after = guardrails_after.clone().unwrap_or_default();
                    lines.extend(list_diff("GuardrailPolicyArns", &before, &after));
                }
                lines
            }
            Change::UpdatePlanChatChannel {
                topics_before,
                topics_after,
                ..
            } => list_diff("chatChannel.chatbotSns", topics_before, topics_after),
        }
    }
}

fn list_diff(name: &str, before: &[String], after: &[String]) -> Vec<DiffLine> {
    let mut lines = vec![DiffLine::Same(format!("{name}:"))];
    lines.extend(line_diff(&before.join("\n"), &after.join("\n")));
    lines
}

/// "1 change", "3 changes": a count with its noun agreeing, for every count the wizard and the plan print.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

impl SetupPlan {
    pub fn render_text(&self) -> String {
        let account = if self.account.is_empty() {
            "account not known".to_string()
        } else {
            format!("account {}", self.account)
        };
        let regions = if self.regions.is_empty() {
            "no Regions (there is no replication set)".to_string()
        } else {
            format!("Regions {}", self.regions.join(", "))
        };
        let mut out = format!("imdeck setup plan · {account} · {regions}\n");
        let changes = self.changes().count();
        let manual = self.manual_steps().count();
        // The steps below are numbered together, so the count names the total they run to.
        out.push_str(&format!(
            "{}: {} imdeck can make, {manual} manual\n",
            counted(self.steps.len(), "step"),
            counted(changes, "change"),
        ));
        for (n, step) in self.steps.iter().enumerate() {
            let region = step
                .region
                .as_deref()
                .map(|r| format!(" · {r}"))
                .unwrap_or_default();
            out.push_str(&format!(
                "\n{}. Task {} ({}){region}: {}\n",
                n + 1,
                step.task.number(),
                step.task.title(),
                step.title
            ));
            match &step.action {
                StepAction::Change(planned) => {
                    for line in planned.change.diff() {
                        out.push_str(&format!("   {}\n", line.render()));
                    }
                    out.push_str("   AWS CLI:\n");
                    for command in &planned.commands {
                        out.push_str(&format!("     {command}\n"));
                    }
                }
                StepAction::Manual(manual) => {
                    out.push_str(&format!("   manual step: {}\n", manual.why));
                    for instruction in &manual.instructions {
                        out.push_str(&format!("   - {instruction}\n"));
                    }
                    if let Some(settings) = &manual.settings {
                        let pretty = serde_json::to_string_pretty(settings).unwrap_or_default();
                        for line in pretty.lines() {
                            out.push_str(&format!("     {line}\n"));
                        }
                    }
                }
            }
        }
        out
    }
}
