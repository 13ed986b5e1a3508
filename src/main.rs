use std::process::ExitCode;

fn main() -> ExitCode {
    match regie_planner::cli::run() {
        Ok(code) => code,
        // The reader of stdout has gone (`regie … | head`): exit 1, nothing to say.
        Err(e) if e.is_closed_pipe() => ExitCode::from(1),
        Err(e) => {
            regie_planner::stderr_line!("{e}");
            ExitCode::from(1)
        }
    }
}
