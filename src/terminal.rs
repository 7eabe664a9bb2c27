//! Terminal lifecycle.
