//! Lossless parsers: every token keeps its byte range in the original file.

pub mod dockerfile;
pub mod shell;
pub mod yaml;
