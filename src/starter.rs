//! The commented starter `campaigns.toml` that `init` writes: the network's values from the
//! command line, starter placeholders where none was given (which `validate` warns about),
//! and example entries only on request.

use minijinja::context;

use postback::edit::TokenSource;
use postback::error::Error;
use postback::registry::{SECURITY_TOKEN, SECURITY_TOKEN_ENV};

const TEMPLATE: &str = include_str!("starter.toml.j2");

use postback::config::names::{PLACEHOLDER_DOMAIN, PLACEHOLDER_NAME};

/// What `init` was told.
#[derive(Clone, Debug, Default)]
pub struct Starter {
    pub name: Option<String>,
    pub domain: Option<String>,
    pub token: Option<TokenSource>,
    pub test_publisher: Option<u64>,
    /// Add an example advertiser and campaign.
    pub example: bool,
}

/// A TOML string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

impl Starter {
    /// The starter file's text.
    pub fn text(&self) -> Result<String, Error> {
        let failed = |e: minijinja::Error| Error::template(format!("the starter template: {e}"));
        let env = postback::render::email::strict_environment().map_err(failed)?;
        let template = env.template_from_str(TEMPLATE).map_err(failed)?;
        let token = self.token.as_ref().map(|token| match token {
            TokenSource::Literal(t) => format!("{SECURITY_TOKEN} = {}", quoted(t)),
            TokenSource::Env(v) => format!("{SECURITY_TOKEN_ENV} = {}", quoted(v)),
        });
        let text = template
            .render(context! {
                name => quoted(self.name.as_deref().unwrap_or(PLACEHOLDER_NAME)),
                name_is_starter => self.name.is_none(),
                domain => quoted(self.domain.as_deref().unwrap_or(PLACEHOLDER_DOMAIN)),
                domain_is_starter => self.domain.is_none(),
                token => token,
                test_publisher => self.test_publisher,
                example => self.example,
            })
            .map_err(failed)?;
        Ok(text + "\n")
    }
}
