//! The validation YAML as Glue's `RestRequestValidator` applies it: a Symfony `Collection`
//! over the attributes (extra fields allowed, missing fields reported), every constraint of a
//! field checked, each violation one `901` error `"<field> => <message>"` in field order.

use super::document::{Attributes, php_string};
use super::errors::GlueError;
use serde_json::Value;

/// A Symfony constraint with its default message (or the YAML's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Rule {
    /// Not null, `""`, `false` or empty.
    NotBlank,
    /// An email address (Symfony's `html5` mode).
    Email,
    /// A length in characters.
    Length {
        /// Fewest characters.
        min: Option<usize>,
        /// Most characters.
        max: Option<usize>,
    },
    /// One of these values (strict comparison).
    Choice(&'static [&'static str]),
    /// `true`, `1` or `"1"`.
    IsTrue,
    /// A JSON boolean.
    Bool,
    /// A `YYYY-MM-DD` calendar date.
    Date,
    /// The password character rules of the module YAML, with the YAML's message.
    PasswordClasses(&'static str),
}

/// A field of the collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    /// Attribute name.
    pub(crate) name: &'static str,
    /// Wrapped in `Optional`: a missing field is fine.
    pub(crate) optional: bool,
    /// Its constraints, checked in order.
    pub(crate) rules: Vec<Rule>,
}

impl Field {
    /// A field that must be present.
    pub(crate) fn required(name: &'static str, rules: Vec<Rule>) -> Self {
        Self {
            name,
            optional: false,
            rules,
        }
    }

    /// A field that may be missing.
    pub(crate) fn optional(name: &'static str, rules: Vec<Rule>) -> Self {
        Self {
            name,
            optional: true,
            rules,
        }
    }
}

/// `Length { min, max }`.
pub(crate) fn length(min: Option<usize>, max: Option<usize>) -> Rule {
    Rule::Length { min, max }
}

/// Special characters the password rules allow (and require one of).
const PASSWORD_SPECIALS: &str = "!@#$%^&*()_-=+[]{}|;:<>.,/?\\~";

/// The PCRE `^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[specials])[A-Za-z\d specials]+$`.
fn password_classes_met(password: &str) -> bool {
    let special = |c: char| PASSWORD_SPECIALS.contains(c);
    !password.is_empty()
        && password
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || special(c))
        && password.chars().any(|c| c.is_ascii_uppercase())
        && password.chars().any(|c| c.is_ascii_lowercase())
        && password.chars().any(|c| c.is_ascii_digit())
        && password.chars().any(special)
}

/// Symfony's `html5` email pattern: an atext local part, a domain of at least two labels.
pub(crate) fn email_valid(email: &str) -> bool {
    const LOCAL_SPECIALS: &str = ".!#$%&'*+/=?^_`{|}~-";
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let label_valid = |label: &str| {
        (1..=63).contains(&label.len())
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c))
        && domain.split('.').count() >= 2
        && domain.split('.').all(label_valid)
}

/// Whether `text` is a real `YYYY-MM-DD` date.
fn date_valid(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u16>().ok();
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let Ok(month) = time::Month::try_from(u8::try_from(month).unwrap_or(0)) else {
        return false;
    };
    let day = u8::try_from(day).unwrap_or(0);
    time::Date::from_calendar_date(i32::from(year), month, day).is_ok()
}

/// Symfony's `Length` messages.
fn length_message(kind: &str, limit: usize) -> String {
    let plural = if limit == 1 {
        "character"
    } else {
        "characters"
    };
    match kind {
        "exact" => format!("This value should have exactly {limit} {plural}."),
        "short" => format!("This value is too short. It should have {limit} {plural} or more."),
        _ => format!("This value is too long. It should have {limit} {plural} or less."),
    }
}

/// A scalar as text (`Ok(None)` for null); an array or object is a type violation.
fn scalar_text(value: &Value) -> Result<Option<String>, String> {
    match value {
        Value::Array(_) | Value::Object(_) => {
            Err("This value should be of type string.".to_owned())
        }
        scalar => Ok(php_string(scalar)),
    }
}

/// The message a rule gives `value`, if it is violated. Null passes every rule but `NotBlank`
/// and `NotNull`; a non-scalar where text is needed is a type violation.
fn violation(rule: &Rule, value: &Value) -> Option<String> {
    let failing_text = |broken: fn(&str) -> bool, message: &str| match scalar_text(value) {
        Err(type_message) => Some(type_message),
        Ok(Some(text)) if !text.is_empty() && broken(&text) => Some(message.to_owned()),
        Ok(_) => None,
    };
    match rule {
        Rule::NotBlank => {
            let blank = match value {
                Value::Null | Value::Bool(false) => true,
                Value::String(text) => text.is_empty(),
                Value::Array(items) => items.is_empty(),
                Value::Object(map) => map.is_empty(),
                Value::Bool(true) | Value::Number(_) => false,
            };
            blank.then(|| "This value should not be blank.".to_owned())
        }
        Rule::Email => failing_text(
            |text| !email_valid(text),
            "This value is not a valid email address.",
        ),
        Rule::Length { min, max } => match scalar_text(value) {
            Err(type_message) => Some(type_message),
            Ok(None) => None,
            Ok(Some(text)) => {
                let count = text.chars().count();
                match (min, max) {
                    (Some(min), Some(max)) if min == max => {
                        (count != *min).then(|| length_message("exact", *min))
                    }
                    (Some(min), _) if count < *min => Some(length_message("short", *min)),
                    (_, Some(max)) if count > *max => Some(length_message("long", *max)),
                    _ => None,
                }
            }
        },
        Rule::Choice(choices) => match value {
            Value::Null => None,
            Value::String(text) if choices.contains(&text.as_str()) => None,
            _ => Some("The value you selected is not a valid choice.".to_owned()),
        },
        Rule::IsTrue => {
            let accepted = matches!(value, Value::Null | Value::Bool(true))
                || value.as_i64() == Some(1)
                || value.as_str() == Some("1");
            (!accepted).then(|| "This value should be true.".to_owned())
        }
        Rule::Bool => (!value.is_null() && !value.is_boolean())
            .then(|| "This value should be of type bool.".to_owned()),
        Rule::Date => failing_text(|text| !date_valid(text), "This value is not a valid date."),
        Rule::PasswordClasses(message) => failing_text(|text| !password_classes_met(text), message),
    }
}

/// Every violation of `fields` by `attributes`, as `901` errors.
///
/// # Errors
/// The violations, when there is at least one.
pub(crate) fn validate(attributes: &Attributes, fields: &[Field]) -> Result<(), Vec<GlueError>> {
    let mut errors = Vec::new();
    for field in fields {
        match attributes.get(field.name) {
            None if field.optional => {}
            None => errors.push(GlueError::validation(field.name, "This field is missing.")),
            Some(value) => errors.extend(
                field
                    .rules
                    .iter()
                    .filter_map(|rule| violation(rule, value))
                    .map(|message| GlueError::validation(field.name, &message)),
            ),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn details(attributes: Value, fields: &[Field]) -> Vec<String> {
        match validate(&Attributes::from_json(attributes), fields) {
            Ok(()) => Vec::new(),
            Err(errors) => errors
                .iter()
                .map(|error| {
                    let body = error.clone().response().body;
                    let json: Value = serde_json::from_slice(&body).expect("JSON");
                    json["errors"][0]["detail"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned()
                })
                .collect(),
        }
    }

    #[test]
    fn missing_blank_and_short_values_give_one_error_per_violation() {
        let fields = [
            Field::required("email", vec![Rule::NotBlank, Rule::Email]),
            Field::required(
                "password",
                vec![Rule::NotBlank, length(Some(12), Some(128))],
            ),
            Field::optional("city", vec![Rule::NotBlank, length(Some(3), Some(255))]),
        ];
        assert_eq!(
            details(json!({"password": ""}), &fields),
            [
                "email => This field is missing.",
                "password => This value should not be blank.",
                "password => This value is too short. It should have 12 characters or more.",
            ]
        );
        assert_eq!(
            details(
                json!({"email": "x", "password": "a".repeat(12), "city": "Ab"}),
                &fields
            ),
            [
                "email => This value is not a valid email address.",
                "city => This value is too short. It should have 3 characters or more.",
            ]
        );
        assert_eq!(
            details(json!({"email": ["x"], "password": {"a": 1}}), &fields),
            [
                "email => This value should be of type string.",
                "password => This value should be of type string.",
            ]
        );
    }

    #[test]
    fn choices_booleans_terms_dates_and_exact_lengths() {
        let fields = [
            Field::required("gender", vec![Rule::Choice(&["Male", "Female"])]),
            Field::required("acceptedTerms", vec![Rule::IsTrue]),
            Field::optional("isDefaultBilling", vec![Rule::Bool]),
            Field::optional("dateOfBirth", vec![Rule::Date]),
            Field::optional("iso2Code", vec![length(Some(2), Some(2))]),
        ];
        assert_eq!(
            details(
                json!({"gender": "male", "acceptedTerms": false, "isDefaultBilling": "yes",
                       "dateOfBirth": "1990-02-30", "iso2Code": "DEU"}),
                &fields
            ),
            [
                "gender => The value you selected is not a valid choice.",
                "acceptedTerms => This value should be true.",
                "isDefaultBilling => This value should be of type bool.",
                "dateOfBirth => This value is not a valid date.",
                "iso2Code => This value should have exactly 2 characters.",
            ]
        );
        assert!(
            details(
                json!({"gender": "Male", "acceptedTerms": null, "isDefaultBilling": false,
                       "dateOfBirth": "1990-02-28", "iso2Code": "DE"}),
                &fields
            )
            .is_empty()
        );
    }

    #[test]
    fn emails_and_password_classes() {
        assert!(email_valid("sonia@spryker.com"));
        assert!(email_valid("a.b+c@sub.example.org"));
        for bad in ["a", "a@b", "@b.c", "a@-b.c", "a b@c.d", "a@b..c", "ä@b.c"] {
            assert!(!email_valid(bad), "{bad}");
        }
        assert!(password_classes_met("Change!12345"));
        assert!(!password_classes_met("change!12345"));
        assert!(!password_classes_met("Change12345a"));
        assert!(!password_classes_met("Change!1234ä"));
    }
}
