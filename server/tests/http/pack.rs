//! The submission pack and the governors' report as documents: the PDF read
//! back as text (every criterion in order, cover sheet, evidence index), the
//! ZIP's files checked against the stored hashes, and who may download them.

use std::io::Read;
use std::process::Command;

use app::api::report::{GetGovernorsReport, SaveReportCommentary};
use app::services::evidence as evidence_service;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};

use crate::common::*;
use crate::evidence::{created_id, fields, pdf, upload};
use crate::http_test;

const JPEG: &[u8] = include_bytes!("../../../app/tests/fixtures/plain.jpg");

/// The PDF's text, as `pdftotext` reads it, and its page count.
pub(crate) fn pdf_text(bytes: &[u8]) -> (String, usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    let text = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test");
    assert!(text.status.success());
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    (String::from_utf8_lossy(&text.stdout).to_string(), pages)
}

pub(crate) async fn get(c: &TestClient, path: &str) -> reqwest::Response {
    c.http
        .get(format!("{}{path}", c.base))
        .send()
        .await
        .unwrap()
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

http_test!(
    the_pack_holds_every_criterion_and_every_file,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let coordinator = app.signed_in(COORDINATOR).await;
        let policy = created_id(
            upload(
                &coordinator,
                portfolio,
                &fields(&[("title", "Induction policy")]),
                Some(("induction.pdf", pdf("induction", 3000))),
            )
            .await,
        )
        .await;
        let photo = created_id(
            upload(
                &coordinator,
                portfolio,
                &fields(&[
                    ("title", "Nurture room"),
                    ("kind", "photo"),
                    ("criteria[]", "3.2"),
                    ("confirm_photo", "yes"),
                ]),
                Some(("room.jpg", JPEG.to_vec())),
            )
            .await,
        )
        .await;
        let link = created_id(
            upload(
                &coordinator,
                portfolio,
                &fields(&[
                    ("title", "Ofsted report"),
                    ("kind", "link"),
                    ("link", "https://reports.example.org/hillside"),
                ]),
                None,
            )
            .await,
        )
        .await;

        // the PDF: cover sheet, contents, all 30 criteria in order, the index
        let r = get(&coordinator, &format!("/portfolios/{portfolio}/pack.pdf")).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        let bytes = r.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        assert!(
            bytes.windows(9).any(|w| w == b"/Outlines"),
            "headings are bookmarks"
        );
        let (text, pages) = pdf_text(&bytes);
        for cover in [
            "Cover sheet",
            "Name of education setting",
            "Head teacher",
            "Designated Teacher for Looked After Children",
            "Start date",
            "Criteria complete",
            "Contents",
        ] {
            assert!(text.contains(cover), "{cover} missing");
        }
        assert!((12..=300).contains(&pages), "{pages} pages");
        assert!(text.contains(&format!("Page 1 of {pages}")));
        let body = &text[text.find("Domain 1:").unwrap()..];
        let body = &body[body.rfind("Domain 1:").unwrap()..];
        let framework = app.state.frameworks.get("caring2learn").unwrap();
        let mut at = 0;
        let mut seen = 0;
        for (_, c) in framework.criteria() {
            let found = body[at..]
                .find(&format!("{} ", c.id))
                .unwrap_or_else(|| panic!("criterion {} missing or out of order", c.id));
            at += found + c.id.len();
            seen += 1;
        }
        assert_eq!(seen, 30);
        assert!(
            text.contains("Values assemblies"),
            "the narratives are there"
        );
        let index = &text[text.rfind("Evidence index").unwrap()..];
        for title in ["Induction policy", "Nurture room", "Ofsted report"] {
            assert!(index.contains(title), "{title} not in the index");
        }
        assert!(index.contains("E1") && index.contains("E3"));

        // the ZIP: the PDF, the index, every file, hashes as stored
        let r = get(&coordinator, &format!("/portfolios/{portfolio}/pack.zip")).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/zip");
        let zipped = r.bytes().await.unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zipped.to_vec())).unwrap();
        let names: Vec<String> = archive
            .file_names()
            .map(|n| n.expect("a readable name").to_string())
            .collect();
        assert!(names.contains(&"portfolio.pdf".to_string()), "{names:?}");
        assert!(names.contains(&"evidence-index.csv".to_string()));
        assert_eq!(
            names.len(),
            4,
            "the PDF, the index and two files (a link has none): {names:?}"
        );
        // both are linked to 1.1 (the photo to 3.2 too): grouped under their first domain
        for (item, file) in [(policy, "induction.pdf"), (photo, "room.jpg")] {
            let (stored_hash, _) = evidence_service::stored_file(&app.state.db, item)
                .await
                .unwrap();
            let name = names
                .iter()
                .find(|n| {
                    n.starts_with("evidence/Domain 1 - ") && n.ends_with(&format!(" - {file}"))
                })
                .unwrap_or_else(|| panic!("{file} not in the pack: {names:?}"));
            let mut bytes = Vec::new();
            archive
                .by_name(name)
                .unwrap()
                .read_to_end(&mut bytes)
                .unwrap();
            assert_eq!(sha256(&bytes), stored_hash, "{name}");
        }
        let mut csv = String::new();
        archive
            .by_name("evidence-index.csv")
            .unwrap()
            .read_to_string(&mut csv)
            .unwrap();
        assert_eq!(csv.lines().count(), 4, "a header and three items:\n{csv}");
        assert!(csv.starts_with("Reference,Title,Kind"));
        assert!(csv.contains("https://reports.example.org/hillside"));
        let mut inner = Vec::new();
        archive
            .by_name("portfolio.pdf")
            .unwrap()
            .read_to_end(&mut inner)
            .unwrap();
        assert!(inner.starts_with(b"%PDF"));
        let _ = link;
    }
);

http_test!(who_may_download_the_pack, |app: TestApp| async move {
    let portfolio = app.portfolio_id().await;
    for (who, path, want) in [
        (GOVERNOR, "pack.zip", StatusCode::FORBIDDEN),
        (GOVERNOR, "pack.pdf", StatusCode::FORBIDDEN),
        (OTHER, "pack.zip", StatusCode::NOT_FOUND),
        (ASSESSOR, "pack.zip", StatusCode::FORBIDDEN),
        (EDITOR, "pack.pdf", StatusCode::OK),
    ] {
        let c = app.signed_in(who).await;
        let r = get(&c, &format!("/portfolios/{portfolio}/{path}")).await;
        assert_eq!(r.status(), want, "{who} {path}");
    }
    let anonymous = app.client().await;
    let r = get(&anonymous, &format!("/portfolios/{portfolio}/pack.zip")).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = get(&anonymous, "/portfolios/999999/pack.zip").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // once submitted, the award team may
    let coordinator = app.signed_in(COORDINATOR).await;
    coordinator
        .post::<app::api::award::SubmitPortfolio>(&[
            ("portfolio_id", portfolio.to_string()),
            ("confirm", "yes".into()),
        ])
        .await;
    let assessor = app.signed_in(ASSESSOR).await;
    let r = get(&assessor, &format!("/portfolios/{portfolio}/pack.zip")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = get(&assessor, "/portfolios/999999/pack.zip").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
});

http_test!(
    the_governors_report_warns_before_it_names_a_child,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let q = [("portfolio_id", portfolio.to_string())];
        let governor = app.signed_in(GOVERNOR).await;
        let coordinator = app.signed_in(COORDINATOR).await;

        // governors read it (page and PDF) but cannot write it
        let html = governor
            .page(&format!("/portfolios/{portfolio}/report"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Annual report to governors"));
        assert!(!html.contains("Values assemblies"), "no narrative text");
        assert!(!html.contains("Save the commentary"));
        let r = governor
            .post::<SaveReportCommentary>(&[
                ("portfolio_id", portfolio.to_string()),
                ("commentary", "Governor words".into()),
            ])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        // too long: refused, nothing kept
        let r = coordinator
            .post::<SaveReportCommentary>(&[
                ("portfolio_id", portfolio.to_string()),
                ("commentary", "x".repeat(8001)),
            ])
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // a date of birth: saved, but warned about, and no PDF unless asked for anyway
        let r = coordinator
            .post::<SaveReportCommentary>(&[
                ("portfolio_id", portfolio.to_string()),
                (
                    "commentary",
                    "One of our children, born 3 May 2015, joined in Year 6.".into(),
                ),
            ])
            .await;
        assert!(
            r.status().is_success() || r.status().is_redirection(),
            "{}",
            r.status()
        );
        let json = governor
            .get_fn::<GetGovernorsReport>(&q)
            .await
            .text()
            .await
            .unwrap();
        assert!(json.contains("a date of birth"), "{json}");
        let r = governor
            .http
            .get(format!(
                "{}/portfolios/{portfolio}/report.pdf",
                governor.base
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .contains("#report-warnings")
        );
        let html = governor
            .page(&format!("/portfolios/{portfolio}/report"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("This report may identify a child."));
        let r = get(
            &governor,
            &format!("/portfolios/{portfolio}/report.pdf?anyway=1"),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);

        // rewritten without it: the PDF is made at once and carries the figures and words
        coordinator
            .post::<SaveReportCommentary>(&[
                ("portfolio_id", portfolio.to_string()),
                ("commentary", "Attendance of the children we care for rose this year.\n\nEvery PEP was on time.".into()),
            ])
            .await;
        let r = get(&governor, &format!("/portfolios/{portfolio}/report.pdf")).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        let report_bytes = r.bytes().await.unwrap();
        let (text, pages) = pdf_text(&report_bytes);
        assert!((1..=10).contains(&pages), "{pages} pages");
        for part in [
            "Annual report to governors",
            "Where we stand",
            "Standard met per domain",
            "What carers, pupils and staff told us",
            "From the Designated Teacher and head teacher",
            "Every PEP was on time.",
        ] {
            assert!(text.contains(part), "{part} missing:\n{text}");
        }
        assert!(!text.contains("Values assemblies"));
        // The school's Designated Teacher self-audit (the demo's is half
        // done) and its PEP figures, without a pupil reference.
        assert!(text.contains("other self-audits"), "{text}");
        assert!(text.contains("Personal Education Plans"), "{text}");
        assert!(!text.contains("PEP-0"), "{text}");
        let dt = app.state.frameworks.get("dt-expectations").unwrap();
        let total = dt.criteria().count();
        let html = governor
            .page(&format!("/portfolios/{portfolio}/report"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Designated Teacher expectations"));
        assert!(html.contains(&format!(" of {total} complete")), "{html}");
        assert!(html.contains("Personal Education Plans"));
        assert!(!html.contains("PEP-0"));
        let r = get(&governor, &format!("/portfolios/{portfolio}/report.pdf")).await;
        let (text, _) = pdf_text(&r.bytes().await.unwrap());
        assert!(text.contains("Designated Teacher expectations"));
        let anonymous = app.client().await;
        let r = get(&anonymous, &format!("/portfolios/{portfolio}/report.pdf")).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
);
