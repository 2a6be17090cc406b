//! One module per subcommand, each with an `Args` struct and a `run()`.

pub mod build;
pub mod check;
pub mod failure;
pub mod kinds;
pub mod new;
pub mod report;
pub mod serve;
