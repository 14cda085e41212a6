//! Narratives for print. Staff write light Markdown (paragraphs, bullets,
//! bold, italics); the PDF gets it as blocks of styled text, never as markup,
//! so nothing written can change the document around it.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Span {
    pub text: String,
    pub strong: bool,
    pub emph: bool,
    /// A line break (its text is empty).
    pub linebreak: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Paragraph { spans: Vec<Span> },
    List { items: Vec<Vec<Span>> },
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    current: Vec<Span>,
    items: Vec<Vec<Span>>,
    list_depth: usize,
    strong: usize,
    emph: usize,
}

impl Builder {
    fn push_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let (strong, emph) = (self.strong > 0, self.emph > 0);
        match self.current.last_mut() {
            Some(last) if !last.linebreak && last.strong == strong && last.emph == emph => {
                last.text.push_str(text)
            }
            _ => self.current.push(Span {
                text: text.to_string(),
                strong,
                emph,
                linebreak: false,
            }),
        }
    }

    /// Ends the text being gathered: a list item inside a list, else a paragraph.
    fn close(&mut self) {
        let spans = std::mem::take(&mut self.current);
        if spans.iter().all(|s| s.text.trim().is_empty()) {
            return;
        }
        if self.list_depth > 0 {
            self.items.push(spans);
        } else {
            self.blocks.push(Block::Paragraph { spans });
        }
    }
}

pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut b = Builder::default();
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Start(Tag::List(_)) => {
                b.close();
                b.list_depth += 1;
            }
            Event::End(TagEnd::List(_)) => {
                b.close();
                b.list_depth -= 1;
                if b.list_depth == 0 && !b.items.is_empty() {
                    let items = std::mem::take(&mut b.items);
                    b.blocks.push(Block::List { items });
                }
            }
            Event::Start(Tag::Item) | Event::End(TagEnd::Item) => b.close(),
            Event::End(
                TagEnd::Paragraph | TagEnd::BlockQuote(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock,
            ) => b.close(),
            Event::End(TagEnd::Heading(_)) => {
                b.close();
                b.strong = b.strong.saturating_sub(1);
            }
            Event::Start(Tag::Strong | Tag::Heading { .. }) => b.strong += 1,
            Event::End(TagEnd::Strong) => b.strong = b.strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => b.emph += 1,
            Event::End(TagEnd::Emphasis) => b.emph = b.emph.saturating_sub(1),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                b.push_text(&t)
            }
            Event::SoftBreak => b.push_text(" "),
            Event::HardBreak => b.current.push(Span {
                linebreak: true,
                ..Span::default()
            }),
            _ => {}
        }
    }
    b.close();
    b.blocks
}

/// Plain text of blocks (for checks over what is printed).
pub fn plain(blocks: &[Block]) -> String {
    let line = |spans: &[Span]| {
        spans
            .iter()
            .map(|s| if s.linebreak { "\n" } else { s.text.as_str() })
            .collect::<String>()
    };
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { spans } => line(spans),
            Block::List { items } => items.iter().map(|i| line(i)).collect::<Vec<_>>().join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, strong: bool, emph: bool) -> Span {
        Span {
            text: text.into(),
            strong,
            emph,
            linebreak: false,
        }
    }

    #[test]
    fn paragraphs_bullets_bold_and_italics() {
        let got = blocks("Our values\nare shared.\n\n- one **two**\n- *three*\n\nEnd.");
        assert_eq!(
            got,
            vec![
                Block::Paragraph {
                    spans: vec![span("Our values are shared.", false, false)]
                },
                Block::List {
                    items: vec![
                        vec![span("one ", false, false), span("two", true, false)],
                        vec![span("three", false, true)],
                    ]
                },
                Block::Paragraph {
                    spans: vec![span("End.", false, false)]
                },
            ]
        );
    }

    #[test]
    fn markup_and_links_stay_words() {
        let got = blocks("#set page(width: 1pt) <b>x</b> [site](javascript:alert(1)) `#eval`");
        let text = plain(&got);
        assert!(text.contains("#set page(width: 1pt)"), "{text}");
        assert!(text.contains("<b>x</b>"), "{text}");
        assert!(
            text.contains("site") && !text.contains("javascript"),
            "{text}"
        );
        assert!(text.contains("#eval"));
        let got = blocks("<div>\nraw html\n</div>\n\nAfter.");
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn nothing_written_is_no_blocks() {
        assert!(blocks("  \n\n ").is_empty());
    }
}
