//! Adding evidence: a file (streamed, with a progress bar when JavaScript
//! runs, drag and drop or the plain file input) or a link. Without
//! JavaScript it is a plain multipart form post; a refused upload comes back
//! here with its problems and everything typed (but the file) kept.

use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::evidence::get_upload_form;
use crate::components::csrf::csrf_token;
use crate::components::evidence::{CriteriaChoice, IdentifierWarning, KindOptions, findings_in};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::evidence::rules::{ALLOWED_TYPES_TEXT, MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS};
use crate::model::{PortfolioView, UploadProblem};
use crate::pages::data::page_data;
use crate::pages::portfolio::PortfolioCaption;
use crate::pages::{id_param, query};

const ACCEPT: &str = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.jpg,.jpeg,.png,.txt,application/pdf,image/jpeg,image/png,text/plain";

#[component]
pub fn UploadPage() -> impl IntoView {
    let portfolio_id = id_param("portfolio_id");
    let data = page_data(
        move || portfolio_id.get(),
        |id| async move {
            match id {
                Some(id) => get_upload_form(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((portfolio, problem)) => {
                        view! { <UploadForm portfolio problem /> }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The message for a field in the last refusal, if any.
fn field_message(
    problem: RwSignal<Option<UploadProblem>>,
    name: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        problem.with(|p| {
            p.as_ref().and_then(|p| {
                p.errors
                    .iter()
                    .find(|e| e.field == name)
                    .map(|e| e.message.clone())
            })
        })
    })
}

#[component]
fn InlineError(#[prop(into)] message: Signal<Option<String>>, id: &'static str) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! {
                <p class="error-message" id=id>
                    <span class="visually-hidden">"Error: "</span>
                    {m}
                </p>
            }
        })
    }
}

#[component]
fn UploadForm(portfolio: PortfolioView, problem: Option<UploadProblem>) -> impl IntoView {
    let id = portfolio.id;
    let for_criterion = query("criterion")
        .get_untracked()
        .filter(|c| portfolio.framework.criterion(c).is_some());
    let form_values = problem.as_ref().map(|p| p.form.clone()).unwrap_or_default();
    let selected = if problem.is_some() {
        form_values.criteria.clone()
    } else {
        for_criterion.iter().cloned().collect()
    };
    let came_back = StoredValue::new(problem.is_some());
    // A problem shown by the script (not a page load) keeps the chosen file.
    let problem_shown_first = StoredValue::new(true);
    let problem = RwSignal::new(problem);
    let title = RwSignal::new(form_values.title.clone());
    let description = RwSignal::new(form_values.description.clone());
    let live_findings = Signal::derive(move || {
        let mut found = findings_in("title", &title.get(), &[]);
        found.extend(findings_in("description", &description.get(), &[]));
        found
    });
    let server_findings = Signal::derive(move || {
        problem.with(|p| p.as_ref().map(|p| p.findings.clone()).unwrap_or_default())
    });
    let any_findings = move || !live_findings.get().is_empty() || !server_findings.get().is_empty();
    let progress = RwSignal::new(None::<f64>);
    let busy = RwSignal::new(false);
    let chosen = RwSignal::new(None::<String>);
    let dragging = RwSignal::new(false);
    let form_ref = NodeRef::<html::Form>::new();
    let file_ref = NodeRef::<html::Input>::new();
    let summary_ref = NodeRef::<html::Div>::new();
    let action = format!("/portfolios/{id}/evidence?csrf_token={}", csrf_token());
    let back = match &for_criterion {
        Some(c) => format!("/portfolios/{id}/criteria/{c}#evidence"),
        None => format!("/portfolios/{id}/evidence"),
    };

    let on_submit = {
        let action = action.clone();
        move |event: leptos::ev::SubmitEvent| {
            #[cfg(feature = "hydrate")]
            {
                event.prevent_default();
                if busy.get_untracked() {
                    return;
                }
                problem_shown_first.set_value(false);
                if let Some(form) = form_ref.get_untracked() {
                    send::upload(&form, &action, progress, problem, busy, summary_ref);
                }
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (event, &action);
        }
    };
    let on_file_change = move |_| {
        let name = file_ref.get_untracked().and_then(|i| file_name(&i));
        chosen.set(name);
    };
    let on_drag_over = move |event: leptos::ev::DragEvent| {
        event.prevent_default();
        dragging.set(true);
    };
    let on_drag_leave = move |_| dragging.set(false);
    let on_drop = move |event: leptos::ev::DragEvent| {
        event.prevent_default();
        dragging.set(false);
        #[cfg(feature = "hydrate")]
        if let (Some(files), Some(input)) = (
            event.data_transfer().and_then(|d| d.files()),
            file_ref.get_untracked(),
        ) && files.length() > 0
        {
            input.set_files(Some(&files));
            chosen.set(file_name(&input));
        }
    };

    let title_error = field_message(problem, "title");
    let kind_error = field_message(problem, "kind");
    let description_error = field_message(problem, "description");
    let link_error = field_message(problem, "link");
    let file_error = field_message(problem, "file");
    let anonymised_error = field_message(problem, "confirm_anonymised");
    let photo_error = field_message(problem, "confirm_photo");
    let criteria_error = field_message(problem, "criteria").get_untracked();

    view! {
        <Title text="Add evidence" />
        <PortfolioCaption portfolio=portfolio.clone() />
        <h1 class="heading-l">"Add evidence"</h1>
        <div node_ref=summary_ref tabindex="-1" id="upload-problem">
            {move || {
                problem
                    .get()
                    .map(|p| {
                        let refile = came_back.get_value() && problem_shown_first.get_value();
                        view! { <ProblemSummary problem=p refile /> }
                    })
            }}
        </div>
        <form
            node_ref=form_ref
            method="post"
            enctype="multipart/form-data"
            action=action
            class="upload-form"
            on:submit=on_submit
        >
            <input type="hidden" name="csrf_token" value=csrf_token() />
            {for_criterion.clone().map(|c| view! { <input type="hidden" name="return_to" value=c /> })}
            <div class="form-group" class:form-group--error=move || title_error.get().is_some()>
                <label class="label" for="title">"Title"</label>
                <div class="hint" id="title-hint">
                    "For example: “Attendance policy 2026” or “Case study: settling into Year 7”. Never a child's name."
                </div>
                <InlineError message=title_error id="title-error" />
                <input
                    class="input"
                    id="title"
                    name="title"
                    type="text"
                    maxlength=MAX_TITLE_CHARS
                    aria-describedby="title-hint"
                    prop:value=move || title.get()
                    value=form_values.title.clone()
                    on:input=move |e| title.set(event_target_value(&e))
                />
            </div>
            <div class="form-group" class:form-group--error=move || kind_error.get().is_some()>
                <label class="label" for="kind">"Kind of evidence"</label>
                <InlineError message=kind_error id="kind-error" />
                <select class="select" id="kind" name="kind">
                    <KindOptions selected=form_values.kind.clone() />
                </select>
            </div>
            <div class="form-group" class:form-group--error=move || description_error.get().is_some()>
                <label class="label" for="description">"Description (optional)"</label>
                <div class="hint" id="description-hint">
                    "What it shows and why it matters. Do not name children or give dates of birth, addresses or other details that could identify them."
                </div>
                <InlineError message=description_error id="description-error" />
                <textarea
                    class="textarea"
                    id="description"
                    name="description"
                    rows="4"
                    maxlength=MAX_DESCRIPTION_CHARS
                    aria-describedby="description-hint description-identifiers"
                    on:input=move |e| description.set(event_target_value(&e))
                >
                    {form_values.description.clone()}
                </textarea>
            </div>
            <IdentifierWarning findings=live_findings id="description-identifiers" />

            <fieldset class="fieldset">
                <legend class="fieldset__legend">"The evidence: a file or a link"</legend>
                <div
                    class="form-group drop-zone"
                    class:drop-zone--active=move || dragging.get()
                    class:form-group--error=move || file_error.get().is_some()
                    on:dragover=on_drag_over
                    on:dragleave=on_drag_leave
                    on:drop=on_drop
                >
                    <label class="label" for="file">"Upload a file"</label>
                    <div class="hint" id="file-hint">
                        {ALLOWED_TYPES_TEXT} ", up to 20 MB. You can also drag a file onto this box. "
                        "Photos have their location and other hidden details removed."
                    </div>
                    <InlineError message=file_error id="file-error" />
                    <input
                        node_ref=file_ref
                        class="file-upload"
                        id="file"
                        name="file"
                        type="file"
                        accept=ACCEPT
                        aria-describedby="file-hint"
                        on:change=on_file_change
                    />
                    {move || chosen.get().map(|n| view! { <p class="body drop-zone__chosen">"Chosen: " {n}</p> })}
                </div>
                <p class="body">"or"</p>
                <div class="form-group" class:form-group--error=move || link_error.get().is_some()>
                    <label class="label" for="link">"A link to a web page"</label>
                    <div class="hint" id="link-hint">"Starting with https:// — for example a policy on the school's website."</div>
                    <InlineError message=link_error id="link-error" />
                    <input
                        class="input"
                        id="link"
                        name="link"
                        type="url"
                        inputmode="url"
                        spellcheck="false"
                        aria-describedby="link-hint"
                        value=form_values.link.clone()
                    />
                </div>
            </fieldset>

            <CriteriaChoice framework=portfolio.framework.clone() selected error=criteria_error />

            <fieldset class="fieldset">
                <legend class="fieldset__legend">"Protecting children's privacy"</legend>
                <div class="checkboxes" id="confirmations">
                    <div class="form-group" class:form-group--error=move || anonymised_error.get().is_some()>
                        <InlineError message=anonymised_error id="confirm_anonymised-error" />
                        <div class="checkboxes__item">
                            <input class="checkboxes__input" type="checkbox" id="confirm_anonymised" name="confirm_anonymised" value="yes" />
                            <label class="checkboxes__label" for="confirm_anonymised">
                                "I confirm this evidence is anonymised: it names no child and holds nothing that could identify one."
                            </label>
                        </div>
                    </div>
                    <div class="form-group" class:form-group--error=move || photo_error.get().is_some()>
                        <InlineError message=photo_error id="confirm_photo-error" />
                        <div class="checkboxes__item">
                            <input class="checkboxes__input" type="checkbox" id="confirm_photo" name="confirm_photo" value="yes" />
                            <label class="checkboxes__label" for="confirm_photo">
                                "For a photo: permission is held, and no child's face is shown."
                            </label>
                        </div>
                    </div>
                    <Show when=any_findings>
                        <div class="checkboxes__item">
                            <input class="checkboxes__input" type="checkbox" id="override_identifiers" name="override_identifiers" value="yes" />
                            <label class="checkboxes__label" for="override_identifiers">
                                "I have checked the warning above: it does not identify anyone. Save it anyway (this is recorded)."
                            </label>
                        </div>
                    </Show>
                </div>
            </fieldset>

            {move || {
                progress
                    .get()
                    .map(|p| {
                        let pc = (p * 100.0).round() as u32;
                        view! {
                            <div class="upload-progress" role="status">
                                <label class="label" for="upload-progress">
                                    {if pc >= 100 { "Uploaded, saving…".to_string() } else { format!("Uploading… {pc}%") }}
                                </label>
                                <progress id="upload-progress" max="100" value=pc>{pc} "%"</progress>
                            </div>
                        }
                    })
            }}
            <div class="button-group">
                <button type="submit" class="button" disabled=move || busy.get()>
                    "Save evidence"
                </button>
                <a class="link" href=back>"Cancel"</a>
            </div>
        </form>
    }
}

#[component]
fn ProblemSummary(problem: UploadProblem, refile: bool) -> impl IntoView {
    view! {
        <div class="error-summary" role="alert">
            <h2 class="error-summary__title">"There is a problem"</h2>
            <p class="body">{problem.message.clone()}</p>
            <ul class="error-summary__list">
                {problem
                    .errors
                    .iter()
                    .map(|e| {
                        view! {
                            <li>
                                <a href=format!("#{}", e.field)>{e.message.clone()}</a>
                            </li>
                        }
                    })
                    .collect_view()}
                {problem.findings.iter().map(|f| view! { <li>{f.describe()}</li> }).collect_view()}
            </ul>
            {(!problem.findings.is_empty())
                .then(|| {
                    view! {
                        <p class="body">
                            "Remove it, or tick “I have checked the warning above” and save again."
                        </p>
                    }
                })}
            {refile
                .then(|| {
                    view! {
                        <p class="body">
                            "If you chose a file, choose it again before saving: a file that was not saved is not kept."
                        </p>
                    }
                })}
        </div>
    }
}

fn file_name(input: &leptos::web_sys::HtmlInputElement) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        input.files().and_then(|f| f.get(0)).map(|f| f.name())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = input;
        None
    }
}

#[cfg(feature = "hydrate")]
mod send {
    use leptos::html;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    use crate::components::csrf::csrf_token;
    use crate::error::AppError;
    use crate::model::UploadProblem;

    fn problem_from(status: u16, body: &str) -> UploadProblem {
        serde_json::from_str::<UploadProblem>(body)
            .ok()
            .or_else(|| {
                serde_json::from_str::<AppError>(body)
                    .ok()
                    .map(|e| UploadProblem {
                        message: e.to_string(),
                        ..Default::default()
                    })
            })
            .unwrap_or_else(|| UploadProblem {
                message: format!(
                    "The upload failed (error {status}). Nothing was saved. Try again."
                ),
                ..Default::default()
            })
    }

    /// Sends the form with XMLHttpRequest, whose upload reports progress.
    pub fn upload(
        form: &web_sys::HtmlFormElement,
        url: &str,
        progress: RwSignal<Option<f64>>,
        problem: RwSignal<Option<UploadProblem>>,
        busy: RwSignal<bool>,
        summary: NodeRef<html::Div>,
    ) {
        let (Ok(data), Ok(xhr)) = (
            web_sys::FormData::new_with_form(form),
            web_sys::XmlHttpRequest::new(),
        ) else {
            return;
        };
        if xhr.open("POST", url).is_err() {
            return;
        }
        let _ = xhr.set_request_header("Accept", "application/json");
        let _ = xhr.set_request_header("x-csrf-token", &csrf_token());
        let show = move |p: UploadProblem| {
            busy.set(false);
            progress.set(None);
            problem.set(Some(p));
            if let Some(el) = summary.get_untracked() {
                let _ = el.focus();
                el.scroll_into_view();
            }
        };
        if let Ok(upload) = xhr.upload() {
            let on_progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(
                move |e: web_sys::ProgressEvent| {
                    if e.length_computable() && e.total() > 0.0 {
                        progress.set(Some(e.loaded() / e.total()));
                    }
                },
            );
            upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
            on_progress.forget();
        }
        let done = xhr.clone();
        let on_load = Closure::<dyn FnMut()>::new(move || {
            let status = done.status().unwrap_or(0);
            let body = done.response_text().ok().flatten().unwrap_or_default();
            if status == 201 {
                progress.set(Some(1.0));
                let location = serde_json::from_str::<serde_json::Value>(&body)
                    .ok()
                    .and_then(|v| {
                        v.get("location")
                            .and_then(|l| l.as_str())
                            .map(str::to_string)
                    });
                if let (Some(location), Some(window)) = (location, web_sys::window()) {
                    let _ = window.location().assign(&location);
                }
            } else {
                show(problem_from(status, &body));
            }
        });
        xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
        on_load.forget();
        let on_error = Closure::<dyn FnMut()>::new(move || {
            show(UploadProblem {
                message: AppError::Transport.to_string(),
                ..Default::default()
            });
        });
        xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        busy.set(true);
        progress.set(Some(0.0));
        problem.set(None);
        if xhr.send_with_opt_form_data(Some(&data)).is_err() {
            show(UploadProblem {
                message: AppError::Transport.to_string(),
                ..Default::default()
            });
        }
    }
}
