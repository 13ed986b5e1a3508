//! Limits checked on a YAML text before it is parsed (docs/format-scenario.md, « Bornes »):
//! its size and its nesting. The YAML parser rejects 60 000 nested lists only after tens of
//! seconds; this linear scan refuses them at once, with the line where the limit is passed.

use crate::diag::{Code, Diagnostic, Severity};

/// The largest scenario or variants file, in bytes (a 600-salarié·e scenario is about 1 MB).
pub(crate) const MAX_OCTETS: usize = 32 * 1024 * 1024;
/// The deepest nesting of tables and lists (a scenario needs 6).
pub(crate) const MAX_PROFONDEUR: usize = 64;

fn diag(code: Code, file: &str, line: Option<usize>, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Erreur,
        code,
        file: file.to_owned(),
        line,
        column: None,
        path: String::new(),
        message,
    }
}

/// The first line where the nesting of `text` passes `max`, with that depth: indentation
/// levels, `- ` items on one line, and `[`/`{` opened and not yet closed (outside quotes and
/// comments; a bracket inside a plain text such as `Résidence A [bât]` does not count).
pub(crate) fn trop_profond(text: &str, max: usize) -> Option<(usize, usize)> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    for (n, line) in text.lines().enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let rest = &bytes[indent..];
        if flow == 0 {
            if rest.is_empty() || rest[0] == b'#' {
                continue;
            }
            while indents.last().is_some_and(|&i| i >= indent) {
                indents.pop();
            }
            indents.push(indent);
        }
        // Within the line: `- ` items and flow brackets.
        let mut dashes = 0usize;
        let mut i = indent;
        let mut at_value_start = true;
        let mut quote: Option<u8> = None;
        let mut depth_max = 0usize;
        while i < bytes.len() {
            let b = bytes[i];
            match quote {
                Some(q) => {
                    if b == b'\\' && q == b'"' {
                        i += 1;
                    } else if b == q {
                        quote = None;
                    }
                }
                None => match b {
                    b'"' | b'\'' if at_value_start || flow > 0 => quote = Some(b),
                    b'#' if i == 0 || bytes[i - 1] == b' ' => break,
                    b'-' if flow == 0
                        && at_value_start
                        && bytes.get(i + 1).is_none_or(|&c| c == b' ') =>
                    {
                        dashes += 1;
                    }
                    b'[' | b'{' if flow > 0 || at_value_start => {
                        flow += 1;
                        at_value_start = true;
                        depth_max = depth_max.max(flow);
                        i += 1;
                        continue;
                    }
                    b']' | b'}' if flow > 0 => flow -= 1,
                    b' ' => {
                        i += 1;
                        continue;
                    }
                    b':' if bytes.get(i + 1).is_none_or(|&c| c == b' ') => {
                        at_value_start = true;
                        i += 1;
                        continue;
                    }
                    b',' if flow > 0 => {
                        at_value_start = true;
                        i += 1;
                        continue;
                    }
                    _ => {}
                },
            }
            if quote.is_none() && b != b'-' {
                at_value_start = false;
            }
            i += 1;
        }
        let depth = indents.len() + dashes + depth_max.max(flow);
        if depth > max {
            return Some((n + 1, depth));
        }
    }
    None
}

/// The size and nesting of a YAML text, checked before it is parsed.
pub fn verifier(text: &str, file: &str) -> Result<(), Diagnostic> {
    if text.len() > MAX_OCTETS {
        return Err(diag(
            Code::FileTooLarge,
            file,
            None,
            format!(
                "fichier trop grand : {} Mo (au plus {} Mo)",
                text.len().div_ceil(1024 * 1024),
                MAX_OCTETS / (1024 * 1024)
            ),
        ));
    }
    if let Some((line, depth)) = trop_profond(text, MAX_PROFONDEUR) {
        return Err(diag(
            Code::NestingTooDeep,
            file,
            Some(line),
            format!(
                "imbrication trop profonde : plus de {MAX_PROFONDEUR} niveaux de tables et de listes (au moins {depth} ici)"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::trop_profond;

    #[test]
    fn counts_indentation_items_and_brackets() {
        assert_eq!(trop_profond("a:\n  b:\n    c: 1\n", 3), None);
        assert_eq!(trop_profond("a:\n  b:\n    c: 1\n", 2), Some((3, 3)));
        assert_eq!(trop_profond("a: [[[1]]]\n", 3), Some((1, 4)));
        assert_eq!(trop_profond("a: [[[1]]]\n", 4), None);
        assert_eq!(trop_profond("a: {b: {c: [1, {d: 2}]}}\n", 5), None);
        assert_eq!(trop_profond("a: {b: {c: [1, {d: 2}]}}\n", 4), Some((1, 5)));
        // Text, quotes and comments do not count.
        assert_eq!(trop_profond("a: Résidence [[[[bât]]]]\n", 2), None);
        assert_eq!(trop_profond("a: \"[[[[\"\n", 2), None);
        assert_eq!(trop_profond("a: 1 # [[[[[[\n", 2), None);
        assert_eq!(trop_profond("- - - - a\n", 4), Some((1, 5)));
        // A flow list over several lines.
        assert_eq!(trop_profond("a: [\n  [\n   [1]]]\n", 3), Some((3, 4)));
    }
}
