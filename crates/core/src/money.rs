//! Money as an exact count of minor units (cents, tetri, centavos) with its ISO 4217 currency.
//! Never a float: amounts are parsed from their decimal text and printed back the same way.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::message::Message;

/// An ISO 4217 currency: its three-letter code and how many decimal places its minor unit has.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Currency {
    code: [u8; 3],
    exponent: u8,
}

/// ISO 4217 currencies whose minor unit is not hundredths. Every other well-formed code has
/// two decimal places (USD, EUR, GEL, PHP, and IRR, which ISO lists with two although rial
/// prices are quoted whole).
const NON_DECIMAL_EXPONENTS: &[(&str, u8)] = &[
    ("BIF", 0),
    ("CLP", 0),
    ("DJF", 0),
    ("GNF", 0),
    ("ISK", 0),
    ("JPY", 0),
    ("KMF", 0),
    ("KRW", 0),
    ("PYG", 0),
    ("RWF", 0),
    ("UGX", 0),
    ("UYI", 0),
    ("VND", 0),
    ("VUV", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("XPF", 0),
    ("BHD", 3),
    ("IQD", 3),
    ("JOD", 3),
    ("KWD", 3),
    ("LYD", 3),
    ("OMR", 3),
    ("TND", 3),
    ("CLF", 4),
    ("UYW", 4),
    // Not ISO: the toman (ten rials), the code Iranian shops and payment systems use for
    // prices quoted in toman, always whole.
    ("IRT", 0),
];

impl Currency {
    /// US dollars, the default business currency when none is configured.
    pub const USD: Currency = Currency {
        code: *b"USD",
        exponent: 2,
    };

    /// The three-letter code, upper case.
    pub fn code(&self) -> &str {
        // The code is checked to be ASCII letters on construction.
        std::str::from_utf8(&self.code).unwrap_or("XXX")
    }

    /// Decimal places of the minor unit (2 for USD, 0 for JPY, 3 for KWD).
    pub fn exponent(&self) -> u8 {
        self.exponent
    }
}

impl FromStr for Currency {
    type Err = Message;

    /// Accepts a three-letter ISO 4217 code in any case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Currency::parse(text)
    }
}

impl Currency {
    /// Accepts a three-letter ISO 4217 code in any case, or says what is wrong.
    pub fn parse(text: &str) -> Result<Currency, Message> {
        let upper = text.trim().to_ascii_uppercase();
        let bytes = upper.as_bytes();
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_uppercase) {
            return Err(Message::new("not-currency").text("value", text));
        }
        let exponent = NON_DECIMAL_EXPONENTS
            .iter()
            .find(|(code, _)| *code == upper)
            .map_or(2, |(_, e)| *e);
        Ok(Currency {
            code: [bytes[0], bytes[1], bytes[2]],
            exponent,
        })
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// An exact amount of money: minor units of one currency.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

impl Money {
    pub fn from_minor(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    pub fn zero(currency: Currency) -> Money {
        Money { minor: 0, currency }
    }

    /// Parses a decimal amount in major units: `12`, `12.5`, `-3.75`, `+1000000`.
    /// More decimal places than the currency has, thousands separators, exponents and
    /// amounts beyond ±9×10^16 minor units are refused rather than rounded.
    pub fn parse(text: &str, currency: Currency) -> Result<Money, Message> {
        let trimmed = text.trim();
        let (negative, digits) = match trimmed.as_bytes().first() {
            Some(b'-') => (true, &trimmed[1..]),
            Some(b'+') => (false, &trimmed[1..]),
            _ => (false, trimmed),
        };
        let (whole, fraction) = match digits.split_once('.') {
            Some((w, f)) => (w, f),
            None => (digits, ""),
        };
        let well_formed = !digits.is_empty()
            && (!whole.is_empty() || !fraction.is_empty())
            && whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.bytes().all(|b| b.is_ascii_digit())
            && !(digits.contains('.') && fraction.is_empty() && whole.is_empty());
        if !well_formed {
            return Err(Message::new("not-amount").text("value", text));
        }
        let exponent = usize::from(currency.exponent);
        if fraction.len() > exponent {
            return Err(Message::new("decimal-places")
                .text("value", text)
                .int("places", fraction.len() as i64)
                .text("currency", currency.code())
                .int("exponent", exponent as i64));
        }
        let too_large = || Message::new("too-large-amount").text("value", text);
        let mut minor: i64 = 0;
        for b in whole.bytes().chain(fraction.bytes()) {
            minor = minor
                .checked_mul(10)
                .and_then(|m| m.checked_add(i64::from(b - b'0')))
                .ok_or_else(too_large)?;
        }
        for _ in fraction.len()..exponent {
            minor = minor.checked_mul(10).ok_or_else(too_large)?;
        }
        // Keep well inside i64 so that sums over a whole base cannot overflow.
        if minor > MAX_MINOR {
            return Err(too_large());
        }
        Ok(Money {
            minor: if negative { -minor } else { minor },
            currency,
        })
    }

    pub fn minor(&self) -> i64 {
        self.minor
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    pub fn is_negative(&self) -> bool {
        self.minor < 0
    }
}

/// The largest amount accepted, in minor units (9×10^16). Anything larger is a typo in a CRM.
pub const MAX_MINOR: i64 = 90_000_000_000_000_000;

/// The most one customer's orders, or their costs to serve, may add up to, in minor units
/// (9×10^17: ten of the largest amounts). The store refuses a write past it, so that every
/// per-customer sum, and margin minus cost, fits an i64 with room to spare.
pub const MAX_CUSTOMER_TOTAL_MINOR: i64 = 10 * MAX_MINOR;

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let exponent = u32::from(self.currency.exponent);
        let sign = if self.minor < 0 { "-" } else { "" };
        let magnitude = self.minor.unsigned_abs();
        if exponent == 0 {
            return write!(f, "{sign}{magnitude}");
        }
        let scale = 10u64.pow(exponent);
        write!(
            f,
            "{sign}{}.{:0width$}",
            magnitude / scale,
            magnitude % scale,
            width = exponent as usize
        )
    }
}

impl Serialize for Money {
    /// Money goes out as its exact decimal text, e.g. `"1250.50"`: JSON numbers are floats
    /// to most clients.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// An amount as the client wrote it, before it is checked against the currency: a JSON
/// string (`"12.50"`) or a JSON number (`12.5`), kept as text so no float rounding happens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmountText(pub String);

impl<'de> Deserialize<'de> for AmountText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = AmountText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount as a string such as \"12.50\" or a number")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<AmountText, E> {
                Ok(AmountText(v.to_owned()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<AmountText, E> {
                Ok(AmountText(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<AmountText, E> {
                Ok(AmountText(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<AmountText, E> {
                // Rust prints the shortest text that reads back as the same float, which for
                // amounts a person types (12.5, 0.1) is exactly what they typed.
                Ok(AmountText(v.to_string()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl From<&str> for AmountText {
    fn from(text: &str) -> Self {
        AmountText(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cur(code: &str) -> Currency {
        code.parse().unwrap()
    }

    #[test]
    fn amounts_parse_exactly_in_minor_units() {
        assert_eq!(Money::parse("12.5", Currency::USD).unwrap().minor(), 1250);
        assert_eq!(Money::parse("-0.01", Currency::USD).unwrap().minor(), -1);
        assert_eq!(
            Money::parse("1500000", cur("IRR")).unwrap().minor(),
            150_000_000
        );
        assert_eq!(Money::parse("1500", cur("JPY")).unwrap().minor(), 1500);
        // The toman is whole: a fraction of one is refused, not rounded away.
        assert_eq!(Money::parse("150000", cur("IRT")).unwrap().minor(), 150_000);
        assert!(Money::parse("1.5", cur("IRT")).is_err());
        assert_eq!(Money::parse("1.234", cur("KWD")).unwrap().minor(), 1234);
        assert_eq!(Money::parse(".5", Currency::USD).unwrap().minor(), 50);
        assert_eq!(Money::parse("7.", Currency::USD).unwrap().minor(), 700);
    }

    #[test]
    fn amounts_with_too_many_decimals_or_odd_forms_are_refused() {
        assert!(
            Money::parse("1.005", Currency::USD)
                .unwrap_err()
                .to_string()
                .contains("3 decimal places")
        );
        assert!(Money::parse("1.5", cur("JPY")).is_err());
        for bad in [
            "", "-", ".", "1,000", "1e3", "abc", "1.2.3", "--1", " 1 2", "NaN",
        ] {
            assert!(Money::parse(bad, Currency::USD).is_err(), "{bad} accepted");
        }
        assert!(
            Money::parse("99999999999999999999", Currency::USD)
                .unwrap_err()
                .to_string()
                .contains("too large")
        );
    }

    #[test]
    fn currency_codes_are_three_letters_with_iso_exponents() {
        assert_eq!(cur("gel").code(), "GEL");
        assert_eq!(cur("PHP").exponent(), 2);
        assert_eq!(cur("JPY").exponent(), 0);
        assert!("US".parse::<Currency>().is_err());
        assert!("U$D".parse::<Currency>().is_err());
    }

    proptest! {
        #[test]
        fn display_then_parse_gives_back_the_same_amount(minor in -MAX_MINOR..=MAX_MINOR, code in "(USD|JPY|KWD|CLF)") {
            let currency = cur(&code);
            let money = Money::from_minor(minor, currency);
            prop_assert_eq!(Money::parse(&money.to_string(), currency).unwrap(), money);
        }
    }
}
