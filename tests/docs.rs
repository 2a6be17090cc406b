//! The README is where users look: it must document every check and every
//! front-matter field the code knows about.

use signpost::registry::CHECKS;
use signpost::schema::Kinds;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

/// README's table of checks, made from the registry.
fn checks_table() -> String {
    let mut t = String::from(
        "| check | default | what it catches | how to fix it |\n| --- | --- | --- | --- |\n",
    );
    for c in CHECKS {
        let level = match c.default {
            signpost::Severity::Error => "error",
            signpost::Severity::Warning => "warning",
        };
        t.push_str(&format!(
            "| `{}` | {level} | {} | {} |\n",
            c.code, c.catches, c.fix
        ));
    }
    t
}

#[test]
fn the_readme_table_of_checks_is_made_from_the_registry() {
    let readme = readme();
    let start_marker = "cargo test --test docs -->\n";
    let end_marker = "<!-- end of the table of checks -->";
    let start = readme.find(start_marker).expect("the table's start marker") + start_marker.len();
    let end = readme.find(end_marker).expect("the table's end marker");
    // A blank line between the table and the marker ends the table.
    let want = checks_table() + "\n";
    if std::env::var_os("SIGNPOST_REFRESH_README").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let updated = format!("{}{want}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, updated).expect("write README.md");
        return;
    }
    assert_eq!(
        &readme[start..end],
        want,
        "README's table of checks differs from src/registry.rs: run SIGNPOST_REFRESH_README=1 cargo test --test docs"
    );
}

#[test]
fn the_readme_lists_every_check_with_its_code() {
    let readme = readme();
    for c in CHECKS {
        assert!(
            readme.contains(&format!("| `{}` |", c.code)),
            "README does not list the check `{}`",
            c.code
        );
    }
}

#[test]
fn the_readme_documents_every_front_matter_field() {
    let readme = readme();
    let kinds = Kinds::default();
    let all = kinds
        .kinds
        .iter()
        .flat_map(|k| k.fields.iter().chain(&k.section_fields))
        .chain(&kinds.common);
    for f in all {
        assert!(
            readme.contains(&format!("| `{}` |", f.name)),
            "README does not document the field `{}`",
            f.name
        );
    }
}

#[test]
fn the_readme_settings_example_is_a_valid_site_yaml() {
    let readme = readme();
    let start = readme
        .find("## Settings: `site.yaml`")
        .expect("settings section");
    let block = &readme[start..];
    let open = block.find("```yaml\n").expect("yaml block") + "```yaml\n".len();
    let close = block[open..].find("```").expect("end of block");
    let mut diags = signpost::Diagnostics::default();
    let config = signpost::Config::parse(&block[open..open + close], &mut diags);
    assert!(config.is_some(), "{:#?}", diags.sorted());
}

#[test]
fn the_readme_shows_every_component_and_every_picture_it_names_exists() {
    let readme = readme();
    for c in signpost::markdown::components::registry::COMPONENTS {
        assert!(
            readme.contains(&format!(":::{}\n", c.name))
                || readme.contains(&format!(":::{} ", c.name)),
            "README's Components section does not show `:::{}`",
            c.name
        );
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (i, _) in readme.match_indices("](docs/") {
        let rest = &readme[i + 2..];
        let path = &rest[..rest.find(')').unwrap_or(rest.len())];
        assert!(
            root.join(path).is_file(),
            "README shows `{path}`, which is missing"
        );
    }
}
