//! A school's surveys, and starting one from a template.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::surveys::{StartSurvey, get_surveys};
use crate::components::csrf::CsrfField;
use crate::components::forms::{ErrorSummary, action_error};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::SurveysPage as Data;
use crate::pages::data::page_data;
use crate::pages::id_param;

#[component]
pub fn SurveysPage() -> impl IntoView {
    let school_id = id_param("school_id");
    let data = page_data(
        move || school_id.get(),
        |id| async move {
            match id {
                Some(id) => get_surveys(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <Surveys page /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Surveys(page: Data) -> impl IntoView {
    let start = ServerAction::<StartSurvey>::new();
    let error = action_error(start);
    let school_id = page.school.id;
    view! {
        <Title text="Surveys" />
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li>
                    <a href=format!("/schools/{school_id}")>{page.school.name.clone()}</a>
                </li>
            </ol>
        </nav>
        <h1 class="heading-l">"Surveys"</h1>
        <p class="body">
            "Hear from carers, pupils and staff. Share a survey by link or QR code; "
            "people answer on their phone without an account. Results show once at least 5 people have answered."
        </p>
        {if page.surveys.is_empty() {
            view! { <p class="body">"No surveys yet."</p> }.into_any()
        } else {
            view! {
                <table class="table">
                    <caption class="visually-hidden">"Surveys"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Survey"</th>
                            <th scope="col">"For"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Answers"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {page
                            .surveys
                            .iter()
                            .map(|s| {
                                view! {
                                    <tr>
                                        <td>
                                            <a href=format!("/surveys/{}", s.id)>{s.title.clone()}</a>
                                        </td>
                                        <td>{s.audience.label()}</td>
                                        <td>{s.status.label()}</td>
                                        <td>{s.responses}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
                .into_any()
        }}
        {page
            .can_edit
            .then(|| {
                view! {
                    <h2 class="heading-m">"Start a survey"</h2>
                    <ErrorSummary error />
                    <form method="post" action=StartSurvey::url()>
                        <CsrfField />
                        <input type="hidden" name="school_id" value=school_id />
                        <div class="form-group">
                            <label class="label" for="template">
                                "Start from"
                            </label>
                            <select class="select" id="template" name="template">
                                {page
                                    .templates
                                    .iter()
                                    .map(|(name, title, audience)| {
                                        view! {
                                            <option value=name
                                                .clone()>
                                                {format!("{title} ({})", audience.label())}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                        <button type="submit" class="button">
                            "Start the survey"
                        </button>
                    </form>
                }
            })}
    }
}
