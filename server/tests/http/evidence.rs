//! The evidence library over HTTP: the streamed upload and the download,
//! deduplication, limits, detecting types from bytes, removing photo
//! metadata, identifier warnings, linking, deleting, and who may do what.

use app::api::evidence::{
    AttachEvidence, DeleteEvidence, DetachEvidence, GetUploadForm, SaveEvidence,
};
use app::services::evidence as service;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::common::*;
use crate::http_test;

const JPEG: &[u8] = include_bytes!("../../../app/tests/fixtures/plain.jpg");
const PNG: &[u8] = include_bytes!("../../../app/tests/fixtures/plain.png");

pub(crate) fn pdf(seed: &str, size: usize) -> Vec<u8> {
    let mut bytes = format!("%PDF-1.7\n% {seed}\n").into_bytes();
    bytes.resize(size.max(bytes.len()), b'x');
    bytes
}

/// The usual good fields, with `extra` replacing or adding to them.
pub(crate) fn fields<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("title", "Attendance policy"),
        ("kind", "policy"),
        ("description", "Our policy on attendance."),
        ("criteria[]", "1.1"),
        ("confirm_anonymised", "yes"),
    ];
    for (k, v) in extra {
        if *k != "criteria[]" {
            f.retain(|(name, _)| name != k);
        }
        f.push((k, v));
    }
    f
}

/// Uploads as a script does (JSON replies); `file` is (name, bytes).
pub(crate) async fn upload(
    c: &TestClient,
    portfolio: i32,
    fields: &[(&str, &str)],
    file: Option<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let mut form = Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some((name, bytes)) = file {
        form = form.part(
            "file",
            Part::bytes(bytes)
                .file_name(name.to_string())
                .mime_str("application/octet-stream")
                .unwrap(),
        );
    }
    c.http
        .post(format!("{}/portfolios/{portfolio}/evidence", c.base))
        .header("origin", &c.base)
        .header("x-csrf-token", &c.csrf)
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .unwrap()
}

pub(crate) async fn created_id(r: reqwest::Response) -> i32 {
    let status = r.status();
    let body: Value = r.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_i64().unwrap() as i32
}

async fn items(app: &TestApp, portfolio: i32) -> Vec<app::model::EvidenceItem> {
    let framework = app.state.frameworks.get("caring2learn").unwrap();
    service::list(&app.state.db, &framework, portfolio)
        .await
        .unwrap()
}

async fn download(c: &TestClient, item: i32) -> reqwest::Response {
    c.http
        .get(format!("{}/evidence/{item}/download", c.base))
        .send()
        .await
        .unwrap()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

async fn submit(app: &TestApp) {
    use sea_orm::{EntityTrait, sea_query::Expr};
    app::db::entities::portfolio::Entity::update_many()
        .col_expr(
            app::db::entities::portfolio::Column::Status,
            Expr::value("submitted"),
        )
        .exec(&app.state.db)
        .await
        .unwrap();
}

http_test!(
    an_upload_comes_back_byte_for_byte_and_is_stored_once,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let editor = app.signed_in(EDITOR).await;
        let bytes = pdf("round trip", 300_000);
        let id = created_id(
            upload(
                &editor,
                portfolio,
                &fields(&[("criteria[]", "2.1")]),
                Some(("../Attendance Policy.pdf", bytes.clone())),
            )
            .await,
        )
        .await;

        let r = download(&editor, id).await;
        assert_eq!(r.status(), StatusCode::OK);
        let h = r.headers().clone();
        assert_eq!(h["content-type"], "application/pdf");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(
            h["content-disposition"],
            "attachment; filename=\"Attendance Policy.pdf\""
        );
        let got = r.bytes().await.unwrap();
        assert_eq!(got.as_ref(), bytes.as_slice(), "bytes in = bytes out");
        let (sha, stored) = service::stored_file(&app.state.db, id).await.unwrap();
        assert_eq!(sha, service::sha256_hex(&bytes));
        assert_eq!(stored, bytes);

        let list = items(&app, portfolio).await;
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].criteria, ["1.1", "2.1"]);
        assert!(list[0].uploaded_by.is_some());
        assert!(list[0].anonymised_confirmed_by.is_some());

        // the same bytes again, by someone else, under another title: one file
        let coordinator = app.signed_in(COORDINATOR).await;
        let again = created_id(
            upload(
                &coordinator,
                portfolio,
                &fields(&[("title", "Same policy again")]),
                Some(("copy.pdf", bytes.clone())),
            )
            .await,
        )
        .await;
        assert_ne!(again, id);
        assert_eq!(items(&app, portfolio).await.len(), 2);
        assert_eq!(
            service::file_count(&app.state.db, app.school_id)
                .await
                .unwrap(),
            1
        );

        // deleting one keeps the file for the other; deleting both removes it
        service::delete(&app.state.db, id).await.unwrap();
        assert_eq!(
            service::file_count(&app.state.db, app.school_id)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            download(&coordinator, again)
                .await
                .bytes()
                .await
                .unwrap()
                .as_ref(),
            bytes.as_slice()
        );
        service::delete(&app.state.db, again).await.unwrap();
        assert_eq!(
            service::file_count(&app.state.db, app.school_id)
                .await
                .unwrap(),
            0
        );
    }
);

http_test!(
    over_twenty_megabytes_is_413_and_nothing_is_stored,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let editor = app.signed_in(EDITOR).await;
        let limit = app::evidence::rules::MAX_FILE_BYTES;
        let r = upload(
            &editor,
            portfolio,
            &fields(&[]),
            Some(("big.pdf", pdf("big", limit + 1))),
        )
        .await;
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let body: Value = r.json().await.unwrap();
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .contains("larger than 20 MB"),
            "{body}"
        );
        assert!(items(&app, portfolio).await.is_empty());
        assert_eq!(
            service::file_count(&app.state.db, app.school_id)
                .await
                .unwrap(),
            0
        );

        // exactly 20 MB is fine
        let id = created_id(
            upload(
                &editor,
                portfolio,
                &fields(&[]),
                Some(("limit.pdf", pdf("limit", limit))),
            )
            .await,
        )
        .await;
        let (_, stored) = service::stored_file(&app.state.db, id).await.unwrap();
        assert_eq!(stored.len(), limit);
    }
);

http_test!(
    a_program_named_pdf_is_refused_saying_what_it_is,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let editor = app.signed_in(EDITOR).await;
        let mut exe = vec![0u8; 4096];
        exe[..2].copy_from_slice(b"MZ");
        exe[0x3C] = 0x80;
        exe[0x80..0x84].copy_from_slice(b"PE\0\0");
        let r = upload(&editor, portfolio, &fields(&[]), Some(("report.pdf", exe))).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = r.json().await.unwrap();
        let message = body["errors"][0]["message"].as_str().unwrap();
        assert_eq!(body["errors"][0]["field"], "file");
        assert!(message.contains("a Windows program"), "{message}");
        // what was typed comes back
        assert_eq!(body["form"]["title"], "Attendance policy");
        assert!(items(&app, portfolio).await.is_empty());
        assert_eq!(
            service::file_count(&app.state.db, app.school_id)
                .await
                .unwrap(),
            0
        );
    }
);

http_test!(links_must_be_web_addresses, |app: TestApp| async move {
    let portfolio = app.portfolio_id().await;
    let editor = app.signed_in(EDITOR).await;
    for bad in [
        "javascript:alert(document.cookie)",
        "data:text/html,<script>1</script>",
        "file:///etc/passwd",
    ] {
        let r = upload(
            &editor,
            portfolio,
            &fields(&[("kind", "link"), ("link", bad)]),
            None,
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["errors"][0]["field"], "link", "{body}");
    }
    // neither a file nor a link
    let r = upload(&editor, portfolio, &fields(&[]), None).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(items(&app, portfolio).await.is_empty());

    let id = created_id(
        upload(
            &editor,
            portfolio,
            &fields(&[
                ("kind", "link"),
                ("link", "https://www.example.org/policies/attendance"),
            ]),
            None,
        )
        .await,
    )
    .await;
    let list = items(&app, portfolio).await;
    assert_eq!(list[0].id, id);
    assert_eq!(
        list[0].link.as_deref(),
        Some("https://www.example.org/policies/attendance")
    );
    assert_eq!(
        download(&editor, id).await.status(),
        StatusCode::NOT_FOUND,
        "a link has no file"
    );
});

/// The plain JPEG with an EXIF segment holding a GPS position and `secret`.
fn jpeg_with_gps(secret: &str) -> Vec<u8> {
    // TIFF, little-endian: IFD0 with one entry (GPS IFD pointer) → GPS IFD
    // with GPSLatitudeRef "N"; then `secret` as trailing data.
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    tiff.extend(1u16.to_le_bytes());
    tiff.extend(0x8825u16.to_le_bytes());
    tiff.extend(4u16.to_le_bytes());
    tiff.extend(1u32.to_le_bytes());
    tiff.extend(26u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(1u16.to_le_bytes());
    tiff.extend(1u16.to_le_bytes());
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(2u32.to_le_bytes());
    tiff.extend(*b"N\0\0\0");
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(secret.as_bytes());
    let mut segment = b"Exif\0\0".to_vec();
    segment.extend(tiff);
    let mut out = JPEG[..2].to_vec(); // SOI
    out.extend([0xFF, 0xE1]);
    out.extend(((segment.len() + 2) as u16).to_be_bytes());
    out.extend(segment);
    out.extend(&JPEG[2..]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The plain PNG with a tEXt chunk holding `secret` after its header.
fn png_with_text(secret: &str) -> Vec<u8> {
    let header_end = 8 + 4 + 4 + 13 + 4; // signature, IHDR length, type, data, CRC
    let data = format!("Comment\0{secret}");
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    let mut typed = b"tEXt".to_vec();
    typed.extend(data.as_bytes());
    chunk.extend(&typed);
    chunk.extend(crc32(&typed).to_be_bytes());
    let mut out = PNG[..header_end].to_vec();
    out.extend(chunk);
    out.extend(&PNG[header_end..]);
    out
}

http_test!(
    photos_are_stored_without_their_metadata,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let editor = app.signed_in(EDITOR).await;
        let secret = "52.2083N-home-of-child";
        let jpeg = jpeg_with_gps(secret);
        assert!(contains(&jpeg, b"Exif") && contains(&jpeg, secret.as_bytes()));

        // a photo needs the permission confirmation
        let r = upload(
            &editor,
            portfolio,
            &fields(&[("kind", "photo")]),
            Some(("trip.jpg", jpeg.clone())),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["errors"][0]["field"], "confirm_photo", "{body}");

        let id = created_id(
            upload(
                &editor,
                portfolio,
                &fields(&[("kind", "photo"), ("confirm_photo", "yes")]),
                Some(("trip.jpeg", jpeg)),
            )
            .await,
        )
        .await;
        let (_, stored) = service::stored_file(&app.state.db, id).await.unwrap();
        assert!(!contains(&stored, b"Exif"), "EXIF removed");
        assert!(!contains(&stored, secret.as_bytes()), "nothing of it left");
        assert_eq!(&stored[..2], &[0xFF, 0xD8]);
        let downloaded = download(&editor, id).await.bytes().await.unwrap();
        assert_eq!(downloaded.as_ref(), stored.as_slice());
        assert!(items(&app, portfolio).await[0].photo_confirmed);

        let secret = "Taken at 14 Mill Lane";
        let png = png_with_text(secret);
        assert!(contains(&png, b"tEXt"));
        let id = created_id(
            upload(
                &editor,
                portfolio,
                &fields(&[
                    ("kind", "photo"),
                    ("confirm_photo", "yes"),
                    ("title", "Garden"),
                ]),
                Some(("garden.png", png)),
            )
            .await,
        )
        .await;
        let (_, stored) = service::stored_file(&app.state.db, id).await.unwrap();
        assert!(!contains(&stored, b"tEXt"));
        assert!(!contains(&stored, secret.as_bytes()));
        assert!(contains(&stored, b"IDAT"), "the picture itself is kept");
    }
);

http_test!(
    identifiers_are_fixed_or_knowingly_kept,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let editor = app.signed_in(EDITOR).await;
        let description = "Case study of a pupil born 12/03/2015 who joined in Year 3.";
        let r = upload(
            &editor,
            portfolio,
            &fields(&[("kind", "case_study"), ("description", description)]),
            Some(("case.pdf", pdf("case", 2000))),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["findings"][0]["field"], "description", "{body}");
        assert_eq!(body["findings"][0]["finding"]["kind"], "date_of_birth");
        assert_eq!(body["findings"][0]["finding"]["text"], "12/03/2015");
        assert!(
            items(&app, portfolio).await.is_empty(),
            "nothing saved before a decision"
        );

        // a plain-text file's contents are checked too
        let r = upload(
            &editor,
            portfolio,
            &fields(&[("kind", "anonymised_record"), ("title", "PEP notes")]),
            Some((
                "notes.txt",
                b"Notes. NHS number 943 476 5919 on file.\n".to_vec(),
            )),
        )
        .await;
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["findings"][0]["field"], "file", "{body}");
        assert_eq!(body["findings"][0]["finding"]["kind"], "nhs_number");

        // kept knowingly: saved, and the decision recorded with who
        let id = created_id(
            upload(
                &editor,
                portfolio,
                &fields(&[
                    ("kind", "case_study"),
                    ("description", description),
                    ("override_identifiers", "yes"),
                ]),
                Some(("case.pdf", pdf("case", 2000))),
            )
            .await,
        )
        .await;
        let kept = service::overrides(&app.state.db, portfolio, &format!("evidence:{id}:"))
            .await
            .unwrap();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].found_text, "12/03/2015");
        assert_eq!(kept[0].place, format!("evidence:{id}:description"));
        assert!(kept[0].by.is_some());
    }
);

http_test!(
    a_plain_form_upload_returns_to_the_form_with_its_problems,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let editor = app.signed_in(EDITOR).await;
        let form = Form::new()
            .text("title", "Policy")
            .text("kind", "policy")
            .text("link", "javascript:alert(1)");
        let r = editor
            .http
            .post(format!(
                "{}/portfolios/{portfolio}/evidence?csrf_token={}",
                editor.base, editor.csrf
            ))
            .header("origin", &editor.base)
            .header("accept", "text/html")
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with(&format!("/portfolios/{portfolio}/evidence/new"))
        );
        let first = editor
            .get_fn::<GetUploadForm>(&[("portfolio_id", portfolio.to_string())])
            .await;
        let text = first.text().await.unwrap();
        assert!(text.contains("web address"), "{text}");
        assert!(text.contains("confirm_anonymised"), "{text}");
        // shown once
        let second = editor
            .get_fn::<GetUploadForm>(&[("portfolio_id", portfolio.to_string())])
            .await;
        assert!(!second.text().await.unwrap().contains("web address"));

        // without the token in the form's address, refused
        let r = editor
            .http
            .post(format!("{}/portfolios/{portfolio}/evidence", editor.base))
            .header("origin", &editor.base)
            .multipart(Form::new().text("title", "x"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
);

http_test!(linking_changing_and_deleting, |app: TestApp| async move {
    let portfolio = app.portfolio_id().await;
    let editor = app.signed_in(EDITOR).await;
    let id = created_id(
        upload(
            &editor,
            portfolio,
            &fields(&[]),
            Some(("p.pdf", pdf("link", 1000))),
        )
        .await,
    )
    .await;

    let r = editor
        .post::<AttachEvidence>(&[("item_id", id.to_string()), ("criterion_id", "1.2".into())])
        .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    assert_eq!(items(&app, portfolio).await[0].criteria, ["1.1", "1.2"]);
    let r = editor
        .post::<AttachEvidence>(&[("item_id", id.to_string()), ("criterion_id", "9.9".into())])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let r = editor
        .post::<SaveEvidence>(&[
            ("item_id", id.to_string()),
            ("title", "Attendance policy (2026)".into()),
            ("kind", "policy".into()),
            ("description", "Updated.".into()),
            ("criteria[]", "2.1".into()),
            ("criteria[]", "4.3".into()),
        ])
        .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.text().await.unwrap()
    );
    let item = items(&app, portfolio).await.remove(0);
    assert_eq!(item.title, "Attendance policy (2026)");
    assert_eq!(item.criteria, ["2.1", "4.3"]);

    // a date of birth in the description needs a decision
    let r = editor
        .post::<SaveEvidence>(&[
            ("item_id", id.to_string()),
            ("title", "Attendance policy (2026)".into()),
            ("kind", "policy".into()),
            ("description", "DOB 01/02/2016".into()),
        ])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("may identify a child"));

    let r = editor
        .post::<DetachEvidence>(&[("item_id", id.to_string()), ("criterion_id", "2.1".into())])
        .await;
    assert!(r.status().is_success() || r.status().is_redirection());
    assert_eq!(items(&app, portfolio).await[0].criteria, ["4.3"]);

    // more than five in a domain: a warning, never a block
    for n in 0..6 {
        let title = format!("Domain one item {n}");
        created_id(
            upload(
                &editor,
                portfolio,
                &fields(&[("title", &title)]),
                Some(("d.pdf", pdf(&title, 500))),
            )
            .await,
        )
        .await;
    }
    let page = editor
        .page(&format!("/portfolios/{portfolio}/evidence"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("6 items: more than the toolkit"),
        "per-domain warning shown"
    );

    // delete asks first, then unlinks everywhere
    let r = editor
        .post::<DeleteEvidence>(&[("item_id", id.to_string())])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = editor
        .post::<DeleteEvidence>(&[("item_id", id.to_string()), ("confirm", "yes".into())])
        .await;
    assert!(r.status().is_success() || r.status().is_redirection());
    assert!(items(&app, portfolio).await.iter().all(|i| i.id != id));
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let links = app::db::entities::evidence_link::Entity::find()
        .filter(app::db::entities::evidence_link::Column::ItemId.eq(id))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(links, 0);
});

http_test!(
    only_staff_download_and_change_and_assessors_after_submission,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let editor = app.signed_in(EDITOR).await;
        let id = created_id(
            upload(
                &editor,
                portfolio,
                &fields(&[]),
                Some(("p.pdf", pdf("who", 1000))),
            )
            .await,
        )
        .await;

        let anonymous = app.client().await;
        let governor = app.signed_in(GOVERNOR).await;
        let other = app.signed_in(OTHER).await;
        let assessor = app.signed_in(ASSESSOR).await;
        let coordinator = app.signed_in(COORDINATOR).await;
        for (who, client, code) in [
            ("anonymous", &anonymous, 401),
            ("governor", &governor, 403),
            ("other school", &other, 404),
            ("assessor before submission", &assessor, 403),
            ("coordinator", &coordinator, 200),
        ] {
            assert_eq!(
                download(client, id).await.status().as_u16(),
                code,
                "download: {who}"
            );
        }
        for (who, client, code) in [
            ("anonymous", &anonymous, 401),
            ("governor", &governor, 403),
            ("other school", &other, 404),
            ("assessor", &assessor, 403),
        ] {
            let r = upload(
                client,
                portfolio,
                &fields(&[]),
                Some(("x.pdf", pdf(who, 100))),
            )
            .await;
            assert_eq!(r.status().as_u16(), code, "upload: {who}");
            let r = client
                .post::<DeleteEvidence>(&[("item_id", id.to_string()), ("confirm", "yes".into())])
                .await;
            assert_eq!(r.status().as_u16(), code, "delete: {who}");
            let r = client
                .post::<SaveEvidence>(&[
                    ("item_id", id.to_string()),
                    ("title", "Mine".into()),
                    ("kind", "policy".into()),
                ])
                .await;
            assert_eq!(r.status().as_u16(), code, "change: {who}");
            let page = client
                .page(&format!("/portfolios/{portfolio}/evidence/{id}"))
                .await;
            assert!(
                !page.text().await.unwrap().contains("Attendance policy") || code == 200,
                "item page: {who}"
            );
        }
        assert_eq!(
            items(&app, portfolio).await.len(),
            1,
            "nothing changed by them"
        );
        assert_eq!(items(&app, portfolio).await[0].title, "Attendance policy");

        submit(&app).await;
        assert_eq!(
            download(&assessor, id).await.status(),
            StatusCode::OK,
            "assessor after submission"
        );
        assert_eq!(
            download(&governor, id).await.status(),
            StatusCode::FORBIDDEN
        );
        let r = upload(
            &editor,
            portfolio,
            &fields(&[]),
            Some(("late.pdf", pdf("late", 100))),
        )
        .await;
        assert_eq!(
            r.status(),
            StatusCode::CONFLICT,
            "submitted: no more evidence"
        );
        let r = editor
            .post::<DeleteEvidence>(&[("item_id", id.to_string()), ("confirm", "yes".into())])
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
    }
);

http_test!(
    demo_evidence_is_seeded_once_and_names_no_child,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        // seeding refuses anything the identifier scanner flags, so Ok means clean
        server::demo::seed_evidence(&app.state).await.unwrap();
        server::demo::seed_evidence(&app.state).await.unwrap();
        let list = items(&app, portfolio).await;
        assert_eq!(list.len(), 3, "seeded once");
        assert!(list.iter().all(|i| !i.criteria.is_empty()));
        assert_eq!(
            service::file_count(&app.state.db, app.school_id)
                .await
                .unwrap(),
            2
        );
    }
);
