//! The end-to-end tests: one binary (one link, one run), a module per area. A new test goes
//! in the module of what a user does when they meet the behaviour; a new module only for a
//! new command or a new kind of promise. Unit and property tests of one module's internals
//! stay beside that module in `src/`.

// Shared helpers: the binary with a clean environment, temporary files, the small network.
mod common;

// `urls`: exact URLs, selection, `--sample`, every format, exit codes.
mod urls;
// `urls --format email`/`markdown`, `--template`, `test-link`: what goes to an advertiser.
mod handover;
// `urls --format adjust`: callbacks on an Adjust link.
mod adjust;
// `check` on fired hits: every finding code, inputs, formats, exit codes.
mod check;
// `check --template`: what the advertiser set up against the file's own templates.
mod check_templates;
// The tool accepts its own output: samples and templates pass `check`, for any valid file.
mod own_output;
// `validate`, `list`, `params`, `macros`: the file at a glance and its problems.
mod validate;
// One test per class of bad file: exit 65, the position, the message and the hint.
mod bad_files;
// The built-in macro sets as users see them, each entry with its vendor page.
mod macro_sets;
// `diff OLD_FILE`: which URLs changed, for whom.
mod diff;
// `fire` against a server the test starts on 127.0.0.1.
mod fire;
// Publisher postbacks: the file's publishers, their URLs, links, listing, diff and mistakes.
mod publishers;
// Networks on other trackers: the same file in Affise's, Scaleo's and TUNE's dialects.
mod trackers;
// `init` and `add`: comments and layout kept, refusals change nothing.
mod edit;
// `set`: only the named fields change.
mod set;
// `remove`, and edits of every kind at once or in sequence.
mod remove;
// An edit never loses a file: endings, permissions, locks, temporary copies, stdin paths.
mod edit_safety;
// Tokens are printed only where they are the data, in every command and form.
mod secrets;
// Names and labels from the file never break a line or drive a terminal.
mod free_text;
// Tables on a terminal: widths, blocks, long cells.
mod tables;
// The output pipeline: nothing half-written, formats each command takes.
mod pipeline;
// The rough edges a newcomer meets, one test each.
mod newcomer;
// The command line as a whole: version, help, completions, man pages.
mod cli;
// Hostile input built to crash, hang or flood (the heavy sizes are in bench/).
mod hostile;
// Properties of the URL builder over random input.
mod properties;
// Round trips: TSV, CSV and JSON parse back; any successful `add` leaves a valid file.
mod roundtrip;
// Every console block of the README and docs/, and the case files of tests/cmd/.
mod readme;
