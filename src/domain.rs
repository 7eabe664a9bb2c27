//! Pure domain logic: no tokio, ratatui, aws_sdk_*, std::fs or std::net in here, so all of it is tested without I/O.

pub mod arn;
pub mod audit;
pub mod chat_command;
pub mod chatbot_notification;
pub mod cli_output;
pub mod cloud_error;
pub mod command;
pub mod event_text;
pub mod export;
pub mod model;
pub mod policy;
pub mod probe;
pub mod regions;
pub mod setup_plan;
pub mod snapshot;
