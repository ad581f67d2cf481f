//! Magento's password rules, checked in Magento's order so that the first failing one is
//! reported (spec §7), and its email format check.

use super::errors::{PasswordRule, StoreError};
use crate::backends::magento::options::PasswordPolicy;

/// `AccountManagement::checkPasswordStrength`: maximum length, minimum length, surrounding
/// spaces, then the character classes (lengths in characters, as `mb_strlen` counts).
pub(crate) fn check_strength(password: &str, policy: &PasswordPolicy) -> Result<(), StoreError> {
    let length = password.chars().count();
    let rule = if length > policy.max_length {
        Some(PasswordRule::TooLong(policy.max_length))
    } else if length < policy.min_length {
        Some(PasswordRule::TooShort(policy.min_length))
    } else if password.trim().chars().count() != length {
        Some(PasswordRule::Spaces)
    } else if classes(password) < policy.required_classes {
        Some(PasswordRule::Classes(policy.required_classes))
    } else {
        None
    };
    rule.map_or(Ok(()), |rule| Err(StoreError::Password(rule)))
}

/// `CredentialsValidator::checkPasswordDifferentFromEmail` (case-insensitive).
pub(crate) fn check_differs_from_email(password: &str, email: &str) -> Result<(), StoreError> {
    if password.to_lowercase() == email.to_lowercase() {
        return Err(StoreError::Password(PasswordRule::SameAsEmail));
    }
    Ok(())
}

/// How many of the classes digits, upper case, lower case and others the password uses.
fn classes(password: &str) -> usize {
    let has = |test: fn(char) -> bool| usize::from(password.chars().any(test));
    has(|c| c.is_ascii_digit())
        + has(|c| c.is_ascii_uppercase())
        + has(|c| c.is_ascii_lowercase())
        + has(|c| !c.is_ascii_alphanumeric())
}

/// An email address as Magento's validator accepts it: a dot-atom local part and a host name
/// of at least two labels with an alphabetic top-level domain.
pub(crate) fn email_valid(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && domain.len() <= 255
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(password: &str) -> Option<PasswordRule> {
        match check_strength(password, &PasswordPolicy::default()) {
            Ok(()) => None,
            Err(StoreError::Password(rule)) => Some(rule),
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_first_failing_rule_wins_length_first() {
        assert_eq!(rule("Password1"), None);
        assert_eq!(rule("b1b2b3l@w+"), None);
        assert_eq!(
            rule("ab"),
            Some(PasswordRule::TooShort(8)),
            "short and one class"
        );
        assert_eq!(rule(" ab"), Some(PasswordRule::TooShort(8)));
        assert_eq!(rule(" Passw0rd"), Some(PasswordRule::Spaces));
        assert_eq!(rule("password1"), Some(PasswordRule::Classes(3)));
        assert_eq!(rule(&"a".repeat(257)), Some(PasswordRule::TooLong(256)));
        assert_eq!(
            rule(&"é".repeat(8)),
            Some(PasswordRule::Classes(3)),
            "chars, not bytes"
        );
    }

    #[test]
    fn the_password_must_differ_from_the_email() {
        assert!(check_differs_from_email("Ann@Example.com", "ann@example.com").is_err());
        assert!(check_differs_from_email("Password1", "ann@example.com").is_ok());
    }

    #[test]
    fn email_format() {
        for good in ["jdoe@example.com", "a.b+c@sub.example.co.uk", "x_y@e-x.io"] {
            assert!(email_valid(good), "{good}");
        }
        for bad in [
            "invalid",
            "a@b",
            "@example.com",
            "a@@example.com",
            "a b@example.com",
            "a@example.c0m",
            "a..b@example.com",
            "a@-x.com",
            "",
        ] {
            assert!(!email_valid(bad), "{bad}");
        }
    }
}
