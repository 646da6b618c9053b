//! The house: README's layout lists every module of `src/` and nothing
//! else, bottom layer first, and no module imports one listed after it.

use crate::util::root;

/// The `src/` entries of README's layout block, in order.
fn listed() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README reads");
    let block = readme
        .split("## Layout")
        .nth(1)
        .and_then(|s| s.split("```text").nth(1))
        .and_then(|s| s.split("```").next())
        .expect("a layout block");
    block
        .lines()
        .skip_while(|l| l.trim() != "src/")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .map(|name| {
            name.trim_end_matches('/')
                .trim_end_matches(".rs")
                .to_string()
        })
        .collect()
}

#[test]
fn the_layout_lists_every_module_of_src() {
    let mut on_disk: Vec<String> = std::fs::read_dir(root().join("src"))
        .expect("src reads")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .map(|n| n.trim_end_matches(".rs").to_string())
        .collect();
    on_disk.sort();
    let mut in_readme = listed();
    in_readme.sort();
    assert_eq!(in_readme, on_disk);
}

/// The `crate::X` modules a file of module `m` imports.
fn imports(path: &std::path::Path, out: &mut Vec<(String, String)>) {
    if path.is_dir() {
        for e in std::fs::read_dir(path).expect("reads").flatten() {
            imports(&e.path(), out);
        }
        return;
    }
    let text = std::fs::read_to_string(path).expect("reads");
    // Unit tests may reach anywhere; only the code counts.
    let code: String = text
        .split("#[cfg(test)]")
        .next()
        .unwrap_or("")
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let file = path.display().to_string();
    for (i, _) in code.match_indices("crate::") {
        let name: String = code[i + 7..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        out.push((file.clone(), name));
    }
}

#[test]
fn no_module_imports_one_above_it() {
    let order = listed();
    let rank = |m: &str| order.iter().position(|x| x == m);
    let mut wrong = Vec::new();
    for module in &order {
        let Some(own) = rank(module) else { continue };
        let dir = root().join("src").join(module);
        let path = if dir.is_dir() {
            dir
        } else {
            root().join("src").join(format!("{module}.rs"))
        };
        let mut found = Vec::new();
        imports(&path, &mut found);
        for (file, name) in found {
            if rank(&name).is_some_and(|r| r > own) {
                wrong.push(format!("{file} imports crate::{name}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that run upward:\n{}",
        wrong.join("\n")
    );
}
