//! A school's home, and the coordinator's log of downloads.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::{DownloadLog, SchoolHome};

#[server(input = GetUrl)]
pub async fn get_school_home(school_id: i32) -> Result<SchoolHome, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::security::policy::capabilities;
    use crate::services::{portfolios, schools};
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let target = ctx.school(school_id, Action::View).await?;
            let school = schools::info(&ctx.state.db, school_id).await?;
            let portfolios = portfolios::cards(
                &ctx.state.db,
                &ctx.state.frameworks,
                target,
                ctx.principal.as_ref(),
                crate::calendar::today(),
            )
            .await?;
            Ok(SchoolHome {
                school,
                can: capabilities(ctx.principal.as_ref(), target),
                portfolios,
            })
        }
        .await,
    )
}

/// Who downloaded which evidence file or pack, for the school's coordinator.
#[server(input = GetUrl)]
pub async fn get_download_log(school_id: i32) -> Result<DownloadLog, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::{downloads, schools};
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.school(school_id, Action::ReadDownloads).await?;
            Ok(DownloadLog {
                school: schools::info(&ctx.state.db, school_id).await?,
                entries: downloads::log(&ctx.state.db, school_id).await?,
            })
        }
        .await,
    )
}
