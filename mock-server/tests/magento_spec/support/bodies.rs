//! The documented Magento error bodies, templates unsubstituted (spec §1.4, §2, §7).

use serde_json::{Value, json};

/// 401 on a `self` route with a missing, invalid, expired or revoked token (§1.4).
pub fn not_authorized() -> Value {
    json!({"message": "The consumer isn't authorized to access %resources.",
           "parameters": {"resources": "self"}})
}

/// 401 for bad credentials, an unknown email or a locked account (§2.3).
pub fn sign_in_failed() -> Value {
    json!({"message": "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later."})
}

/// 401 for an unconfirmed account, newest core (§2.3, §6).
pub fn not_confirmed() -> Value {
    json!({"message": "This account isn't confirmed. Verify and try again."})
}

/// 400 duplicate registration (§2.1).
pub fn duplicate() -> Value {
    json!({"message": "A customer with the same email address already exists in an associated website."})
}

/// 400 invalid field value (§2.1).
pub fn invalid_value(field: &str, value: &str) -> Value {
    json!({"message": "Invalid value of \"%value\" provided for the %fieldName field.",
           "parameters": {"fieldName": field, "value": value}})
}

/// 400 one missing field: the single input error is the top-level message (§1.4).
pub fn required(field: &str) -> Value {
    json!({"message": "\"%fieldName\" is required. Enter and try again.",
           "parameters": {"fieldName": field}})
}

/// 400 several missing fields: the aggregate form (§1.4).
pub fn required_all(fields: &[&str]) -> Value {
    let errors: Vec<Value> = fields
        .iter()
        .map(|field| {
            json!({"message": "\"%fieldName\" is required. Enter and try again.",
                   "parameters": {"fieldName": field}})
        })
        .collect();
    json!({"message": "One or more input exceptions have occurred.", "errors": errors})
}

/// 401 wrong current password on change password (§2.7).
pub fn wrong_current_password() -> Value {
    json!({"message": "The password doesn't match this account. Verify the password and try again."})
}

/// 404 unknown email on a reset request (§2.8).
pub fn no_such_email(email: &str, website_id: i64) -> Value {
    json!({"message": "No such entity with %fieldName = %fieldValue, %field2Name = %field2Value",
           "parameters": {"fieldName": "email", "fieldValue": email,
                          "field2Name": "websiteId", "field2Value": website_id}})
}

/// 400 reset token mismatch (§2.9).
pub fn token_mismatch() -> Value {
    json!({"message": "The password token is mismatched. Reset and try again."})
}

/// 400 reset token expired (§2.9).
pub fn token_expired() -> Value {
    json!({"message": "The password token is expired. Reset and try again."})
}

/// 400 password shorter than the minimum (§7), list parameters.
pub fn too_short(min: i64) -> Value {
    json!({"message": "The password needs at least %1 characters. Create a new password and try again.",
           "parameters": [min]})
}

/// 400 too few character classes (§7).
pub fn too_few_classes(classes: i64) -> Value {
    json!({"message": "Minimum of different classes of characters in password is %1. Classes of characters: Lower Case, Upper Case, Digits, Special Characters.",
           "parameters": [classes]})
}

/// 400 password longer than the maximum (§7).
pub fn too_long(max: i64) -> Value {
    json!({"message": "Please enter a password with at most %1 characters.", "parameters": [max]})
}

/// 400 leading or trailing space (§7).
pub fn space_around() -> Value {
    json!({"message": "The password can't begin or end with a space. Verify the password and try again."})
}

/// 400 password equal to the email (§7, §2.10).
pub fn same_as_email() -> Value {
    json!({"message": "The password can't be the same as the email address. Create a new password and try again."})
}
