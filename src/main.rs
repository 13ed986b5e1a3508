use std::process::ExitCode;

fn main() -> ExitCode {
    match regie_planner::cli::run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
