//! Request errors in the words of graphql-php (Magento's GraphQL library) where the executor's
//! own words differ and the spec or clients rely on them: syntax errors, unknown fields of
//! output and input types, unused variables. Other messages are kept as they are.

/// graphql-php's wording of an executor message, if it has one.
pub(crate) fn magento_wording(message: &str) -> Option<String> {
    if let Some(report) = message.strip_prefix(" --> ") {
        // The parser's report ends with `  = expected …`.
        let expected = report
            .lines()
            .find_map(|line| line.trim_start().strip_prefix("= "))
            .unwrap_or("unexpected input");
        let mut text = expected.chars();
        let first = text.next().map(|c| c.to_uppercase().collect::<String>());
        return Some(format!(
            "Syntax Error: {}{}",
            first.unwrap_or_default(),
            text.as_str()
        ));
    }
    if let Some(rest) = message.strip_prefix("Unknown field \"") {
        // `Unknown field "x" on type "T".` (+ a suggestion) → `Cannot query field …`.
        return Some(format!("Cannot query field \"{rest}"));
    }
    if let Some(at) = message.find(", unknown field \"") {
        // `Invalid value for argument "input", unknown field "x" of type "T"`.
        let rest = &message[at + ", unknown field \"".len()..];
        let (field, rest) = rest.split_once("\" of type \"")?;
        let ty = rest.strip_suffix('"')?;
        return Some(format!("Field \"{field}\" is not defined by type {ty}."));
    }
    if let Some(variable) = message
        .strip_prefix("Variable \"")
        .and_then(|rest| rest.strip_suffix("\" is not used"))
    {
        return Some(format!("Variable \"{variable}\" is never used."));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::magento_wording;

    #[test]
    fn executor_messages_get_graphql_php_wording() {
        let cases = [
            (
                " --> 1:20\n  |\n1 | { customer { email \n  |                    ^---\n  |\n  = expected selection_set, selection, directive, or arguments",
                "Syntax Error: Expected selection_set, selection, directive, or arguments",
            ),
            (
                "Unknown field \"emai\" on type \"Customer\". Did you mean \"email\"?",
                "Cannot query field \"emai\" on type \"Customer\". Did you mean \"email\"?",
            ),
            (
                "Invalid value for argument \"input\", unknown field \"xxx\" of type \"CustomerInput\"",
                "Field \"xxx\" is not defined by type CustomerInput.",
            ),
            (
                "Variable \"$id\" is not used",
                "Variable \"$id\" is never used.",
            ),
        ];
        for (executor, graphql_php) in cases {
            assert_eq!(magento_wording(executor).as_deref(), Some(graphql_php));
        }
        assert_eq!(magento_wording("Unknown operation named \"B\""), None);
    }
}
