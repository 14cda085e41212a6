//! Finds identifiers of children in text: UPNs (with their check letter), NHS
//! numbers (with their modulus-11 check digit), dates of birth, e-mail
//! addresses, UK phone numbers and postcodes. A finding is a warning the writer
//! can fix or knowingly override, so the rules lean towards saying something.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentifierKind {
    Upn,
    NhsNumber,
    DateOfBirth,
    Email,
    Phone,
    Postcode,
}

impl IdentifierKind {
    pub fn label(self) -> &'static str {
        match self {
            IdentifierKind::Upn => "a unique pupil number (UPN)",
            IdentifierKind::NhsNumber => "an NHS number",
            IdentifierKind::DateOfBirth => "a date of birth",
            IdentifierKind::Email => "an email address",
            IdentifierKind::Phone => "a phone number",
            IdentifierKind::Postcode => "a postcode",
        }
    }
}

/// One identifier found, with where it is (byte offsets into the text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: IdentifierKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The check letters of UPNs: remainders 0..=22 mod 23 (no I, O or S).
const UPN_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";

/// A UPN: a check letter and 12 digits; the letter is the weighted sum of the
/// digits (weights 2..13) modulo 23.
pub fn is_upn(candidate: &str) -> bool {
    let bytes = candidate.as_bytes();
    if bytes.len() != 13 || !bytes[1..].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = bytes[1..]
        .iter()
        .enumerate()
        .map(|(i, d)| u32::from(d - b'0') * (i as u32 + 2))
        .sum();
    bytes[0].to_ascii_uppercase() == UPN_LETTERS[(sum % 23) as usize]
}

/// An NHS number: 10 digits, the last the modulus-11 check digit of the others.
pub fn is_nhs_number(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 10 || digits.chars().filter(char::is_ascii_digit).count() != 10 {
        return false;
    }
    let sum: u32 = d[..9]
        .iter()
        .enumerate()
        .map(|(i, x)| x * (10 - i as u32))
        .sum();
    let check = 11 - (sum % 11);
    let check = if check == 11 { 0 } else { check };
    check != 10 && check == d[9]
}

/// A UK postcode: outward code (area letters, district digit(s), maybe a
/// letter) and inward code (digit, two letters), e.g. `LN1 1YL`, `SW1A 1AA`.
pub fn is_postcode(candidate: &str) -> bool {
    let compact: String = candidate.chars().filter(|c| !c.is_whitespace()).collect();
    let b = compact.as_bytes();
    if !(5..=7).contains(&b.len()) || !b.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let (outward, inward) = b.split_at(b.len() - 3);
    let inward_ok = inward[0].is_ascii_digit()
        && inward[1].is_ascii_alphabetic()
        && inward[2].is_ascii_alphabetic();
    let letters = outward
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let rest = &outward[letters..];
    let outward_ok = (1..=2).contains(&letters)
        && !rest.is_empty()
        && rest[0].is_ascii_digit()
        && match rest.len() {
            1 => true,
            2 => rest[1].is_ascii_alphanumeric(),
            _ => false,
        };
    inward_ok && outward_ok
}

/// Words that make the next date a date of birth whatever its year.
fn birth_words_before(text: &str, at: usize) -> bool {
    let window_start = at.saturating_sub(24);
    let window = text
        .get(window_start..at)
        .or_else(|| text.get(..at))
        .unwrap_or("")
        .to_ascii_lowercase();
    ["dob", "d.o.b", "born", "birth", "birthday"]
        .iter()
        .any(|w| window.contains(w))
}

/// Tokens: maximal runs of characters that are not whitespace, with byte offsets.
fn tokens(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, &text[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

fn trim_punctuation(token: &str) -> (usize, &str) {
    let lead = token.len()
        - token
            .trim_start_matches(|c: char| "([{\"'“‘<".contains(c))
            .len();
    let t = token[lead..].trim_end_matches(|c: char| ".,;:!?)]}\"'”’>".contains(c));
    (lead, t)
}

/// Finds identifiers in `text`, in order.
pub fn scan(text: &str, this_year: i32) -> Vec<Finding> {
    let mut found = Vec::new();
    let push = |found: &mut Vec<Finding>, kind, start: usize, end: usize| {
        found.push(Finding {
            kind,
            start,
            end,
            text: text[start..end].to_string(),
        })
    };
    let toks = tokens(text);

    for (i, &(at, raw)) in toks.iter().enumerate() {
        let (lead, token) = trim_punctuation(raw);
        let start = at + lead;
        let end = start + token.len();

        // e-mail addresses
        if let Some((local, domain)) = token.split_once('@')
            && !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
        {
            push(&mut found, IdentifierKind::Email, start, end);
            continue;
        }
        // UPNs
        if is_upn(token) {
            push(&mut found, IdentifierKind::Upn, start, end);
            continue;
        }
        // numeric dates: 12/03/2015, 12-03-15, 12.3.2015, 2015-03-12
        if let Some(year) = numeric_date_year(token) {
            if plausible_birth_year(year, this_year) || birth_words_before(text, start) {
                push(&mut found, IdentifierKind::DateOfBirth, start, end);
            }
            continue;
        }
        // written dates: 12 March 2015, 12th Mar 2015
        if let (Some(&(_, month)), Some(&(year_at, year_raw))) = (toks.get(i + 1), toks.get(i + 2))
        {
            let day = token.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let (_, year) = trim_punctuation(year_raw);
            if let (Ok(d), Some(_), Ok(y)) = (
                day.parse::<u32>(),
                crate::calendar::month_from_name(trim_punctuation(month).1),
                year.parse::<i32>(),
            ) && (1..=31).contains(&d)
                && year.len() == 4
                && (plausible_birth_year(y, this_year) || birth_words_before(text, start))
            {
                push(
                    &mut found,
                    IdentifierKind::DateOfBirth,
                    start,
                    year_at + year.len(),
                );
                continue;
            }
        }
        // postcodes: one token (LN11YL) or two (LN1 1YL)
        if token.len() >= 2
            && token.len() <= 4
            && token
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
            && let Some(&(next_at, next_raw)) = toks.get(i + 1)
        {
            let (next_lead, next) = trim_punctuation(next_raw);
            if next.len() == 3
                && is_postcode(&format!("{token} {next}"))
                && token
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            {
                push(
                    &mut found,
                    IdentifierKind::Postcode,
                    start,
                    next_at + next_lead + next.len(),
                );
                continue;
            }
        }
        if (5..=7).contains(&token.len())
            && token
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && token.chars().any(|c| c.is_ascii_digit())
            && is_postcode(token)
        {
            push(&mut found, IdentifierKind::Postcode, start, end);
        }
    }

    // Digit runs across spaces and hyphens: NHS numbers and phone numbers.
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = bytes[i].is_ascii_digit()
            || (bytes[i] == b'+' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        let after_word_char = i > 0
            && (bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'/'
                || bytes[i - 1] == b'.');
        if !starts_number || after_word_char {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < bytes.len() {
            let c = bytes[j];
            if c.is_ascii_digit() {
                j += 1;
                continue;
            }
            // up to two joiners (`) `, ` - `) between groups of digits
            let is_joiner = |b: &u8| matches!(b, b' ' | b'-' | b'(' | b')');
            let joiners = bytes[j..]
                .iter()
                .take(3)
                .take_while(|b| is_joiner(b))
                .count();
            if (1..=2).contains(&joiners) && bytes.get(j + joiners).is_some_and(u8::is_ascii_digit)
            {
                j += joiners;
            } else {
                break;
            }
        }
        let run = &text[i..j];
        let digits: String = run.chars().filter(char::is_ascii_digit).collect();
        let already = found.iter().any(|f| f.start <= i && i < f.end);
        if !already {
            if digits.len() == 10 && is_nhs_number(&digits) {
                push(&mut found, IdentifierKind::NhsNumber, i, j);
            } else if is_uk_phone(run, &digits) {
                push(&mut found, IdentifierKind::Phone, i, j);
            }
        }
        i = j.max(i + 1);
    }
    found.sort_by_key(|f| f.start);
    found
}

/// `01522 552222`, `07700 900123`, `+44 7700 900123`, `(01522) 552222`.
fn is_uk_phone(run: &str, digits: &str) -> bool {
    if run.trim_start().starts_with('+') {
        return digits.starts_with("44") && (11..=12).contains(&digits.len());
    }
    digits.starts_with('0')
        && (10..=11).contains(&digits.len())
        && matches!(
            digits.as_bytes().get(1),
            Some(b'1' | b'2' | b'3' | b'7' | b'8')
        )
}

/// The year of a numeric date, if the token is one.
fn numeric_date_year(token: &str) -> Option<i32> {
    let sep = token.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let parts: Vec<&str> = token.split(sep).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<i32> = parts.iter().map(|p| p.parse().unwrap_or(-1)).collect();
    let (day, month, year) = if parts[0].len() == 4 {
        (n[2], n[1], n[0])
    } else {
        (n[0], n[1], n[2])
    };
    let year = match parts[if parts[0].len() == 4 { 0 } else { 2 }].len() {
        2 => 2000 + year,
        4 => year,
        _ => return None,
    };
    ((1..=31).contains(&day) && (1..=12).contains(&month)).then_some(year)
}

/// Children at school were born between 2 and 25 years ago.
fn plausible_birth_year(year: i32, this_year: i32) -> bool {
    (this_year - 25..=this_year - 2).contains(&year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<IdentifierKind> {
        scan(text, 2026).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn upn_check_letters() {
        // weighted sum of 123456789012 with weights 2..13 is 368; 368 mod 23 = 0 → A
        assert!(is_upn("A123456789012"));
        assert!(!is_upn("D123456789012"), "wrong check letter");
        assert!(!is_upn("A12345678901"), "too short");
        assert_eq!(kinds("Pupil A123456789012 joined"), [IdentifierKind::Upn]);
        assert!(kinds("Reference D123456789012").is_empty());
    }

    #[test]
    fn nhs_numbers_need_their_check_digit() {
        assert!(is_nhs_number("9434765919"));
        assert!(!is_nhs_number("9434765918"));
        assert_eq!(
            kinds("NHS no. 943 476 5919 on file"),
            [IdentifierKind::NhsNumber]
        );
        assert_eq!(kinds("943-476-5919"), [IdentifierKind::NhsNumber]);
        assert!(
            kinds("943 476 5918").is_empty(),
            "a near miss is not an NHS number"
        );
    }

    #[test]
    fn dates_of_birth() {
        assert_eq!(
            kinds("She was born 12/03/2015."),
            [IdentifierKind::DateOfBirth]
        );
        assert_eq!(kinds("DOB: 2016-07-01"), [IdentifierKind::DateOfBirth]);
        assert_eq!(
            kinds("born on 3rd March 2014"),
            [IdentifierKind::DateOfBirth]
        );
        // a recent meeting date is not a child's birth date
        assert!(kinds("PEP meeting held 12/03/2026").is_empty());
        // an old date after birth words is still flagged
        assert_eq!(
            kinds("date of birth 01/01/1990"),
            [IdentifierKind::DateOfBirth]
        );
        assert!(kinds("Ratio 3/4 of staff").is_empty());
        assert!(kinds("Score 31/13/2015").is_empty(), "no 13th month");
    }

    #[test]
    fn email_addresses() {
        assert_eq!(
            kinds("Write to carer.name@example.org today"),
            [IdentifierKind::Email]
        );
        assert!(kinds("Use the @ sign").is_empty());
        assert!(kinds("user@localhost").is_empty());
    }

    #[test]
    fn phone_numbers() {
        assert_eq!(kinds("Call 07700 900123 after 3"), [IdentifierKind::Phone]);
        assert_eq!(kinds("Office (01522) 552222"), [IdentifierKind::Phone]);
        assert_eq!(kinds("+44 7700 900123"), [IdentifierKind::Phone]);
        assert!(kinds("We have 120 pupils and 12 staff").is_empty());
        assert!(kinds("Attendance rose by 12345").is_empty());
    }

    #[test]
    fn postcodes() {
        assert!(is_postcode("LN1 1YL"));
        assert!(is_postcode("SW1A 1AA"));
        assert!(is_postcode("M1 1AE"));
        assert!(!is_postcode("LN1 1Y"));
        assert!(!is_postcode("1LN 1YL"));
        assert_eq!(kinds("Lives near LN1 1YL now"), [IdentifierKind::Postcode]);
        assert_eq!(kinds("postcode PE21 6NT."), [IdentifierKind::Postcode]);
        assert!(kinds("Year 6 and KS2 results").is_empty());
        assert!(kinds("in the Ofsted report").is_empty());
    }

    #[test]
    fn findings_say_where() {
        let text = "Email a@b.org or call 07700 900123.";
        let found = scan(text, 2026);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].start..found[0].end], "a@b.org");
        assert_eq!(&text[found[1].start..found[1].end], "07700 900123");
    }
}
