//! No build ever loses a file: two builds at once, output folders that are
//! not Signpost's, files kept across builds, builds killed at each step of
//! the swap, and shortcuts. Each case runs the real command on a temporary
//! copy of a fixture site.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{TestSite, read_tree};

/// Runs `signpost build` in `dir` with extra arguments and environment.
fn build_cmd(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_signpost"));
    cmd.arg("build")
        .args(["--today", common::TODAY])
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SIGNPOST_FAILPOINT");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    build_cmd(dir, args, env).output().expect("run signpost")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Builds with the command and fails the test unless it worked.
fn build_ok(site: &TestSite) {
    let out = run(&site.root, &[], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// What is beside `public/` in the site folder, other than the site's own.
fn leftovers(site: &TestSite) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(&site.root)
        .expect("read site folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.") && !n.ends_with(".signpost-lock"))
        .collect();
    names.sort();
    names
}

/// Adds `n` short pages, so a build takes long enough to overlap another.
fn add_pages(site: &TestSite, n: usize) {
    for i in 0..n {
        site.write(
            &format!("content/note-{i}.md"),
            &format!("---\ntitle: Note {i}\nsummary: Note {i}.\n---\nA short note, number {i}.\n"),
        );
    }
}

#[test]
fn two_builds_at_once_both_finish_and_leave_the_whole_site() {
    let site = TestSite::new("site");
    add_pages(&site, 1500);
    let first = build_cmd(&site.root, &[], &[])
        .spawn()
        .expect("start first build");
    let second = build_cmd(&site.root, &[], &[])
        .spawn()
        .expect("start second build");
    for child in [first, second] {
        let out = child.wait_with_output().expect("wait for build");
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let tree = read_tree(&site.output());
    let notes = tree
        .keys()
        .filter(|k| k.starts_with("note-") && k.ends_with("/index.html"))
        .count();
    assert_eq!(notes, 1500, "every page is in public/");
    assert!(tree.contains_key("index.html"));
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn a_build_waits_while_another_holds_the_output_and_says_so() {
    let site = TestSite::new("site");
    let lock_path = site.path(".public.signpost-lock");
    let lock = fs::File::create(&lock_path).expect("create lock");
    fs::write(&lock_path, "process 4242, started 2026-11-24 10:00:00\n").expect("write lock");
    lock.lock().expect("hold the lock");
    let child = build_cmd(&site.root, &[], &[])
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start build");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        !site.output_exists("index.html"),
        "the build must not write while another build holds the output"
    );
    lock.unlock().expect("let go");
    let out = child.wait_with_output().expect("wait for build");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Waiting for another build of")
            && stderr(&out).contains("(process 4242, started 2026-11-24 10:00:00)"),
        "{}",
        stderr(&out)
    );
    assert!(site.output_exists("index.html"));
}

/// Asserts that `--output <target>` is refused with exit 2 and a message
/// containing `says`, and that nothing under `keep` changed.
fn assert_refused(site: &TestSite, target: &str, keep: &Path, says: &str) {
    let before = read_tree(keep);
    let out = run(&site.root, &["--output", target], &[]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "--output {target}: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains(says),
        "--output {target}: {}",
        stderr(&out)
    );
    assert_eq!(read_tree(keep), before, "--output {target} changed files");
}

#[test]
fn the_output_may_not_be_a_folder_the_site_reads() {
    let site = TestSite::new("site");
    site.write(".signpost/feedback.jsonl", "{\"rating\":\"yes\"}\n");
    let root = site.root.clone();
    site.write(".git/HEAD", "ref: refs/heads/main\n");
    site.write("src/notes.txt", "notes");
    for (target, says) in [
        ("content/services", "is inside the site's `content` folder"),
        ("content", "is the site's `content` folder"),
        ("themes/default", "is inside the site's `themes` folder"),
        (".signpost", "is the site's `.signpost` folder"),
        ("static/new-folder", "is inside the site's `static` folder"),
        (".git", "is the site's `.git` folder"),
        ("src", "is the site's `src` folder"),
        (".", "holds the site itself"),
        ("..", "holds the site itself"),
    ] {
        assert_refused(&site, target, &root, says);
    }
}

#[test]
fn the_output_may_not_be_a_folder_of_someone_elses_files() {
    let site = TestSite::new("site");
    let other = site.root.parent().expect("parent").join("documents");
    fs::create_dir_all(other.join("reports")).expect("create folder");
    fs::write(other.join("thesis.docx"), "my thesis").expect("write");
    fs::write(other.join("reports/2026.txt"), "figures").expect("write");
    assert_refused(
        &site,
        other.to_str().expect("utf-8 path"),
        &other,
        "already holds files that Signpost did not write (`reports`, `thesis.docx`)",
    );
    // A file where the folder would be is not replaced either.
    let file = other.join("thesis.docx");
    assert_refused(
        &site,
        file.to_str().expect("utf-8"),
        &other,
        "is a file, not a folder",
    );
}

#[test]
fn the_output_may_be_missing_empty_or_hold_only_dot_files() {
    let site = TestSite::new("site");
    let base = site.root.parent().expect("parent").to_path_buf();
    fs::create_dir_all(base.join("empty")).expect("mkdir");
    fs::create_dir_all(base.join("repo/.git")).expect("mkdir");
    fs::write(base.join("repo/.git/HEAD"), "ref: refs/heads/gh-pages\n").expect("write");
    for target in ["missing/deeper", "empty", "repo"] {
        let dir = base.join(target);
        let out = run(&site.root, &["--output", dir.to_str().expect("utf-8")], &[]);
        assert_eq!(out.status.code(), Some(0), "{target}: {}", stderr(&out));
        assert!(dir.join("index.html").is_file(), "{target}");
        assert!(dir.join(".signpost-output").is_file(), "{target} is marked");
    }
    assert_eq!(
        fs::read_to_string(base.join("repo/.git/HEAD")).expect("HEAD"),
        "ref: refs/heads/gh-pages\n"
    );
}

#[test]
fn an_unmarked_output_of_an_older_signpost_is_replaced_keeping_what_the_build_does_not_make() {
    let site = TestSite::new("site");
    build_ok(&site);
    fs::remove_file(site.output().join(".signpost-output")).expect("unmark");
    site.write("public/.git/HEAD", "ref: refs/heads/main\n");
    site.write("public/CNAME", "peer-support.example.org\n");
    site.write("public/downloads/thesis.docx", "my thesis");
    site.write("public/index.html", "<p>the older build's home page</p>");
    let out = run(&site.root, &[], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("was built by an older Signpost")
            && stderr(&out).contains("`CNAME`, `downloads`"),
        "{}",
        stderr(&out)
    );
    assert_ne!(
        site.read_output("index.html"),
        "<p>the older build's home page</p>"
    );
    assert_eq!(site.read_output(".git/HEAD"), "ref: refs/heads/main\n");
    assert_eq!(site.read_output("CNAME"), "peer-support.example.org\n");
    assert_eq!(site.read_output("downloads/thesis.docx"), "my thesis");
    assert!(site.output_exists(".signpost-output"));
    // From now on they are known to be someone else's, and stay.
    build_ok(&site);
    assert_eq!(site.read_output("CNAME"), "peer-support.example.org\n");
}

#[test]
fn files_added_to_the_output_by_hand_are_kept_across_builds() {
    let site = TestSite::new("site");
    build_ok(&site);
    site.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    site.write("public/downloads/thesis.docx", "my thesis");
    site.write("public/services/notes.txt", "kept beside built pages");
    site.write("public/google1234.html", "google-site-verification");
    for _ in 0..2 {
        build_ok(&site);
        assert_eq!(site.read_output(".git/HEAD"), "ref: refs/heads/gh-pages\n");
        assert_eq!(site.read_output("downloads/thesis.docx"), "my thesis");
        assert_eq!(
            site.read_output("services/notes.txt"),
            "kept beside built pages"
        );
        assert_eq!(
            site.read_output("google1234.html"),
            "google-site-verification"
        );
        assert!(site.output_exists("services/index.html"));
    }
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn a_kept_file_that_the_new_build_also_makes_stops_the_build_with_nothing_changed() {
    let site = TestSite::new("site");
    build_ok(&site);
    site.write("public/notice.txt", "written by hand");
    site.write("static/notice.txt", "from the site");
    let before = read_tree(&site.output());
    let out = run(&site.root, &[], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("holds `notice.txt` that Signpost did not write"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read_tree(&site.output()), before);
    assert_eq!(leftovers(&site), Vec::<String>::new());
    // The same file, byte for byte, is no clash.
    site.write("static/notice.txt", "written by hand");
    build_ok(&site);
    assert_eq!(site.read_output("notice.txt"), "written by hand");
}

#[test]
fn files_beside_the_output_that_signpost_did_not_make_are_left_alone() {
    let site = TestSite::new("site");
    site.write(".public.old/keep.txt", "mine");
    site.write(".public.signpost-staging/.git/HEAD", "ref: refs/heads/x\n");
    build_ok(&site);
    let out = run(&site.root, &[], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("interrupted build of an older Signpost"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(site.path(".public.old/keep.txt")).expect("kept"),
        "mine"
    );
    assert!(site.path(".public.signpost-staging/.git/HEAD").is_file());
}

/// Builds once, adds a `.git` folder and a hand-made file to the output,
/// then runs a build that is killed (or fails) at `failpoint`.
fn interrupted(failpoint: &str) -> (TestSite, Output) {
    let site = TestSite::new("site");
    build_ok(&site);
    site.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    site.write("public/extra/report.pdf", "report");
    site.write(
        "content/new-page.md",
        "---\ntitle: New page\nsummary: New.\n---\nNew.\n",
    );
    let out = run(&site.root, &[], &[("SIGNPOST_FAILPOINT", failpoint)]);
    (site, out)
}

fn assert_kept_files(site: &TestSite) {
    assert_eq!(site.read_output(".git/HEAD"), "ref: refs/heads/gh-pages\n");
    assert_eq!(site.read_output("extra/report.pdf"), "report");
}

/// After an interruption, the next build recovers everything and leaves
/// nothing behind.
fn assert_next_build_recovers(site: &TestSite) {
    build_ok(site);
    assert_kept_files(site);
    assert!(site.output_exists("new-page/index.html"));
    assert_eq!(leftovers(site), Vec::<String>::new());
}

#[test]
fn a_build_killed_after_moving_kept_files_loses_nothing() {
    let (site, out) = interrupted("swap");
    assert_eq!(out.status.code(), None, "killed: {}", stderr(&out));
    // The old site is still complete at public/.
    assert!(site.output_exists("index.html"));
    assert!(!site.output_exists("new-page/index.html"));
    assert_next_build_recovers(&site);
}

#[test]
fn a_build_killed_after_the_swap_leaves_the_new_site_complete() {
    let (site, out) = interrupted("remove-old");
    assert_eq!(out.status.code(), None, "killed: {}", stderr(&out));
    assert!(site.output_exists("new-page/index.html"));
    assert_kept_files(&site);
    assert_next_build_recovers(&site);
}

#[test]
fn a_build_killed_between_two_renames_is_put_back_by_the_next_build() {
    // Where folders cannot be swapped in one step, the swap is two renames.
    let (site, out) = interrupted("exchange:error,between-renames");
    assert_eq!(out.status.code(), None, "killed: {}", stderr(&out));
    let next = run(&site.root, &[], &[]);
    assert_eq!(next.status.code(), Some(0), "{}", stderr(&next));
    assert!(
        stderr(&next).contains("was put back into"),
        "{}",
        stderr(&next)
    );
    assert_kept_files(&site);
    assert_next_build_recovers(&site);
}

#[test]
fn the_two_rename_swap_keeps_files_too() {
    let (site, out) = interrupted("exchange:error");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_kept_files(&site);
    assert!(site.output_exists("new-page/index.html"));
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn a_failure_while_keeping_files_puts_them_back_and_exits_with_3() {
    let (site, out) = interrupted("keep-1:error");
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Signpost could not finish")
            && stderr(&out).contains("public was not changed"),
        "{}",
        stderr(&out)
    );
    assert_kept_files(&site);
    assert!(!site.output_exists("new-page/index.html"));
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

/// A failure after some files were moved across puts every one back.
fn assert_failed_and_put_back(failpoint: &str) {
    let (site, out) = interrupted(failpoint);
    assert_eq!(out.status.code(), Some(3), "{failpoint}: {}", stderr(&out));
    assert!(
        stderr(&out).contains("public was not changed"),
        "{failpoint}: {}",
        stderr(&out)
    );
    assert_kept_files(&site);
    assert!(!site.output_exists("new-page/index.html"), "{failpoint}");
    assert_eq!(leftovers(&site), Vec::<String>::new(), "{failpoint}");
    assert_next_build_recovers(&site);
}

#[test]
fn a_failure_after_kept_files_were_moved_puts_them_all_back() {
    // The second of the two kept entries (`.git`, `extra`) fails to move.
    assert_failed_and_put_back("keep-2:error");
}

#[test]
fn a_swap_that_fails_puts_the_kept_files_back() {
    assert_failed_and_put_back("swap:error");
}

#[test]
fn a_two_rename_swap_that_fails_at_either_rename_puts_everything_back() {
    assert_failed_and_put_back("exchange:error,first-rename:error");
    assert_failed_and_put_back("exchange:error,between-renames:error");
}

#[test]
fn odd_file_names_in_the_output_are_kept_and_read_back_as_themselves() {
    let site = TestSite::new("site");
    site.write("static/#tag.txt", "v1");
    build_ok(&site);
    site.write("static/#tag.txt", "v2");
    build_ok(&site);
    assert_eq!(
        site.read_output("#tag.txt"),
        "v2",
        "a `#` name is Signpost's own"
    );
    site.remove("static/#tag.txt");
    build_ok(&site);
    assert!(
        !site.output_exists("#tag.txt"),
        "and goes when its source goes"
    );
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        fs::write(site.output().join("services").join(name), "latin-1 name").expect("write");
        build_ok(&site);
        assert_eq!(
            fs::read_to_string(site.output().join("services").join(name)).expect("kept"),
            "latin-1 name"
        );
    }
}

#[test]
fn files_named_like_signposts_markers_are_not_mistaken_for_them() {
    let site = TestSite::new("site");
    fs::create_dir_all(site.path("public/.signpost-output")).expect("mkdir");
    site.write("public/.signpost-output/notes.txt", "mine");
    site.write("public/.signpost-building", "mine too");
    site.write("public/.git/HEAD", "x\n");
    let before = read_tree(&site.output());
    let out = run(&site.root, &[], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("holds `.signpost-building` and `.signpost-output`: names Signpost keeps"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read_tree(&site.output()), before);
}

#[test]
fn a_kept_file_the_build_also_made_stays_when_the_build_stops_making_it() {
    let site = TestSite::new("site");
    build_ok(&site);
    site.write("public/CNAME", "example.org\n");
    site.write("static/CNAME", "example.org\n");
    build_ok(&site);
    assert_eq!(site.read_output("CNAME"), "example.org\n");
    site.remove("static/CNAME");
    build_ok(&site);
    assert_eq!(site.read_output("CNAME"), "example.org\n");
}

#[test]
fn an_old_output_left_by_a_killed_build_is_removed_quietly_by_the_next() {
    // The output held only `.git`, so the old copy has no marker.
    let site = TestSite::new("site");
    site.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    let out = run(&site.root, &[], &[("SIGNPOST_FAILPOINT", "remove-old")]);
    assert_eq!(out.status.code(), None, "killed: {}", stderr(&out));
    assert_eq!(leftovers(&site).len(), 1, "{:?}", leftovers(&site));
    let next = run(&site.root, &[], &[]);
    assert_eq!(next.status.code(), Some(0), "{}", stderr(&next));
    assert!(
        !stderr(&next).contains("older Signpost"),
        "{}",
        stderr(&next)
    );
    assert_eq!(leftovers(&site), Vec::<String>::new());
    assert_eq!(site.read_output(".git/HEAD"), "ref: refs/heads/gh-pages\n");
}

#[cfg(unix)]
#[test]
fn a_theme_folder_that_is_a_shortcut_is_protected_too() {
    let site = TestSite::new("site");
    let shared = site.root.parent().expect("parent").join("shared-theme");
    fs::rename(site.path("themes/default"), &shared).expect("move theme");
    std::os::unix::fs::symlink(&shared, site.path("themes/default")).expect("link theme");
    let target = shared.join("static/out");
    let before = read_tree(&shared);
    let out = run(
        &site.root,
        &["--output", target.to_str().expect("utf-8")],
        &[],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`themes/default` folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read_tree(&shared), before);
}

#[test]
fn a_build_killed_while_writing_is_cleaned_up_by_the_next() {
    let site = TestSite::new("site");
    build_ok(&site);
    site.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    // A half-written staging folder, as a killed build leaves it, even
    // with a marker that was being written when it was killed.
    site.write(".public.signpost-new-1-2/.signpost-building", "");
    site.write(".public.signpost-new-1-2/index.html", "<p>half</p>");
    site.write(
        ".public.signpost-new-1-2/.signpost-output",
        "# signpost-output v1\nindex.html\n",
    );
    build_ok(&site);
    assert_ne!(site.read_output("index.html"), "<p>half</p>");
    assert_eq!(site.read_output(".git/HEAD"), "ref: refs/heads/gh-pages\n");
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_public_folder_that_is_a_shortcut_is_written_through() {
    let site = TestSite::new("site");
    let target: PathBuf = site.root.parent().expect("parent").join("website");
    fs::create_dir_all(target.join(".git")).expect("mkdir");
    fs::write(target.join(".git/HEAD"), "x\n").expect("write");
    std::os::unix::fs::symlink(&target, site.output()).expect("make shortcut");
    build_ok(&site);
    build_ok(&site);
    let meta = fs::symlink_metadata(site.output()).expect("public");
    assert!(meta.file_type().is_symlink(), "public/ is still a shortcut");
    assert!(
        target.join("index.html").is_file(),
        "the site went into its target"
    );
    assert_eq!(
        fs::read_to_string(target.join(".git/HEAD")).expect("HEAD"),
        "x\n"
    );
}

#[cfg(unix)]
#[test]
fn a_shortcut_to_nowhere_is_refused() {
    let site = TestSite::new("site");
    std::os::unix::fs::symlink(site.root.join("gone"), site.output()).expect("make shortcut");
    let out = run(&site.root, &[], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("is a shortcut to a folder that does not exist"));
    assert!(
        fs::symlink_metadata(site.output())
            .expect("still there")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_build_that_cannot_write_prints_its_findings_then_the_problem_and_exits_with_3() {
    // The fixture's contact page has a warning: a link to a PDF that does
    // not say so.
    let site = TestSite::new("site");
    site.write("blocker", "a file where a folder should be");
    let out = run(&site.root, &["--output", "blocker/public"], &[]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    let finding = err
        .find("a11y/link-file-type")
        .expect("the warning is printed");
    let problem = err
        .find("Signpost could not finish")
        .expect("the problem is printed");
    assert!(finding < problem, "findings first:\n{err}");
    assert!(err.contains("blocker"), "names the path:\n{err}");
}

/// Runs the command as an ordinary user when the tests run as root, so
/// that a file without read permission really cannot be read.
#[cfg(unix)]
fn as_ordinary_user(site: &TestSite, args: &[&str]) -> Option<Output> {
    use std::os::unix::fs::PermissionsExt;
    let root_user = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !root_user {
        return Some(
            Command::new(env!("CARGO_BIN_EXE_signpost"))
                .args(args)
                .current_dir(&site.root)
                .env("NO_COLOR", "1")
                .output()
                .expect("run signpost"),
        );
    }
    if Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!("SKIPPED: running as root and `setpriv` is missing, so no file is unreadable");
        return None;
    }
    // The temporary folders must be open to the ordinary user.
    for dir in site.root.ancestors().take(2) {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o777)).expect("open folder");
    }
    Some(
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_signpost"))
            .args(args)
            .current_dir(&site.root)
            .env("NO_COLOR", "1")
            .output()
            .expect("run signpost through setpriv"),
    )
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_stops_check_and_build_with_exit_3_and_names_it() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::new("site");
    let leaflet = site.path("content/leaflet.pdf");
    fs::set_permissions(&leaflet, fs::Permissions::from_mode(0o000)).expect("chmod");
    for command in ["check", "build"] {
        let Some(out) = as_ordinary_user(&site, &[command, "--today", common::TODAY]) else {
            return;
        };
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(3), "{command}: {err}");
        assert!(
            err.contains("leaflet.pdf"),
            "{command} names the file: {err}"
        );
        assert!(
            err.contains("a11y/link-file-type"),
            "{command} prints findings: {err}"
        );
    }
    assert!(!site.output_exists("index.html"), "nothing was published");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_in_the_output_never_costs_a_file() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::new("site");
    let build = |site: &TestSite| as_ordinary_user(site, &["build", "--today", common::TODAY]);
    // Everything belongs to the ordinary user, as on an editor's laptop.
    let open_up = Command::new("chmod")
        .args(["-R", "a+rwX"])
        .arg(&site.root)
        .status()
        .expect("chmod");
    assert!(open_up.success());
    let Some(first) = build(&site) else { return };
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    site.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    site.write("public/locked/minutes.txt", "kept");
    let _ = Command::new("chown")
        .args(["-R", "65534:65534"])
        .arg(site.output())
        .status();
    fs::set_permissions(
        site.path("public/locked"),
        fs::Permissions::from_mode(0o555),
    )
    .expect("make read-only");
    for _ in 0..3 {
        let before = read_tree(&site.output());
        let Some(out) = build(&site) else { return };
        // A read-only folder cannot be moved into the new site, so the
        // build stops, and puts back what it had moved.
        assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
        assert!(stderr(&out).contains("locked"), "{}", stderr(&out));
        assert_eq!(
            read_tree(&site.output()),
            before,
            "a failed build changed public/"
        );
        assert_eq!(site.read_output(".git/HEAD"), "ref: refs/heads/gh-pages\n");
        assert_eq!(site.read_output("locked/minutes.txt"), "kept");
        assert!(site.output_exists("index.html"));
    }
    fs::set_permissions(
        site.path("public/locked"),
        fs::Permissions::from_mode(0o755),
    )
    .expect("make writable again");
}
