//! Running one chat command (`IncidentCommand`) through the SDK and returning what the AWS CLI would print.

pub mod output;
pub mod paging;
mod reads;
mod writes;

use serde_json::Value;
use tracing::Instrument;

use super::{Cloud, CloudError, CloudWriter};
use crate::domain::command::IncidentCommand;

impl Cloud {
    /// Reads run here; a mutating command goes through the writer, which read-only mode never creates, so
    /// it is refused before any client is built or any request sent.
    pub async fn execute(
        &self,
        cmd: &IncidentCommand,
        region: Option<&str>,
    ) -> Result<Value, CloudError> {
        if cmd.is_mutating() {
            let writer = self.writer().map_err(|_| {
                CloudError::ReadOnly(format!("{} ({})", cmd.cli_name(), cmd.operation()))
            })?;
            return writer.execute(cmd, region).await;
        }
        self.execute_read(cmd, region).await
    }

    async fn execute_read(
        &self,
        cmd: &IncidentCommand,
        region: Option<&str>,
    ) -> Result<Value, CloudError> {
        let client = self.incidents_in(region);
        let span = command_span(cmd, region.unwrap_or(&self.incident_region()));
        match reads::run(&client, cmd).instrument(span).await {
            Some(result) => result,
            None => Err(not_handled(cmd)),
        }
    }
}

impl CloudWriter {
    /// Same contract as `Cloud::execute`; reads passed here are simply run.
    pub async fn execute(
        &self,
        cmd: &IncidentCommand,
        region: Option<&str>,
    ) -> Result<Value, CloudError> {
        if !cmd.is_mutating() {
            return self.cloud().execute_read(cmd, region).await;
        }
        let client = self.cloud().incidents_in(region);
        let span = command_span(cmd, region.unwrap_or(&self.cloud().incident_region()));
        match writes::run(&client, cmd).instrument(span).await {
            Some(result) => result,
            None => Err(not_handled(cmd)),
        }
    }
}

fn command_span(cmd: &IncidentCommand, region: &str) -> tracing::Span {
    tracing::info_span!("aws", operation = cmd.operation(), region = region)
}

fn not_handled(cmd: &IncidentCommand) -> CloudError {
    CloudError::Service {
        code: "Unsupported".into(),
        message: format!("{} is not routed to a handler", cmd.operation()),
    }
}
