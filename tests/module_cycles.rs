//! No import cycles between the modules of any crate of the workspace.
//!
//! Every `crate::…` and `super::…` path in a crate's source (its tests left out) is an edge
//! from the module whose file holds it to the module it names. Edges between a module and
//! its own descendants are structure, not dependencies; every other edge is lifted to the two
//! sibling modules under their nearest common ancestor (`extract::dates::lex →
//! model::features` is `extract → model` in the crate root). Among the siblings of each
//! parent the edges must form no cycle: one can then read any module knowing only those it
//! comes after.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crates of the workspace: (name, source folder).
const CRATES: [(&str, &str); 4] = [
    ("newsmark-web", "src"),
    ("newsmark-core", "crates/newsmark-core/src"),
    ("newsmark-train", "crates/newsmark-train/src"),
    ("newsmark-cli", "crates/newsmark-cli/src"),
];

type Module = Vec<String>;

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module a file defines: `extract/dates/mod.rs` is `extract::dates`, `lib.rs` the root.
fn module_of(root: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(root).unwrap().with_extension("");
    let mut m: Module = rel
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    if matches!(m.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        m.pop();
    }
    m
}

/// The source without its tests: test modules may reach anywhere.
fn without_tests(src: &str) -> &str {
    match src.find("#[cfg(test)]\nmod tests") {
        Some(i) => &src[..i],
        None => src,
    }
}

/// Expands one `use` tree (`a::{b, c::{d, e}}`) into its paths.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut parts, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(|p| expand(p).into_iter().map(move |s| format!("{prefix}{s}")))
        .collect()
}

/// Every path starting with `crate::` or `super::` in `src`, `use` trees expanded.
fn paths(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let code: String = src
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let starts = (rest.starts_with("crate::") || rest.starts_with("super::"))
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'));
        if !starts {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        // The path runs over identifiers, `::` and (in a `use`) balanced braces.
        let mut depth = 0;
        let mut end = 0;
        for (k, c) in rest.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth > 0 => depth -= 1,
                c if c.is_alphanumeric() || c == '_' || c == ':' => {}
                c if depth > 0 && (c == ',' || c.is_whitespace() || c == '*') => {}
                _ => {
                    end = k;
                    break;
                }
            }
            end = k + c.len_utf8();
        }
        out.extend(expand(&rest[..end].replace(char::is_whitespace, "")));
        i += end.max(1);
    }
    out
}

/// The module a path names, resolved against the modules that exist.
fn target(from: &Module, path: &str, modules: &BTreeSet<Module>) -> Option<Module> {
    let mut segs = path.split("::").filter(|s| !s.is_empty());
    let mut base: Module = match segs.next()? {
        "crate" => Vec::new(),
        "super" => from[..from.len().checked_sub(1)?].to_vec(),
        _ => return None,
    };
    for s in segs {
        if s == "super" {
            base.pop();
            continue;
        }
        let mut next = base.clone();
        next.push(s.to_string());
        if !modules.contains(&next) {
            break;
        }
        base = next;
    }
    Some(base)
}

/// Sibling edges of one crate: parent module → (from child, to child).
fn sibling_edges(root: &Path) -> BTreeMap<Module, BTreeSet<(String, String)>> {
    let mut files = Vec::new();
    rs_files(root, &mut files);
    let mut modules: BTreeSet<Module> = files.iter().map(|f| module_of(root, f)).collect();
    // Inline modules (`mod shell { … }`) are not files; their paths still resolve to the file.
    modules.insert(Vec::new());
    let mut edges: BTreeMap<Module, BTreeSet<(String, String)>> = BTreeMap::new();
    for f in &files {
        let from = module_of(root, f);
        if from.last().is_some_and(|l| l == "tests") {
            continue;
        }
        let src = std::fs::read_to_string(f).unwrap();
        for p in paths(without_tests(&src)) {
            let Some(to) = target(&from, &p, &modules) else {
                continue;
            };
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            if common == from.len() || common == to.len() {
                continue; // within one line of descent
            }
            edges
                .entry(from[..common].to_vec())
                .or_default()
                .insert((from[common].clone(), to[common].clone()));
        }
    }
    edges
}

/// A cycle among `edges`, if there is one.
fn find_cycle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges {
        next.entry(a).or_default().push(b);
    }
    fn visit<'a>(
        n: &'a str,
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        state: &mut BTreeMap<&'a str, u8>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(2) => return None,
            Some(1) => {
                let at = stack.iter().position(|s| *s == n).unwrap();
                let mut c: Vec<String> = stack[at..].iter().map(|s| s.to_string()).collect();
                c.push(n.to_string());
                return Some(c);
            }
            _ => {}
        }
        state.insert(n, 1);
        stack.push(n);
        for &m in next.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, next, state, stack) {
                return Some(c);
            }
        }
        stack.pop();
        state.insert(n, 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in next.keys() {
        if let Some(c) = visit(n, &next, &mut state, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_module_imports_another_that_imports_it_back() {
    let ws = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cycles = Vec::new();
    let mut seen = 0;
    for (name, dir) in CRATES {
        for (parent, e) in sibling_edges(&ws.join(dir)) {
            seen += e.len();
            if let Some(c) = find_cycle(&e) {
                let at = if parent.is_empty() {
                    "crate root".to_string()
                } else {
                    parent.join("::")
                };
                cycles.push(format!("{name}, in {at}: {}", c.join(" → ")));
            }
        }
    }
    assert!(seen > 20, "only {seen} edges found: the scan is broken");
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_scan_sees_use_trees_and_cycles() {
    let got = paths("use crate::a::{b::{C, d}, e};\nfn f() { super::x::y(); crate::z }");
    assert_eq!(
        got,
        [
            "crate::a::b::C",
            "crate::a::b::d",
            "crate::a::e",
            "super::x::y",
            "crate::z"
        ]
    );
    let e: BTreeSet<(String, String)> = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]
        .iter()
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .collect();
    assert_eq!(find_cycle(&e).unwrap(), ["a", "b", "c", "a"]);
    let modules: BTreeSet<Module> = [vec![], vec!["x".to_string()], vec!["x".into(), "y".into()]]
        .into_iter()
        .collect();
    let from = vec!["x".to_string(), "y".to_string()];
    assert_eq!(
        target(&from, "super::super::x::Z", &modules),
        Some(vec!["x".to_string()])
    );
}
