//! Spryker's street lines. Its validation requires the house number apart
//! (`address2`, `NotBlank`) from the street (`address1`), as its own forms
//! ask for them ("Street", "Number"); the SDK's `address1` is the one line
//! "street number" of the other backends. A line is split on the way out and
//! joined on the way in, so that it reads back as it was written (but for a
//! leading number, which reads back after the street).

use crate::backend::support;

/// `line` as (street, house number): the number is the last word starting
/// with a digit, with what follows it (`Kieler Str. 75`, `Hauptstraße 12 a`),
/// else a leading number (`12 rue de la Paix`); `None` without one.
pub(super) fn split(line: &str) -> Option<(String, String)> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let numeric = |word: &&str| word.starts_with(|ch: char| ch.is_ascii_digit());
    match words.iter().rposition(numeric) {
        Some(0) if words.len() > 1 => Some((support::join(&words[1..], " "), words[0].to_owned())),
        Some(at) if at > 0 => Some((
            support::join(&words[..at], " "),
            support::join(&words[at..], " "),
        )),
        _ => None,
    }
}

/// Two parts as one line (the street and the house number, a first and a
/// last name), blank parts left out; `None` when both are blank.
pub(super) fn join(street: Option<&str>, number: Option<&str>) -> Option<String> {
    let mut line = String::new();
    for part in [street, number] {
        let part = part.unwrap_or_default().trim();
        if !part.is_empty() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(part);
        }
    }
    (!line.is_empty()).then_some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned((street, number): (&str, &str)) -> Option<(String, String)> {
        Some((street.to_owned(), number.to_owned()))
    }

    #[test]
    fn the_house_number_is_split_off_and_joined_back() {
        for (line, expected) in [
            ("Unter den Linden 1", ("Unter den Linden", "1")),
            ("Kieler Str. 75", ("Kieler Str.", "75")),
            ("Hauptstraße 12 a", ("Hauptstraße", "12 a")),
            ("Straße des 17. Juni 135", ("Straße des 17. Juni", "135")),
            ("  Friedrichstr.   2-4 ", ("Friedrichstr.", "2-4")),
            ("12 rue de la Paix", ("rue de la Paix", "12")),
        ] {
            assert_eq!(split(line), owned(expected), "{line}");
            let (street, number) = expected;
            let joined = join(Some(street), Some(number)).unwrap();
            if !line.trim_start().starts_with(char::is_numeric) {
                assert_eq!(
                    joined,
                    line.split_whitespace().collect::<Vec<_>>().join(" ")
                );
            }
        }
        for line in ["Hauptstraße", "75", "", "   "] {
            assert_eq!(split(line), None, "{line}");
        }
        assert_eq!(
            join(Some("Julie-Wolfthorn-Straße"), Some("1")).as_deref(),
            Some("Julie-Wolfthorn-Straße 1")
        );
        assert_eq!(join(Some("Main St"), Some(" ")).as_deref(), Some("Main St"));
        assert_eq!(join(None, Some("")), None);
    }
}
