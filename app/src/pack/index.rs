//! The evidence index: each item numbered (E1, E2…), grouped by the first
//! domain it is linked to, with where its file sits in the ZIP.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::EvidenceItem;
use crate::rubric::Framework;

/// One line of the index, as the PDF and the CSV show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IndexEntry {
    pub item_id: i32,
    pub reference: String,
    pub title: String,
    pub kind: String,
    /// "1, 3"
    pub domains: String,
    /// "1.2, 3.4"
    pub criteria: String,
    /// The file's path in the ZIP, or the link.
    pub location: String,
    /// The stored file's SHA-256 (empty for a link).
    pub sha256: String,
    pub added: String,
    pub added_by: String,
}

/// An evidence file to put in the ZIP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackFile {
    pub item_id: i32,
    pub path: String,
    pub sha256: String,
}

/// A folder name: letters, digits, spaces and hyphens only.
fn folder(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .collect();
    clean.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub const UNLINKED_FOLDER: &str = "Not linked to a criterion";

/// Numbers the items and places their files. `hashes` gives each file item's
/// stored SHA-256 by item id.
pub fn plan(
    framework: &Framework,
    items: &[EvidenceItem],
    hashes: &BTreeMap<i32, String>,
) -> (Vec<IndexEntry>, Vec<PackFile>) {
    let domain_of = |criterion: &str| {
        framework
            .criteria()
            .find(|(_, c)| c.id == criterion)
            .map(|(d, _)| d)
    };
    let mut ordered: Vec<(Option<u32>, &EvidenceItem)> = items
        .iter()
        .map(|i| {
            let first = i
                .criteria
                .iter()
                .find_map(|c| domain_of(c))
                .map(|d| d.number);
            (first, i)
        })
        .collect();
    // Domains in order, unlinked last; within a domain, by title.
    ordered.sort_by(|(a, x), (b, y)| {
        (a.is_none(), a, x.title.to_lowercase(), x.id).cmp(&(
            b.is_none(),
            b,
            y.title.to_lowercase(),
            y.id,
        ))
    });
    let mut entries = Vec::new();
    let mut files = Vec::new();
    for (n, (first, item)) in ordered.into_iter().enumerate() {
        let reference = format!("E{}", n + 1);
        let mut domains: Vec<u32> = Vec::new();
        for number in item
            .criteria
            .iter()
            .filter_map(|c| domain_of(c))
            .map(|d| d.number)
        {
            if !domains.contains(&number) {
                domains.push(number);
            }
        }
        let sha256 = hashes.get(&item.id).cloned().unwrap_or_default();
        let location = match (&item.file, &item.link) {
            (Some(file), _) if !sha256.is_empty() => {
                let group =
                    match first.and_then(|n| framework.domains.iter().find(|d| d.number == n)) {
                        Some(d) => folder(&format!("Domain {} - {}", d.number, d.title)),
                        None => UNLINKED_FOLDER.to_string(),
                    };
                let path = format!("evidence/{group}/{reference} - {}", file.name);
                files.push(PackFile {
                    item_id: item.id,
                    path: path.clone(),
                    sha256: sha256.clone(),
                });
                path
            }
            (_, Some(link)) => link.clone(),
            _ => String::new(),
        };
        entries.push(IndexEntry {
            item_id: item.id,
            reference,
            title: item.title.clone(),
            kind: item.kind.label().to_string(),
            domains: domains
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            criteria: item.criteria.join(", "),
            location,
            sha256,
            added: crate::calendar::long_date(&item.uploaded_at),
            added_by: item.uploaded_by.clone().unwrap_or_default(),
        });
    }
    (entries, files)
}

/// The index as CSV, formula-like cells defused.
pub fn index_csv(entries: &[IndexEntry]) -> Result<String, String> {
    use crate::protection::spreadsheet_safe as safe;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "Reference",
        "Title",
        "Kind",
        "Domains",
        "Criteria",
        "File in pack or link",
        "SHA-256",
        "Added",
        "Added by",
    ])
    .map_err(|e| e.to_string())?;
    for e in entries {
        w.write_record(
            [
                &e.reference,
                &e.title,
                &e.kind,
                &e.domains,
                &e.criteria,
                &e.location,
                &e.sha256,
                &e.added,
                &e.added_by,
            ]
            .map(|v| safe(v.clone())),
        )
        .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EvidenceFileInfo, EvidenceKind};

    fn framework() -> std::sync::Arc<Framework> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frameworks");
        let catalog = crate::rubric::Catalog::load_dir(&dir).expect("frameworks");
        catalog.get("caring2learn").expect("caring2learn")
    }

    fn item(id: i32, title: &str, criteria: &[&str], file: Option<&str>) -> EvidenceItem {
        EvidenceItem {
            id,
            portfolio_id: 1,
            title: title.into(),
            kind: if file.is_some() {
                EvidenceKind::Policy
            } else {
                EvidenceKind::Link
            },
            description: String::new(),
            file: file.map(|name| EvidenceFileInfo {
                name: name.into(),
                size_bytes: 10,
                content_type: "application/pdf".into(),
            }),
            link: file
                .is_none()
                .then(|| "https://example.org/report".to_string()),
            criteria: criteria.iter().map(|c| c.to_string()).collect(),
            uploaded_by: Some("Dana Taylor".into()),
            uploaded_at: chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap(),
            anonymised_confirmed_by: None,
            photo_confirmed: false,
        }
    }

    #[test]
    fn grouped_by_first_domain_numbered_in_order_unlinked_last() {
        let f = framework();
        let items = vec![
            item(1, "Zeta policy", &["3.1", "1.2", "3.2"], Some("zeta.pdf")),
            item(2, "Loose note", &[], Some("note.pdf")),
            item(3, "Alpha policy", &["1.1"], Some("alpha.pdf")),
            item(4, "Ofsted report", &["2.1"], None),
        ];
        let hashes: BTreeMap<i32, String> =
            [(1, "aa".into()), (2, "bb".into()), (3, "cc".into())].into();
        let (entries, files) = plan(&f, &items, &hashes);
        let refs: Vec<(&str, &str)> = entries
            .iter()
            .map(|e| (e.reference.as_str(), e.title.as_str()))
            .collect();
        assert_eq!(
            refs,
            [
                ("E1", "Alpha policy"),
                ("E2", "Ofsted report"),
                ("E3", "Zeta policy"),
                ("E4", "Loose note")
            ]
        );
        let d1 = &f.domains[0];
        let d3 = &f.domains[2];
        assert_eq!(files.len(), 3, "links have no file");
        let group1 = folder(&format!("Domain 1 - {}", d1.title));
        assert_eq!(files[0].path, format!("evidence/{group1}/E1 - alpha.pdf"));
        assert!(files[1].path.starts_with(&format!(
            "evidence/{}/E3 - ",
            folder(&format!("Domain 3 - {}", d3.title))
        )));
        assert_eq!(
            files[2].path,
            format!("evidence/{UNLINKED_FOLDER}/E4 - note.pdf")
        );
        assert_eq!(entries[2].domains, "3, 1");
        assert_eq!(entries[2].criteria, "3.1, 1.2, 3.2");
        assert_eq!(entries[1].location, "https://example.org/report");
        assert_eq!(entries[1].sha256, "");
        assert_eq!(files[0].sha256, "cc");
    }

    #[test]
    fn folder_names_keep_only_plain_characters() {
        assert_eq!(
            folder("Domain 2 - Pupils' voice & views / care"),
            "Domain 2 - Pupils voice views care"
        );
    }

    #[test]
    fn csv_has_a_header_and_defuses_formulas() {
        let f = framework();
        let mut evil = item(9, "=HYPERLINK(\"x\")", &["1.1"], Some("a.pdf"));
        evil.uploaded_by = None;
        let (entries, _) = plan(&f, &[evil], &[(9, "ff".into())].into());
        let csv = index_csv(&entries).unwrap();
        let mut lines = csv.lines();
        assert!(lines.next().unwrap().starts_with("Reference,Title,Kind"));
        let row = lines.next().unwrap();
        assert!(row.starts_with("E1,\"'=HYPERLINK"), "{row}");
    }
}
