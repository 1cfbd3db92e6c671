import Foundation

/// An e-mail as RFC 5322 and MIME (RFC 2045-2047) want it: UTF-8 text and HTML alternatives,
/// optionally a calendar file, every part in base64 so that no line is too long and no accent is
/// lost; the subject and names encoded as RFC 2047 words.
struct MailMessage: Sendable {
    var from: MailAddress
    var to: MailAddress
    var subject: String
    var text: String
    var html: String
    /// An iCalendar file (`text/calendar`), attached as "reunion.ics".
    var calendar: String?
    /// "<uuid@host>": the same for every attempt, so that a receiving system may spot a copy.
    var messageId: String
    var date: Date

    /// The whole message, lines ending in CRLF.
    func rendered(boundarySeed: String) -> String {
        let alternative = "alt-\(boundarySeed)"
        let mixed = "mix-\(boundarySeed)"
        var lines = [
            "From: \(Self.mailbox(from))",
            "To: \(Self.mailbox(to))",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: \(messageId)",
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
        ]
        let body = [
            "--\(alternative)",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            Self.base64Lines(text),
            "--\(alternative)",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            Self.base64Lines(html),
            "--\(alternative)--",
        ]
        if let calendar {
            lines += ["Content-Type: multipart/mixed; boundary=\"\(mixed)\"", "", "--\(mixed)",
                      "Content-Type: multipart/alternative; boundary=\"\(alternative)\"", ""]
            lines += body
            lines += ["--\(mixed)",
                      "Content-Type: text/calendar; charset=utf-8; method=PUBLISH; name=\"reunion.ics\"",
                      "Content-Disposition: attachment; filename=\"reunion.ics\"",
                      "Content-Transfer-Encoding: base64", "", Self.base64Lines(calendar), "--\(mixed)--"]
        } else {
            lines += ["Content-Type: multipart/alternative; boundary=\"\(alternative)\"", ""]
            lines += body
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func mailbox(_ address: MailAddress) -> String {
        address.name.isEmpty ? "<\(address.address)>" : "\(encodedWord(address.name)) <\(address.address)>"
    }

    /// Plain ASCII as is; anything else as `=?UTF-8?B?…?=` words short enough for a header line.
    static func encodedWord(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.allSatisfy({ $0.isASCII && $0 != "=" && $0 != "?" && $0 != "\"" }) { return clean }
        // Cut between characters, at most 45 bytes of UTF-8 per word (60 in base64).
        var words: [String] = []
        var chunk = ""
        for character in clean {
            if (chunk + String(character)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func base64Lines(_ text: String) -> String {
        Data(text.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
