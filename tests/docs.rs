//! The README is where users look: it must document every check and every
//! front-matter field the code knows about.

use signpost::check::CHECKS;
use signpost::content::Kind;
use signpost::content::kinds::{COMMON, SECTION_OF_VACANCIES};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
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
    let all = Kind::ALL
        .iter()
        .flat_map(|k| k.fields())
        .chain(COMMON)
        .chain(SECTION_OF_VACANCIES);
    for f in all {
        assert!(
            readme.contains(&format!("| `{}` |", f.name)),
            "README does not document the field `{}`",
            f.name
        );
    }
}
