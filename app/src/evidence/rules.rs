//! Plain rules about evidence, shared by the browser and the server.

use std::collections::BTreeSet;

use crate::model::{DomainEvidenceCount, EvidenceItem};
use crate::rubric::Framework;

/// The largest file that may be attached: 20 MB.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 2000;
pub const MAX_LINK_CHARS: usize = 2000;

/// What the upload form says may be attached.
pub const ALLOWED_TYPES_TEXT: &str = "PDF, Word, Excel, PowerPoint, JPEG, PNG or plain text (.txt)";

/// A link must be an ordinary web address: `http://` or `https://`, a host,
/// no spaces or control characters. Returns the trimmed link, or why not.
pub fn check_link(link: &str) -> Result<String, String> {
    let link = link.trim();
    if link.chars().count() > MAX_LINK_CHARS {
        return Err(format!(
            "The link must be {MAX_LINK_CHARS} characters or fewer"
        ));
    }
    let lower = link.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(|| "Enter a web address starting with https:// or http://".to_string())?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') {
        return Err(
            "Enter a web address with a site name, like https://www.example.org/page".into(),
        );
    }
    if link.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("A web address cannot contain spaces".into());
    }
    Ok(link.to_string())
}

/// A file name safe to send in `Content-Disposition` and to put in a ZIP:
/// letters, digits, `-`, `_`, `.` and single spaces; no path; at most 100
/// characters; ending in the extension of the type found in the bytes.
pub fn safe_file_name(original: &str, extension: &str) -> String {
    let base = original.rsplit(['/', '\\']).next().unwrap_or("");
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    };
    let mut clean = String::new();
    for c in stem.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            c
        } else if c == ' ' || c == '.' {
            ' '
        } else {
            '_'
        };
        if c == ' ' && (clean.is_empty() || clean.ends_with(' ')) {
            continue;
        }
        clean.push(c);
    }
    let mut clean: String = clean.trim().chars().take(100).collect();
    clean = clean.trim_end().to_string();
    if clean.is_empty() || clean.chars().all(|c| c == '_') {
        clean = "evidence".into();
    }
    format!("{clean}.{extension}")
}

/// "1.2 MB", "340 KB", "12 bytes".
pub fn format_size(bytes: i64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else if b >= KB {
        format!("{:.0} KB", b / KB)
    } else if bytes == 1 {
        "1 byte".into()
    } else {
        format!("{bytes} bytes")
    }
}

/// Distinct items linked to any criterion of each domain.
pub fn per_domain(framework: &Framework, items: &[EvidenceItem]) -> Vec<DomainEvidenceCount> {
    framework
        .domains
        .iter()
        .map(|d| {
            let ids: BTreeSet<&str> = d.criteria.iter().map(|c| c.id.as_str()).collect();
            let items = items
                .iter()
                .filter(|i| i.criteria.iter().any(|c| ids.contains(c.as_str())))
                .count();
            DomainEvidenceCount {
                number: d.number,
                title: d.title.clone(),
                items,
            }
        })
        .collect()
}

/// What the evidence page's filters ask for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub domain: Option<u32>,
    pub criterion: Option<String>,
    pub kind: Option<crate::model::EvidenceKind>,
}

impl Filter {
    /// From the page's query (unknown values are ignored, not errors).
    pub fn from_query(domain: Option<&str>, criterion: Option<&str>, kind: Option<&str>) -> Self {
        Filter {
            domain: domain.and_then(|d| d.trim().parse().ok()),
            criterion: criterion
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string),
            kind: kind.and_then(|k| crate::model::EvidenceKind::parse(k.trim())),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// The items that pass, in their order.
    pub fn apply<'a>(
        &self,
        framework: &Framework,
        items: &'a [EvidenceItem],
    ) -> Vec<&'a EvidenceItem> {
        let domain_criteria: Option<BTreeSet<&str>> = self.domain.map(|n| {
            framework
                .domain(n)
                .map(|d| d.criteria.iter().map(|c| c.id.as_str()).collect())
                .unwrap_or_default()
        });
        items
            .iter()
            .filter(|i| self.kind.is_none_or(|k| i.kind == k))
            .filter(|i| {
                self.criterion
                    .as_ref()
                    .is_none_or(|c| i.criteria.iter().any(|x| x == c))
            })
            .filter(|i| {
                domain_criteria
                    .as_ref()
                    .is_none_or(|ids| i.criteria.iter().any(|c| ids.contains(c.as_str())))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EvidenceKind;

    #[test]
    fn only_web_links() {
        assert_eq!(
            check_link("  https://example.org/a?b=1 ").as_deref(),
            Ok("https://example.org/a?b=1")
        );
        assert!(check_link("HTTP://Example.org").is_ok());
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,hi",
            "file:///etc/passwd",
            "ftp://example.org",
            "https://",
            "https:///path",
            "https://exa mple.org",
            "www.example.org",
        ] {
            assert!(check_link(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn file_names_are_made_safe() {
        assert_eq!(
            safe_file_name("Policy 2026.docx", "docx"),
            "Policy 2026.docx"
        );
        assert_eq!(safe_file_name("../../etc/passwd", "txt"), "passwd.txt");
        assert_eq!(
            safe_file_name("C:\\Users\\dt\\Case \"study\".pdf", "pdf"),
            "Case _study_.pdf"
        );
        assert_eq!(safe_file_name("report.pdf.exe", "pdf"), "report pdf.pdf");
        assert_eq!(safe_file_name("", "png"), "evidence.png");
        assert_eq!(safe_file_name("ŻÓŁW.jpg", "jpg"), "___W.jpg");
        assert_eq!(safe_file_name("ŻÓŁ.jpg", "jpg"), "evidence.jpg");
        assert_eq!(safe_file_name("a\r\nb.txt", "txt"), "a__b.txt");
        assert!(safe_file_name(&"x".repeat(500), "pdf").len() <= 104);
    }

    #[test]
    fn sizes_read_plainly() {
        assert_eq!(format_size(1), "1 byte");
        assert_eq!(format_size(900), "900 bytes");
        assert_eq!(format_size(2048), "2 KB");
        assert_eq!(format_size(20 * 1024 * 1024), "20.0 MB");
    }

    fn item(id: i32, criteria: &[&str]) -> EvidenceItem {
        EvidenceItem {
            id,
            portfolio_id: 1,
            title: format!("item {id}"),
            kind: EvidenceKind::Policy,
            description: String::new(),
            file: None,
            link: None,
            criteria: criteria.iter().map(|c| c.to_string()).collect(),
            uploaded_by: None,
            uploaded_at: chrono::Utc::now(),
            anonymised_confirmed_by: None,
            photo_confirmed: false,
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn counts_items_per_domain_once() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frameworks");
        let catalog = crate::rubric::Catalog::load_dir(&dir).expect("frameworks");
        let framework = catalog.get("caring2learn").expect("caring2learn");
        let framework = &*framework;
        let mut items: Vec<EvidenceItem> = (1..=6).map(|i| item(i, &["1.1", "1.2"])).collect();
        items.push(item(7, &["2.1", "1.3"]));
        items.push(item(8, &[]));
        let counts = per_domain(framework, &items);
        assert_eq!(counts.len(), 4);
        assert_eq!(counts[0].items, 7, "linked twice in a domain counts once");
        assert!(counts[0].over_guideline());
        assert!(
            counts[0]
                .summary()
                .contains("more than the toolkit's suggested 5")
        );
        assert_eq!(counts[1].items, 1);
        assert!(!counts[1].over_guideline());
        assert_eq!(counts[1].summary(), "1 item");
        assert_eq!(counts[2].items, 0);

        let mut case = item(9, &["3.2"]);
        case.kind = EvidenceKind::CaseStudy;
        items.push(case);
        let ids = |f: Filter| {
            f.apply(framework, &items)
                .iter()
                .map(|i| i.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(Filter::from_query(Some("2"), None, None)), [7]);
        assert_eq!(ids(Filter::from_query(None, Some("1.3"), None)), [7]);
        assert_eq!(ids(Filter::from_query(None, None, Some("case_study"))), [9]);
        assert_eq!(
            ids(Filter::from_query(Some("3"), None, Some("policy"))),
            Vec::<i32>::new()
        );
        assert_eq!(
            ids(Filter::from_query(Some("x"), Some(" "), Some("nonsense"))).len(),
            9
        );
        assert!(Filter::from_query(Some("x"), None, Some("nonsense")).is_empty());
    }
}
