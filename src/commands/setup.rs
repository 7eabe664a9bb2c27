//! `imdeck setup`: the wizard's change set headless — print it (`--plan`), or apply it and prove it (`--apply`).

use crate::domain::setup_plan::render::counted;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::GlobalOptions;
use crate::cloud::IncidentRegion;
use crate::domain::audit::run_audit;
use crate::domain::setup_plan::{SetupOptions, SetupPlan, failing_rechecks, plan_setup};

use crate::backend::{Backend, refusal};

/// Why there is nothing to plan in an account without a replication set. No console flow is suggested: AWS
/// closed Incident Manager to new customers on 2025-11-07, so the onboarding it would point to is gone.
const NOT_SET_UP: &str = "Nothing to plan: Incident Manager is not set up in this account (it has no replication set), \
so there is no Region to put a topic in and no response plan to link a chat channel to.\n\
AWS closed Incident Manager to new customers on 2025-11-07; check that the profile and account are the ones \
your incident response runs in.";

pub struct SetupArgs {
    pub plan: bool,
    pub out: Option<PathBuf>,
    pub apply: Option<Option<PathBuf>>,
    pub yes: bool,
    pub set_guardrail: bool,
}

pub async fn run(global: &GlobalOptions, args: SetupArgs) -> ExitCode {
    let Some(saved) = args.apply.clone() else {
        if !args.plan {
            eprintln!("imdeck setup: say --plan to see the change set or --apply to make it");
            return ExitCode::from(2);
        }
        return show_plan(global, &args).await;
    };
    if global.read_only {
        eprintln!(
            "imdeck setup --apply {}; --plan shows what it would do",
            crate::domain::command::READ_ONLY_REFUSAL
        );
        return ExitCode::from(2);
    }
    Backend::run_with(global, false, refusal("imdeck setup"), async |backend| {
        if backend.incident_region == IncidentRegion::NotSetUp {
            println!("{NOT_SET_UP}");
            return ExitCode::from(1);
        }
        apply_plan(backend, saved.as_deref(), &args).await
    })
    .await
    .unwrap_or_else(|refused| refused)
}

async fn show_plan(global: &GlobalOptions, args: &SetupArgs) -> ExitCode {
    // Planning reads only: its cloud has no writer.
    let read = Backend::run_with(global, true, refusal("imdeck setup"), async |backend| {
        backend.cloud.load_snapshot(None).await
    })
    .await;
    let snapshot = match read {
        Ok(snapshot) => snapshot,
        Err(status) => return status,
    };
    if matches!(snapshot.replication_set, Ok(None)) {
        println!("{NOT_SET_UP}");
        return ExitCode::from(1);
    }
    let plan = plan_setup(&snapshot, &options(args));
    print!("{}", plan.render_text());
    if let Some(path) = &args.out {
        if let Err(e) = save(&plan, path) {
            eprintln!("imdeck setup: cannot write {}: {e}", path.display());
            return ExitCode::from(1);
        }
        eprintln!("plan saved to {}", path.display());
    }
    ExitCode::SUCCESS
}

fn options(args: &SetupArgs) -> SetupOptions {
    SetupOptions {
        set_guardrail: args.set_guardrail,
        ..SetupOptions::default()
    }
}

fn save(plan: &SetupPlan, path: &Path) -> std::io::Result<()> {
    let json = serde_json::to_string_pretty(plan).map_err(std::io::Error::other)?;
    std::fs::write(path, json + "\n")
}

fn load(path: &Path) -> Result<SetupPlan, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| format!("not a saved imdeck plan: {e}"))
}

async fn apply_plan(backend: &Backend, saved: Option<&Path>, args: &SetupArgs) -> ExitCode {
    let writer = match backend.cloud.writer() {
        Ok(w) => w,
        Err(e) => {
            eprintln!("imdeck setup: {e}");
            return ExitCode::from(2);
        }
    };
    let plan = match saved {
        Some(path) => match load(path) {
            Ok(plan) => plan,
            Err(e) => {
                eprintln!("imdeck setup: {}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
        None => plan_setup(&backend.cloud.load_snapshot(None).await, &options(args)),
    };
    print!("{}", plan.render_text());
    let changes = plan.changes().count();
    if changes == 0 {
        println!("nothing to apply");
    } else if !args.yes && !confirm(changes) {
        eprintln!("not applied");
        return ExitCode::from(1);
    }
    let mut applied = Vec::new();
    for step in plan.steps.iter().filter(|s| s.change().is_some()) {
        let Some(change) = step.change() else {
            continue;
        };
        match writer.apply_change(change).await {
            Ok(()) => {
                println!("✓ applied: {}", step.title);
                applied.push(step);
            }
            Err(e) => {
                // Stop at the first failure: later steps were planned assuming this one happened.
                eprintln!(
                    "✗ {}: {e}\nstopped; nothing after this step was written",
                    step.title
                );
                return ExitCode::from(1);
            }
        }
    }
    let fresh = run_audit(&backend.cloud.load_snapshot(None).await);
    let mut unproven = 0;
    for step in &applied {
        for check in failing_rechecks(step, &fresh) {
            unproven += 1;
            eprintln!(
                "✗ re-check {} still {} after \"{}\": {}",
                check.id,
                check.status.word(),
                step.title,
                check.detail
            );
        }
    }
    let manual: Vec<_> = plan.manual_steps().collect();
    if !manual.is_empty() {
        println!(
            "\nmanual steps left ({}), which no API can do:",
            manual.len()
        );
        for (step, _) in manual {
            println!("  · {}", step.title);
        }
    }
    if unproven > 0 {
        return ExitCode::from(1);
    }
    println!(
        "\n{} applied and re-checked",
        counted(applied.len(), "change")
    );
    ExitCode::SUCCESS
}

fn confirm(changes: usize) -> bool {
    print!("apply these {}? [y/N] ", counted(changes, "change"));
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).is_ok()
        && matches!(answer.trim(), "y" | "Y" | "yes")
}
