//! What the store refuses, as Magento's exceptions carry it: a family (which decides the REST
//! status) and a phrase (a template with its placeholders unsubstituted, plus the parameters).
//! The REST layer sends the template and parameters as they are; a GraphQL layer renders them
//! with [`Phrase::render`] or words the error itself from the variant.

/// A placeholder value: Magento's parameters are strings or numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ParamValue {
    /// A string parameter.
    Text(String),
    /// A numeric parameter.
    Number(i64),
}

impl ParamValue {
    fn rendered(&self) -> String {
        match self {
            Self::Text(text) => text.clone(),
            Self::Number(number) => number.to_string(),
        }
    }
}

/// The parameters of a phrase: named (`%fieldName`) or positional (`%1` = the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Params {
    /// No placeholders.
    None,
    /// Named placeholders, in Magento's order.
    Named(Vec<(&'static str, ParamValue)>),
    /// Positional placeholders (`%1` is the first).
    Positional(Vec<ParamValue>),
}

/// A Magento `Phrase`: a template and its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phrase {
    /// The template, placeholders unsubstituted.
    pub(crate) template: &'static str,
    /// Its parameters.
    pub(crate) params: Params,
}

impl Phrase {
    /// A phrase without placeholders.
    pub(crate) const fn plain(template: &'static str) -> Self {
        Self {
            template,
            params: Params::None,
        }
    }

    /// A phrase with named placeholders.
    pub(crate) fn named(template: &'static str, params: Vec<(&'static str, ParamValue)>) -> Self {
        Self {
            template,
            params: Params::Named(params),
        }
    }

    /// A phrase with positional placeholders.
    pub(crate) fn positional(template: &'static str, params: Vec<ParamValue>) -> Self {
        Self {
            template,
            params: Params::Positional(params),
        }
    }

    /// `"%fieldName" is required. Enter and try again.`
    pub(crate) fn required(field: &'static str) -> Self {
        Self::named(
            "\"%fieldName\" is required. Enter and try again.",
            vec![("fieldName", ParamValue::Text(field.to_owned()))],
        )
    }

    /// `Invalid value of "%value" provided for the %fieldName field.`
    pub(crate) fn invalid_value(field: &'static str, value: impl Into<String>) -> Self {
        Self::named(
            "Invalid value of \"%value\" provided for the %fieldName field.",
            vec![
                ("fieldName", ParamValue::Text(field.to_owned())),
                ("value", ParamValue::Text(value.into())),
            ],
        )
    }

    /// The template with its placeholders substituted (`%name` by name, `%N` by position;
    /// longer names first, so that `%field2Name` is not read as `%field` + `2Name`).
    pub(crate) fn render(&self) -> String {
        let mut keys: Vec<(String, String)> = match &self.params {
            Params::None => return self.template.to_owned(),
            Params::Named(named) => named
                .iter()
                .map(|(name, value)| ((*name).to_owned(), value.rendered()))
                .collect(),
            Params::Positional(values) => values
                .iter()
                .enumerate()
                .map(|(index, value)| ((index + 1).to_string(), value.rendered()))
                .collect(),
        };
        keys.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
        let mut out = String::with_capacity(self.template.len());
        let mut rest = self.template;
        while let Some(at) = rest.find('%') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            match keys
                .iter()
                .find(|(name, _)| after.starts_with(name.as_str()))
            {
                Some((name, value)) => {
                    out.push_str(value);
                    rest = &after[name.len()..];
                }
                None => {
                    out.push('%');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// Which exception family Magento raises; `Webapi\ErrorProcessor` maps it to the status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// `NoSuchEntityException`: 404.
    NoSuchEntity,
    /// `AuthenticationException` and `AuthorizationException` with their subclasses: 401.
    Authentication,
    /// Any other `LocalizedException` (`InputException`, `InputMismatchException`, …): 400.
    Input,
}

/// Which password rule failed (Magento checks them in this order, and reports the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PasswordRule {
    /// Longer than the maximum.
    TooLong(usize),
    /// Shorter than the minimum.
    TooShort(usize),
    /// Begins or ends with a space.
    Spaces,
    /// Fewer character classes than required.
    Classes(usize),
    /// Equal to the account's email.
    SameAsEmail,
}

/// Why a store operation was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StoreError {
    /// Input errors (`InputException`): one phrase is the message, several are aggregated under
    /// "One or more input exceptions have occurred.".
    Invalid(Vec<Phrase>),
    /// A password policy rule.
    Password(PasswordRule),
    /// The email belongs to another account of the website.
    DuplicateEmail,
    /// No account with this email in the website (`websiteId` as Magento read it).
    NoSuchEmail {
        /// The email looked up.
        email: String,
        /// The website id, a number when the request gave one, else the store's (a string).
        website: ParamValue,
    },
    /// No entity with this id (`fieldName` = the id's name).
    NoSuchId {
        /// `addressId`, `customerId`, …
        field: &'static str,
        /// The id given.
        value: String,
    },
    /// A record the lookup needs does not exist (a phrase of its own).
    NotFound(Phrase),
    /// Bad credentials, an unknown email, a locked account or a wrong store scope.
    InvalidCredentials,
    /// The account must be confirmed first; `specific` selects the newest core's message.
    NotConfirmed {
        /// Whether to say so (else the generic sign-in message).
        specific: bool,
    },
    /// The current password given to a change is wrong.
    WrongCurrentPassword,
    /// The customer model's lockout is in force (`UserLockedException`).
    AccountLocked,
    /// The caller may not do this (ACL), e.g. an anonymous registration that sets `group_id`.
    NotAuthorized(&'static str),
    /// The reset token does not match.
    ResetTokenMismatch,
    /// The reset token is too old.
    ResetTokenExpired,
    /// Too many reset requests (the optional throttle).
    ResetThrottled,
    /// The confirmation key does not match.
    ConfirmationInvalid,
    /// The account needs no confirmation.
    AlreadyActive,
    /// Any other business refusal (`LocalizedException`, 400).
    Refused(Phrase),
}

/// Where Magento's throttle refers customers (`trans_email/ident_support/email`).
const SUPPORT_EMAIL: &str = "support@example.com";
/// The sign-in failure message of the token services.
pub(crate) const SIGN_IN_INCORRECT: &str = "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.";

impl StoreError {
    /// A single required-field error.
    pub(crate) fn required(field: &'static str) -> Self {
        Self::Invalid(vec![Phrase::required(field)])
    }

    /// The exception family.
    pub(crate) fn family(&self) -> Family {
        match self {
            Self::NoSuchEmail { .. } | Self::NoSuchId { .. } | Self::NotFound(_) => {
                Family::NoSuchEntity
            }
            Self::InvalidCredentials
            | Self::NotConfirmed { .. }
            | Self::WrongCurrentPassword
            | Self::AccountLocked
            | Self::NotAuthorized(_) => Family::Authentication,
            _ => Family::Input,
        }
    }

    /// The message phrase and, for an aggregate, the individual errors.
    pub(crate) fn phrases(&self) -> (Phrase, Vec<Phrase>) {
        let single = |phrase: Phrase| (phrase, Vec::new());
        match self {
            Self::Invalid(errors) => match errors.as_slice() {
                [only] => single(only.clone()),
                _ => (
                    Phrase::plain("One or more input exceptions have occurred."),
                    errors.clone(),
                ),
            },
            Self::Password(rule) => single(password_phrase(*rule)),
            Self::DuplicateEmail => single(Phrase::plain(
                "A customer with the same email address already exists in an associated website.",
            )),
            Self::NoSuchEmail { email, website } => single(Phrase::named(
                "No such entity with %fieldName = %fieldValue, %field2Name = %field2Value",
                vec![
                    ("fieldName", ParamValue::Text("email".into())),
                    ("fieldValue", ParamValue::Text(email.clone())),
                    ("field2Name", ParamValue::Text("websiteId".into())),
                    ("field2Value", website.clone()),
                ],
            )),
            Self::NoSuchId { field, value } => single(Phrase::named(
                "No such entity with %fieldName = %fieldValue",
                vec![
                    ("fieldName", ParamValue::Text((*field).to_owned())),
                    ("fieldValue", ParamValue::Text(value.clone())),
                ],
            )),
            Self::NotFound(phrase) | Self::Refused(phrase) => single(phrase.clone()),
            Self::InvalidCredentials | Self::NotConfirmed { specific: false } => {
                single(Phrase::plain(SIGN_IN_INCORRECT))
            }
            Self::NotConfirmed { specific: true } => single(Phrase::plain(
                "This account isn't confirmed. Verify and try again.",
            )),
            Self::WrongCurrentPassword => single(Phrase::plain(
                "The password doesn't match this account. Verify the password and try again.",
            )),
            Self::AccountLocked => single(Phrase::plain("The account is locked.")),
            Self::NotAuthorized(resource) => single(Phrase::named(
                "The consumer isn't authorized to access %resources.",
                vec![("resources", ParamValue::Text((*resource).to_owned()))],
            )),
            Self::ResetTokenMismatch => single(Phrase::plain(
                "The password token is mismatched. Reset and try again.",
            )),
            Self::ResetTokenExpired => single(Phrase::plain(
                "The password token is expired. Reset and try again.",
            )),
            Self::ResetThrottled => single(Phrase::positional(
                "We received too many requests for password resets. Please wait and try again later or contact %1.",
                vec![ParamValue::Text(SUPPORT_EMAIL.into())],
            )),
            Self::ConfirmationInvalid => single(Phrase::plain(
                "The confirmation token is invalid. Verify the token and try again.",
            )),
            Self::AlreadyActive => single(Phrase::plain("The account is already active.")),
        }
    }
}

fn password_phrase(rule: PasswordRule) -> Phrase {
    let number = |n: usize| vec![ParamValue::Number(i64::try_from(n).unwrap_or(i64::MAX))];
    match rule {
        PasswordRule::TooLong(max) => Phrase::positional(
            "Please enter a password with at most %1 characters.",
            number(max),
        ),
        PasswordRule::TooShort(min) => Phrase::positional(
            "The password needs at least %1 characters. Create a new password and try again.",
            number(min),
        ),
        PasswordRule::Spaces => Phrase::plain(
            "The password can't begin or end with a space. Verify the password and try again.",
        ),
        PasswordRule::Classes(classes) => Phrase::positional(
            "Minimum of different classes of characters in password is %1. Classes of characters: Lower Case, Upper Case, Digits, Special Characters.",
            number(classes),
        ),
        PasswordRule::SameAsEmail => Phrase::plain(
            "The password can't be the same as the email address. Create a new password and try again.",
        ),
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (message, errors) = self.phrases();
        f.write_str(&message.render())?;
        for error in errors {
            write!(f, " {}", error.render())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_render_named_and_positional_placeholders() {
        let missing = StoreError::NoSuchEmail {
            email: "x@example.com".into(),
            website: ParamValue::Number(1),
        };
        assert_eq!(
            missing.phrases().0.render(),
            "No such entity with email = x@example.com, websiteId = 1"
        );
        assert_eq!(
            StoreError::Password(PasswordRule::TooShort(8))
                .phrases()
                .0
                .render(),
            "The password needs at least 8 characters. Create a new password and try again."
        );
        assert_eq!(
            Phrase::plain("100% sure").render(),
            "100% sure",
            "a lone percent stays"
        );
    }

    #[test]
    fn one_input_error_is_the_message_and_several_aggregate() {
        let one = StoreError::required("firstname");
        assert_eq!(one.phrases(), (Phrase::required("firstname"), Vec::new()));
        let two = StoreError::Invalid(vec![
            Phrase::required("username"),
            Phrase::required("password"),
        ]);
        let (message, errors) = two.phrases();
        assert_eq!(
            message.template,
            "One or more input exceptions have occurred."
        );
        assert_eq!(errors.len(), 2);
        assert_eq!(two.family(), Family::Input);
        assert_eq!(
            StoreError::InvalidCredentials.family(),
            Family::Authentication
        );
        assert_eq!(
            StoreError::NoSuchId {
                field: "addressId",
                value: "9".into()
            }
            .family(),
            Family::NoSuchEntity
        );
    }
}
