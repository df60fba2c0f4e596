//! Charts drawn on the server as SVG: plain functions from numbers and already translated
//! labels to a self-contained SVG document, readable without JavaScript and printable. No
//! style sheet and no script inside (the Content-Security-Policy allows neither): presentation
//! attributes only. Every text is escaped.
//!
//! Right to left: text is written with `direction="rtl"`, and the category charts (bars, the
//! cohort heat map) are mirrored so that their labels stand where a right-to-left reader
//! starts, like the tables under them. The Lorenz curve keeps its numeric axes left to right,
//! as plots of shares are printed in Persian too; only its text runs right to left.

mod bars;
mod heatmap;
mod lorenz;
#[cfg(test)]
mod tests;

use std::fmt::Write;

pub(crate) use bars::{Bar, Bars, bars};
pub(crate) use heatmap::{HeatMap, HeatRow, heat_map};
pub(crate) use lorenz::{Lorenz, lorenz, share_reaching, value_at};

/// Where a text stands against its anchor point, as seen on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    Left,
    Middle,
    Right,
}

impl Side {
    fn flip(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Middle => Side::Middle,
            Side::Right => Side::Left,
        }
    }
}

/// `text` safe inside an SVG (XML) text node or attribute.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// At most `max` characters of `text`, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

const INK: &str = "#1d2433";
const MUTED: &str = "#5b6478";
const LINE: &str = "#d8dde8";
const ACCENT: &str = "#1f5fbf";
const SECOND: &str = "#9fb7dd";
const MARK: &str = "#b3261e";
const FONTS: &str = "system-ui, 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans Georgian', sans-serif";

/// An SVG document being written: `rtl` sets the text direction, `mirror` flips the
/// geometry left to right.
struct Svg {
    out: String,
    width: f64,
    rtl: bool,
    mirror: bool,
}

impl Svg {
    fn open(width: f64, height: f64, title: &str, desc: &str, rtl: bool, mirror: bool) -> Svg {
        let mut out = String::with_capacity(8 * 1024);
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
             viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{title}\" \
             font-family=\"{FONTS}\" font-size=\"14\" fill=\"{INK}\"{dir}>\
             <title>{title}</title><desc>{desc}</desc>\
             <rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>",
            title = escape(title),
            desc = escape(desc),
            dir = if rtl { " direction=\"rtl\"" } else { "" },
        );
        Svg {
            out,
            width,
            rtl,
            mirror,
        }
    }

    fn x(&self, x: f64) -> f64 {
        if self.mirror { self.width - x } else { x }
    }

    fn anchor(&self, side: Side) -> &'static str {
        let side = if self.mirror { side.flip() } else { side };
        match (side, self.rtl) {
            (Side::Middle, _) => "middle",
            // A text to the right of its anchor starts there left to right, and ends there
            // right to left (where `start` is the text's right edge).
            (Side::Right, false) | (Side::Left, true) => "start",
            (Side::Right, true) | (Side::Left, false) => "end",
        }
    }

    /// A text whose anchor is at (x, y), standing on `side` of it (before mirroring).
    fn text(&mut self, x: f64, y: f64, side: Side, content: &str, attributes: &str) {
        let x = self.x(x);
        let anchor = self.anchor(side);
        let dir = if self.rtl { " direction=\"rtl\"" } else { "" };
        let _ = write!(
            self.out,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\"{dir} {attributes}>{}</text>",
            escape(content)
        );
    }

    /// A rectangle from x to x + width (before mirroring).
    fn rect(&mut self, x: f64, y: f64, width: f64, height: f64, fill: &str, attributes: &str) {
        let left = if self.mirror {
            self.width - x - width
        } else {
            x
        };
        let _ = write!(
            self.out,
            "<rect x=\"{left:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\" {attributes}/>",
            width.max(0.0),
            height.max(0.0)
        );
    }

    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, attributes: &str) {
        let (x1, x2) = (self.x(x1), self.x(x2));
        let _ = write!(
            self.out,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{stroke}\" {attributes}/>"
        );
    }

    /// The chart's title as its heading, from x (before mirroring).
    fn heading(&mut self, x: f64, title: &str) {
        self.text(
            x,
            22.0,
            Side::Right,
            title,
            "font-size=\"15\" font-weight=\"700\"",
        );
    }

    /// A chart of categories (bars, the heat map), with its heading: mirrored right to left,
    /// so that its labels stand where the reader starts.
    fn categories(width: f64, height: f64, title: &str, desc: &str, rtl: bool) -> Svg {
        let mut svg = Svg::open(width, height, title, desc, rtl, rtl);
        svg.heading(10.0, title);
        svg
    }

    fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}
