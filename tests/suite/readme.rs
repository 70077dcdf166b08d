//! Every ```console block of the README and of `docs/` runs as a test: the documentation
//! cannot drift. The case files of `tests/cmd/` run the same way.

#[test]
fn readme_examples() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        // No width: tables as a pipe gets them, whatever the machine's terminal.
        .env("COLUMNS", "")
        .case("README.md")
        .case("docs/check-codes.md")
        .case("docs/file-format.md");
}

/// The case files under `tests/cmd/`: help, man pages and the error voice, byte for byte.
#[test]
fn command_line_cases() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .case("tests/cmd/*.md");
}
