//! Folding text for search, so that a name is found however it was typed: case folded,
//! Arabic letter variants mapped to the Persian ones (ي→ی, ى→ی, ك→ک, ة→ه, أ/إ/آ→ا),
//! zero-width joiners, tatweel and vowel marks dropped, Persian and Arabic-Indic digits
//! read as ASCII digits. The same folding is applied to stored text and to the query.

/// Folds text for matching. Pure and idempotent: `fold(fold(s)) == fold(s)`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            // Zero-width non-joiner and joiner, tatweel, soft hyphen, byte-order mark.
            '\u{200C}' | '\u{200D}' | '\u{0640}' | '\u{00AD}' | '\u{FEFF}' => {}
            // Arabic vowel marks (harakat), shadda, sukun, superscript alef.
            '\u{064B}'..='\u{065F}' | '\u{0670}' => {}
            'ي' | 'ى' | 'ئ' => out.push('ی'),
            'ك' => out.push('ک'),
            'ة' => out.push('ه'),
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            'ؤ' => out.push('و'),
            '\u{06F0}'..='\u{06F9}' => out.push(shift_digit(c, 0x06F0)),
            '\u{0660}'..='\u{0669}' => out.push(shift_digit(c, 0x0660)),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn shift_digit(c: char, zero: u32) -> char {
    char::from_digit(u32::from(c) - zero, 10).unwrap_or(c)
}

/// The digits of a text, in ASCII, for matching telephone numbers however they are spaced.
pub fn digits(text: &str) -> String {
    fold(text).chars().filter(char::is_ascii_digit).collect()
}

/// The text stored beside a customer for search: its name, e-mail, telephone and the phone's
/// bare digits, folded, separated by a character no query contains.
pub fn customer_search_text(
    customer_id: &str,
    name: Option<&str>,
    email: Option<&str>,
    phone: Option<&str>,
) -> String {
    let mut text = fold(customer_id);
    for part in [name, email, phone].into_iter().flatten() {
        text.push('\u{1}');
        text.push_str(&fold(part));
    }
    if let Some(phone) = phone {
        text.push('\u{1}');
        text.push_str(&digits(phone));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn arabic_letter_variants_match_persian_ones() {
        // "Ali Karimi" typed with the Arabic yeh and kaf, and with the Persian ones.
        assert_eq!(fold("علي كريمي"), fold("علی کریمی"));
        assert_eq!(fold("فاطمة"), fold("فاطمه"));
    }

    #[test]
    fn zero_width_non_joiner_is_ignored() {
        assert_eq!(fold("می\u{200C}خواهم"), fold("میخواهم"));
    }

    #[test]
    fn case_and_digits_fold() {
        assert_eq!(fold("MARIA Santos"), "maria santos");
        assert_eq!(digits("۰۹۱۲ ۱۲۳-۴۵۶۷"), "09121234567");
        assert_eq!(fold("ᲒᲘᲝᲠᲒᲘ"), fold("გიორგი"));
    }

    proptest! {
        #[test]
        fn folding_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once);
        }
    }
}
