//! Reading the frameworks. Any signed-in person may read them.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::rubric::{Framework, FrameworkSummary};

#[server(input = GetUrl)]
pub async fn list_frameworks() -> Result<Vec<FrameworkSummary>, AppError> {
    use super::ssr::{Ctx, reply};
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            Ok(ctx.state.frameworks.summaries())
        }
        .await,
    )
}

#[server(input = GetUrl)]
pub async fn get_framework(id: String) -> Result<Framework, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::ServiceError;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.state
                .frameworks
                .get(&id)
                .map(|f| (*f).clone())
                .ok_or(ServiceError::NotFound)
        }
        .await,
    )
}
