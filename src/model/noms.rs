//! How people are named in what a person reads: their `nom` (else their id) or a pseudonym
//! (`S-001`), in one place for the reports and for the causes the kernel writes
//! (`kernel::explain`), which both name people.

use crate::format::scenario::Scenario;
use std::collections::BTreeMap;

/// The pseudonym of the `n`-th person (from 1) of a role: `S-001`, `E-002`, `C-003`.
pub fn pseudonyme(role: char, n: usize) -> String {
    format!("{role}-{n:03}")
}

/// The role and number of a pseudonym (`S-012` → `('S', 12)`).
fn numero(p: &str) -> Option<(char, usize)> {
    let (role, n) = p.split_once('-')?;
    let mut c = role.chars();
    let role = c.next().filter(|_| c.next().is_none())?;
    Some((role, n.parse().ok()?))
}

/// Person names of one or more scenarios as a report shows them: `nom` (else the id), or a
/// pseudonym.
///
/// Pseudonyms are numbered per role (S salarié·es, E encadrant·es, C CIP) in the order people
/// appear in the scenarios, taken in the order given (the balance gives them by period start),
/// each id numbered once. A person keeps their pseudonym in every report made from the same
/// scenario, and across weeks as long as the scenario's lists are only appended to (newcomers at
/// the end); with the registre's table ([`Noms::de_table`]), whatever the lists become. The number says nothing of the id or the name: a list of candidate ids does not
/// give it back, unlike a hash of the id (docs/rapports.md, Pseudonymisation).
#[derive(Debug, Clone)]
pub struct Noms {
    map: BTreeMap<String, String>,
    /// Every id and name of the scenarios with its shown form, longest first (for [`Noms::texte`]).
    remplacements: Vec<(String, String)>,
    pseudonymiser: bool,
}

impl Noms {
    /// The names of one scenario's people (pseudonyms S-001… in the scenario's order when
    /// `pseudonymiser`).
    pub fn new(sc: &Scenario, pseudonymiser: bool) -> Noms {
        Noms::de(&[sc], pseudonymiser)
    }

    /// The names of several scenarios (the same people across weeks).
    pub fn de(scenarios: &[&Scenario], pseudonymiser: bool) -> Noms {
        Noms::construire(scenarios, pseudonymiser, &BTreeMap::new())
    }

    /// Pseudonyms that stay with each person whatever the order of the scenarios' lists: `connus`
    /// (id → pseudonym, the registre's table) first; a person it does not hold gets the next
    /// number of their role never given (above every number of `connus` for that role), in the
    /// order of the scenarios. [`Noms::pseudonymes`] gives the whole table back to be kept.
    pub fn de_table(scenarios: &[&Scenario], connus: &BTreeMap<String, String>) -> Noms {
        Noms::construire(scenarios, true, connus)
    }

    /// Every person's id with their pseudonym (empty when not pseudonymising).
    pub fn pseudonymes(&self) -> Vec<(String, String)> {
        if !self.pseudonymiser {
            return Vec::new();
        }
        self.map
            .iter()
            .map(|(id, p)| (id.clone(), p.clone()))
            .collect()
    }

    fn construire(
        scenarios: &[&Scenario],
        pseudonymiser: bool,
        connus: &BTreeMap<String, String>,
    ) -> Noms {
        let mut map = BTreeMap::new();
        let mut remplacements = Vec::new();
        // Per role, the highest number given so far (the table's, then the new ones).
        let mut counts: BTreeMap<char, usize> = BTreeMap::new();
        for p in connus.values() {
            if let Some((role, n)) = numero(p) {
                let c = counts.entry(role).or_insert(0);
                *c = (*c).max(n);
            }
        }
        let mut put = |role: char, id: &str, nom: &Option<String>| {
            if map.contains_key(id) {
                return;
            }
            let shown = if let Some(p) = connus.get(id).filter(|_| pseudonymiser) {
                p.clone()
            } else if pseudonymiser {
                let n = counts.entry(role).or_insert(0);
                *n += 1;
                pseudonyme(role, *n)
            } else {
                nom.clone().unwrap_or_else(|| id.to_owned())
            };
            remplacements.push((id.to_owned(), shown.clone()));
            if let Some(n) = nom {
                remplacements.push((n.clone(), shown.clone()));
            }
            map.insert(id.to_owned(), shown);
        };
        for sc in scenarios {
            for s in &sc.salaries {
                put('S', &s.id, &s.nom);
            }
        }
        for sc in scenarios {
            for e in &sc.encadrants {
                put('E', &e.id, &e.nom);
            }
        }
        for sc in scenarios {
            for c in &sc.cips {
                put('C', &c.id, &c.nom);
            }
        }
        remplacements.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        remplacements.retain(|(k, _)| !k.is_empty());
        Noms {
            map,
            remplacements,
            pseudonymiser,
        }
    }

    /// The shown name of person `id` (an id the scenario does not know: itself, or
    /// `personne inconnue` when pseudonymising).
    pub fn of(&self, id: &str) -> String {
        match self.map.get(id) {
            Some(n) => n.clone(),
            None if self.pseudonymiser => "personne inconnue".to_owned(),
            None => id.to_owned(),
        }
    }

    /// The id column of a report: the id, or the pseudonym when pseudonymising.
    pub fn id(&self, id: &str) -> String {
        if self.pseudonymiser {
            self.of(id)
        } else {
            id.to_owned()
        }
    }

    /// Whether names are pseudonyms.
    pub fn pseudonymised(&self) -> bool {
        self.pseudonymiser
    }

    /// Free text from a plan file (a conflict's reason) as a report may show it: when
    /// pseudonymising, every id and name of the scenarios standing as a whole word is replaced
    /// by its pseudonym; otherwise the text as it is.
    pub fn texte(&self, s: &str) -> String {
        if !self.pseudonymiser {
            return s.to_owned();
        }
        let word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
        let mut out = s.to_owned();
        for (k, v) in &self.remplacements {
            let mut res = String::with_capacity(out.len());
            let mut rest = out.as_str();
            let mut prev: Option<char> = None;
            while let Some(pos) = rest.find(k.as_str()) {
                let before = rest[..pos].chars().next_back().or(prev);
                let after = rest[pos + k.len()..].chars().next();
                res.push_str(&rest[..pos]);
                if before.is_some_and(word) || after.is_some_and(word) {
                    res.push_str(k);
                } else {
                    res.push_str(v);
                }
                prev = k.chars().next_back();
                rest = &rest[pos + k.len()..];
            }
            res.push_str(rest);
            out = res;
        }
        out
    }
}
