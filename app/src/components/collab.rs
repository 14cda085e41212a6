//! Editing bound to the shared document: textareas and choices that merge
//! with everyone else's typing, the save status, and who else is here.

use leptos::html;
use leptos::prelude::*;

use crate::collab::handle::{SaveStatus, use_collab};
use crate::collab::text_diff::map_caret;
use crate::rubric::FieldKind;

/// "All changes saved" / "Saving…" / "Offline – changes kept on this device",
/// and who else has the portfolio open. Without JavaScript there is no live
/// saving to report (the page's form has its own Save button), so it shows
/// only once the page is hydrated.
#[component]
pub fn SaveStatusBar() -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <div class="status-bar-slot">
            <Show when=move || hydrated.get()>
                <StatusBar />
            </Show>
        </div>
    }
}

#[component]
fn StatusBar() -> impl IntoView {
    let collab = use_collab();
    let others = move || {
        let mut names: Vec<String> = collab
            .others
            .get()
            .into_iter()
            .map(|p| p.user.name)
            .collect();
        names.sort();
        names.dedup();
        names
    };
    let dot = move || {
        let state = match collab.status.get() {
            SaveStatus::Saved => "saved",
            SaveStatus::Saving | SaveStatus::Connecting => "saving",
            SaveStatus::Offline => "offline",
        };
        format!("status-dot status-dot--{state}")
    };
    let names = move || {
        let names = others();
        if names.is_empty() {
            String::new()
        } else {
            format!("Also here: {}", names.join(", "))
        }
    };
    view! {
        <div class="status-bar">
            <p class="status-bar__save" role="status" aria-live="polite">
                <span class=dot />
                {move || collab.status.get().label()}
            </p>
            <p class="status-bar__others">{names}</p>
            {move || collab.notice.get().map(|n| view! { <p class="status-bar__notice">{n}</p> })}
        </div>
    }
}

/// The names of the others on a criterion, as a sentence.
#[component]
pub fn PresenceOn(#[prop(into)] criterion: String) -> impl IntoView {
    let collab = use_collab();
    move || {
        let names = collab.others_on(&criterion);
        (!names.is_empty()).then(|| {
            view! {
                <span class="presence">
                    {format!(
                        "{} {} here",
                        names.join(", "),
                        if names.len() == 1 { "is" } else { "are" },
                    )}
                </span>
            }
        })
    }
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// A textarea bound to one text field of the document. Without JavaScript it
/// is a plain form field; hydrated, every keystroke goes into the document as
/// a minimal edit and colleagues' edits arrive without moving the caret.
#[component]
pub fn CollabTextarea(
    criterion: String,
    field: FieldKind,
    label: String,
    guidance: Vec<String>,
    max_chars: u32,
    initial: String,
    editable: bool,
    portfolio_id: i32,
    /// Identifier warnings already knowingly kept in this field.
    kept: Vec<String>,
    /// Who changed it since the reader last looked, if anyone.
    #[prop(default = None)]
    changed_by: Option<String>,
) -> impl IntoView {
    let collab = use_collab();
    let node = NodeRef::<html::Textarea>::new();
    let hydrated = RwSignal::new(false);
    let length = RwSignal::new(utf16_len(&initial));
    let current = RwSignal::new(initial.clone());
    let kept = RwSignal::new(kept);
    let max = max_chars as usize;
    let id = field.as_str();
    let hint_id = format!("{id}-hint");
    let count_id = format!("{id}-count");

    Effect::new(move |_| hydrated.set(true));

    {
        let criterion = criterion.clone();
        Effect::new(move |_| {
            let Some(content) = collab.criterion(&criterion) else {
                return;
            };
            let text = content.text(field).to_string();
            let Some(element) = node.get() else { return };
            let old = element.value();
            // Text over the limit has not gone into the document; keep it on screen.
            if old == text || utf16_len(&old) > max {
                return;
            }
            let focused = element
                .owner_document()
                .and_then(|d| d.active_element())
                .is_some_and(|active| active == **element);
            let start = element.selection_start().ok().flatten().unwrap_or(0);
            let end = element.selection_end().ok().flatten().unwrap_or(0);
            element.set_value(&text);
            if focused {
                let _ = element.set_selection_range(
                    map_caret(&old, &text, start),
                    map_caret(&old, &text, end),
                );
            }
            length.set(utf16_len(&text));
            current.set(text);
        });
    }

    let on_input = {
        let criterion = criterion.clone();
        move |_| {
            let Some(element) = node.get() else { return };
            let value = element.value();
            let n = utf16_len(&value);
            length.set(n);
            if n <= max {
                collab.set_text(&criterion, field, &value);
            }
            current.set(value);
        }
    };
    let on_focus = {
        let criterion = criterion.clone();
        move |_| collab.set_presence(Some(criterion.clone()))
    };
    let message = move || {
        let n = length.get();
        if n > max {
            format!(
                "You have {} characters too many. The extra text is not saved.",
                n - max
            )
        } else {
            format!("You have {} characters remaining", max - n)
        }
    };
    let too_long = move || length.get() > max;
    let described = format!("{hint_id} {count_id}");
    let changed = changed_by.is_some();
    view! {
        <div
            class="form-group"
            class:form-group--error=too_long
            class:form-group--changed=changed
        >
            <label class="label label--m" for=id>
                {label}
            </label>
            {changed_by
                .map(|who| {
                    view! {
                        <p class="changed-note">
                            <strong class="tag tag--blue">"Changed"</strong>
                            " by "
                            {who}
                            " since you last looked"
                        </p>
                    }
                })}
            <div class="hint" id=hint_id>
                <ul class="hint__list">
                    {guidance.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}
                </ul>
            </div>
            <textarea
                class="textarea"
                class:textarea--error=too_long
                id=id
                name=id
                rows="8"
                node_ref=node
                readonly=move || !editable || (hydrated.get() && !collab.ready.get())
                aria-describedby=described
                on:input=on_input
                on:focus=on_focus
            >
                {initial.clone()}
            </textarea>
            <p
                class="character-count"
                class:error-message=too_long
                id=count_id
                aria-live="polite"
            >
                {message}
            </p>
            <input type="hidden" name=format!("base_{id}") value=initial />
            <NarrativeIdentifiers
                text=current.into()
                kept
                portfolio_id
                criterion=criterion.clone()
                field
                editable
            />
        </div>
    }
}

/// Identifier warnings under a narrative field, each with a button to keep
/// the text knowingly (recorded on the server). The buttons need JavaScript;
/// without it the warning still shows, from the text as saved.
#[component]
fn NarrativeIdentifiers(
    text: Signal<String>,
    kept: RwSignal<Vec<String>>,
    portfolio_id: i32,
    criterion: String,
    field: FieldKind,
    editable: bool,
) -> impl IntoView {
    use crate::api::evidence::KeepIdentifier;
    use crate::components::csrf::csrf_token;
    use crate::components::evidence::findings_in;
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let keep = ServerAction::<KeepIdentifier>::new();
    let findings = Memo::new(move |_| kept.with(|k| findings_in(field.as_str(), &text.get(), k)));
    let id = format!("{}-identifiers", field.as_str());
    move || {
        let found = findings.get();
        (!found.is_empty()).then(|| {
            let criterion = criterion.clone();
            view! {
                <div class="identifier-warning" role="status" id=id.clone()>
                    <p class="identifier-warning__title">
                        <strong>"This may identify a child."</strong>
                        " Remove it, unless you are sure it does not:"
                    </p>
                    <ul class="identifier-warning__list">
                        {found
                            .into_iter()
                            .map(|f| {
                                let criterion = criterion.clone();
                                let text = f.finding.text.clone();
                                let kind = serde_json::to_value(f.finding.kind)
                                    .ok()
                                    .and_then(|v| v.as_str().map(str::to_string))
                                    .unwrap_or_default();
                                let on_keep = move |_| {
                                    keep.dispatch(KeepIdentifier {
                                        csrf_token: csrf_token(),
                                        portfolio_id,
                                        criterion_id: criterion.clone(),
                                        field: field.as_str().to_string(),
                                        found_text: text.clone(),
                                        kind: kind.clone(),
                                    });
                                    let text = text.clone();
                                    kept.update(|k| k.push(text));
                                };
                                view! {
                                    <li>
                                        {f.describe()}
                                        {(editable && hydrated.get())
                                            .then(|| {
                                                view! {
                                                    " "
                                                    <button type="button" class="button-link" on:click=on_keep>
                                                        "It does not identify anyone: keep it"
                                                    </button>
                                                }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// A `<select>` bound to one of a criterion's choices.
#[component]
pub fn CollabSelect(
    criterion: String,
    key: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    initial: Option<String>,
    editable: bool,
    /// Why some options are not this person's to choose (shown as a hint).
    #[prop(optional)]
    hint: Option<&'static str>,
    /// Options shown but not offered to this person.
    #[prop(optional)]
    unavailable: Vec<String>,
) -> impl IntoView {
    let collab = use_collab();
    let node = NodeRef::<html::Select>::new();
    let id = format!("choice-{key}");
    let hint_id = format!("{id}-hint");
    let current = {
        let criterion = criterion.clone();
        let initial = initial.clone();
        Memo::new(move |_| match collab.criterion(&criterion) {
            Some(content) => match key {
                crate::collab::schema::STANDARD => content.standard,
                crate::collab::schema::STATUS => Some(content.status.as_str().to_string()),
                _ => content.owner.map(|o| o.to_string()),
            },
            None => initial.clone(),
        })
    };
    Effect::new(move |_| {
        let value = current.get().unwrap_or_default();
        if let Some(element) = node.get()
            && element.value() != value
        {
            element.set_value(&value);
        }
    });
    let on_change = {
        let criterion = criterion.clone();
        move |_| {
            if let Some(element) = node.get() {
                let value = element.value();
                collab.set_choice(
                    &criterion,
                    key,
                    (!value.is_empty()).then_some(value.as_str()),
                );
            }
        }
    };
    view! {
        <div class="form-group">
            <label class="label" for=id.clone()>
                {label}
            </label>
            {hint
                .map(|h| {
                    view! {
                        <div class="hint" id=hint_id.clone()>
                            {h}
                        </div>
                    }
                })}
            <select
                class="select"
                id=id
                name=key
                node_ref=node
                disabled=!editable
                aria-describedby=hint.map(|_| hint_id.clone())
                on:change=on_change
            >
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let selected = initial.as_deref().unwrap_or("") == value;
                        let disabled = unavailable.contains(&value);
                        view! {
                            <option value=value selected=selected disabled=disabled>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
