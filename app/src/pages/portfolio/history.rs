use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::portfolios::criterion_history;
use crate::calendar::{clock, short_date};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::pages::{id_param, text_param};

use crate::glossary::changed_field_label as field_label;
use crate::pages::data::page_data;

#[component]
pub fn HistoryPage() -> impl IntoView {
    let portfolio_id = id_param("portfolio_id");
    let criterion_id = text_param("criterion_id");
    let data = page_data(
        move || (portfolio_id.get(), criterion_id.get()),
        |(id, criterion)| async move {
            match id {
                Some(id) => criterion_history(id, criterion).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=move || format!("History of {}", criterion_id.get()) />
        <p class="body">
            <a href=move || {
                format!(
                    "/portfolios/{}/criteria/{}",
                    portfolio_id.get().unwrap_or_default(),
                    criterion_id.get(),
                )
            }>"Back to the criterion"</a>
        </p>
        <h1 class="heading-l">"Changes to " {move || criterion_id.get()}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(entries) if entries.is_empty() => {
                        view! { <p class="body">"Nobody has changed this criterion here yet."</p> }
                            .into_any()
                    }
                    Ok(entries) => {
                        view! {
                            <table class="table">
                                <caption class="table__caption visually-hidden">"Changes"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"When (UTC)"</th>
                                        <th scope="col">"Who"</th>
                                        <th scope="col">"What"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {entries
                                        .into_iter()
                                        .map(|e| {
                                            let when = if e.first_at.date_naive()
                                                == e.last_at.date_naive()
                                                && clock(&e.first_at) != clock(&e.last_at)
                                            {
                                                format!(
                                                    "{} {}–{}",
                                                    short_date(&e.first_at),
                                                    clock(&e.first_at),
                                                    clock(&e.last_at),
                                                )
                                            } else {
                                                format!("{} {}", short_date(&e.last_at), clock(&e.last_at))
                                            };
                                            view! {
                                                <tr>
                                                    <td>{when}</td>
                                                    <td>{e.who}</td>
                                                    <td>{field_label(&e.field)}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
