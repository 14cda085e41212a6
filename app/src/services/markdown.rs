//! Light Markdown (bullets, bold, italics, paragraphs) to HTML for read views.
//! Raw HTML in the text is shown as text, and links and images become their
//! words, so nothing a writer types can run or send a reader elsewhere.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

pub fn render(text: &str) -> String {
    let events = Parser::new_ext(text, Options::empty()).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { .. } | Tag::Image { .. }) => None,
        Event::End(TagEnd::Link | TagEnd::Image) => None,
        other => Some(other),
    });
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn bullets_and_bold() {
        let html = render("- one\n- **two**");
        assert_eq!(
            html,
            "<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>\n"
        );
    }

    #[test]
    fn html_is_escaped() {
        let html = render("<script>alert(1)</script> and <b onclick=x>bold</b>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn links_and_images_become_words() {
        let html =
            render("[click](javascript:alert(1)) ![face](http://x/y.png) <http://evil.example>");
        assert!(!html.contains("href"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("click"));
    }
}
