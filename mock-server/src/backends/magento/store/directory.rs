//! The store's fixed directory: its websites and store views, the countries it allows and the
//! regions it knows (Magento's region ids for the US and Germany), and which countries need a
//! region or may omit the postcode (Magento's defaults).

/// A store view.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct StoreView {
    /// Store code as it appears in `/rest/<code>/`.
    pub(crate) code: &'static str,
    /// Store id.
    pub(crate) id: u32,
    /// The website it belongs to.
    pub(crate) website_id: u32,
    /// Store view name (`created_in`).
    pub(crate) name: &'static str,
}

/// The default store view (`default`, id 1) of the main website (id 1).
pub(crate) static DEFAULT_STORE: StoreView = StoreView {
    code: "default",
    id: 1,
    website_id: 1,
    name: "Default Store View",
};

/// The admin store (`all`, id 0, website 0): an admin scope where no customer lives.
pub(crate) static ADMIN_STORE: StoreView = StoreView {
    code: "all",
    id: 0,
    website_id: 0,
    name: "Admin",
};

/// The store view of a code in a REST path (`default` or `all`).
pub(crate) fn store_by_code(code: &str) -> Option<&'static StoreView> {
    [&DEFAULT_STORE, &ADMIN_STORE]
        .into_iter()
        .find(|store| store.code == code)
}

/// A region of the directory.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Region {
    /// Magento's region id.
    pub(crate) id: u32,
    /// Country (ISO-2).
    pub(crate) country: &'static str,
    /// Region code, e.g. `NY`.
    pub(crate) code: &'static str,
    /// Default name, e.g. `New York`.
    pub(crate) name: &'static str,
}

/// `(code, name)` pairs of a country's regions, in Magento's id order.
macro_rules! names {
    ($($code:literal => $name:literal),* $(,)?) => {
        &[$(($code, $name)),*]
    };
}

const US: &[(&str, &str)] = names![
    "AL" => "Alabama", "AK" => "Alaska", "AS" => "American Samoa", "AZ" => "Arizona",
    "AR" => "Arkansas", "AE" => "Armed Forces Africa", "AA" => "Armed Forces Americas",
    "AE" => "Armed Forces Canada", "AE" => "Armed Forces Europe", "AE" => "Armed Forces Middle East",
    "AP" => "Armed Forces Pacific", "CA" => "California", "CO" => "Colorado",
    "CT" => "Connecticut", "DE" => "Delaware", "DC" => "District of Columbia",
    "FM" => "Federated States Of Micronesia", "FL" => "Florida", "GA" => "Georgia",
    "GU" => "Guam", "HI" => "Hawaii", "ID" => "Idaho", "IL" => "Illinois", "IN" => "Indiana",
    "IA" => "Iowa", "KS" => "Kansas", "KY" => "Kentucky", "LA" => "Louisiana", "ME" => "Maine",
    "MH" => "Marshall Islands", "MD" => "Maryland", "MA" => "Massachusetts", "MI" => "Michigan",
    "MN" => "Minnesota", "MS" => "Mississippi", "MO" => "Missouri", "MT" => "Montana",
    "NE" => "Nebraska", "NV" => "Nevada", "NH" => "New Hampshire", "NJ" => "New Jersey",
    "NM" => "New Mexico", "NY" => "New York", "NC" => "North Carolina", "ND" => "North Dakota",
    "MP" => "Northern Mariana Islands", "OH" => "Ohio", "OK" => "Oklahoma", "OR" => "Oregon",
    "PW" => "Palau", "PA" => "Pennsylvania", "PR" => "Puerto Rico", "RI" => "Rhode Island",
    "SC" => "South Carolina", "SD" => "South Dakota", "TN" => "Tennessee", "TX" => "Texas",
    "UT" => "Utah", "VT" => "Vermont", "VI" => "Virgin Islands", "VA" => "Virginia",
    "WA" => "Washington", "WV" => "West Virginia", "WI" => "Wisconsin", "WY" => "Wyoming",
];

const DE: &[(&str, &str)] = names![
    "NDS" => "Niedersachsen", "BAW" => "Baden-Württemberg", "BAY" => "Bayern",
    "BER" => "Berlin", "BRG" => "Brandenburg", "BRE" => "Bremen", "HAM" => "Hamburg",
    "HES" => "Hessen", "MEC" => "Mecklenburg-Vorpommern", "NRW" => "Nordrhein-Westfalen",
    "RHE" => "Rheinland-Pfalz", "SAR" => "Saarland", "SAS" => "Sachsen",
    "SAC" => "Sachsen-Anhalt", "SCN" => "Schleswig-Holstein", "THE" => "Thüringen",
];

/// The regions of the directory, built once: the US from id 1, Germany from id 79.
fn regions() -> &'static [Region] {
    static REGIONS: std::sync::OnceLock<Vec<Region>> = std::sync::OnceLock::new();
    REGIONS.get_or_init(|| {
        let mut all = Vec::with_capacity(US.len() + DE.len());
        for (country, first, names) in [("US", 1, US), ("DE", 79, DE)] {
            for (offset, (code, name)) in (0u32..).zip(names.iter()) {
                all.push(Region {
                    id: first + offset,
                    country,
                    code,
                    name,
                });
            }
        }
        all
    })
}

/// The region with this id, if the directory has it.
pub(crate) fn region_by_id(id: u32) -> Option<&'static Region> {
    regions().iter().find(|region| region.id == id)
}

/// The country's region with this code (Magento's `loadByCode`), if any.
pub(crate) fn region_by_code(country: &str, code: &str) -> Option<&'static Region> {
    regions()
        .iter()
        .find(|region| region.country == country && region.code.eq_ignore_ascii_case(code))
}

/// Whether the directory lists regions for the country.
pub(crate) fn has_regions(country: &str) -> bool {
    regions().iter().any(|region| region.country == country)
}

/// Countries whose addresses need a region (`general/region/state_required`).
const STATE_REQUIRED: &str = "AL AR AU BG BO BR BY CA CH CL CN CO CZ DK EC EE ES GR GY HR IN IS IT LT LV MX PE PL PT PY RO SE SR US UY VE";

/// Countries whose addresses may omit the postcode (`general/country/optional_zip_countries`).
const OPTIONAL_ZIP: &str = "HK IE MO PA GB";

/// Every country Magento allows by default (ISO 3166-1 alpha-2).
const COUNTRIES: &str = "AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

fn listed(list: &'static str, country: &str) -> bool {
    country.len() == 2 && list.split(' ').any(|code| code == country)
}

/// Whether the country is allowed (case-sensitive, as Magento compares).
pub(crate) fn country_allowed(country: &str) -> bool {
    listed(COUNTRIES, country)
}

/// Whether the country's addresses need a region.
pub(crate) fn region_required(country: &str) -> bool {
    listed(STATE_REQUIRED, country)
}

/// Whether the country's addresses may omit the postcode.
pub(crate) fn postcode_optional(country: &str) -> bool {
    listed(OPTIONAL_ZIP, country)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_ids_are_magentos() {
        let new_york = region_by_code("US", "NY").expect("New York");
        assert_eq!((new_york.id, new_york.name), (43, "New York"));
        assert_eq!(region_by_id(4).map(|r| r.code), Some("AZ"));
        assert_eq!(region_by_id(65).map(|r| r.name), Some("Wyoming"));
        assert_eq!(region_by_id(82).map(|r| r.name), Some("Berlin"));
        assert_eq!(region_by_id(94).map(|r| r.code), Some("THE"));
        assert_eq!(region_by_id(95), None);
        assert!(has_regions("DE") && !has_regions("FR"));
    }

    #[test]
    fn country_rules() {
        assert!(country_allowed("DE") && country_allowed("US"));
        assert!(!country_allowed("de") && !country_allowed("XX") && !country_allowed(""));
        assert!(region_required("US") && !region_required("DE"));
        assert!(postcode_optional("IE") && !postcode_optional("DE"));
        assert_eq!(store_by_code("default").map(|s| s.id), Some(1));
        assert_eq!(store_by_code("all").map(|s| s.website_id), Some(0));
        assert_eq!(store_by_code("admin"), None);
    }
}
