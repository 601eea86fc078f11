//! The subcommands, one file each: its arguments and one `run` function.

pub mod batch;
pub mod check;
pub mod explain;
pub mod import;
pub mod score;
pub mod template;

/// Why a subcommand stopped.
pub enum Failure {
    /// Bad input or an output that could not be written: exit code 1.
    Jixiao(jixiao::Error),
    /// Standard output failed (a broken pipe is a normal end).
    Io(std::io::Error),
    /// Some of the work failed and has said so already (a batch's departments): exit code 1.
    Failed,
}

impl From<jixiao::Error> for Failure {
    fn from(e: jixiao::Error) -> Self {
        Failure::Jixiao(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Io(e)
    }
}

pub type Result = std::result::Result<(), Failure>;
