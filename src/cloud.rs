//! The seam to AWS: the only module that names `aws_sdk_*` types; everything it returns is a domain type.

pub mod error;

pub use error::CloudError;
