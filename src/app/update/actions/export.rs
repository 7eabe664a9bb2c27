//! An export's answer: where it was written, or the path asked again when the file exists.

use crate::app::effect::Effect;
use crate::app::msg::ExportFailure;
use crate::app::state::command_box::new_input;
use crate::app::state::command_output::CommandOutput;
use crate::app::state::{AppState, Overlay, Prompt, PromptKind};

pub fn export_finished(
    state: &mut AppState,
    arn: String,
    path: String,
    result: Result<(), ExportFailure>,
) -> Vec<Effect> {
    state.command.output = match result {
        Ok(()) => CommandOutput::Text {
            title: "export".into(),
            body: format!("{arn}\nwritten to {path}"),
        },
        Err(ExportFailure::AlreadyExists) => {
            // Ask again, naming the file: a second enter on the same name replaces it.
            let title = state
                .incidents
                .by_arn(&arn)
                .map(|i| i.title.clone())
                .unwrap_or_default();
            let mut input = new_input("");
            input.insert_str(&path);
            state.overlay = Overlay::Prompt(Box::new(Prompt {
                kind: PromptKind::ExportPath {
                    replace: Some(path.clone()),
                },
                arn,
                title,
                input,
                error: Some(format!(
                    "{path} exists: enter again replaces it, or type another name"
                )),
            }));
            CommandOutput::None
        }
        Err(ExportFailure::Failed(message)) => CommandOutput::Failed {
            title: "export".into(),
            message: format!("{path} was not written: {message}"),
        },
    };
    Vec::new()
}
