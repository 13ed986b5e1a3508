//! Diagnostics: errors and warnings about an input file, in French, with file, line, column and
//! the path of the item (`salaries[3].contrat.heures_hebdo`).

use std::fmt;

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The file is refused.
    Erreur,
    /// The file is accepted; something deserves a look.
    Avertissement,
}

/// Declares [`Code`]: each variant with its stable rendered code, in one list so that
/// [`Code::ALL`] and [`Code::as_str`] can never miss a variant.
macro_rules! codes {
    ($($(#[doc = $doc:literal])* $name:ident = $code:literal,)*) => {
        /// The stable code of a kind of problem (docs/validation.md, « Codes »): shown in every
        /// rendered diagnostic (`erreur[S003]: …`) so that users, scripts and support can name a
        /// problem without its French wording. A code is never renumbered nor reused: once
        /// given, it keeps its meaning; a new kind of problem gets a new code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[doc = $doc])* $name,)*
        }

        impl Code {
            /// Every code, in the order of docs/validation.md.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// The rendered code: a family letter and three digits (`S003`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $code,)*
                }
            }
        }
    };
}

codes! {
    // F: the file as a whole.
    /// Invalid syntax: YAML of a scenario or variants file, JSON of a plan.
    Syntax = "F001",
    /// A file over the size limit.
    FileTooLarge = "F002",
    /// Tables and lists nested too deep.
    NestingTooDeep = "F003",
    /// The file is not a table of keys.
    NotAMapping = "F004",
    // S: structure (keys, types, formats).
    /// An unknown key (a misspelt one), or a top-level key that is not text.
    UnknownKey = "S001",
    /// A required key missing.
    MissingKey = "S002",
    /// A value of the wrong type (a text for a number, a negative number for a count…).
    WrongType = "S003",
    /// A value outside a closed list (`mobilite`, contract `type`, day…).
    UnknownValue = "S004",
    /// A date that is not AAAA-MM-JJ.
    InvalidDate = "S005",
    /// A time, duration or range that is not "HH:MM" or "HH:MM-HH:MM".
    InvalidTime = "S006",
    /// A key given twice in the same table.
    DuplicateKey = "S007",
    // V: values.
    /// A format `version` other than 1.
    UnsupportedVersion = "V001",
    /// A number (or date, coordinates) outside its documented range.
    OutOfRange = "V002",
    /// A control character in a text.
    ControlCharacter = "V003",
    /// A time or duration off the `pas_minutes` grid.
    OffGrid = "V004",
    /// Bounds in the wrong order: an end not after its start, a minimum above its maximum,
    /// passages going back in time.
    InvertedRange = "V005",
    /// A vacation that would end after midnight.
    PastMidnight = "V006",
    /// A list with too few elements (a vacation without a start, `personnes` of fewer than
    /// two people, a recruitment without a profile).
    TooFewElements = "V007",
    /// Keys that do not go together, or a key that needs another.
    KeyCombination = "V008",
    /// A scenario too large to plan.
    ScenarioTooLarge = "V009",
    // R: identifiers and references.
    /// A reference to an id (or vacation index) that does not exist.
    UnknownReference = "R001",
    /// An id or a name given twice in its list.
    DuplicateId = "R002",
    /// A person enrolled twice in the same atelier or formation.
    DuplicateInscription = "R003",
    /// A date outside the planned period (or the published week).
    DateOutsidePeriod = "R004",
    // C: coherence of the scenario with itself.
    /// An `imposer` entry whose vacation or start the chantier does not have.
    ImposedShiftMismatch = "C001",
    /// An `imposer` entry for the wrong person: a rdv or atelier for an encadrant·e, a rdv
    /// with a CIP other than the référente.
    ImposedWrongPerson = "C002",
    /// Two fixed enrolments of a person that overlap or are too close for the journey.
    FixedOverlap = "C003",
    /// A fixed enrolment, or an `interdire` entry, on a PMSMP day.
    PmsmpConflict = "C004",
    /// An atelier with more inscrit·es than places.
    AtelierOverbooked = "C005",
    /// More salarié·es in formation at once than `max_en_formation_simultane`.
    FormationCeiling = "C006",
    /// A PMSMP day longer than `max_heures_jour`.
    PmsmpDayTooLong = "C007",
    /// The published plan of a `replanification` cannot be read.
    PublishedPlanUnreadable = "C008",
    // G: GTFS feed.
    /// The feed is neither a folder nor a zip file.
    FeedNotFound = "G001",
    /// A required file missing from the feed.
    FeedFileMissing = "G002",
    /// The feed (or one of its files) cannot be read.
    FeedUnreadable = "G003",
    /// An unreadable line of a feed file.
    FeedBadLine = "G004",
    /// An id cited in the feed that the feed does not define.
    FeedUnknownId = "G005",
    /// A stop of `arrets` absent from the feed.
    UnknownStop = "G006",
    /// A walk to a stop that cannot be computed.
    WalkTimeUnknown = "G007",
    // P: plan files.
    /// A plan of another régie, period or format.
    PlanHeaderMismatch = "P001",
    // T: spreadsheets (importer, pointage).
    /// An unknown sheet.
    UnknownSheet = "T001",
    /// An unknown column.
    UnknownColumn = "T002",
    /// A column given twice.
    DuplicateColumn = "T003",
    /// A required column missing.
    MissingColumn = "T004",
    /// A required cell left empty.
    EmptyCell = "T005",
    /// A cell that does not read (number, date, time, value of a list…).
    BadCell = "T006",
    /// A pointage row that matches no assignment of the published plan.
    UnknownAssignment = "T007",
    /// Two pointage rows for the same assignment.
    DuplicateAssignment = "T008",
    /// A pointage whose cells contradict each other or the assignment.
    InconsistentPointage = "T009",
    // M: variants files (`simuler`).
    /// An invalid variant or profile name (empty, reserved, characters).
    InvalidName = "M001",
    /// Too many combinations of hires to search.
    TooManyCombinations = "M002",
    // A: warnings.
    /// A CDDI outside 20-35 h a week.
    CddiHours = "A001",
    /// A PMSMP of more than a month.
    PmsmpOverMonth = "A002",
    /// A PMSMP of more than 25 % of the contract.
    PmsmpOverQuarter = "A003",
    /// A salarié·e who can reach no chantier.
    Unreachable = "A004",
    /// A CIP following more than 30 salarié·es.
    CipCaseload = "A005",
    /// A chantier that no encadrant·e can supervise.
    Unsupervised = "A006",
    /// A fixed enrolment on a holiday, outside the contract or availability, or during an
    /// absence.
    FixedEnrolmentUnavailable = "A007",
    /// A fixed item that cannot be kept (`regie valider`): it will be a « conflit » shortfall.
    FixedItemConflict = "A008",
    /// `gps` or `arrets` of a lieu without a GTFS feed: ignored.
    StopsWithoutFeed = "A009",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Code {
    /// The code of a serde error message (English, as serde, serde_yaml and serde_json write
    /// it, or French from the format's own deserializers of times and ranges).
    pub fn of_serde_message(msg: &str) -> Code {
        const TIME: [&str; 3] = ["heure invalide", "durée invalide", "plage horaire invalide"];
        const DATE: [&str; 7] = [
            "input is out of range",
            "no possible date and time matching input",
            "input is not enough for unique date and time",
            "input contains invalid characters",
            "premature end of input",
            "trailing input",
            "bad or unsupported format string",
        ];
        if msg.starts_with("unknown field") {
            Code::UnknownKey
        } else if msg.starts_with("missing field") {
            Code::MissingKey
        } else if msg.starts_with("unknown variant") {
            Code::UnknownValue
        } else if msg.starts_with("duplicate field") || msg.starts_with("duplicate entry") {
            Code::DuplicateKey
        } else if TIME.iter().any(|t| msg.starts_with(t))
            || msg.ends_with("(mettre entre guillemets)")
        {
            Code::InvalidTime
        } else if DATE.contains(&msg)
            || (msg.starts_with("invalid value: ")
                && msg.ends_with("expected a formatted date string"))
        {
            Code::InvalidDate
        } else {
            Code::WrongType
        }
    }
}

/// One problem of a file, with where it is and what is wrong (in French).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The stable code of the kind of problem.
    pub code: Code,
    /// The file concerned.
    pub file: String,
    /// 1-based line, when YAML gives it.
    pub line: Option<usize>,
    /// 1-based column, when YAML gives it.
    pub column: Option<usize>,
    /// Item path, e.g. `salaries[3].contrat.heures_hebdo`; empty for the whole file.
    pub path: String,
    /// The message, in French.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at item `path` of a file not yet named: the loader fills `file`, `line` and
    /// `column` (`format::load::locate`).
    pub(crate) fn at_path(severity: Severity, code: Code, path: String, message: String) -> Self {
        Diagnostic {
            severity,
            code,
            file: String::new(),
            line: None,
            column: None,
            path,
            message,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Erreur => "erreur",
            Severity::Avertissement => "avertissement",
        };
        write!(f, "{kind}[{}]: {}", self.code, self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        // Paths and messages quote the file's own texts: never raw control characters.
        if !self.path.is_empty() {
            write!(f, ": {}", terminal(&self.path))?;
        }
        write!(f, ": {}", terminal(&self.message))
    }
}

/// Everything that stops a command, each rendered in French for the user.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file that cannot be read.
    #[error("impossible de lire « {path} » : {}", io_message(.source))]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A file that cannot be written.
    #[error("impossible d'écrire « {path} » : {}", io_message(.source))]
    Write {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// Standard output refused a write. A closed pipe (`regie … | head`) ends the command
    /// quietly (exit code 1, no message: the reader has gone); other errors are shown.
    #[error("impossible d'écrire sur la sortie standard : {}", io_message(.0))]
    Stdout(std::io::Error),
    /// Diagnostics of an invalid input, every one at once.
    #[error("{}", render_all(.0))]
    Invalid(Vec<Diagnostic>),
    /// Any other error, its message in French.
    #[error("{0}")]
    Other(String),
}

impl Error {
    /// The reader of standard output has gone (`regie … | head -1`): nothing to say.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self, Error::Stdout(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// An input/output error in French (the system's own words, in English, for the rare others).
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let fr = match e.kind() {
        K::NotFound => "fichier ou dossier introuvable",
        K::PermissionDenied => "permission refusée",
        K::AlreadyExists => "le fichier existe déjà",
        K::StorageFull => "plus de place sur le disque",
        K::QuotaExceeded => "quota de disque dépassé",
        K::BrokenPipe => "tube fermé par le lecteur",
        K::IsADirectory => "c'est un dossier",
        K::NotADirectory => "un élément du chemin n'est pas un dossier",
        K::ReadOnlyFilesystem => "système de fichiers en lecture seule",
        K::InvalidData => "contenu illisible (ce n'est pas du texte UTF-8)",
        K::FileTooLarge => "fichier trop grand",
        K::Interrupted => "opération interrompue",
        K::CrossesDevices => "déplacement impossible d'un disque à l'autre",
        K::DirectoryNotEmpty => "dossier non vide",
        K::InvalidFilename => "nom de fichier invalide",
        K::WriteZero => "écriture impossible (aucun octet accepté)",
        K::OutOfMemory => "mémoire insuffisante",
        K::TimedOut => "délai dépassé",
        K::Unsupported => "opération non prise en charge par le système",
        K::ResourceBusy => "ressource occupée",
        K::ExecutableFileBusy => "fichier exécutable en cours d'utilisation",
        K::TooManyLinks => "trop de liens",
        K::InvalidInput => "paramètre invalide",
        K::UnexpectedEof => "fin de fichier inattendue",
        K::ArgumentListTooLong => "liste d'arguments trop longue",
        K::HostUnreachable | K::NetworkUnreachable | K::NetworkDown => "réseau inaccessible",
        // The system's own words are English ("… (os error 5) at path …"): only its number.
        _ => {
            return match e.raw_os_error() {
                Some(n) => format!("erreur système n° {n}"),
                None => "erreur d'entrée-sortie".to_owned(),
            };
        }
    };
    match e.raw_os_error() {
        Some(n) => format!("{fr} (erreur système {n})"),
        None => fr.to_owned(),
    }
}

fn render_all(d: &[Diagnostic]) -> String {
    let errors = d.iter().filter(|x| x.severity == Severity::Erreur).count();
    let mut s: String = d.iter().map(|x| format!("{x}\n")).collect();
    s.push_str(&format!("{errors} erreur(s) : fichier refusé"));
    s
}

/// The library's result, with its French [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// A line for the terminal: control characters (escape sequences, carriage returns, tabulations,
/// bidirectional overrides) written escaped (`\u{1b}`), never raw. Texts of a plan file reach the
/// terminal unchecked by validation.
pub fn terminal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn serde_messages_get_the_code_of_their_kind() {
        for (msg, code) in [
            (
                "unknown field `nmo`, expected one of `id`, `nom`",
                Code::UnknownKey,
            ),
            ("missing field `contrat`", Code::MissingKey),
            (
                "unknown variant `velo`, expected one of `marche`",
                Code::UnknownValue,
            ),
            ("duplicate field `nom`", Code::DuplicateKey),
            (
                "invalid type: string \"vingt\", expected f64",
                Code::WrongType,
            ),
            ("invalid value: integer `-3`, expected u32", Code::WrongType),
            (
                "invalid length 3, expected a tuple of size 2",
                Code::WrongType,
            ),
            ("input is out of range", Code::InvalidDate),
            (
                "invalid value: string \"x\", expected a formatted date string",
                Code::InvalidDate,
            ),
            (
                "heure invalide « 7h » (attendu \"HH:MM\")",
                Code::InvalidTime,
            ),
            (
                "plage horaire invalide « 8-9 » (attendu \"HH:MM-HH:MM\")",
                Code::InvalidTime,
            ),
            (
                "700 n'est pas une heure \"HH:MM\" (mettre entre guillemets)",
                Code::InvalidTime,
            ),
        ] {
            assert_eq!(Code::of_serde_message(msg), code, "{msg}");
        }
    }
}
