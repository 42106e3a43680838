//! clap speaks English; this gives every help screen and usage error Spanish words.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

const TEMPLATE: &str = "{about-with-newline}\nUso: {usage}\n\n{all-args}{after-help}";

/// Applies Spanish headings, usage and help/version flags to `cmd` and its subcommands.
pub fn command(cmd: Command) -> Command {
    localize(cmd, "secretaria".into(), true)
}

fn localize(mut cmd: Command, path: String, root: bool) -> Command {
    let ids: Vec<(clap::Id, bool)> = cmd.get_arguments().map(|a| (a.get_id().clone(), a.is_positional())).collect();
    for (id, positional) in ids {
        cmd = cmd.mut_arg(id, |a| a.help_heading(if positional { "Argumentos" } else { "Opciones" }));
    }
    let positionals: Vec<String> = cmd
        .get_positionals()
        .map(|a| {
            let name =
                a.get_value_names().and_then(|v| v.first()).map_or_else(|| a.get_id().to_string(), |n| n.to_string());
            let more = if matches!(a.get_action(), ArgAction::Append) { "..." } else { "" };
            if a.is_required_set() { format!(" <{name}>{more}") } else { format!(" [{name}]{more}") }
        })
        .collect();
    let has_subcommands = cmd.has_subcommands();
    let usage = format!("{path} [OPCIONES]{}{}", positionals.concat(), if has_subcommands { " [ORDEN]" } else { "" });
    cmd = cmd
        .help_template(TEMPLATE)
        .override_usage(usage)
        .subcommand_help_heading("Órdenes")
        .subcommand_value_name("ORDEN")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("ayuda")
                .short('h')
                .long("help")
                .alias("ayuda")
                .action(ArgAction::Help)
                .help("Muestra esta ayuda")
                .help_heading("Opciones"),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Muestra la versión")
                .help_heading("Opciones"),
        );
    }
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        let sub_path = format!("{path} {name}");
        cmd = cmd.mut_subcommand(name, |s| localize(s, sub_path, false));
    }
    cmd
}

/// clap's suggestion for a mistyped order or option, in Spanish: «; ¿quiso decir «calendario»?».
fn suggestion(e: &clap::Error) -> String {
    let suggested = [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg]
        .into_iter()
        .map(|kind| context(e, kind))
        .find(|s| !s.is_empty());
    suggested.map(|s| format!("; ¿quiso decir «{s}»?")).unwrap_or_default()
}

fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// Prints help/version as clap does, and usage errors in Spanish (exit code 2).
pub fn report(e: clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        // «secretaria ronda» without its action: the help, on stderr, and a usage error's
        // status, so a script that forgot the action does not carry on as if it had run.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", e.render());
            eprintln!("\nerror: falta la acción; elija una de las órdenes de arriba");
            return ExitCode::from(2);
        }
        _ => {}
    }
    let arg = context(&e, ContextKind::InvalidArg);
    let value = context(&e, ContextKind::InvalidValue);
    let message = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            format!("orden desconocida «{}»", context(&e, ContextKind::InvalidSubcommand))
        }
        ErrorKind::UnknownArgument => format!("opción desconocida «{arg}»"),
        ErrorKind::MissingRequiredArgument => format!("falta un argumento obligatorio: {arg}"),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!("valor «{value}» no válido para {arg}"),
        ErrorKind::ArgumentConflict => {
            format!("{arg} no se puede usar junto con {}", context(&e, ContextKind::PriorArg))
        }
        ErrorKind::TooManyValues => format!("demasiados valores para {arg}"),
        ErrorKind::NoEquals | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("falta el valor de {arg}")
        }
        _ => "argumentos no válidos".to_string(),
    };
    eprintln!("error: {message}{}\n\nPara más información, use «--help».", suggestion(&e));
    ExitCode::from(2)
}
