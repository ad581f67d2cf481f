//! The validation the package applies (`validation-rules.json`, spec §6): Laravel's validator
//! with its English messages, joined by single spaces into one problem `detail`; the digits-only
//! phone and the gender check; and the password rules of seed 004 or of the code.

use super::options::PasswordRules;
use super::problem::Problem;

/// The genders `CustomerValidator::VALID_GENDERS` accepts, in their stored spelling.
const GENDERS: [&str; 3] = ["Male", "Female", "Other"];

/// Laravel validator messages, in the order the rules ran.
#[derive(Debug, Default)]
pub(crate) struct Messages(Vec<String>);

impl Messages {
    /// Adds one message.
    pub(crate) fn add(&mut self, message: impl Into<String>) {
        self.0.push(message.into());
    }

    /// `Err` with a 400 whose detail is every message joined by a space, when there is one.
    pub(crate) fn finish(self) -> Result<(), Problem> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Problem::bad_request(self.0.join(" ")))
        }
    }
}

/// Laravel's `required`: the value as given, or `None` after adding "The … field is required."
/// when it is absent or blank.
pub(crate) fn required<'a>(
    messages: &mut Messages,
    attribute: &str,
    value: Option<&'a str>,
) -> Option<&'a str> {
    match value {
        Some(text) if !text.trim().is_empty() => Some(text),
        _ => {
            messages.add(format!("The {attribute} field is required."));
            None
        }
    }
}

/// Laravel's `email` rule (RFC validation): one `@`, a local part and a domain of dot-separated
/// labels (or an address literal), no whitespace or control characters.
pub(crate) fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let bad_char = |c: char| c.is_whitespace() || c.is_control();
    let dot_atoms = |part: &str| {
        !part.is_empty()
            && part.len() <= 255
            && part.split('.').all(|atom| !atom.is_empty())
            && !part.chars().any(bad_char)
    };
    let local_ok = local.len() <= 64
        && dot_atoms(local)
        && !local.contains(['@', '"', ',', ';', '<', '>', '(', ')', '[', ']', '\\']);
    let literal = domain.starts_with('[') && domain.ends_with(']') && domain.len() > 2;
    let domain_ok = literal
        || (dot_atoms(domain)
            && domain.split('.').all(|label| {
                !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            }));
    local_ok && domain_ok
}

/// The messages for a registration password under `rules`.
pub(crate) fn password_messages(messages: &mut Messages, password: &str, rules: PasswordRules) {
    let length = password.chars().count();
    match rules {
        PasswordRules::Code => {
            if length < 6 {
                messages.add("The password field must be at least 6 characters.");
            }
        }
        PasswordRules::Seed => {
            if length < 8 {
                messages.add("The password field must be at least 8 characters.");
            }
            if !password.chars().any(char::is_uppercase)
                || !password.chars().any(char::is_lowercase)
            {
                messages.add(
                    "The password field must contain at least one uppercase and one lowercase letter.",
                );
            }
            if !password.chars().any(char::is_numeric) {
                messages.add("The password field must contain at least one number.");
            }
            if !password.chars().any(|c| !c.is_alphanumeric()) {
                messages.add("The password field must contain at least one symbol.");
            }
        }
    }
}

/// `validatePhone`: a phone holds digits only.
pub(crate) fn check_phone(phone: &str) -> Result<(), Problem> {
    if phone.bytes().all(|byte| byte.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Problem::bad_request(
            "Mobile number can only contain digits. Special characters are not allowed",
        ))
    }
}

/// `validateGender`: the stored spelling of a gender given in any case; `None` for an empty
/// value.
pub(crate) fn normalize_gender(gender: &str) -> Result<Option<&'static str>, Problem> {
    if gender.is_empty() {
        return Ok(None);
    }
    GENDERS
        .iter()
        .find(|valid| valid.eq_ignore_ascii_case(gender))
        .map(|valid| Some(*valid))
        .ok_or_else(|| {
            Problem::bad_request(format!(
                "Invalid gender value \"{gender}\". Allowed values are: {}",
                GENDERS.join(", ")
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detail(messages: Messages) -> Option<Problem> {
        messages.finish().err()
    }

    #[test]
    fn messages_join_with_single_spaces() {
        let mut messages = Messages::default();
        assert_eq!(required(&mut messages, "email", None), None);
        assert_eq!(required(&mut messages, "password", Some("  ")), None);
        assert_eq!(
            required(&mut messages, "first name", Some("Ann")),
            Some("Ann")
        );
        assert_eq!(
            detail(messages),
            Some(Problem::bad_request(
                "The email field is required. The password field is required."
            ))
        );
        assert_eq!(Messages::default().finish(), Ok(()));
    }

    #[test]
    fn emails_follow_the_rfc_roughly() {
        for good in [
            "john@example.com",
            "a.b+c@sub.example.co",
            "x@localhost",
            "o'neil@example.com",
            "u@[127.0.0.1]",
        ] {
            assert!(valid_email(good), "{good}");
        }
        for bad in [
            "",
            "john",
            "@example.com",
            "john@",
            "jo hn@example.com",
            "a..b@example.com",
            "a@b..c",
            "a@-b.com",
            "a@b@c.com",
            ".a@b.com",
        ] {
            assert!(!valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn seed_rules_need_every_class_and_code_rules_six_characters() {
        let check = |password: &str, rules| {
            let mut messages = Messages::default();
            password_messages(&mut messages, password, rules);
            messages.0
        };
        assert!(check("Password123!", PasswordRules::Seed).is_empty());
        assert_eq!(
            check("abc", PasswordRules::Seed),
            [
                "The password field must be at least 8 characters.",
                "The password field must contain at least one uppercase and one lowercase letter.",
                "The password field must contain at least one number.",
                "The password field must contain at least one symbol.",
            ]
        );
        assert!(check("abcdef", PasswordRules::Code).is_empty());
        assert_eq!(
            check("abcde", PasswordRules::Code),
            ["The password field must be at least 6 characters."]
        );
    }

    #[test]
    fn phones_and_genders() {
        assert!(check_phone("1234567890").is_ok());
        assert!(check_phone("").is_ok());
        assert_eq!(
            check_phone("+1 555").err(),
            Some(Problem::bad_request(
                "Mobile number can only contain digits. Special characters are not allowed"
            ))
        );
        assert_eq!(normalize_gender("male"), Ok(Some("Male")));
        assert_eq!(normalize_gender("OTHER"), Ok(Some("Other")));
        assert_eq!(normalize_gender(""), Ok(None));
        assert_eq!(
            normalize_gender("robot").err(),
            Some(Problem::bad_request(
                "Invalid gender value \"robot\". Allowed values are: Male, Female, Other"
            ))
        );
    }
}
