//! Text in CSV files that people open in a spreadsheet. A cell that begins with `=`, `+`, `-`, `@`, a tab
//! or a carriage return is read by Excel, LibreOffice and Google Sheets as a formula — an exercise named
//! `=HYPERLINK(…)` or `=cmd|' /C calc'!A0` in an export would run when the file is opened (CSV injection).
//! Every text cell afterlift writes goes through [`text_cell`], which puts a single quote before such a
//! cell (OWASP's advice: the spreadsheet then shows it as text); numbers are written as they are, so a
//! negative number stays a number. [`read_text_cell`] undoes it when afterlift reads its own export back.

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn starts_formula(text: &str) -> bool {
    text.starts_with(FORMULA_STARTS)
}

/// A text cell as written to a CSV file: with a `'` before it when it would start a formula (and before a
/// text that already starts with `'` and a formula character, so that reading it back is exact).
pub fn text_cell(text: &str) -> Cow<'_, str> {
    let quoted = text
        .strip_prefix('\'')
        .is_some_and(|rest| starts_formula(rest.trim_start_matches('\'')));
    if starts_formula(text) || quoted {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A text cell as [`text_cell`] wrote it, read back: the `'` it added removed.
pub fn read_text_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_formula(rest.trim_start_matches('\'')) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_quoted_and_read_back_exactly() {
        for (text, written) in [
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+SUM(A1)", "'+SUM(A1)"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tTab", "'\tTab"),
            ("\rReturn", "'\rReturn"),
            ("'=already quoted", "''=already quoted"),
            ("Back Squat", "Back Squat"),
            ("'Tis a lift", "'Tis a lift"),
            ("", ""),
        ] {
            assert_eq!(text_cell(text), written, "{text:?}");
            assert_eq!(read_text_cell(written), text, "{written:?}");
        }
    }
}
