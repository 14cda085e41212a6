//! Money as the DT types it: the PP+ amount in pounds, kept in pence.

/// Pupil Premium Plus for one child in a year is a few thousand pounds.
const MAX_PPP_PENCE: i64 = 10_000_000;

/// Pounds typed as pence: "1,250.5" → 125050.
pub fn parse_pounds(typed: &str) -> Result<Option<i64>, &'static str> {
    const MESSAGE: &str = "Enter the PP+ amount in pounds, like 1250 or 1250.50";
    let t: String = typed
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    let (pounds, pence) = match t.split_once('.') {
        Some((p, f)) if f.len() == 2 || f.len() == 1 => (p, format!("{f:0<2}")),
        Some(_) => return Err(MESSAGE),
        None => (t.as_str(), "00".to_string()),
    };
    if pounds.is_empty()
        || !pounds.bytes().all(|b| b.is_ascii_digit())
        || !pence.bytes().all(|b| b.is_ascii_digit())
        || pounds.len() > 9
    {
        return Err(MESSAGE);
    }
    let value = pounds.parse::<i64>().map_err(|_| MESSAGE)? * 100
        + pence.parse::<i64>().map_err(|_| MESSAGE)?;
    if value > MAX_PPP_PENCE {
        return Err("The PP+ amount must be £100,000 or less");
    }
    Ok(Some(value))
}

/// "£1,250.50".
pub fn format_pounds(pence: i64) -> String {
    let pounds = pence / 100;
    let mut digits = pounds.to_string();
    let mut grouped = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        grouped = format!(",{tail}{grouped}");
    }
    format!("£{digits}{grouped}.{:02}", pence % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pounds_as_typed() {
        assert_eq!(parse_pounds(""), Ok(None));
        assert_eq!(parse_pounds("1250"), Ok(Some(125_000)));
        assert_eq!(parse_pounds("£1,250.5"), Ok(Some(125_050)));
        assert_eq!(parse_pounds("0.99"), Ok(Some(99)));
        assert!(parse_pounds("12.345").is_err());
        assert!(parse_pounds("-5").is_err());
        assert!(parse_pounds("ten").is_err());
        assert!(parse_pounds("200000").is_err());
        assert_eq!(format_pounds(125_050), "£1,250.50");
        assert_eq!(format_pounds(99), "£0.99");
        assert_eq!(format_pounds(123_456_789), "£1,234,567.89");
    }
}
