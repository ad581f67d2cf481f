//! Spryker's street lines. Its validation requires the house number apart
//! (`address2`, `NotBlank`) from the street (`address1`), as its own forms
//! ask for them ("Street", "Number"); the SDK's `address1` is the one line
//! "street number" of the other backends. A line is split on the way out and
//! joined on the way in, so that it reads back as it was written (but for a
//! leading number, which reads back after the street).

/// `line` as (street, house number): the number is the last word starting
/// with a digit, with what follows it (`Kieler Str. 75`, `Hauptstraße 12 a`),
/// else a leading number (`12 rue de la Paix`); `None` without one.
pub(super) fn split(line: &str) -> Option<(String, String)> {
    let numeric = |word: &str| word.starts_with(|ch: char| ch.is_ascii_digit());
    let (at, _) = line
        .split_whitespace()
        .enumerate()
        .filter(|(_, word)| numeric(word))
        .last()?;
    // Words from `at` on are the number, or the first word alone when it is
    // the only number; single spaces between words.
    let (mut street, mut number) = (String::new(), String::new());
    for (index, word) in line.split_whitespace().enumerate() {
        let in_number = if at == 0 { index == 0 } else { index >= at };
        let part = if in_number { &mut number } else { &mut street };
        if !part.is_empty() {
            part.push(' ');
        }
        part.push_str(word);
    }
    (!street.is_empty()).then_some((street, number))
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
            ("12 34 b", ("12", "34 b")),
            ("Am Markt\t3", ("Am Markt", "3")),
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
