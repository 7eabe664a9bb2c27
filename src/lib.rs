//! imdeck: a terminal dashboard for AWS Incident Manager chat channels.
//!
//! The map: `domain` is pure logic (models, chat-command parser, policy evaluation, audit rules, setup
//! plan); `cloud` is the only place the AWS SDK is named and turns SDK calls into domain types;
//! `sandbox` is a loopback HTTP server speaking the real AWS wire protocols; `app` holds the state and
//! the pure `update`; `ui` renders that state; `runtime` runs the loop that ties them together; `config` is
//! the user's config file merged under the environment and the command line; `text` makes untrusted text
//! inert and wraps it, for `app` and `ui` alike.

pub mod app;
pub mod backend;
pub mod cli;
pub mod cloud;
pub mod commands;
pub mod config;
pub mod domain;
pub mod logging;
pub mod runtime;
pub mod sandbox;
pub mod terminal;
pub mod text;
pub mod ui;
