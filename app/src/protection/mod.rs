//! Data protection rules that run alike in the browser (warning while someone
//! types) and on the server (checking again before saving).

pub mod identifiers;

/// This year, for telling a child's birth date from a meeting date.
pub fn this_year() -> i32 {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        js_sys::Date::new_0().get_full_year() as i32
    }
    #[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
    {
        use chrono::Datelike;
        chrono::Utc::now().year()
    }
}

/// A spreadsheet cell that starts like a formula is written as text, so
/// opening the file cannot run anything.
pub fn spreadsheet_safe(value: String) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value
    }
}
