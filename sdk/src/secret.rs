//! Secret strings (tokens, passwords) that never show in `Debug`, `Display`
//! or logs (TL-11.1). Read them only through `expose_secret`.

use std::fmt;

macro_rules! secret_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// Wraps a secret value.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The secret itself, for sending it where it belongs.
            pub fn expose_secret(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "([redacted])"))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("[redacted]")
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(value)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }
    };
}

secret_type!(
    /// A bearer access token (a JWT on Spree).
    AccessToken
);
secret_type!(
    /// A refresh token; single-use on Spree.
    RefreshToken
);
secret_type!(
    /// A password, or a password-reset token.
    Password
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_in_debug_and_display() {
        let token = AccessToken::new("eyJhbGciOiJIUzI1NiJ9.secret");
        assert_eq!(format!("{token:?}"), "AccessToken([redacted])");
        assert_eq!(format!("{token}"), "[redacted]");
        assert_eq!(token.expose_secret(), "eyJhbGciOiJIUzI1NiJ9.secret");
        assert!(!format!("{:?}", Password::new("hunter2")).contains("hunter2"));
    }
}
