//! The subcommands, each a thin run over the cloud adapter and the pure domain.

pub mod audit;
pub mod completions;
pub mod config;
pub mod exec;
pub mod export;
pub mod probe;
pub mod sandbox;
pub mod setup;
