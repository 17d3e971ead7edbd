//! stub
use super::Extracted;
use crate::error::{Error, Result};
use crate::options::Options;

pub(crate) fn extract(_bytes: &[u8], _options: &Options) -> Result<Extracted> {
    Err(Error::Unsupported { format: "pdf" })
}
