//! The submission pack as a ZIP, written while it is sent: the portfolio PDF,
//! the evidence index as CSV, and each evidence file read from the database
//! one at a time, so a large pack is never whole in memory.

use std::io::Write;

use axum::body::Body;
use sea_orm::DatabaseConnection;
use tokio::runtime::Handle;
use tokio_util::io::{ReaderStream, SyncIoBridge};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use app::pack::PackFile;
use app::services::evidence;

/// What goes into the pack besides the evidence files.
pub struct PackParts {
    pub pdf: Vec<u8>,
    pub index_csv: String,
    pub files: Vec<PackFile>,
}

pub const PDF_NAME: &str = "portfolio.pdf";
pub const INDEX_NAME: &str = "evidence-index.csv";

#[derive(Debug, thiserror::Error)]
enum PackError {
    #[error("zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("write: {0}")]
    Io(#[from] std::io::Error),
    #[error("reading evidence {0}: {1}")]
    Evidence(i32, String),
    #[error("evidence {0} changed while the pack was written")]
    Changed(i32),
}

fn write_pack(
    out: impl Write,
    parts: PackParts,
    db: &DatabaseConnection,
    runtime: &Handle,
) -> Result<(), PackError> {
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .large_file(true);
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(true);
    let mut zip = zip::ZipWriter::new_stream(out);
    zip.start_file(PDF_NAME, stored)?;
    zip.write_all(&parts.pdf)?;
    drop(parts.pdf);
    zip.start_file(INDEX_NAME, deflated)?;
    zip.write_all(parts.index_csv.as_bytes())?;
    for file in parts.files {
        let (sha256, bytes) = runtime
            .block_on(evidence::stored_file(db, file.item_id))
            .map_err(|e| PackError::Evidence(file.item_id, e.to_string()))?;
        if sha256 != file.sha256 {
            return Err(PackError::Changed(file.item_id));
        }
        // Photos and PDFs are compressed already; text files shrink.
        let options = if bytes.starts_with(b"%PDF")
            || file.path.ends_with(".jpg")
            || file.path.ends_with(".png")
        {
            stored
        } else {
            deflated
        };
        zip.start_file(file.path.as_str(), options)?;
        zip.write_all(&bytes)?;
    }
    zip.finish()?.flush()?;
    Ok(())
}

/// A response body that is the ZIP as it is written. A failure part-way (a
/// file deleted meanwhile, the database gone) ends the body early; the
/// download is then visibly incomplete and the cause is logged.
pub fn stream(parts: PackParts, db: DatabaseConnection) -> Body {
    let (writer, reader) = tokio::io::duplex(256 * 1024);
    let runtime = Handle::current();
    tokio::task::spawn_blocking(move || {
        let out = SyncIoBridge::new_with_handle(writer, runtime.clone());
        if let Err(error) = write_pack(out, parts, &db, &runtime) {
            tracing::error!(%error, "writing a submission pack failed part-way");
        }
    });
    Body::from_stream(ReaderStream::new(reader))
}
