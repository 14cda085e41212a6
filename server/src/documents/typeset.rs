//! typst as a library: a template (compiled into the binary) reads its data
//! from `/data.json`, so text from the portfolio is only ever data, never
//! markup. Fonts are typst's own bundled set, loaded once per server.

use chrono::Datelike;
use serde::Serialize;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The templates the server knows.
#[derive(Clone, Copy, Debug)]
pub enum Template {
    /// The whole portfolio for the award team.
    Portfolio,
    /// The annual evaluative report for governors.
    GovernorsReport,
    /// The award certificate, for the celebration.
    Certificate,
}

impl Template {
    fn source(self) -> &'static str {
        match self {
            Template::Portfolio => include_str!("portfolio.typ"),
            Template::GovernorsReport => include_str!("governors_report.typ"),
            Template::Certificate => include_str!("certificate.typ"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TypesetError {
    #[error("the document data could not be written: {0}")]
    Data(String),
    #[error("the template failed: {0}")]
    Layout(String),
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// Fonts and the standard library, shared by every document.
pub struct Typesetter {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// Documents laid out at once: typst is CPU-bound, and the rest of the
    /// site must stay quick while packs are made.
    pub turns: tokio::sync::Semaphore,
}

/// How many documents are laid out at once.
pub const AT_ONCE: usize = 2;

impl Default for Typesetter {
    fn default() -> Self {
        Self::new()
    }
}

impl Typesetter {
    pub fn new() -> Self {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Typesetter {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            turns: tokio::sync::Semaphore::new(AT_ONCE),
        }
    }

    /// Lays out `template` over `data` and writes the PDF. CPU-bound: call it
    /// from a blocking task.
    pub fn pdf(
        &self,
        template: Template,
        data: &impl Serialize,
        today: chrono::NaiveDate,
    ) -> Result<Vec<u8>, TypesetError> {
        let data = serde_json::to_vec(data).map_err(|e| TypesetError::Data(e.to_string()))?;
        let main = FileId::new(None, VirtualPath::new("/main.typ"));
        let job = Job {
            typesetter: self,
            main: Source::new(main, template.source().to_string()),
            data: Bytes::new(data),
            today: Datetime::from_ymd(today.year(), today.month() as u8, today.day() as u8),
        };
        let result = typst::compile::<PagedDocument>(&job).output;
        // typst memoises layout work; forget what recent documents did not reuse.
        comemo::evict(10);
        let document = result.map_err(|errors| {
            TypesetError::Layout(
                errors
                    .iter()
                    .map(|e| e.message.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
        typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|errors| {
            TypesetError::Pdf(
                errors
                    .iter()
                    .map(|e| e.message.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })
    }
}

/// One document being typeset: its template and data.
struct Job<'a> {
    typesetter: &'a Typesetter,
    main: Source,
    data: Bytes,
    today: Option<Datetime>,
}

impl World for Job<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.typesetter.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.typesetter.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id.package().is_none()
            && id.vpath().as_rootless_path() == std::path::Path::new("data.json")
        {
            Ok(self.data.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.typesetter.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        self.today
    }
}
