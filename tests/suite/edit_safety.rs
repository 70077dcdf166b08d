//! An edit never loses a file or what it holds: line endings and a missing final newline,
//! owner, group and mode; read-only files, pipes and devices are refused; stale temporary
//! files are cleaned; a new file follows the umask.

use crate::common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::process::Command;

use common::config;

const FILE: &str = "[network]\r\ndomain = \"demo.gotrackier.com\"\n\r\n[advertisers.acme]\r\nname = \"Acme\"\nsecurity_token = \"tok-1\"\r\n\r\n[[campaigns]]\nid = 1\r\nname = \"Sale\"\nadvertiser = \"acme\"";

const ADD: &[&str] = &["add", "goal", "1", "Buy", "--value", "buy"];

#[test]
fn each_line_keeps_its_ending_and_no_final_newline_is_added() {
    let file = config(FILE);
    file.cmd().args(ADD).assert().success();
    let edited = std::fs::read_to_string(&file.path).expect("read");
    // Every original line with its own ending, in order; new lines (and the last one, which
    // had none) take the file's usual CRLF; still no final line break.
    assert!(edited.starts_with(FILE), "{edited:?}");
    let added =
        "advertiser = \"acme\"\r\n\r\n[[campaigns.goals]]\r\nname = \"Buy\"\r\nvalue = \"buy\"";
    assert!(edited.ends_with(added), "{edited:?}");
}

#[test]
fn files_that_cannot_be_edited_in_place_are_refused() {
    let file = config(FILE);
    std::fs::set_permissions(&file.path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::read(&file.path).expect("read");
    file.cmd()
        .args(ADD)
        .assert()
        .code(73)
        .stderr(predicates::str::contains("is read-only"));
    assert_eq!(std::fs::read(&file.path).expect("read"), before);

    let fifo = file.dir.path().join("pipe.toml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Refused before anything opens it: no hang.
    common::postback()
        .arg("-c")
        .arg(&fifo)
        .args(ADD)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(73)
        .stderr(predicates::str::contains("is not a regular file"));

    // `/dev/stdin` is standard input, as `-c -` is: the edited file goes to stdout.
    common::postback()
        .args(["-c", "/dev/stdin"])
        .args(ADD)
        .pipe_stdin(&file.path)
        .expect("stdin")
        .assert()
        .success()
        .stdout(predicates::str::contains("name = \"Buy\""));
    assert_eq!(std::fs::read(&file.path).expect("read"), before);
}

#[test]
fn stale_temporary_files_are_removed() {
    let file = config(FILE);
    let stale = file.dir.path().join(".postback-Killed.tmp");
    std::fs::write(&stale, "security_token = \"tok-1\"").expect("write");
    let other = file.dir.path().join(".other.tmp");
    std::fs::write(&other, "").expect("write");
    file.cmd().args(ADD).assert().success();
    assert!(!stale.exists());
    assert!(other.exists(), "only postback's own files are removed");
}

#[test]
fn a_new_file_follows_the_umask() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("campaigns.toml");
    let bin = assert_cmd::cargo::cargo_bin("postback");
    let script = format!(
        "umask 077 && '{}' -q -c '{}' init",
        bin.display(),
        path.display()
    );
    let status = Command::new("sh")
        .args(["-c", &script])
        .status()
        .expect("sh runs");
    assert!(status.success());
    let mode = std::fs::metadata(&path)
        .expect("created")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn owner_and_group_are_kept_when_root() {
    let file = config(FILE);
    if std::fs::metadata(&file.path).expect("stat").uid() != 0 {
        eprintln!("skipped: not running as root, so no other owner can be set");
        return;
    }
    // nobody:nogroup, 0640: a file root edits on behalf of another user.
    std::os::unix::fs::chown(&file.path, Some(65534), Some(65534)).expect("chown");
    std::fs::set_permissions(&file.path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    file.cmd().args(ADD).assert().success();
    let metadata = std::fs::metadata(&file.path).expect("stat");
    assert_eq!((metadata.uid(), metadata.gid()), (65534, 65534));
    assert_eq!(metadata.permissions().mode() & 0o777, 0o640);
}

#[test]
fn a_path_that_leads_to_stdin_is_stdin() {
    let file = common::config(common::SMALL);
    let link = file.dir.path().join("link.toml");
    std::os::unix::fs::symlink("/dev/stdin", &link).expect("symlink");
    // An edit through it prints the edited file and rewrites nothing, as `-c -` does.
    // Stdin redirected from the file itself, as `< campaigns.toml` does.
    let from_file = |args: &[&std::ffi::OsStr]| {
        Command::new(assert_cmd::cargo::cargo_bin("postback"))
            .env_remove("POSTBACK_CONFIG")
            .args(args)
            .stdin(std::fs::File::open(&file.path).expect("open"))
            .output()
            .expect("runs")
    };
    let add = ["add", "advertiser", "beta", "--name", "Beta"].map(std::ffi::OsStr::new);
    let output = from_file(&[&["-c".as_ref(), link.as_os_str()][..], &add].concat());
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("[advertisers.beta]"));
    assert_eq!(
        std::fs::read_to_string(&file.path).expect("read"),
        common::SMALL
    );
    // check cannot read the file and the hits from one stdin.
    for path in [link.as_os_str(), "/dev/stdin".as_ref()] {
        let output = from_file(&["-c".as_ref(), path, "check".as_ref()]);
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        assert!(String::from_utf8_lossy(&output.stderr)
            .contains("cannot both come from standard input"));
    }
}

#[test]
fn what_a_killed_edit_left_is_removed_by_the_next_read() {
    let file = common::config(common::SMALL);
    let left = file.dir.path().join(".postback-x1y2z3.tmp");
    std::fs::write(&left, common::SMALL).expect("write");
    file.run(&["urls"]).success();
    assert!(!left.exists());
}
