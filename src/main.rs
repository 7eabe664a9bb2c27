//! The `imdeck` binary.

fn main() {}
