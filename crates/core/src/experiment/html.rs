//! The report as a self-contained HTML page ([`ExperimentReport::to_html`]): the Markdown rendering
//! ([`ExperimentReport::to_markdown`]) turned into HTML, so both say the same, in the same order, from one
//! renderer — the Markdown's few constructs (headings, paragraphs, lists, tables, bold and italic, backslash
//! escapes) are all this converter knows. Every character of text is HTML-escaped; the page has its styles
//! inline and no script, image or link to anything else, so it opens the same from a file as from the server.

use std::fmt::Write as _;

use super::report::ExperimentReport;

/// The page's styles: readable on paper and on a phone, light or dark.
const STYLE: &str = "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;line-height:1.5;\
color:#1b1f24;background:#fff;margin:0}main{max-width:52rem;margin:0 auto;padding:1rem 1.25rem 3rem}\
h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d8dde3}\
.table{overflow-x:auto}table{border-collapse:collapse;font-size:0.9rem;min-width:100%}\
th,td{border:1px solid #d8dde3;padding:0.3rem 0.5rem;text-align:left;vertical-align:top}th{background:#f3f5f8}\
em{color:#5b6470}@media (prefers-color-scheme:dark){body{color:#e8ebef;background:#14171b}\
th{background:#1d2127}th,td,h2{border-color:#343a42}em{color:#a3acb8}}\
@media print{main{max-width:none}}";

impl ExperimentReport {
    /// The report as one HTML page (UTF-8), with nothing to fetch: what [`to_markdown`](Self::to_markdown)
    /// says, as HTML.
    pub fn to_html(&self) -> String {
        let mut html = String::new();
        let _ = write!(
            html,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>Personal experiment: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
            escape(&self.question)
        );
        html.push_str(&markdown_to_html(&self.to_markdown()));
        html.push_str("</main>\n</body>\n</html>\n");
        html
    }
}

/// `text` safe inside HTML text and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One block's text with its inline markup: `\x` is a literal `x`; `**` opens and closes bold, a lone `*`
/// or `_` italic. What is left open at the end is closed.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let (mut strong, mut em) = (false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next) => out.push_str(&escape(&next.to_string())),
                None => out.push('\\'),
            },
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                out.push_str(if strong { "</strong>" } else { "<strong>" });
                strong = !strong;
            }
            '*' | '_' => {
                out.push_str(if em { "</em>" } else { "<em>" });
                em = !em;
            }
            c => out.push_str(&escape(&c.to_string())),
        }
    }
    if em {
        out.push_str("</em>");
    }
    if strong {
        out.push_str("</strong>");
    }
    out
}

/// A table row's cells: split at the `|`s that are not escaped, the outer ones dropped.
fn cells(row: &str) -> Vec<String> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = row.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cell.push('\\');
                if let Some(next) = chars.next() {
                    cell.push(next);
                }
            }
            '|' => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    if !cell.trim().is_empty() {
        cells.push(cell);
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The Markdown [`ExperimentReport::to_markdown`] writes, as HTML.
fn markdown_to_html(md: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = md.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim_end();
        if t.trim().is_empty() {
            i += 1;
        } else if let Some(h) = t.strip_prefix("## ") {
            let _ = writeln!(out, "<h2>{}</h2>", inline(h));
            i += 1;
        } else if let Some(h) = t.strip_prefix("# ") {
            let _ = writeln!(out, "<h1>{}</h1>", inline(h));
            i += 1;
        } else if t.starts_with("- ") {
            out.push_str("<ul>\n");
            while i < lines.len() && lines[i].starts_with("- ") {
                let _ = writeln!(out, "<li>{}</li>", inline(&lines[i][2..]));
                i += 1;
            }
            out.push_str("</ul>\n");
        } else if t.starts_with('|') {
            out.push_str("<div class=\"table\"><table>\n");
            let header = i + 1 < lines.len() && is_separator(lines[i + 1]);
            if header {
                out.push_str("<thead><tr>");
                for c in cells(t) {
                    let _ = write!(out, "<th scope=\"col\">{}</th>", inline(&c));
                }
                out.push_str("</tr></thead>\n");
                i += 2;
            }
            out.push_str("<tbody>\n");
            while i < lines.len() && lines[i].trim_start().starts_with('|') {
                out.push_str("<tr>");
                for c in cells(lines[i]) {
                    let _ = write!(out, "<td>{}</td>", inline(&c));
                }
                out.push_str("</tr>\n");
                i += 1;
            }
            out.push_str("</tbody></table></div>\n");
        } else {
            // A paragraph: the lines up to a blank one or another block.
            let mut text = Vec::new();
            while i < lines.len() {
                let l = lines[i].trim_end();
                if l.trim().is_empty()
                    || l.starts_with('#')
                    || l.starts_with("- ")
                    || l.starts_with('|')
                {
                    break;
                }
                text.push(l);
                i += 1;
            }
            let _ = writeln!(out, "<p>{}</p>", inline(&text.join("\n")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_markdowns_blocks_become_html() {
        let md = "# Personal experiment: Lift \\<b\\>first\\</b\\>?\n\nStatus: **running**, data.\nMore \\* text.\n\n\
                  ## Design\n\n- one\n- two \\| three\n\n| block | order |\n|---|---|\n| 1 | AB |\n| 2 \\| x | BA |\n\n_Not medical advice._\n";
        let html = markdown_to_html(md);
        assert_eq!(
            html,
            "<h1>Personal experiment: Lift &lt;b&gt;first&lt;/b&gt;?</h1>\n\
             <p>Status: <strong>running</strong>, data.\nMore * text.</p>\n\
             <h2>Design</h2>\n<ul>\n<li>one</li>\n<li>two | three</li>\n</ul>\n\
             <div class=\"table\"><table>\n<thead><tr><th scope=\"col\">block</th><th scope=\"col\">order</th></tr></thead>\n\
             <tbody>\n<tr><td>1</td><td>AB</td></tr>\n<tr><td>2 | x</td><td>BA</td></tr>\n</tbody></table></div>\n\
             <p><em>Not medical advice.</em></p>\n"
        );
    }

    #[test]
    fn nothing_the_athlete_wrote_becomes_markup() {
        // What `esc` leaves unescaped (quotes, ampersands) is escaped here.
        assert_eq!(
            inline("\"a\" & 'b' \\<script\\>"),
            "&quot;a&quot; &amp; &#39;b&#39; &lt;script&gt;"
        );
        // An unmatched marker closes at the end of its block.
        assert_eq!(inline("**open"), "<strong>open</strong>");
    }
}
