//! The review side of a criterion's page, for staff: what changed since
//! they last looked, and the comments — open ones first — with replies,
//! mentions and resolving. Plain forms; adding a comment keeps its text on
//! the page when the identifier check has something to say.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::review::{AddComment, ResolveComment};
use crate::components::csrf::CsrfField;
use crate::components::forms::{ErrorSummary, action_error};
use crate::glossary;
use crate::model::{CommentThread, CommentView, CriterionPageData, ReviewData, StaffMember};
use crate::pages::query;
use crate::rubric::Framework;

/// "Since you last looked": which parts others changed, and who.
#[component]
pub fn ChangedSince(review: ReviewData) -> impl IntoView {
    (!review.changed_since.is_empty()).then(|| {
        let looked = review.last_looked.clone().unwrap_or_default();
        view! {
            <div class="notice notice--attention" role="region" aria-labelledby="changed-title">
                <h2 class="heading-s" id="changed-title">
                    "Changed since you last looked"
                </h2>
                <p class="body">"You last looked on " {looked} "."</p>
                <ul class="list">
                    {review
                        .changed_since
                        .iter()
                        .map(|(field, who)| {
                            view! {
                                <li>
                                    {format!(
                                        "{} — changed by {who}",
                                        glossary::changed_field_label(field),
                                    )}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// Who changed it last, for the line under the heading.
#[component]
pub fn LastChanged(review: ReviewData) -> impl IntoView {
    review.last_change.map(|c| {
        view! {
            <p class="body secondary last-change">
                {format!("Last changed by {}, {}", c.who, c.when)}
            </p>
        }
    })
}

#[component]
pub fn CriterionComments(page: CriterionPageData) -> impl IntoView {
    let Some(review) = page.review.clone() else {
        return ().into_any();
    };
    let pid = page.portfolio.id;
    let cid = page.criterion_id.clone();
    let can_comment = page.portfolio.can.comment && !page.portfolio.locked;
    let framework = page.portfolio.framework.clone();
    let staff = page.portfolio.staff.clone();
    let commented = query("commented");
    let resolved = query("resolved");
    let (open, done): (Vec<CommentThread>, Vec<CommentThread>) = review
        .threads
        .into_iter()
        .partition(|t| t.resolved.is_none());
    let open_count = open.len();
    let done_count = done.len();
    let thread_view = {
        let framework = framework.clone();
        let cid = cid.clone();
        let staff = staff.clone();
        move |t: CommentThread| {
            view! {
                <Thread
                    thread=t
                    portfolio_id=pid
                    criterion_id=cid.clone()
                    framework=framework.clone()
                    staff=staff.clone()
                    can_comment
                />
            }
        }
    };
    view! {
        <section class="comments" id="comments" aria-labelledby="comments-heading">
            <h2 class="heading-m" id="comments-heading">
                "Comments"
            </h2>
            {move || {
                commented
                    .get()
                    .map(|_| {
                        view! {
                            <div class="notice notice--success" role="status">
                                "Your comment has been added."
                            </div>
                        }
                    })
            }}
            {move || {
                resolved
                    .get()
                    .map(|_| {
                        view! {
                            <div class="notice notice--success" role="status">
                                "The comment has been resolved."
                            </div>
                        }
                    })
            }}
            <p class="body">
                {match open_count {
                    0 => "No open comments.".to_string(),
                    1 => "1 open comment.".to_string(),
                    n => format!("{n} open comments."),
                }}
                " Comments are for staff: governors, the award team and the submission pack never show them."
            </p>
            <ol class="comment-list">{open.into_iter().map(thread_view.clone()).collect_view()}</ol>
            {(done_count > 0)
                .then(|| {
                    view! {
                        <details class="details">
                            <summary class="details__summary">
                                {format!("Resolved comments ({done_count})")}
                            </summary>
                            <ol class="comment-list">
                                {done.into_iter().map(thread_view).collect_view()}
                            </ol>
                        </details>
                    }
                })}
            {can_comment
                .then(|| {
                    let fields: Vec<(String, String)> = framework
                        .completion_fields
                        .iter()
                        .map(|f| (f.id.as_str().to_string(), f.label.clone()))
                        .collect();
                    view! {
                        <h3 class="heading-s">"Add a comment"</h3>
                        <CommentForm
                            portfolio_id=pid
                            criterion_id=cid.clone()
                            staff=staff.clone()
                            reply_to=None
                            fields
                        />
                    }
                })}
        </section>
    }
    .into_any()
}

#[component]
fn Thread(
    thread: CommentThread,
    portfolio_id: i32,
    criterion_id: String,
    framework: Framework,
    staff: Vec<StaffMember>,
    can_comment: bool,
) -> impl IntoView {
    let id = thread.first.id;
    let about = thread
        .field
        .and_then(|f| framework.field(f))
        .map(|f| f.label.clone());
    let open = thread.resolved.is_none();
    view! {
        <li class="comment" class:comment--resolved=!open id=format!("comment-{id}")>
            {about.map(|label| view! { <p class="comment__about">{format!("About: {label}")}</p> })}
            <Comment comment=thread.first.clone() />
            {(!thread.replies.is_empty())
                .then(|| {
                    view! {
                        <ol class="comment__replies">
                            {thread
                                .replies
                                .iter()
                                .map(|r| {
                                    view! {
                                        <li class="comment comment--reply">
                                            <Comment comment=r.clone() />
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    }
                })}
            {thread
                .resolved
                .clone()
                .map(|r| {
                    view! {
                        <p class="comment__resolved">
                            <strong class="tag tag--green">"Resolved"</strong>
                            {format!(" by {}, {}", r.by, r.when)}
                        </p>
                    }
                })}
            {(open && can_comment)
                .then(|| {
                    view! {
                        <details class="details comment__reply">
                            <summary class="details__summary">
                                "Reply"
                                <span class="visually-hidden">
                                    " to " {thread.first.author.clone()}
                                </span>
                            </summary>
                            <CommentForm
                                portfolio_id
                                criterion_id=criterion_id.clone()
                                staff=staff.clone()
                                reply_to=Some(id)
                                fields=vec![]
                            />
                        </details>
                        <form method="post" action=ResolveComment::url() class="comment__resolve">
                            <CsrfField />
                            <input type="hidden" name="portfolio_id" value=portfolio_id />
                            <input type="hidden" name="comment_id" value=id />
                            <button type="submit" class="button button--secondary button--small">
                                "Resolve"
                                <span class="visually-hidden">
                                    " the comment by " {thread.first.author.clone()}
                                </span>
                            </button>
                        </form>
                    }
                })}
        </li>
    }
}

#[component]
fn Comment(comment: CommentView) -> impl IntoView {
    view! {
        <p class="comment__meta">
            <strong>{comment.author}</strong>
            " "
            <span class="secondary">{comment.when}</span>
        </p>
        {comment
            .mention
            .map(|name| {
                view! {
                    <p class="comment__mention">
                        <strong class="tag tag--blue">{format!("For {name}")}</strong>
                    </p>
                }
            })}
        <p class="comment__body">{comment.body}</p>
    }
}

/// "Mention a colleague": they find the comment in their work.
#[component]
fn MentionSelect(staff: Vec<StaffMember>, id: String) -> impl IntoView {
    let hint = format!("{id}-hint");
    view! {
        <div class="form-group">
            <label class="label" for=id.clone()>
                "Mention a colleague (optional)"
            </label>
            <div class="hint" id=hint.clone()>
                "They will see it in “"
                {glossary::MY_WORK}
                "” until it is resolved."
            </div>
            <select class="select" id=id name="mention" aria-describedby=hint>
                <option value="">"Nobody"</option>
                {staff
                    .into_iter()
                    .map(|s| view! { <option value=s.id>{s.name}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A new comment (about the criterion or one of its fields) or a reply to
/// one. Each form has its own action, so a warning lands on the form that
/// caused it, with its text still in the box.
#[component]
fn CommentForm(
    portfolio_id: i32,
    criterion_id: String,
    staff: Vec<StaffMember>,
    /// The thread this answers; none for a new comment.
    reply_to: Option<i32>,
    /// The parts a new comment may be about: (value, label).
    fields: Vec<(String, String)>,
) -> impl IntoView {
    let action = ServerAction::<AddComment>::new();
    let raw_error = action_error(action);
    // Without scripts an error comes back in the address, for every form of
    // the page: it belongs to the new comment's form, not to each reply's.
    let error = Signal::derive(move || {
        raw_error
            .get()
            .filter(|_| reply_to.is_none() || action.version().get() > 0)
    });
    let prefix = match reply_to {
        Some(id) => format!("reply-{id}"),
        None => "comment".to_string(),
    };
    let body_id = format!("{prefix}-body");
    let hint_id = format!("{prefix}-body-hint");
    let error_id = format!("{prefix}-body-error");
    let keep_id = format!("{prefix}-keep");
    let body_error = move || {
        error.get().and_then(|e| {
            e.field_errors()
                .iter()
                .find(|f| f.field == "body")
                .map(|f| f.message.clone())
        })
    };
    let identifier_warned =
        move || body_error().is_some_and(|m| m.starts_with(crate::review::IDENTIFIER_WARNING));
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || match body_error() {
            Some(_) => format!("{hint_id} {error_id}"),
            None => hint_id.clone(),
        }
    };
    let new_comment = reply_to.is_none();
    view! {
        {new_comment.then(|| view! { <ErrorSummary error /> })}
        <ActionForm action attr:class="comment-form">
            <CsrfField />
            <input type="hidden" name="portfolio_id" value=portfolio_id />
            <input type="hidden" name="criterion_id" value=criterion_id />
            {reply_to.map(|id| view! { <input type="hidden" name="reply_to" value=id /> })}
            {(!fields.is_empty())
                .then(|| {
                    let field_id = format!("{prefix}-field");
                    view! {
                        <div class="form-group">
                            <label class="label" for=field_id.clone()>
                                "What it is about"
                            </label>
                            <select class="select" id=field_id name="field">
                                <option value="">{glossary::WHOLE_CRITERION}</option>
                                {fields
                                    .into_iter()
                                    .map(|(value, label)| {
                                        view! { <option value=value>{label}</option> }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                    }
                })}
            <div class="form-group" class:form-group--error=move || body_error().is_some()>
                <label class="label" for=body_id.clone()>
                    {if new_comment { "Comment" } else { "Your reply" }}
                </label>
                <div class="hint" id=hint_id.clone()>
                    "Never name a child: use a pupil reference."
                </div>
                {move || {
                    body_error()
                        .map(|m| {
                            view! {
                                <p class="error-message" id=error_id.clone()>
                                    <span class="visually-hidden">"Error: "</span>
                                    {m}
                                </p>
                            }
                        })
                }}
                <textarea
                    class="textarea"
                    class:textarea--error=move || body_error().is_some()
                    id=body_id
                    name="body"
                    rows=if new_comment { "4" } else { "3" }
                    aria-describedby=described
                ></textarea>
            </div>
            {move || {
                let keep_id = keep_id.clone();
                identifier_warned()
                    .then(|| {
                        view! {
                            <div class="checkboxes">
                                <div class="checkboxes__item">
                                    <input
                                        class="checkboxes__input"
                                        type="checkbox"
                                        id=keep_id.clone()
                                        name="keep_identifiers"
                                        value="yes"
                                    />
                                    <label class="label checkboxes__label" for=keep_id>
                                        "It does not identify anyone"
                                    </label>
                                </div>
                            </div>
                        }
                    })
            }}
            <MentionSelect staff id=format!("{prefix}-mention") />
            <button
                type="submit"
                class="button"
                class:button--secondary=!new_comment
                class:button--small=!new_comment
            >
                {if new_comment { "Add comment" } else { "Reply" }}
            </button>
        </ActionForm>
    }
}
