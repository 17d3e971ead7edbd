//! The `congvan` command-line tool.
fn main() {}
