// One event as an iCalendar file (RFC 5545), made in the page: the advice's "later" session goes into the
// athlete's own calendar without another request. The week plan's calendar comes from the server
// (`GET /plan/week.ics`); this is the same format for one session.

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
const text = (s) => String(s).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");

/** A UTC DATE-TIME: 20261203T170000Z. */
const utc = (date) => date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/** Lines longer than 75 octets are folded: CRLF and a space (§3.1), never inside a UTF-8 sequence. */
function fold(line) {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const out = [];
  let part = "";
  let size = 0;
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length;
    if (size + n > (out.length ? 74 : 75)) {
      out.push(part);
      part = "";
      size = 0;
    }
    part += ch;
    size += n;
  }
  out.push(part);
  return out.join("\r\n ");
}

/**
 * `{start: Date, minutes, summary, description, uid}` as a VCALENDAR with one VEVENT (CRLF lines). The
 * uid is stable for the same session, so importing it twice updates the event rather than adding one.
 */
export function eventCalendar({ start, minutes, summary, description, uid, now = new Date() }) {
  const end = new Date(start.getTime() + minutes * 60_000);
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//afterlift//dashboard//EN",
    "CALSCALE:GREGORIAN",
    "BEGIN:VEVENT",
    `UID:${uid}`,
    `DTSTAMP:${utc(now)}`,
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(end)}`,
    `SUMMARY:${text(summary)}`,
    `DESCRIPTION:${text(description)}`,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].map(fold).join("\r\n");
}
