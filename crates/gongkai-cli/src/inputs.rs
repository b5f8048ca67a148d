//! Turning the PATH arguments into a list of inputs: files as given, directories walked
//! recursively in a stable (sorted) order, `-` for standard input.

use std::path::{Path, PathBuf};

/// One input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file, or a path that turned out not to be readable (its error is reported when it is read).
    File(PathBuf),
}

impl Input {
    /// The `source` name used in output: the path as given or found, `<stdin>` for `-`.
    pub fn source(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(p) => p.to_string_lossy().into_owned(),
        }
    }
}

/// File names taken from a directory when no `--glob` is given.
pub const DEFAULT_GLOBS: &[&str] = &["*.txt", "*.html", "*.htm", "*.shtml"];

/// Expand the arguments. Directories are walked (hidden entries skipped, symbolic links to
/// directories not followed) and their files kept when they match one of `globs` (by file name,
/// or by path relative to the directory when the pattern holds a `/`). Files named on the command
/// line are always kept. A path that does not exist is kept, so that it gives its error line.
pub fn expand(paths: &[String], globs: &[String]) -> Vec<Input> {
    let patterns: Vec<Vec<char>> = if globs.is_empty() {
        DEFAULT_GLOBS.iter().map(|g| g.chars().collect()).collect()
    } else {
        globs.iter().flat_map(|g| expand_braces(g)).map(|g| g.chars().collect()).collect()
    };
    let mut out = Vec::new();
    for arg in paths {
        if arg == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let path = PathBuf::from(arg);
        if path.is_dir() {
            let mut found = Vec::new();
            walk(&path, &path, &patterns, &mut found);
            out.extend(found.into_iter().map(Input::File));
        } else {
            out.push(Input::File(path));
        }
    }
    out
}

fn walk(root: &Path, dir: &Path, patterns: &[Vec<char>], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        // An unreadable directory: keep it as an input so that its error is reported.
        out.push(dir.to_path_buf());
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            walk(root, &path, patterns, out);
        } else if (kind.is_file() || (kind.is_symlink() && path.is_file())) && wanted(root, &path, patterns) {
            out.push(path);
        }
    }
}

fn wanted(root: &Path, path: &Path, patterns: &[Vec<char>]) -> bool {
    let name: Vec<char> = path.file_name().map(|n| n.to_string_lossy().chars().collect()).unwrap_or_default();
    let rel: Vec<char> = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
        .chars()
        .collect();
    patterns.iter().any(|p| if p.contains(&'/') { glob(p, &rel) } else { glob(p, &name) })
}

/// `a{b,c}d` → `abd`, `acd` (nesting allowed).
pub fn expand_braces(pattern: &str) -> Vec<String> {
    let Some(open) = pattern.find('{') else { return vec![pattern.to_string()] };
    let mut depth = 0;
    let mut parts = Vec::new();
    let mut start = open + 1;
    for (i, ch) in pattern[open..].char_indices().map(|(i, c)| (i + open, c)) {
        match ch {
            '{' => depth += 1,
            ',' if depth == 1 => {
                parts.push(&pattern[start..i]);
                start = i + 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    parts.push(&pattern[start..i]);
                    let (head, tail) = (&pattern[..open], &pattern[i + 1..]);
                    return parts
                        .iter()
                        .flat_map(|p| expand_braces(&format!("{head}{p}{tail}")))
                        .collect();
                }
            }
            _ => {}
        }
    }
    vec![pattern.to_string()]
}

/// Shell-style matching: `*` (not across `/`), `**` (across `/`), `?`, `[abc]`, `[a-z]`, `[!a]`.
pub fn glob(pattern: &[char], text: &[char]) -> bool {
    match pattern.first() {
        None => text.is_empty(),
        Some('*') => {
            if pattern.get(1) == Some(&'*') {
                let mut rest = &pattern[2..];
                if rest.first() == Some(&'/') {
                    // `**/x` also matches `x` at the top.
                    if glob(&rest[1..], text) {
                        return true;
                    }
                    rest = &rest[1..];
                    return (0..=text.len()).any(|i| (i == 0 || text[i - 1] == '/') && glob(rest, &text[i..]));
                }
                (0..=text.len()).any(|i| glob(rest, &text[i..]))
            } else {
                let rest = &pattern[1..];
                for i in 0..=text.len() {
                    if glob(rest, &text[i..]) {
                        return true;
                    }
                    if text.get(i) == Some(&'/') {
                        break;
                    }
                }
                false
            }
        }
        Some('?') => text.first().is_some_and(|&c| c != '/') && glob(&pattern[1..], &text[1..]),
        Some('[') => {
            let Some(close) = pattern.iter().skip(2).position(|&c| c == ']').map(|p| p + 2) else {
                return text.first() == Some(&'[') && glob(&pattern[1..], &text[1..]);
            };
            let Some(&c) = text.first() else { return false };
            let mut set = &pattern[1..close];
            let negate = matches!(set.first(), Some('!' | '^'));
            if negate {
                set = &set[1..];
            }
            let mut hit = false;
            let mut i = 0;
            while i < set.len() {
                if i + 2 < set.len() && set[i + 1] == '-' {
                    hit |= set[i] <= c && c <= set[i + 2];
                    i += 3;
                } else {
                    hit |= set[i] == c;
                    i += 1;
                }
            }
            hit != negate && glob(&pattern[close + 1..], &text[1..])
        }
        Some(&p) => text.first() == Some(&p) && glob(&pattern[1..], &text[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, t: &str) -> bool {
        glob(&p.chars().collect::<Vec<_>>(), &t.chars().collect::<Vec<_>>())
    }

    #[test]
    fn globs() {
        assert!(m("*.txt", "a.txt"));
        assert!(!m("*.txt", "a.html"));
        assert!(m("pingtan-20?0.*", "pingtan-2020.html"));
        assert!(m("[0-9]*_*.txt", "001_333.txt"));
        assert!(!m("[!0-9]*", "001_333.txt"));
        assert!(m("real/*.txt", "real/x.txt"));
        assert!(!m("*.txt", "real/x.txt"));
        assert!(m("**/*.txt", "x.txt"));
        assert!(m("**/*.txt", "a/b/x.txt"));
        assert!(m("**", "a/b/x.txt"));
        assert!(m("政府*", "政府信息公开.txt"));
    }

    #[test]
    fn braces() {
        assert_eq!(expand_braces("*.{txt,html}"), vec!["*.txt", "*.html"]);
        assert_eq!(expand_braces("a{b,{c,d}}e"), vec!["abe", "ace", "ade"]);
        assert_eq!(expand_braces("plain"), vec!["plain"]);
        assert_eq!(expand_braces("open{"), vec!["open{"]);
    }
}
