//! Voices: a school's surveys (staff), one survey's sharing and results
//! (staff), and the public page where carers, pupils or staff answer.

mod answer;
mod edit;
mod list;
mod manage;

pub use answer::{AnswerPage, ThanksPage};
pub use list::SurveysPage;
pub use manage::SurveyPage;
