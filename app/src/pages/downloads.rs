//! The school coordinator's log of who downloaded which evidence file or
//! submission pack, and when.

use leptos::prelude::*;

use crate::components::layout::TableScroll;
use leptos_meta::Title;

use super::id_param;
use crate::api::schools::get_download_log;
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::DownloadLog;
use crate::pages::data::page_data;

#[component]
pub fn DownloadsPage() -> impl IntoView {
    let school_id = id_param("school_id");
    let data = page_data(
        move || school_id.get(),
        |id| async move {
            match id {
                Some(id) => get_download_log(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(log) => view! { <Log log /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Log(log: DownloadLog) -> impl IntoView {
    view! {
        <Title text="Downloads" />
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li>
                    <a href=format!("/schools/{}", log.school.id)>{log.school.name.clone()}</a>
                </li>
            </ol>
        </nav>
        <h1 class="heading-l">"Who downloaded what"</h1>
        <p class="body">
            "Every download of an evidence file or the submission pack, by anyone: the school's staff and the award team. The latest 500 are shown."
        </p>
        {if log.entries.is_empty() {
            view! { <p class="body">"Nothing has been downloaded yet."</p> }.into_any()
        } else {
            view! {
                <TableScroll label="Downloads">
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">"When"</th>
                                <th scope="col">"Who"</th>
                                <th scope="col">"What"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {log
                                .entries
                                .into_iter()
                                .map(|e| {
                                    view! {
                                        <tr>
                                            <td>{e.when}</td>
                                            <td>{e.who}</td>
                                            <td>{e.kind} ": " {e.what}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </TableScroll>
            }
                .into_any()
        }}
    }
}
