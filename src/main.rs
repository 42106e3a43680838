fn main() -> std::process::ExitCode {
    secretaria::cli::main()
}
