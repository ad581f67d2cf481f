//! The store's country table: the countries and states the mock knows (spec §6.3).

/// A state (region) of a country.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct State {
    /// Abbreviation, e.g. `NY`.
    pub(crate) abbr: &'static str,
    /// Name, e.g. `New York`.
    pub(crate) name: &'static str,
}

/// A country of the store.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Country {
    /// ISO 3166-1 alpha-2.
    pub(crate) iso: &'static str,
    /// ISO 3166-1 alpha-3.
    pub(crate) iso3: &'static str,
    /// Display name.
    pub(crate) name: &'static str,
    /// Whether an address needs a state.
    pub(crate) states_required: bool,
    /// Known states.
    pub(crate) states: &'static [State],
}

macro_rules! states {
    ($($abbr:literal => $name:literal),* $(,)?) => {
        &[$(State { abbr: $abbr, name: $name }),*]
    };
}

static US_STATES: &[State] = states![
    "AL" => "Alabama", "AK" => "Alaska", "AZ" => "Arizona", "AR" => "Arkansas",
    "CA" => "California", "CO" => "Colorado", "CT" => "Connecticut", "DE" => "Delaware",
    "DC" => "District of Columbia", "FL" => "Florida", "GA" => "Georgia", "HI" => "Hawaii",
    "ID" => "Idaho", "IL" => "Illinois", "IN" => "Indiana", "IA" => "Iowa", "KS" => "Kansas",
    "KY" => "Kentucky", "LA" => "Louisiana", "ME" => "Maine", "MD" => "Maryland",
    "MA" => "Massachusetts", "MI" => "Michigan", "MN" => "Minnesota", "MS" => "Mississippi",
    "MO" => "Missouri", "MT" => "Montana", "NE" => "Nebraska", "NV" => "Nevada",
    "NH" => "New Hampshire", "NJ" => "New Jersey", "NM" => "New Mexico", "NY" => "New York",
    "NC" => "North Carolina", "ND" => "North Dakota", "OH" => "Ohio", "OK" => "Oklahoma",
    "OR" => "Oregon", "PA" => "Pennsylvania", "RI" => "Rhode Island", "SC" => "South Carolina",
    "SD" => "South Dakota", "TN" => "Tennessee", "TX" => "Texas", "UT" => "Utah",
    "VT" => "Vermont", "VA" => "Virginia", "WA" => "Washington", "WV" => "West Virginia",
    "WI" => "Wisconsin", "WY" => "Wyoming",
];

static COUNTRIES: &[Country] = &[
    Country {
        iso: "US",
        iso3: "USA",
        name: "United States of America",
        states_required: true,
        states: US_STATES,
    },
    Country {
        iso: "DE",
        iso3: "DEU",
        name: "Germany",
        states_required: false,
        states: &[],
    },
    Country {
        iso: "GB",
        iso3: "GBR",
        name: "United Kingdom",
        states_required: false,
        states: &[],
    },
];

/// The country with this alpha-2 or alpha-3 code (case-insensitive).
pub(crate) fn find_country(code: &str) -> Option<&'static Country> {
    let code = code.trim();
    COUNTRIES.iter().find(|country| {
        country.iso.eq_ignore_ascii_case(code) || country.iso3.eq_ignore_ascii_case(code)
    })
}

impl Country {
    /// The state with this abbreviation (case-insensitive).
    pub(crate) fn state_by_abbr(&self, abbr: &str) -> Option<&'static State> {
        self.states
            .iter()
            .find(|state| state.abbr.eq_ignore_ascii_case(abbr.trim()))
    }

    /// The state with this name (case-insensitive).
    pub(crate) fn state_by_name(&self, name: &str) -> Option<&'static State> {
        self.states
            .iter()
            .find(|state| state.name.eq_ignore_ascii_case(name.trim()))
    }

    /// Whether `postal_code` has this country's format (only the US format is checked).
    pub(crate) fn postal_code_valid(&self, postal_code: &str) -> bool {
        if self.iso != "US" {
            return true;
        }
        let bytes = postal_code.as_bytes();
        let digits = |range: &[u8]| range.iter().all(u8::is_ascii_digit);
        match bytes.len() {
            5 => digits(bytes),
            10 => digits(&bytes[..5]) && bytes[5] == b'-' && digits(&bytes[6..]),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_resolve_by_either_code() {
        assert_eq!(find_country("us").map(|c| c.iso), Some("US"));
        assert_eq!(find_country("DEU").map(|c| c.iso), Some("DE"));
        assert!(find_country("XX").is_none());
    }

    #[test]
    fn us_zip_format() {
        let us = find_country("US").expect("US");
        assert!(us.postal_code_valid("10001"));
        assert!(us.postal_code_valid("10001-1234"));
        assert!(!us.postal_code_valid("1000"));
        assert!(!us.postal_code_valid("ABCDE"));
    }
}
