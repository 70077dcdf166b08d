//! Every ```console block of the README and of `docs/` runs as a test: the documentation
//! cannot drift.

#[test]
fn readme_examples() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("README.md")
        .case("docs/check-codes.md");
}
