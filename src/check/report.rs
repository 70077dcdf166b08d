//! The verdict on one hit: its findings, each with a code (Trackier's own name where it has
//! one), a severity, a message and a hint, and how a report is written in each format.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;

use serde::Serialize;

use crate::diagnostic::{cut_text, severity_label, Severity};
use crate::error::Error;
use crate::output::Record;
use crate::owner::Owner;

/// The finding codes, in the order a summary counts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Code {
    InvalidUrl,
    HtmlEscaped,
    EncodedQuery,
    InsecureScheme,
    WrongHost,
    WrongPath,
    InvalidClickId,
    UnreplacedMacro,
    PlaceholderLeft,
    MacroMismatch,
    InvalidSecurityToken,
    /// The advertiser id of a tracker that names the advertiser (Offer18's `mid`).
    InvalidAdvertiserId,
    UnknownParam,
    DuplicateParam,
    MissingParam,
    FixedMismatch,
    InvalidGoalValue,
    InvalidGoalId,
    InvalidAmount,
    InvalidCurrency,
    InvalidStatus,
    DoubleEncoded,
    EmptyValue,
    DuplicateClickId,
    DuplicateTxnId,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidUrl => "INVALID_URL",
            Code::HtmlEscaped => "HTML_ESCAPED",
            Code::EncodedQuery => "ENCODED_QUERY",
            Code::InsecureScheme => "INSECURE_SCHEME",
            Code::WrongHost => "WRONG_HOST",
            Code::WrongPath => "WRONG_PATH",
            Code::InvalidClickId => "INVALID_CLICK_ID",
            Code::UnreplacedMacro => "UNREPLACED_MACRO",
            Code::PlaceholderLeft => "PLACEHOLDER_LEFT",
            Code::MacroMismatch => "MACRO_MISMATCH",
            Code::InvalidSecurityToken => "INVALID_SECURITY_TOKEN",
            Code::InvalidAdvertiserId => "INVALID_ADVERTISER_ID",
            Code::UnknownParam => "UNKNOWN_PARAM",
            Code::DuplicateParam => "DUPLICATE_PARAM",
            Code::MissingParam => "MISSING_PARAM",
            Code::FixedMismatch => "FIXED_MISMATCH",
            Code::InvalidGoalValue => "INVALID_GOAL_VALUE",
            Code::InvalidGoalId => "INVALID_GOAL_ID",
            Code::InvalidAmount => "INVALID_AMOUNT",
            Code::InvalidCurrency => "INVALID_CURRENCY",
            Code::InvalidStatus => "INVALID_STATUS",
            Code::DoubleEncoded => "DOUBLE_ENCODED",
            Code::EmptyValue => "EMPTY_VALUE",
            Code::DuplicateClickId => "DUPLICATE_CLICK_ID",
            Code::DuplicateTxnId => "DUPLICATE_TXN_ID",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub message: Cow<'static, str>,
    pub hint: Option<Cow<'static, str>>,
}

impl Finding {
    /// The message and hint with every token value written `REDACTED`.
    pub fn mask(&mut self, masker: &crate::secrets::Masker) {
        let mask = |text: &mut Cow<'static, str>| {
            if let Cow::Owned(masked) = masker.mask(text) {
                *text = Cow::Owned(masked);
            }
        };
        mask(&mut self.message);
        if let Some(hint) = &mut self.hint {
            mask(hint);
        }
    }
}

/// How many findings a report lists.
pub const MAX_FINDINGS: usize = 20;

/// The verdict on one hit.
#[derive(Clone, Debug, Serialize)]
pub struct Report<'c> {
    /// The hit as given, whole, every token masked.
    pub hit: String,
    /// Whose postback it is, as its token tells: an advertiser's key (level `advertiser`),
    /// none at the `global` level, and neither when the token tells no one.
    pub advertiser: Option<&'c str>,
    pub level: Option<&'static str>,
    /// The owner's campaigns whose rows carry the hit's goal, in file order (none at the
    /// global level): what the hit is compared with.
    pub campaigns: Vec<u64>,
    /// The goal's name; `None` for a default conversion or an unknown goal.
    pub goal: Option<&'c str>,
    /// Which part of a log line the hit was read from (`the request line`); `None` when
    /// the line was the hit.
    pub read_from: Option<&'static str>,
    /// The tracker's own verdict the log line carries (`INVALID_CLICK_ID` in an export).
    pub logged: Option<&'static str>,
    /// What the tracker says `logged` means (docs/check-codes.md maps each of `check`'s
    /// codes to Trackier's).
    #[serde(skip)]
    pub logged_meaning: String,
    /// The first [`MAX_FINDINGS`] findings, in order.
    pub findings: Vec<Finding>,
    /// How many more there were: a hostile hit must not flood the terminal.
    pub more_findings: usize,
    #[serde(skip)]
    has_error: bool,
    #[serde(skip)]
    has_warning: bool,
}

impl<'c> Report<'c> {
    /// The report on `hit`, owned by `owner`, with every finding (the first
    /// [`MAX_FINDINGS`] are kept).
    pub fn new(hit: String, owner: Option<Owner<'c>>, mut findings: Vec<Finding>) -> Self {
        let has = |severity| findings.iter().any(|f| f.severity == severity);
        let (has_error, has_warning) = (has(Severity::Error), has(Severity::Warning));
        let more_findings = findings.len().saturating_sub(MAX_FINDINGS);
        findings.truncate(MAX_FINDINGS);
        // One hint per cause: a hint said once is not repeated.
        for at in 1..findings.len() {
            let (earlier, rest) = findings.split_at_mut(at);
            let finding = &mut rest[0];
            if finding.hint.is_some() && earlier.iter().any(|e| e.hint == finding.hint) {
                finding.hint = None;
            }
        }
        Report {
            hit,
            advertiser: owner.and_then(Owner::advertiser),
            level: owner.map(|o| o.level().as_str()),
            campaigns: Vec::new(),
            goal: None,
            read_from: None,
            logged: None,
            logged_meaning: String::new(),
            findings,
            more_findings,
            has_error,
            has_warning,
        }
    }

    /// Whether any finding, listed or not, has `severity`.
    pub fn has(&self, severity: Severity) -> bool {
        match severity {
            Severity::Error => self.has_error,
            Severity::Warning => self.has_warning,
        }
    }

    /// Whose postback it is, for people: the advertiser's key or `global`.
    pub fn owner(&self) -> Option<&str> {
        self.advertiser.or(self.level.filter(|l| *l == "global"))
    }

    /// `ok`, `warning` or `error`: the worst finding.
    pub fn verdict(&self) -> &'static str {
        if self.has_error {
            "error"
        } else if self.has_warning {
            "warning"
        } else {
            "ok"
        }
    }
}

/// A report and where its hit came from (`hit N`: the Nth argument, `line N`: of stdin), as
/// `check` prints it.
#[derive(Serialize)]
pub struct Labeled<'c> {
    pub label: String,
    pub verdict: &'static str,
    #[serde(flatten)]
    pub report: Report<'c>,
    /// Whether plain lines colour the verdict (a terminal).
    #[serde(skip)]
    pub color: bool,
}

impl<'c> Labeled<'c> {
    pub fn new(label: String, report: Report<'c>, color: bool) -> Self {
        Labeled {
            label,
            verdict: report.verdict(),
            report,
            color,
        }
    }

    /// The verdict, green, yellow or red on a colour terminal.
    fn painted_verdict(&self) -> Cow<'static, str> {
        let code = match self.verdict {
            "ok" => "32",
            "warning" => "33",
            _ => "31",
        };
        if self.color {
            Cow::Owned(format!("\x1b[1;{code}m{}\x1b[0m", self.verdict))
        } else {
            Cow::Borrowed(self.verdict)
        }
    }

    fn more(&self) -> String {
        format!("… and {} more findings", self.report.more_findings)
    }
}

impl Record for Labeled<'_> {
    fn table_header() -> &'static [&'static str] {
        &[
            "Hit",
            "Verdict",
            "Advertiser",
            "Code",
            "Message",
            "Hint",
            "Hit URL",
        ]
    }

    /// A row per finding (one `ok` row without any), and one saying how many were left out;
    /// the first shows the hit (tokens masked), last since it is the widest.
    fn table_rows(&self) -> Vec<Vec<String>> {
        let report = &self.report;
        let head = |verdict: &str| {
            let owner = report.owner().unwrap_or("").to_string();
            vec![self.label.clone(), verdict.to_string(), owner]
        };
        let mut rows = Vec::new();
        if report.findings.is_empty() {
            let mut row = head("ok");
            row.extend([String::new(), String::new(), String::new()]);
            rows.push(row);
        }
        for finding in &report.findings {
            let mut row = head(finding.severity.label());
            row.extend([
                finding.code.as_str().to_string(),
                finding.message.to_string(),
                finding.hint.as_deref().unwrap_or_default().to_string(),
            ]);
            rows.push(row);
        }
        if report.more_findings > 0 {
            let mut row = head("");
            row.extend([String::new(), self.more(), String::new()]);
            rows.push(row);
        }
        // What the plain lines say of a log line: the part read, and the log's own verdict.
        if let Some(part) = report.read_from {
            let mut row = head("");
            row.extend([
                String::new(),
                format!("read from {part} of the log line"),
                String::new(),
            ]);
            rows.push(row);
        }
        if let Some(logged) = report.logged {
            let mut row = head("");
            let said = format!("the log says {logged}: {}", report.logged_meaning);
            row.extend([logged.to_string(), said, String::new()]);
            rows.push(row);
        }
        for (n, row) in rows.iter_mut().enumerate() {
            let hit = if n == 0 {
                for_the_eye(&report.hit)
            } else {
                "".into()
            };
            row.push(hit.into_owned());
        }
        rows
    }

    /// `line 3: error (acme): <hit>`, then a line per finding and its hint.
    fn plain(&self, out: &mut dyn Write) -> Result<(), Error> {
        let report = &self.report;
        let findings: usize = (report.findings.iter())
            .map(|f| f.message.len() + f.hint.as_deref().map_or(0, str::len) + 40)
            .sum();
        let mut text = String::with_capacity(report.hit.len() + findings + 64);
        text.push_str(&self.label);
        text.push_str(": ");
        text.push_str(&self.painted_verdict());
        if let Some(owner) = report.owner() {
            text.push_str(" (");
            text.push_str(owner);
            text.push(')');
        }
        text.push_str(": ");
        match eye_cut(&report.hit) {
            Some(end) => {
                text.push_str(&report.hit[..end]);
                text.push('…');
            }
            None => text.push_str(&report.hit),
        }
        text.push('\n');
        if let Some(part) = report.read_from {
            for piece in ["  read from ", part, " of the log line\n"] {
                text.push_str(piece);
            }
        }
        if let Some(logged) = report.logged {
            let meaning = report.logged_meaning.as_str();
            for piece in ["  the log says ", logged, ": ", meaning, "\n"] {
                text.push_str(piece);
            }
        }
        // Pieces pushed, not formatted: most hits have a finding or two, every run many hits.
        for finding in &report.findings {
            let severity = severity_label(finding.severity, self.color);
            let code = finding.code.as_str();
            for piece in ["  ", &severity, " ", code, ": ", &finding.message, "\n"] {
                text.push_str(piece);
            }
            if let Some(hint) = &finding.hint {
                for piece in ["    hint: ", hint, "\n"] {
                    text.push_str(piece);
                }
            }
        }
        if report.more_findings > 0 {
            let _ = writeln!(text, "  {}", self.more());
        }
        out.write_all(text.as_bytes())?;
        Ok(())
    }
}

/// How much of a hit `plain` and `table` show; JSON has it whole.
const HIT_WIDTH: usize = 200;

/// A hit shortened for a person to read.
fn for_the_eye(hit: &str) -> Cow<'_, str> {
    match eye_cut(hit) {
        Some(end) => Cow::Owned(format!("{}…", &hit[..end])),
        None => Cow::Borrowed(hit),
    }
}

/// Where a hit longer than [`HIT_WIDTH`] characters is cut for a person to read.
fn eye_cut(hit: &str) -> Option<usize> {
    if hit.len() <= HIT_WIDTH {
        return None;
    }
    if hit.as_bytes()[..HIT_WIDTH].is_ascii() {
        // Most hits: no character to count.
        return Some(HIT_WIDTH);
    }
    hit.char_indices().nth(HIT_WIDTH).map(|(end, _)| end)
}

/// The findings of one hit, in the order they were found.
#[derive(Default)]
pub struct Findings(pub Vec<Finding>);

/// A message or hint: most are fixed sentences, kept as they are; one made from a hit is
/// cut, so that whatever a hit holds, a finding stays a few lines.
fn text(text: impl Into<Cow<'static, str>>) -> Cow<'static, str> {
    match text.into() {
        Cow::Owned(made) => Cow::Owned(cut_text(made)),
        fixed => fixed,
    }
}

impl Findings {
    /// Whether any finding is an error: the hit would not be recorded.
    pub fn has_error(&self) -> bool {
        self.0.iter().any(|f| f.severity == Severity::Error)
    }

    /// Whether a report already lists as many findings as it shows: a later one is only
    /// counted, so its words need not be made.
    pub fn full(&self) -> bool {
        self.0.len() >= MAX_FINDINGS
    }

    fn push(
        &mut self,
        code: Code,
        severity: Severity,
        message: Cow<'static, str>,
        hint: Cow<'static, str>,
    ) {
        self.0.push(Finding {
            code,
            severity,
            message: text(message),
            hint: (!hint.is_empty()).then(|| text(hint)),
        });
    }

    pub fn error(
        &mut self,
        code: Code,
        message: impl Into<Cow<'static, str>>,
        hint: impl Into<Cow<'static, str>>,
    ) {
        self.push(code, Severity::Error, message.into(), hint.into());
    }

    pub fn warning(
        &mut self,
        code: Code,
        message: impl Into<Cow<'static, str>>,
        hint: impl Into<Cow<'static, str>>,
    ) {
        self.push(code, Severity::Warning, message.into(), hint.into());
    }
}
