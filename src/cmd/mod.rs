//! One module per subcommand, each with an `Args` struct and a `run()`.

pub mod build;
pub mod report;
pub mod serve;
