//! The evidence library's server functions: reading the library and one
//! item, the upload form (with a refused plain-form upload's problems),
//! changing, linking and deleting. Uploads and downloads themselves are plain
//! HTTP routes (`server::http::evidence`): they stream.

// A server function's arguments are its form's fields, one each.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::{EvidenceItemPage, EvidenceLibrary, PortfolioView, UploadProblem};

#[cfg(feature = "ssr")]
mod ssr {
    use crate::api::ssr::Ctx;
    use crate::error::FieldError;
    use crate::model::PlacedFinding;
    use crate::rubric::Framework;
    use crate::security::Action;
    use crate::services::access::{self, Located};
    use crate::services::{ServiceError, ServiceResult};
    use std::sync::Arc;

    pub fn framework(ctx: &Ctx, id: &str) -> ServiceResult<Arc<Framework>> {
        ctx.state.frameworks.get(id).ok_or(ServiceError::NotFound)
    }

    /// Identifier findings as problems on their fields, so the form shows
    /// them where they are and offers to keep the text.
    pub fn findings_as_problems(findings: &[PlacedFinding]) -> ServiceError {
        ServiceError::Invalid(
            findings
                .iter()
                .map(|f| {
                    FieldError::new(
                        f.field.clone(),
                        format!(
                            "{} may identify a child. Remove it, or tick “It does not identify anyone” and save again.",
                            f.describe()
                        ),
                    )
                })
                .collect(),
        )
    }

    /// The item's portfolio, authorised for reading.
    pub async fn item_readable(ctx: &Ctx, item_id: i32) -> ServiceResult<(i32, Located)> {
        let located = access::evidence_item(
            &ctx.state.db,
            ctx.principal.as_ref(),
            item_id,
            Action::ReadNarratives,
        )
        .await?;
        Ok((located.portfolio_id, located))
    }

    /// The item's portfolio, authorised for changing.
    pub async fn item_writable(ctx: &Ctx, item_id: i32) -> ServiceResult<(i32, Located)> {
        let located =
            access::evidence_item(&ctx.state.db, ctx.principal.as_ref(), item_id, Action::Edit)
                .await?;
        Ok((located.portfolio_id, located))
    }

    pub use crate::api::portfolios::ssr::view as portfolio_view;
}

#[server(input = GetUrl)]
pub async fn get_evidence_library(portfolio_id: i32) -> Result<EvidenceLibrary, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::api::portfolios::ssr::readable;
    use crate::evidence::rules::per_domain;
    use crate::services::evidence;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = readable(&ctx, portfolio_id).await?;
            let portfolio = ssr::portfolio_view(&ctx, portfolio_id, &located).await?;
            let framework = ssr::framework(&ctx, &located.framework_id)?;
            let items = evidence::list(&ctx.state.db, &framework, portfolio_id).await?;
            let per_domain = per_domain(&framework, &items);
            Ok(EvidenceLibrary {
                portfolio,
                items,
                per_domain,
            })
        }
        .await,
    )
}

#[server(input = GetUrl)]
pub async fn get_evidence_item(item_id: i32) -> Result<EvidenceItemPage, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::evidence;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let (portfolio_id, located) = ssr::item_readable(&ctx, item_id).await?;
            let portfolio = ssr::portfolio_view(&ctx, portfolio_id, &located).await?;
            let framework = ssr::framework(&ctx, &located.framework_id)?;
            let item = evidence::get(&ctx.state.db, &framework, item_id).await?;
            let overrides =
                evidence::overrides(&ctx.state.db, portfolio_id, &format!("evidence:{item_id}:"))
                    .await?;
            Ok(EvidenceItemPage {
                portfolio,
                item,
                overrides,
            })
        }
        .await,
    )
}

/// The upload page: the portfolio, and the problems of a plain-form upload
/// that was just refused (taken from the session, so shown once).
#[server(input = GetUrl)]
pub async fn get_upload_form(
    portfolio_id: i32,
) -> Result<(PortfolioView, Option<UploadProblem>), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::api::portfolios::ssr::writable;
    use crate::services::ServiceError;
    use tower_sessions::Session;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = writable(&ctx, portfolio_id).await?;
            let portfolio = ssr::portfolio_view(&ctx, portfolio_id, &located).await?;
            let session = leptos_axum::extract::<Session>()
                .await
                .map_err(|e| ServiceError::Internal(format!("no session layer: {e}")))?;
            let problem = session
                .remove::<UploadProblem>(crate::model::UPLOAD_PROBLEM_KEY)
                .await
                .ok()
                .flatten();
            Ok((portfolio, problem))
        }
        .await,
    )
}

/// Saves an item's title, kind, description, link and criteria.
#[server]
pub async fn save_evidence(
    csrf_token: String,
    item_id: i32,
    title: String,
    kind: String,
    description: Option<String>,
    link: Option<String>,
    criteria: Option<Vec<String>>,
    override_identifiers: Option<String>,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::evidence::{self, EvidenceEdit, Saved};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let (portfolio_id, located) = ssr::item_writable(&ctx, item_id).await?;
            let framework = ssr::framework(&ctx, &located.framework_id)?;
            let input = EvidenceEdit {
                title,
                kind,
                description: description.unwrap_or_default(),
                link: link.unwrap_or_default(),
                criteria: criteria.unwrap_or_default(),
                override_identifiers: override_identifiers.is_some_and(|v| !v.is_empty()),
            };
            let user_id = ctx.user()?.user_id;
            match evidence::update(
                &ctx.state.db,
                &framework,
                item_id,
                user_id,
                input,
                chrono::Utc::now(),
            )
            .await?
            {
                Saved::Item(_) => {
                    leptos_axum::redirect(&format!(
                        "/portfolios/{portfolio_id}/evidence/{item_id}?saved=1"
                    ));
                    Ok(())
                }
                Saved::NeedsDecision(findings) => Err(ssr::findings_as_problems(&findings)),
            }
        }
        .await,
    )
}

/// Links an existing item to a criterion (from the criterion's page).
#[server]
pub async fn attach_evidence(
    csrf_token: String,
    item_id: i32,
    criterion_id: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::{ServiceError, evidence};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let (portfolio_id, located) = ssr::item_writable(&ctx, item_id).await?;
            let framework = ssr::framework(&ctx, &located.framework_id)?;
            if framework.criterion(&criterion_id).is_none() {
                return Err(ServiceError::invalid(
                    "item_id",
                    "Choose a criterion from the list",
                ));
            }
            let user_id = ctx.user()?.user_id;
            evidence::link(
                &ctx.state.db,
                item_id,
                &criterion_id,
                user_id,
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!(
                "/portfolios/{portfolio_id}/criteria/{criterion_id}?attached={item_id}#evidence"
            ));
            Ok(())
        }
        .await,
    )
}

/// Unlinks an item from a criterion (the item itself stays in the library).
#[server]
pub async fn detach_evidence(
    csrf_token: String,
    item_id: i32,
    criterion_id: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::evidence;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let (portfolio_id, _) = ssr::item_writable(&ctx, item_id).await?;
            evidence::unlink(&ctx.state.db, item_id, &criterion_id).await?;
            leptos_axum::redirect(&format!(
                "/portfolios/{portfolio_id}/criteria/{criterion_id}?detached=1#evidence"
            ));
            Ok(())
        }
        .await,
    )
}

/// Deletes an item and unlinks it everywhere. The page asks first; this
/// needs `confirm` to be set.
#[server]
pub async fn delete_evidence(
    csrf_token: String,
    item_id: i32,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::{ServiceError, evidence};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let (portfolio_id, _) = ssr::item_writable(&ctx, item_id).await?;
            if confirm.as_deref() != Some("yes") {
                return Err(ServiceError::invalid(
                    "confirm",
                    "Confirm that you want to delete this evidence",
                ));
            }
            evidence::delete(&ctx.state.db, item_id).await?;
            leptos_axum::redirect(&format!("/portfolios/{portfolio_id}/evidence?deleted=1"));
            Ok(())
        }
        .await,
    )
}

/// Records that a writer kept text the identifier check warned about, in a
/// criterion's field (the warning is shown while they type).
#[server]
pub async fn keep_identifier(
    csrf_token: String,
    portfolio_id: i32,
    criterion_id: String,
    field: String,
    found_text: String,
    kind: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::api::portfolios::ssr::writable;
    use crate::model::PlacedFinding;
    use crate::protection::identifiers::{Finding, IdentifierKind};
    use crate::rubric::FieldKind;
    use crate::services::{ServiceError, evidence};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = writable(&ctx, portfolio_id).await?;
            let framework = ssr::framework(&ctx, &located.framework_id)?;
            let kind: IdentifierKind = serde_json::from_value(serde_json::Value::String(kind))
                .map_err(|_| ServiceError::invalid("kind", "Unknown kind of identifier"))?;
            if framework.criterion(&criterion_id).is_none() || FieldKind::parse(&field).is_none() {
                return Err(ServiceError::NotFound);
            }
            let finding = PlacedFinding {
                field,
                finding: Finding {
                    kind,
                    start: 0,
                    end: found_text.len(),
                    text: found_text,
                },
            };
            let user_id = ctx.user()?.user_id;
            evidence::record_overrides(
                &ctx.state.db,
                portfolio_id,
                &format!("criterion:{criterion_id}"),
                &[finding],
                user_id,
                chrono::Utc::now(),
            )
            .await?;
            Ok(())
        }
        .await,
    )
}
