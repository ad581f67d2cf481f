//! Each operation's validation YAML: legacy Glue's `customers.validation.yaml` /
//! `auth.validation.yaml`, or the API Platform `*.validation.yml` files (`api_platform`), with
//! the password rules of the chosen preset (spec §5). Two deliberate departures: the address
//! default flags may be left out in both variants (DISCREPANCIES, Spryker 7), and
//! `dateOfBirth` is checked as a date on registration too, where Spryker would fail on save.

use super::errors::GlueError;
use super::options::{SprykerOptions, SprykerPasswordPolicy};
use super::validation::{Field, Rule, length};

/// The module's password-characters message.
const PASSWORD_MESSAGE: &str = "Your password must include at least one uppercase letter, one lowercase letter, one number, and one special character from the following list: !@#$%^&*()_-+=[]{}|;:<>.,/?\\~. Non-Latin and other special characters are not allowed.";

const GENDERS: &[&str] = &["Male", "Female"];
const LEGACY_SALUTATIONS: &[&str] = &["Mr", "Mrs", "Ms", "Dr"];
const API_PLATFORM_SALUTATIONS: &[&str] = &["Mr", "Mrs", "Dr", "Ms", "n/a"];

/// The salutations the variant accepts.
fn salutations(options: &SprykerOptions) -> &'static [&'static str] {
    if options.api_platform {
        API_PLATFORM_SALUTATIONS
    } else {
        LEGACY_SALUTATIONS
    }
}

/// The rules of a new password under the preset (after `NotBlank` where `required`).
fn new_password(options: &SprykerOptions, required: bool) -> Vec<Rule> {
    let mut rules = if required {
        vec![Rule::NotBlank]
    } else {
        Vec::new()
    };
    match options.password_policy {
        SprykerPasswordPolicy::Module => {
            rules.push(length(Some(12), Some(128)));
            rules.push(Rule::PasswordClasses(PASSWORD_MESSAGE));
        }
        SprykerPasswordPolicy::Demo => rules.push(length(Some(8), Some(64))),
        SprykerPasswordPolicy::Core => {}
    }
    rules
}

/// The rules of a password confirmation under the preset.
fn confirmation(options: &SprykerOptions, required: bool) -> Vec<Rule> {
    let mut rules = if required {
        vec![Rule::NotBlank]
    } else {
        Vec::new()
    };
    match options.password_policy {
        SprykerPasswordPolicy::Module => rules.push(length(Some(12), Some(128))),
        SprykerPasswordPolicy::Demo => rules.push(length(Some(8), Some(64))),
        SprykerPasswordPolicy::Core => {}
    }
    rules
}

/// The Zed layer's policy on a new password (registration and change; restore skips it): only
/// the `core` preset configures one, 1–128 characters (the minimum never bites after
/// `NotBlank`, so `418` cannot occur).
pub(crate) fn zed_password_error(options: &SprykerOptions, password: &str) -> Option<GlueError> {
    (options.password_policy == SprykerPasswordPolicy::Core && password.chars().count() > 128)
        .then(GlueError::password_too_long)
}

fn name_rules() -> Vec<Rule> {
    vec![Rule::NotBlank, length(None, Some(100))]
}

/// `POST /access-tokens`.
pub(crate) fn login() -> Vec<Field> {
    vec![
        Field::required("username", vec![Rule::NotBlank, Rule::Email]),
        Field::required("password", vec![Rule::NotBlank]),
    ]
}

/// `POST /refresh-tokens`.
pub(crate) fn refresh() -> Vec<Field> {
    vec![Field::required("refreshToken", vec![Rule::NotBlank])]
}

/// `POST /customers`.
pub(crate) fn register(options: &SprykerOptions) -> Vec<Field> {
    vec![
        Field::required("email", vec![Rule::NotBlank, Rule::Email]),
        Field::required("gender", vec![Rule::NotBlank, Rule::Choice(GENDERS)]),
        Field::required(
            "salutation",
            vec![Rule::NotBlank, Rule::Choice(salutations(options))],
        ),
        Field::required("firstName", name_rules()),
        Field::required("lastName", name_rules()),
        Field::required("password", new_password(options, true)),
        Field::required("confirmPassword", confirmation(options, true)),
        Field::required("acceptedTerms", vec![Rule::IsTrue]),
        Field::optional("dateOfBirth", vec![Rule::Date]),
    ]
}

/// `PATCH /customers/{ref}`.
pub(crate) fn update_customer(options: &SprykerOptions) -> Vec<Field> {
    let choice = |choices| vec![Rule::NotBlank, Rule::Choice(choices)];
    let mut fields = vec![
        Field::optional("email", vec![Rule::NotBlank, Rule::Email]),
        Field::optional("gender", choice(GENDERS)),
        Field::optional("salutation", choice(salutations(options))),
        Field::optional("firstName", name_rules()),
        Field::optional("lastName", name_rules()),
        Field::optional("dateOfBirth", vec![Rule::Date]),
    ];
    if options.api_platform {
        fields.push(Field::optional("password", new_password(options, false)));
        fields.push(Field::optional(
            "confirmPassword",
            confirmation(options, false),
        ));
        fields.push(Field::optional("phone", vec![length(None, Some(255))]));
    }
    fields
}

/// `POST /customers/{ref}/addresses` (`create`) or `PATCH …/{uuid}`.
pub(crate) fn address(options: &SprykerOptions, create: bool) -> Vec<Field> {
    let field: fn(&'static str, Vec<Rule>) -> Field = if create {
        Field::required
    } else {
        Field::optional
    };
    let text = |max| vec![Rule::NotBlank, length(None, Some(max))];
    let iso2 = if options.api_platform {
        length(Some(2), Some(2))
    } else {
        length(None, Some(2))
    };
    let mut fields = vec![
        field(
            "salutation",
            vec![Rule::NotBlank, Rule::Choice(salutations(options))],
        ),
        field("firstName", text(100)),
        field("lastName", text(100)),
        field("address1", text(255)),
        field("address2", text(255)),
        Field::optional("address3", vec![length(None, Some(255))]),
        field("zipCode", text(15)),
        field("city", vec![Rule::NotBlank, length(Some(3), Some(255))]),
        Field::optional("phone", vec![length(None, Some(255))]),
        field("iso2Code", vec![Rule::NotBlank, iso2]),
        Field::optional("isDefaultShipping", vec![Rule::Bool]),
        Field::optional("isDefaultBilling", vec![Rule::Bool]),
    ];
    if options.api_platform {
        fields.push(Field::optional("company", vec![length(None, Some(255))]));
        fields.push(Field::optional("comment", vec![length(None, Some(255))]));
    }
    fields
}

/// `POST /customer-forgotten-password`.
pub(crate) fn forgotten_password(options: &SprykerOptions) -> Vec<Field> {
    let mut rules = vec![Rule::NotBlank, Rule::Email];
    if !options.api_platform {
        rules.push(length(None, Some(255)));
    }
    vec![Field::required("email", rules)]
}

/// `PATCH /customer-restore-password/{key}`.
pub(crate) fn restore_password(options: &SprykerOptions) -> Vec<Field> {
    vec![
        Field::required("restorePasswordKey", vec![Rule::NotBlank]),
        Field::required("password", new_password(options, true)),
        Field::required("confirmPassword", confirmation(options, true)),
    ]
}

/// `PATCH /customer-password/{ref}`.
pub(crate) fn change_password(options: &SprykerOptions) -> Vec<Field> {
    let mut current = vec![Rule::NotBlank];
    if !options.api_platform {
        current.push(length(None, Some(128)));
    }
    vec![
        Field::required("password", current),
        Field::required("newPassword", new_password(options, true)),
        Field::required("confirmPassword", confirmation(options, true)),
    ]
}

/// `POST /customer-confirmation` and `POST /customers/{ref}/confirm-registration`.
pub(crate) fn confirmation_key(options: &SprykerOptions) -> Vec<Field> {
    let mut rules = vec![Rule::NotBlank];
    if options.api_platform {
        rules.push(length(None, Some(150)));
    }
    vec![Field::required("registrationKey", rules)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_shape_the_new_password_rules() {
        let mut options = SprykerOptions::default();
        assert_eq!(
            new_password(&options, true),
            [
                Rule::NotBlank,
                length(Some(12), Some(128)),
                Rule::PasswordClasses(PASSWORD_MESSAGE)
            ]
        );
        options.password_policy = SprykerPasswordPolicy::Demo;
        assert_eq!(
            confirmation(&options, true),
            [Rule::NotBlank, length(Some(8), Some(64))]
        );
        assert_eq!(zed_password_error(&options, &"x".repeat(200)), None);
        options.password_policy = SprykerPasswordPolicy::Core;
        assert_eq!(new_password(&options, true), [Rule::NotBlank]);
        assert_eq!(
            zed_password_error(&options, &"x".repeat(129)),
            Some(GlueError::password_too_long())
        );
        assert_eq!(zed_password_error(&options, "x"), None);
    }

    #[test]
    fn the_variants_differ_where_their_files_do() {
        let legacy = SprykerOptions::default();
        let api = SprykerOptions {
            api_platform: true,
            ..SprykerOptions::default()
        };
        assert_eq!(salutations(&legacy), ["Mr", "Mrs", "Ms", "Dr"]);
        assert!(salutations(&api).contains(&"n/a"));
        assert_eq!(address(&legacy, true).len() + 2, address(&api, true).len());
        assert_eq!(forgotten_password(&legacy)[0].rules.len(), 3);
        assert_eq!(confirmation_key(&api)[0].rules.len(), 2);
    }
}
