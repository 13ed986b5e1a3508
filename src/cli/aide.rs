//! clap in French: the help pages (our template, headings, the help and version flags, default
//! and possible values) and the command line errors, written by us from clap's error context
//! rather than clap's English sentences. A wrong command line exits with code 2, as before.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use std::process::ExitCode;

/// The help page: what the command does, how to call it, its arguments and options.
const MODELE: &str =
    "{before-help}{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

/// `cmd` and all its subcommands with French help.
pub(crate) fn franciser(cmd: Command) -> Command {
    let mut cmd = cmd
        .help_template(MODELE)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading("Commandes")
        .subcommand_value_name("COMMANDE")
        .arg(
            Arg::new("aide")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Afficher l'aide"),
        );
    if cmd.get_version().is_some() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Afficher la version"),
        );
    }
    // Default and possible values in French, in the argument's help.
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().as_str().to_owned())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |a| {
            let mut extra = Vec::new();
            let defauts: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            if !defauts.is_empty() && a.get_action().takes_values() {
                extra.push(format!("par défaut : {}", defauts.join(", ")));
            }
            let possibles: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|p| !p.is_hide_set())
                .map(|p| p.get_name().to_owned())
                .collect();
            if !possibles.is_empty() && a.get_action().takes_values() {
                extra.push(format!("valeurs possibles : {}", possibles.join(", ")));
            }
            if extra.is_empty() {
                return a;
            }
            let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
            a.hide_default_value(true)
                .hide_possible_values(true)
                .help(format!("{help} [{}]", extra.join(" ; ")))
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, franciser);
    }
    cmd
}

fn texte(e: &clap::Error, k: ContextKind) -> Option<String> {
    match e.get(k)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// clap's closest suggestion (its list is sorted by likeness, the closest last).
fn meilleure(e: &clap::Error, k: ContextKind) -> Option<String> {
    match e.get(k)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => v.last().cloned(),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => v.last().map(|s| s.to_string()),
        _ => None,
    }
}

/// The reason a value was refused by its parser, in French (our own parsers already are).
fn raison(source: &str) -> String {
    match source {
        "invalid digit found in string" => "ce n'est pas un nombre entier".to_owned(),
        "invalid float literal" => "ce n'est pas un nombre".to_owned(),
        "number too large to fit in target type" => "nombre trop grand".to_owned(),
        "number too small to fit in target type" => "nombre trop petit".to_owned(),
        "cannot parse integer from empty string" | "cannot parse float from empty string" => {
            "valeur vide".to_owned()
        }
        s => crate::format::load::translate(s),
    }
}

/// The French sentence of a command line error.
pub fn message(e: &clap::Error) -> String {
    let arg = texte(e, ContextKind::InvalidArg).unwrap_or_default();
    let valeur = texte(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut m = match e.kind() {
        ErrorKind::InvalidValue => {
            let mut m = if valeur.is_empty() {
                format!("une valeur est attendue pour « {arg} »")
            } else {
                format!("valeur « {valeur} » invalide pour « {arg} »")
            };
            if let Some(v) = texte(e, ContextKind::ValidValue) {
                m.push_str(&format!(" (valeurs possibles : {v})"));
            }
            m
        }
        ErrorKind::UnknownArgument => format!("argument inattendu « {arg} »"),
        ErrorKind::InvalidSubcommand => {
            let c = texte(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("commande inconnue « {c} »")
        }
        ErrorKind::ValueValidation => {
            let source = std::error::Error::source(e)
                .map(|s| raison(&s.to_string()))
                .unwrap_or_default();
            if source.is_empty() {
                format!("valeur « {valeur} » invalide pour « {arg} »")
            } else {
                format!("valeur « {valeur} » invalide pour « {arg} » : {source}")
            }
        }
        ErrorKind::MissingRequiredArgument => {
            format!("argument(s) obligatoire(s) manquant(s) : {arg}")
        }
        ErrorKind::MissingSubcommand => "une commande est attendue".to_owned(),
        ErrorKind::ArgumentConflict => {
            let autre = texte(e, ContextKind::PriorArg).unwrap_or_default();
            if autre.is_empty() {
                format!("« {arg} » ne peut pas être donné ici")
            } else {
                format!("« {arg} » ne peut pas être donné avec « {autre} »")
            }
        }
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("nombre de valeurs incorrect pour « {arg} »")
        }
        ErrorKind::NoEquals => format!("« {arg} » demande sa valeur après « = »"),
        ErrorKind::InvalidUtf8 => "un argument n'est pas du texte UTF-8".to_owned(),
        _ => "ligne de commande invalide".to_owned(),
    };
    let suggestion = [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|k| meilleure(e, k));
    if let Some(s) = suggestion {
        m.push_str(&format!(" (vouliez-vous dire « {s} » ?)"));
    }
    if let Some(t) = texte(e, ContextKind::TrailingArg)
        && t == "true"
    {
        m.push_str(" ; pour passer une valeur qui commence par « - », écrire « -- » devant");
    }
    m
}

/// `Usage: regie …` of clap → `Utilisation : regie …`.
fn utilisation(e: &clap::Error) -> String {
    let u = texte(e, ContextKind::Usage).unwrap_or_default();
    let u = u.trim();
    match u.strip_prefix("Usage:") {
        Some(rest) => format!("Utilisation :{rest}"),
        None => u.to_owned(),
    }
}

/// Shows the help or the version (code 0), or the error in French on stderr (code 2).
pub(crate) fn sortir(e: &clap::Error) -> crate::diag::Result<ExitCode> {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            crate::io::print(&e.render().to_string())?;
            Ok(ExitCode::SUCCESS)
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            crate::stderr_line!("{}", e.render().to_string().trim_end());
            Ok(ExitCode::from(2))
        }
        _ => {
            let u = utilisation(e);
            crate::stderr_line!("erreur : {}", message(e));
            if !u.is_empty() {
                crate::stderr_line!("\n{u}");
            }
            crate::stderr_line!("\nPour plus d'informations, essayez « --help ».");
            Ok(ExitCode::from(2))
        }
    }
}
