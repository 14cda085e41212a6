//! The evidence library: adding items (a file or a link), reading them,
//! changing their criteria, deleting them, and the record of identifier
//! warnings that were knowingly overridden.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Datelike, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionSession, TransactionTrait,
};
use sha2::{Digest, Sha256};

use super::accounts::display_names as user_names;
use super::{Problems, ServiceError, ServiceResult, clean_line};
use crate::db::entities::{
    evidence_file, evidence_item, evidence_link, identifier_override, portfolio,
};
use crate::evidence::detect::detect;
use crate::evidence::rules::{MAX_DESCRIPTION_CHARS, MAX_FILE_BYTES, MAX_TITLE_CHARS, check_link};
use crate::evidence::scrub::strip_metadata;
use crate::model::{EvidenceFileInfo, EvidenceItem, EvidenceKind, OverrideRecord, PlacedFinding};
use crate::protection::identifiers::scan;
use crate::rubric::Framework;

/// A file as it arrived, already read (within the size limit).
pub struct UploadedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What the upload form sends.
#[derive(Default)]
pub struct NewEvidence {
    pub title: String,
    pub kind: String,
    pub description: String,
    pub link: String,
    pub criteria: Vec<String>,
    pub confirm_anonymised: bool,
    pub confirm_photo: bool,
    pub override_identifiers: bool,
    pub file: Option<UploadedFile>,
}

/// What the edit form sends (the file itself does not change).
#[derive(Default)]
pub struct EvidenceEdit {
    pub title: String,
    pub kind: String,
    pub description: String,
    pub link: String,
    pub criteria: Vec<String>,
    pub override_identifiers: bool,
}

/// Saved, or held back because identifiers were found and not overridden.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    Item(i32),
    NeedsDecision(Vec<PlacedFinding>),
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Identifiers in the given fields.
pub fn find_identifiers(fields: &[(&str, &str)], now: DateTime<Utc>) -> Vec<PlacedFinding> {
    fields
        .iter()
        .flat_map(|(field, text)| {
            scan(text, now.year())
                .into_iter()
                .map(|finding| PlacedFinding {
                    field: field.to_string(),
                    finding,
                })
        })
        .collect()
}

struct CheckedText {
    title: String,
    kind: EvidenceKind,
    description: String,
    link: Option<String>,
    criteria: Vec<String>,
}

/// The fields every form has, checked; problems collected in `problems`.
fn check_fields(
    problems: &mut Problems,
    framework: &Framework,
    title: &str,
    kind: &str,
    description: &str,
    link: &str,
    criteria: &[String],
) -> CheckedText {
    let title = clean_line(problems, "title", "a title", title, MAX_TITLE_CHARS);
    let kind = EvidenceKind::parse(kind.trim()).unwrap_or_else(|| {
        problems.add("kind", "Choose what kind of evidence this is");
        EvidenceKind::Policy
    });
    let description = description.replace("\r\n", "\n").trim().to_string();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        problems.add(
            "description",
            format!("The description must be {MAX_DESCRIPTION_CHARS} characters or fewer"),
        );
    }
    let link = if link.trim().is_empty() {
        None
    } else {
        match check_link(link) {
            Ok(l) => Some(l),
            Err(message) => {
                problems.add("link", message);
                None
            }
        }
    };
    let wanted: BTreeSet<&str> = criteria
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let criteria: Vec<String> = framework
        .criteria()
        .map(|(_, c)| c.id.clone())
        .filter(|id| wanted.contains(id.as_str()))
        .collect();
    if criteria.len() != wanted.len() {
        problems.add("criteria", "Choose criteria from the list");
    }
    CheckedText {
        title,
        kind,
        description,
        link,
        criteria,
    }
}

/// Adds an item to a portfolio. Nothing is stored unless everything is in
/// order: a file of an allowed type (detected from its bytes) and within the
/// limit, with photos' metadata removed; or an http(s) link; the
/// confirmations; and identifiers either absent or knowingly overridden.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    framework: &Framework,
    school_id: i32,
    portfolio_id: i32,
    user_id: i32,
    input: NewEvidence,
    now: DateTime<Utc>,
) -> ServiceResult<Saved> {
    let mut problems = Problems::default();
    let fields = check_fields(
        &mut problems,
        framework,
        &input.title,
        &input.kind,
        &input.description,
        &input.link,
        &input.criteria,
    );
    let mut stored = None;
    match (&input.file, &fields.link) {
        (Some(_), Some(_)) => problems.add("file", "Attach a file or give a link, not both"),
        (None, None) if problems.has("link") => {}
        (None, None) => problems.add("file", "Choose a file to attach, or give a link"),
        _ => {}
    }
    if fields.kind == EvidenceKind::Link && input.file.is_some() {
        problems.add("kind", "A link cannot have a file. Choose another kind");
    }
    let mut text_of_file = String::new();
    if let Some(file) = input.file {
        if file.bytes.len() > MAX_FILE_BYTES {
            problems.add("file", "The file must be 20 MB or smaller");
        } else {
            match detect(&file.bytes) {
                Err(message) => problems.add("file", message),
                Ok(allowed) => {
                    if allowed.is_text() {
                        text_of_file = String::from_utf8_lossy(&file.bytes).into_owned();
                    }
                    if (allowed.is_image() || fields.kind == EvidenceKind::Photo)
                        && !input.confirm_photo
                    {
                        problems.add(
                            "confirm_photo",
                            "Confirm that permission is held and no child's face is shown",
                        );
                    }
                    match strip_metadata(allowed.content_type, file.bytes) {
                        Ok(bytes) => {
                            let name = crate::evidence::rules::safe_file_name(
                                &file.name,
                                allowed.extension,
                            );
                            stored = Some((name, allowed.content_type, bytes));
                        }
                        Err(message) => problems.add("file", message),
                    }
                }
            }
        }
    } else if fields.kind == EvidenceKind::Photo && !input.confirm_photo {
        problems.add(
            "confirm_photo",
            "Confirm that permission is held and no child's face is shown",
        );
    }
    if !input.confirm_anonymised {
        problems.add(
            "confirm_anonymised",
            "Confirm that this evidence is anonymised",
        );
    }
    problems.check()?;

    let findings = find_identifiers(
        &[
            ("title", &fields.title),
            ("description", &fields.description),
            ("file", &text_of_file),
        ],
        now,
    );
    if !findings.is_empty() && !input.override_identifiers {
        return Ok(Saved::NeedsDecision(findings));
    }

    let txn = db.begin().await?;
    let file_id = match &stored {
        Some((_, content_type, bytes)) => {
            Some(store_file(&txn, school_id, content_type, bytes, now).await?)
        }
        None => None,
    };
    let photo = input.confirm_photo
        && (fields.kind == EvidenceKind::Photo
            || stored
                .as_ref()
                .is_some_and(|(_, t, _)| t.starts_with("image/")));
    let item = evidence_item::ActiveModel {
        portfolio_id: Set(portfolio_id),
        title: Set(fields.title),
        kind: Set(fields.kind.as_str().into()),
        description: Set(fields.description),
        file_id: Set(file_id),
        file_name: Set(stored.map(|(name, _, _)| name)),
        link_url: Set(fields.link),
        uploaded_by: Set(Some(user_id)),
        uploaded_at: Set(now),
        updated_at: Set(now),
        anonymised_confirmed_by: Set(Some(user_id)),
        anonymised_confirmed_at: Set(now),
        photo_confirmed_by: Set(photo.then_some(user_id)),
        photo_confirmed_at: Set(photo.then_some(now)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    set_criteria(&txn, item.id, &fields.criteria, user_id, now).await?;
    record_overrides(
        &txn,
        portfolio_id,
        &format!("evidence:{}", item.id),
        &findings,
        user_id,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Saved::Item(item.id))
}

/// Stores the bytes once per school: the same content again is the same file.
async fn store_file(
    db: &impl ConnectionTrait,
    school_id: i32,
    content_type: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    let sha256 = sha256_hex(bytes);
    if let Some(id) = find_file(db, school_id, &sha256).await? {
        return Ok(id);
    }
    evidence_file::Entity::insert(evidence_file::ActiveModel {
        school_id: Set(school_id),
        sha256: Set(sha256.clone()),
        size_bytes: Set(bytes.len() as i64),
        content_type: Set(content_type.into()),
        content: Set(bytes.to_vec()),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            evidence_file::Column::SchoolId,
            evidence_file::Column::Sha256,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    find_file(db, school_id, &sha256)
        .await?
        .ok_or_else(|| ServiceError::Internal("stored file not found again".into()))
}

async fn find_file(
    db: &impl ConnectionTrait,
    school_id: i32,
    sha256: &str,
) -> ServiceResult<Option<i32>> {
    Ok(evidence_file::Entity::find()
        .select_only()
        .column(evidence_file::Column::Id)
        .filter(evidence_file::Column::SchoolId.eq(school_id))
        .filter(evidence_file::Column::Sha256.eq(sha256))
        .into_tuple::<i32>()
        .one(db)
        .await?)
}

/// Makes the item's criteria exactly `criteria`.
async fn set_criteria(
    db: &impl ConnectionTrait,
    item_id: i32,
    criteria: &[String],
    user_id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    evidence_link::Entity::delete_many()
        .filter(evidence_link::Column::ItemId.eq(item_id))
        .filter(evidence_link::Column::CriterionId.is_not_in(criteria.iter().cloned()))
        .exec(db)
        .await?;
    for criterion in criteria {
        link(db, item_id, criterion, user_id, now).await?;
    }
    Ok(())
}

/// Links an item to a criterion (already linked: nothing changes).
pub async fn link(
    db: &impl ConnectionTrait,
    item_id: i32,
    criterion_id: &str,
    user_id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    evidence_link::Entity::insert(evidence_link::ActiveModel {
        item_id: Set(item_id),
        criterion_id: Set(criterion_id.into()),
        linked_by: Set(Some(user_id)),
        linked_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            evidence_link::Column::ItemId,
            evidence_link::Column::CriterionId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn unlink(
    db: &impl ConnectionTrait,
    item_id: i32,
    criterion_id: &str,
) -> ServiceResult<()> {
    evidence_link::Entity::delete_many()
        .filter(evidence_link::Column::ItemId.eq(item_id))
        .filter(evidence_link::Column::CriterionId.eq(criterion_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records that `findings` were seen and kept, at `place` (`evidence:12`,
/// `criterion:1.1`) plus each finding's field.
pub async fn record_overrides(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    place: &str,
    findings: &[PlacedFinding],
    user_id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    for f in findings {
        identifier_override::ActiveModel {
            portfolio_id: Set(portfolio_id),
            place: Set(format!("{place}:{}", f.field)),
            kind: Set(serde_json::to_value(f.finding.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()),
            found_text: Set(f.finding.text.chars().take(200).collect()),
            user_id: Set(Some(user_id)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Overrides recorded at places starting with `prefix`, newest first.
pub async fn overrides(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    prefix: &str,
) -> ServiceResult<Vec<OverrideRecord>> {
    let rows = identifier_override::Entity::find()
        .filter(identifier_override::Column::PortfolioId.eq(portfolio_id))
        .filter(identifier_override::Column::Place.starts_with(prefix))
        .order_by_desc(identifier_override::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().filter_map(|r| r.user_id).collect();
    let names = user_names(db, ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| OverrideRecord {
            place: r.place,
            kind: r.kind,
            found_text: r.found_text,
            by: r.user_id.and_then(|u| names.get(&u).cloned()),
            at: r.created_at,
        })
        .collect())
}

/// Every item of a portfolio, newest first, with its criteria in framework order.
pub async fn list(
    db: &impl ConnectionTrait,
    framework: &Framework,
    portfolio_id: i32,
) -> ServiceResult<Vec<EvidenceItem>> {
    let rows = evidence_item::Entity::find()
        .filter(evidence_item::Column::PortfolioId.eq(portfolio_id))
        .order_by_desc(evidence_item::Column::UploadedAt)
        .order_by_desc(evidence_item::Column::Id)
        .all(db)
        .await?;
    to_items(db, framework, rows).await
}

async fn to_items(
    db: &impl ConnectionTrait,
    framework: &Framework,
    rows: Vec<evidence_item::Model>,
) -> ServiceResult<Vec<EvidenceItem>> {
    let item_ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let file_ids: BTreeSet<i32> = rows.iter().filter_map(|r| r.file_id).collect();
    let files: HashMap<i32, (i64, String)> = if file_ids.is_empty() {
        HashMap::new()
    } else {
        evidence_file::Entity::find()
            .select_only()
            .column(evidence_file::Column::Id)
            .column(evidence_file::Column::SizeBytes)
            .column(evidence_file::Column::ContentType)
            .filter(evidence_file::Column::Id.is_in(file_ids))
            .into_tuple::<(i32, i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, size, t)| (id, (size, t)))
            .collect()
    };
    let mut links: HashMap<i32, BTreeSet<String>> = HashMap::new();
    if !item_ids.is_empty() {
        for l in evidence_link::Entity::find()
            .filter(evidence_link::Column::ItemId.is_in(item_ids))
            .all(db)
            .await?
        {
            links.entry(l.item_id).or_default().insert(l.criterion_id);
        }
    }
    let people: Vec<i32> = rows
        .iter()
        .flat_map(|r| [r.uploaded_by, r.anonymised_confirmed_by])
        .flatten()
        .collect();
    let names = user_names(db, people).await?;
    let order: HashMap<&str, usize> = framework
        .criteria()
        .enumerate()
        .map(|(i, (_, c))| (c.id.as_str(), i))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut criteria: Vec<String> = links
                .remove(&r.id)
                .unwrap_or_default()
                .into_iter()
                .collect();
            criteria.sort_by_key(|c| order.get(c.as_str()).copied().unwrap_or(usize::MAX));
            let file = r
                .file_id
                .and_then(|id| files.get(&id))
                .map(|(size, t)| EvidenceFileInfo {
                    name: r.file_name.clone().unwrap_or_else(|| "evidence".into()),
                    size_bytes: *size,
                    content_type: t.clone(),
                });
            EvidenceItem {
                id: r.id,
                portfolio_id: r.portfolio_id,
                kind: EvidenceKind::parse(&r.kind).unwrap_or(EvidenceKind::Policy),
                title: r.title,
                description: r.description,
                file,
                link: r.link_url,
                criteria,
                uploaded_by: r.uploaded_by.and_then(|u| names.get(&u).cloned()),
                uploaded_at: r.uploaded_at,
                anonymised_confirmed_by: r
                    .anonymised_confirmed_by
                    .and_then(|u| names.get(&u).cloned()),
                photo_confirmed: r.photo_confirmed_at.is_some(),
            }
        })
        .collect())
}

/// The portfolio an item belongs to (for the policy), or not found.
pub async fn portfolio_of(db: &impl ConnectionTrait, item_id: i32) -> ServiceResult<i32> {
    evidence_item::Entity::find_by_id(item_id)
        .select_only()
        .column(evidence_item::Column::PortfolioId)
        .into_tuple::<i32>()
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

pub async fn get(
    db: &impl ConnectionTrait,
    framework: &Framework,
    item_id: i32,
) -> ServiceResult<EvidenceItem> {
    let row = evidence_item::Entity::find_by_id(item_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    to_items(db, framework, vec![row])
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)
}

/// Changes an item's text, kind, link and criteria.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    framework: &Framework,
    item_id: i32,
    user_id: i32,
    input: EvidenceEdit,
    now: DateTime<Utc>,
) -> ServiceResult<Saved> {
    let row = evidence_item::Entity::find_by_id(item_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut problems = Problems::default();
    let fields = check_fields(
        &mut problems,
        framework,
        &input.title,
        &input.kind,
        &input.description,
        &input.link,
        &input.criteria,
    );
    match (row.file_id.is_some(), &fields.link) {
        (true, Some(_)) => problems.add("link", "This item is a file; it cannot also be a link"),
        (false, None) if !problems.has("link") => problems.add("link", "Enter the link"),
        _ => {}
    }
    if row.file_id.is_some() && fields.kind == EvidenceKind::Link {
        problems.add("kind", "A file cannot be a link. Choose another kind");
    }
    problems.check()?;
    let findings = find_identifiers(
        &[
            ("title", &fields.title),
            ("description", &fields.description),
        ],
        now,
    );
    let already = overrides(db, row.portfolio_id, &format!("evidence:{item_id}:")).await?;
    let new_findings: Vec<PlacedFinding> = findings
        .into_iter()
        .filter(|f| {
            !already.iter().any(|o| {
                o.found_text == f.finding.text && o.place.ends_with(&format!(":{}", f.field))
            })
        })
        .collect();
    if !new_findings.is_empty() && !input.override_identifiers {
        return Ok(Saved::NeedsDecision(new_findings));
    }
    let txn = db.begin().await?;
    let portfolio_id = row.portfolio_id;
    let mut active: evidence_item::ActiveModel = row.into();
    active.title = Set(fields.title);
    active.kind = Set(fields.kind.as_str().into());
    active.description = Set(fields.description);
    active.link_url = Set(fields.link);
    active.updated_at = Set(now);
    active.update(&txn).await?;
    set_criteria(&txn, item_id, &fields.criteria, user_id, now).await?;
    record_overrides(
        &txn,
        portfolio_id,
        &format!("evidence:{item_id}"),
        &new_findings,
        user_id,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Saved::Item(item_id))
}

/// Deletes an item, its links everywhere, and its file if no other item uses it.
pub async fn delete<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    item_id: i32,
) -> ServiceResult<()> {
    let txn = db.begin().await?;
    let row = evidence_item::Entity::find_by_id(item_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    evidence_link::Entity::delete_many()
        .filter(evidence_link::Column::ItemId.eq(item_id))
        .exec(&txn)
        .await?;
    evidence_item::Entity::delete_by_id(item_id)
        .exec(&txn)
        .await?;
    if let Some(file_id) = row.file_id {
        let others = evidence_item::Entity::find()
            .filter(evidence_item::Column::FileId.eq(file_id))
            .count(&txn)
            .await?;
        if others == 0 {
            evidence_file::Entity::delete_by_id(file_id)
                .exec(&txn)
                .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// A file to send: its safe name, detected type and bytes.
pub struct Download {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

pub async fn download(db: &impl ConnectionTrait, item_id: i32) -> ServiceResult<Download> {
    let (row, file) = evidence_item::Entity::find_by_id(item_id)
        .find_also_related(evidence_file::Entity)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let file = file.ok_or(ServiceError::NotFound)?;
    Ok(Download {
        name: row.file_name.unwrap_or_else(|| "evidence".into()),
        content_type: file.content_type,
        bytes: file.content,
    })
}

/// Stored bytes and hash of an item's file (for tests and the submission pack).
pub async fn stored_file(
    db: &impl ConnectionTrait,
    item_id: i32,
) -> ServiceResult<(String, Vec<u8>)> {
    let (_, file) = evidence_item::Entity::find_by_id(item_id)
        .find_also_related(evidence_file::Entity)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let file = file.ok_or(ServiceError::NotFound)?;
    Ok((file.sha256, file.content))
}

/// How many files a school has stored (dedup makes this fewer than items).
pub async fn file_count(db: &impl ConnectionTrait, school_id: i32) -> ServiceResult<u64> {
    Ok(evidence_file::Entity::find()
        .filter(evidence_file::Column::SchoolId.eq(school_id))
        .count(db)
        .await?)
}

/// The school a portfolio belongs to.
pub async fn school_of(db: &impl ConnectionTrait, portfolio_id: i32) -> ServiceResult<i32> {
    portfolio::Entity::find_by_id(portfolio_id)
        .select_only()
        .column(portfolio::Column::SchoolId)
        .into_tuple::<i32>()
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}
