import CLSCore
import Foundation

/// A meeting as an iCalendar `VEVENT`.
///
/// A timed meeting has `start` and, when known, `end`. An all-day meeting has `allDay` set:
/// it is then written as a date (`DTSTART;VALUE=DATE`) ending the next day, and `start` and
/// `end` are not written.
public struct ICalendarEvent: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case confirmed = "CONFIRMED"
        case tentative = "TENTATIVE"
        case cancelled = "CANCELLED"
    }

    /// Stable and unique across exports, e.g. "meeting-<uuid>@cls-pilot": calendar apps use it
    /// to update a meeting they already show instead of adding a copy.
    public var uid: String
    public var start: Date
    /// Written only when later than `start` to the second: RFC 5545 wants DTEND after DTSTART,
    /// and a missing DTEND means the meeting ends when it starts.
    public var end: Date?
    public var allDay: CalendarDay?
    public var summary: String
    public var location: String?
    public var description: String?
    public var url: String?
    public var status: Status
    public var lastModified: Date?
    /// The revision of the meeting: increase it when the meeting changes so that apps take the
    /// new version. Negative values are written as 0.
    public var sequence: Int

    public init(uid: String, start: Date, end: Date? = nil, allDay: CalendarDay? = nil,
                summary: String, location: String? = nil, description: String? = nil,
                url: String? = nil, status: Status = .confirmed, lastModified: Date? = nil,
                sequence: Int = 0) {
        self.uid = uid; self.start = start; self.end = end; self.allDay = allDay
        self.summary = summary; self.location = location; self.description = description
        self.url = url; self.status = status; self.lastModified = lastModified
        self.sequence = sequence
    }

    /// An all-day meeting; `start` is set to midnight UTC of the day.
    public init(uid: String, allDay day: CalendarDay, summary: String, location: String? = nil,
                description: String? = nil, url: String? = nil, status: Status = .confirmed,
                lastModified: Date? = nil, sequence: Int = 0) {
        let midnight = ICalendarWriter.utc.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
        self.init(uid: uid, start: midnight ?? Date(timeIntervalSince1970: 0), allDay: day,
                  summary: summary, location: location, description: description, url: url,
                  status: status, lastModified: lastModified, sequence: sequence)
    }
}

/// Writes an iCalendar file (RFC 5545, `text/calendar`) of meetings, for calendar apps to
/// import or subscribe to (Outlook, Google Agenda, Calendrier d'Apple, Thunderbird...).
///
/// What it writes: CRLF line ends; times in UTC (`20250314T083000Z`), so no time zone table is
/// needed; all-day meetings as plain dates; text escaped (`\` `;` `,` and line breaks as `\n`),
/// other control characters dropped, surrounding blanks trimmed; lines longer than 75 octets
/// folded between characters — never inside a UTF-8 sequence, an accented letter or an escape
/// such as `\,` — and never just after a space, so no line ends with one. Events keep the order
/// in which they were added.
///
///     var calendar = ICalendarWriter(calendarName: "CLS de Belle-Île")
///     calendar.add(ICalendarEvent(uid: "meeting-\(id)@cls-pilot", start: start, end: end,
///                                 summary: "Comité de pilotage", location: "Mairie, Le Palais"))
///     let data = calendar.data(now: Date())
public struct ICalendarWriter: Sendable {
    /// The HTTP `Content-Type` of the file.
    public static let contentType = "text/calendar; charset=utf-8"

    public let productId: String
    public let calendarName: String?
    public private(set) var events: [ICalendarEvent] = []

    public init(productId: String = "-//CLS Pilot//Réunions//FR", calendarName: String? = nil) {
        self.productId = productId
        self.calendarName = calendarName
    }

    public mutating func add(_ event: ICalendarEvent) { events.append(event) }

    /// The file, UTF-8 without byte-order mark. `now` is the `DTSTAMP` of every event.
    public func data(now: Date) -> Data { Data(string(now: now).utf8) }

    public func string(now: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + Self.text(productId),
                     "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        if let name = Self.optionalText(calendarName) { lines.append("X-WR-CALNAME:" + name) }
        // RFC 5545's grammar asks for at least one component, but a calendar with no meetings yet
        // is an ordinary case: it is written as an empty VCALENDAR rather than refused.
        for event in events { lines += Self.lines(of: event, stamp: now) }
        lines.append("END:VCALENDAR")
        return lines.map { Self.fold($0) + "\r\n" }.joined()
    }

    static func lines(of event: ICalendarEvent, stamp: Date) -> [String] {
        var lines = ["BEGIN:VEVENT", "UID:" + text(event.uid), "DTSTAMP:" + dateTime(stamp)]
        if let day = event.allDay {
            lines.append("DTSTART;VALUE=DATE:" + date(day))
            // Without DTEND an all-day event lasts one day anyway: only 9999-12-31 needs that.
            if let next = dayAfter(day) { lines.append("DTEND;VALUE=DATE:" + date(next)) }
        } else {
            lines.append("DTSTART:" + dateTime(event.start))
            if let end = event.end, end.timeIntervalSince1970.rounded(.down) > event.start.timeIntervalSince1970.rounded(.down) {
                lines.append("DTEND:" + dateTime(end))
            }
        }
        lines.append("SUMMARY:" + text(event.summary))
        if let location = optionalText(event.location) { lines.append("LOCATION:" + location) }
        if let description = optionalText(event.description) { lines.append("DESCRIPTION:" + description) }
        if let url = event.url.map(uri), !url.isEmpty { lines.append("URL:" + url) }
        lines.append("STATUS:" + event.status.rawValue)
        lines.append("SEQUENCE:" + String(max(0, event.sequence)))
        if let modified = event.lastModified { lines.append("LAST-MODIFIED:" + dateTime(modified)) }
        lines.append("END:VEVENT")
        return lines
    }

    // MARK: Values

    /// A TEXT value (RFC 5545 §3.3.11): `\` `;` `,` escaped, any line break (CRLF, CR or LF)
    /// written `\n`, other control characters but tab dropped, surrounding blanks trimmed.
    static func text(_ value: String) -> String {
        let kept = value.unicodeScalars.filter { !isControl($0) || "\t\r\n".unicodeScalars.contains($0) }
        var escaped = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars {
            switch scalar {
            case "\\", ";", ",": escaped.append("\\"); escaped.append(scalar)
            case "\n" where previous == "\r": break
            case "\r", "\n": escaped.append(contentsOf: "\\n".unicodeScalars)
            default: escaped.append(scalar)
            }
            previous = scalar
        }
        return String(escaped)
    }

    /// The TEXT value, or nil when nothing is left to write.
    static func optionalText(_ value: String?) -> String? {
        guard let escaped = value.map(text), !escaped.isEmpty else { return nil }
        return escaped
    }

    /// A URI value: not escaped, but control characters are dropped so that it stays one property.
    static func uri(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { !isControl($0) }))
            .trimmingCharacters(in: .whitespaces)
    }

    /// CONTROL in RFC 5545: U+0000–U+001F and U+007F.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x20 || scalar.value == 0x7F }

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        return calendar
    }()

    /// `yyyyMMdd'T'HHmmss'Z'`, fractions of a second dropped.
    static func dateTime(_ moment: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: moment)
        return pad(c.year ?? 0, 4) + pad(c.month ?? 0, 2) + pad(c.day ?? 0, 2)
            + "T" + pad(c.hour ?? 0, 2) + pad(c.minute ?? 0, 2) + pad(c.second ?? 0, 2) + "Z"
    }

    static func date(_ day: CalendarDay) -> String {
        pad(day.year, 4) + pad(day.month, 2) + pad(day.day, 2)
    }

    static func dayAfter(_ day: CalendarDay) -> CalendarDay? {
        CalendarDay(year: day.year, month: day.month, day: day.day + 1)
            ?? CalendarDay(year: day.year, month: day.month + 1, day: 1)
            ?? CalendarDay(year: day.year + 1, month: 1, day: 1)
    }

    static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    // MARK: Folding

    /// Folds a content line (RFC 5545 §3.1): at most `limit` octets of UTF-8 per physical line,
    /// each continuation line starting with one space, which readers remove when unfolding.
    ///
    /// Breaks fall between characters (grapheme clusters, so "é" written as e + combining accent
    /// stays whole; only a single character longer than a line is cut between its code points),
    /// never inside an escape such as `\;`, and before a run of blanks rather than after it, so
    /// that no physical line ends with a space that a mail or web tool might strip.
    static func fold(_ line: String, limit: Int = 75) -> String {
        guard line.utf8.count > limit else { return line }
        let units = foldingUnits(line, maxOctets: limit - 1)
        var physical: [String] = []
        var start = 0
        while start < units.count {
            let capacity = physical.isEmpty ? limit : limit - 1
            var end = start, used = 0
            while end < units.count, used + units[end].octets <= capacity {
                used += units[end].octets
                end += 1
            }
            if end < units.count {
                var cut = end
                while cut > start, units[cut - 1].isBlank { cut -= 1 }
                // A line of nothing but blanks cannot avoid ending with one.
                if cut > start { end = cut }
            }
            physical.append((physical.isEmpty ? "" : " ") + units[start..<end].map(\.text).joined())
            start = end
        }
        return physical.joined(separator: "\r\n")
    }

    struct FoldingUnit {
        var text: String
        var octets: Int { text.utf8.count }
        var isBlank: Bool { text == " " || text == "\t" }
    }

    /// The pieces a line may be broken between, each at most `maxOctets` long.
    static func foldingUnits(_ line: String, maxOctets: Int) -> [FoldingUnit] {
        var units: [FoldingUnit] = []
        var pendingEscape = false
        for character in line {
            let piece = String(character)
            if pendingEscape, let last = units.last, last.octets + piece.utf8.count <= maxOctets {
                units[units.count - 1].text += piece
            } else if piece.utf8.count <= maxOctets {
                units.append(FoldingUnit(text: piece))
            } else {
                units += character.unicodeScalars.map { FoldingUnit(text: String($0)) }
            }
            pendingEscape = !pendingEscape && character == "\\"
        }
        return units
    }
}
