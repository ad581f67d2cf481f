//! The GraphQL documents the SDK sends: exactly those of
//! `magento-graphql.md` §2, each with its whitespace normalised (every run of
//! spaces and line breaks is one space, none at either end). On 2.4.9 the
//! address selections add `uid` after `id`, and the address update and
//! delete use the `uid`-keyed V2 mutations.

/// One operation: its name (the body's `operationName`) and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Document {
    pub name: &'static str,
    pub text: &'static str,
}

/// The server release, where the wire differs (`Settings::server_version`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Version {
    /// 2.4.8: integer address ids.
    V248,
    /// 2.4.9: `uid` address ids and the V2 address mutations.
    V249,
}

/// §2.1.
pub(super) const CREATE_CUSTOMER: Document = Document {
    name: "CreateCustomer",
    text: "mutation CreateCustomer($input: CustomerCreateInput!) { createCustomerV2(input: $input) { customer { firstname lastname email is_subscribed confirmation_status } } }",
};

/// §2.2.
pub(super) const LOGIN: Document = Document {
    name: "Login",
    text: "mutation Login($email: String!, $password: String!) { generateCustomerToken(email: $email, password: $password) { token } }",
};

/// §2.3.
pub(super) const LOGOUT: Document = Document {
    name: "Logout",
    text: "mutation Logout { revokeCustomerToken { result } }",
};

/// §2.4.
pub(super) const REQUEST_RESET: Document = Document {
    name: "RequestReset",
    text: "mutation RequestReset($email: String!) { requestPasswordResetEmail(email: $email) }",
};

/// §2.5.
pub(super) const RESET_PASSWORD: Document = Document {
    name: "ResetPassword",
    text: "mutation ResetPassword($email: String!, $token: String!, $password: String!) { resetPassword(email: $email, resetPasswordToken: $token, newPassword: $password) }",
};

/// §2.7.
pub(super) const UPDATE_ME: Document = Document {
    name: "UpdateMe",
    text: "mutation UpdateMe($input: CustomerUpdateInput!) { updateCustomerV2(input: $input) { customer { firstname lastname email is_subscribed } } }",
};

/// §2.7, the email change.
pub(super) const UPDATE_EMAIL: Document = Document {
    name: "UpdateEmail",
    text: "mutation UpdateEmail($email: String!, $password: String!) { updateCustomerEmail(email: $email, password: $password) { customer { email } } }",
};

/// §2.8.
pub(super) const CHANGE_PASSWORD: Document = Document {
    name: "ChangePassword",
    text: "mutation ChangePassword($current: String!, $new: String!) { changeCustomerPassword(currentPassword: $current, newPassword: $new) { email } }",
};

/// §2.6 with the address id selection `$id`.
macro_rules! me {
    ($id:literal) => {
        concat!(
            "query Me { customer { firstname lastname middlename prefix suffix email date_of_birth gender is_subscribed created_at confirmation_status default_billing default_shipping addresses { ",
            $id,
            " firstname lastname company street city postcode region { region region_code region_id } region_id country_code telephone vat_id default_billing default_shipping } } }"
        )
    };
}

/// §2.9 (create) with the address id selection `$id`.
macro_rules! create_address {
    ($id:literal) => {
        concat!(
            "mutation CreateAddress($input: CustomerAddressInput!) { createCustomerAddress(input: $input) { ",
            $id,
            " firstname lastname street city postcode country_code telephone region { region region_code region_id } default_billing default_shipping } }"
        )
    };
}

impl Version {
    /// §2.6: the profile and address book.
    pub fn me(self) -> Document {
        Document {
            name: "Me",
            text: match self {
                Version::V248 => me!("id"),
                Version::V249 => me!("id uid"),
            },
        }
    }

    /// §2.9: a new address.
    pub fn create_address(self) -> Document {
        Document {
            name: "CreateAddress",
            text: match self {
                Version::V248 => create_address!("id"),
                Version::V249 => create_address!("id uid"),
            },
        }
    }

    /// §2.9: an address changed (`$id: Int!` on 2.4.8, `$uid: ID!` on 2.4.9).
    pub fn update_address(self) -> Document {
        Document {
            name: "UpdateAddress",
            text: match self {
                Version::V248 => {
                    "mutation UpdateAddress($id: Int!, $input: CustomerAddressInput) { updateCustomerAddress(id: $id, input: $input) { id city postcode default_billing default_shipping } }"
                }
                Version::V249 => {
                    "mutation UpdateAddress($uid: ID!, $input: CustomerAddressInput) { updateCustomerAddressV2(uid: $uid, input: $input) { uid city postcode default_billing default_shipping } }"
                }
            },
        }
    }

    /// §2.9: an address deleted.
    pub fn delete_address(self) -> Document {
        Document {
            name: "DeleteAddress",
            text: match self {
                Version::V248 => {
                    "mutation DeleteAddress($id: Int!) { deleteCustomerAddress(id: $id) }"
                }
                Version::V249 => {
                    "mutation DeleteAddress($uid: ID!) { deleteCustomerAddressV2(uid: $uid) }"
                }
            },
        }
    }

    /// The root field of the address mutations' results.
    pub fn update_field(self) -> &'static str {
        match self {
            Version::V248 => "updateCustomerAddress",
            Version::V249 => "updateCustomerAddressV2",
        }
    }

    /// The root field of an address deletion's result.
    pub fn delete_field(self) -> &'static str {
        match self {
            Version::V248 => "deleteCustomerAddress",
            Version::V249 => "deleteCustomerAddressV2",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every run of whitespace as one space, none at either end.
    fn normalised(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The documents of the spec, in order, normalised.
    fn spec() -> Vec<String> {
        let copy = include_str!("spec-documents.graphql");
        let blocks: Vec<String> = copy.split("# ---\n").skip(1).map(normalised).collect();
        assert_eq!(blocks.len(), 12);
        blocks
    }

    #[test]
    fn the_documents_sent_are_the_spec_documents() {
        let v248 = Version::V248;
        let sent = [
            CREATE_CUSTOMER,
            LOGIN,
            LOGOUT,
            REQUEST_RESET,
            RESET_PASSWORD,
            v248.me(),
            UPDATE_ME,
            UPDATE_EMAIL,
            CHANGE_PASSWORD,
            v248.create_address(),
            v248.update_address(),
            v248.delete_address(),
        ];
        for (document, spec) in sent.iter().zip(spec()) {
            assert_eq!(document.text, spec, "sent as stored, already normalised");
            let name = spec.split([' ', '(']).nth(1).unwrap();
            assert_eq!(document.name, name, "operationName is the document's name");
        }
    }

    #[test]
    fn on_2_4_9_addresses_select_the_uid_and_use_the_v2_mutations() {
        let spec = spec();
        let v249 = Version::V249;
        assert_eq!(
            v249.me().text,
            spec[5].replace("addresses { id ", "addresses { id uid ")
        );
        assert_eq!(
            v249.create_address().text,
            spec[9].replace("(input: $input) { id ", "(input: $input) { id uid ")
        );
        assert_eq!(
            v249.update_address().text,
            spec[10]
                .replace("$id: Int!", "$uid: ID!")
                .replace(
                    "updateCustomerAddress(id: $id",
                    "updateCustomerAddressV2(uid: $uid"
                )
                .replace("{ id city", "{ uid city")
        );
        assert_eq!(
            v249.delete_address().text,
            spec[11].replace("$id: Int!", "$uid: ID!").replace(
                "deleteCustomerAddress(id: $id)",
                "deleteCustomerAddressV2(uid: $uid)"
            )
        );
        for version in [Version::V248, v249] {
            let [update, delete] = [version.update_address(), version.delete_address()];
            assert!(update.text.contains(version.update_field()));
            assert!(delete.text.contains(version.delete_field()));
        }
    }
}
