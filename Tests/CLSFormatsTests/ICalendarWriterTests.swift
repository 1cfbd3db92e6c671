import CLSCore
import XCTest
@testable import CLSFormats

final class ICalendarWriterTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_741_608_000) // 2025-03-10 12:00:00 UTC

    func testWritesASmallCalendarExactly() {
        var calendar = ICalendarWriter(calendarName: "CLS de Belle-Île")
        calendar.add(ICalendarEvent(
            uid: "meeting-6F9619FF-8B86-D011-B42D-00C04FC964FF@cls-pilot",
            start: Date(timeIntervalSince1970: 1_741_941_000), // 2025-03-14 08:30 UTC
            end: Date(timeIntervalSince1970: 1_741_946_400),   // 2025-03-14 10:00 UTC
            summary: "Comité de pilotage", location: "Mairie, Le Palais",
            description: "Ordre du jour : bilan 2024; prochaines étapes\nDocuments joints",
            url: "https://cls.example.fr/reunions/42", status: .confirmed,
            lastModified: Date(timeIntervalSince1970: 1_741_542_330.75), // 2025-03-09 17:45:30.75 UTC
            sequence: 1))
        calendar.add(ICalendarEvent(uid: "meeting-2@cls-pilot", allDay: CalendarDay(year: 2025, month: 3, day: 31)!,
                                    summary: "Journée santé mentale", status: .tentative))

        XCTAssertEqual(calendar.string(now: now), """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//CLS Pilot//Réunions//FR\r
        CALSCALE:GREGORIAN\r
        METHOD:PUBLISH\r
        X-WR-CALNAME:CLS de Belle-Île\r
        BEGIN:VEVENT\r
        UID:meeting-6F9619FF-8B86-D011-B42D-00C04FC964FF@cls-pilot\r
        DTSTAMP:20250310T120000Z\r
        DTSTART:20250314T083000Z\r
        DTEND:20250314T100000Z\r
        SUMMARY:Comité de pilotage\r
        LOCATION:Mairie\\, Le Palais\r
        DESCRIPTION:Ordre du jour : bilan 2024\\; prochaines étapes\\nDocuments join\r
         ts\r
        URL:https://cls.example.fr/reunions/42\r
        STATUS:CONFIRMED\r
        SEQUENCE:1\r
        LAST-MODIFIED:20250309T174530Z\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:meeting-2@cls-pilot\r
        DTSTAMP:20250310T120000Z\r
        DTSTART;VALUE=DATE:20250331\r
        DTEND;VALUE=DATE:20250401\r
        SUMMARY:Journée santé mentale\r
        STATUS:TENTATIVE\r
        SEQUENCE:0\r
        END:VEVENT\r
        END:VCALENDAR\r

        """)
        XCTAssertEqual(calendar.data(now: now), Data(calendar.string(now: now).utf8))
        XCTAssertEqual(ICalendarWriter.contentType, "text/calendar; charset=utf-8")
    }

    func testAnEmptyCalendarHasOnlyItsHeader() {
        XCTAssertEqual(ICalendarWriter(productId: "-//Test//FR").string(now: now),
                       "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//FR\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n")
    }

    func testEscapesText() {
        XCTAssertEqual(ICalendarWriter.text(#"C:\Dossiers\CLS; santé, prévention"#), #"C:\\Dossiers\\CLS\; santé\, prévention"#)
        XCTAssertEqual(ICalendarWriter.text("ligne 1\r\nligne 2\nligne 3\rligne 4\n\nfin"), #"ligne 1\nligne 2\nligne 3\nligne 4\n\nfin"#)
        XCTAssertEqual(ICalendarWriter.text("  \tRéunion\u{0}\u{7}\u{1B} du\tjeudi \u{7F}\n "), "Réunion du\tjeudi")
        XCTAssertEqual(ICalendarWriter.text(#"Pas de "guillemets" : ni de deux-points"#), #"Pas de "guillemets" : ni de deux-points"#)

        var calendar = ICalendarWriter(calendarName: "Réunions; CLS, 2025")
        calendar.add(ICalendarEvent(uid: "a,b@cls-pilot", start: now, summary: "Point\r\nDTSTART:19700101T000000Z",
                                    location: "  \n", description: "", url: "https://x.fr/a,b\r\nSTATUS:CANCELLED"))
        let properties = unfoldedLines(calendar.data(now: now))
        XCTAssertTrue(properties.contains("X-WR-CALNAME:Réunions\\; CLS\\, 2025"))
        XCTAssertTrue(properties.contains("UID:a\\,b@cls-pilot"))
        XCTAssertTrue(properties.contains("SUMMARY:Point\\nDTSTART:19700101T000000Z"), "a line break cannot start a new property")
        XCTAssertTrue(properties.contains("URL:https://x.fr/a,bSTATUS:CANCELLED"), "URIs are not escaped, but stay one line")
        XCTAssertEqual(properties.filter { $0.hasPrefix("DTSTART") }, ["DTSTART:20250310T120000Z"])
        XCTAssertEqual(properties.filter { $0.hasPrefix("STATUS") }, ["STATUS:CONFIRMED"])
        XCTAssertFalse(properties.contains { $0.hasPrefix("LOCATION") || $0.hasPrefix("DESCRIPTION") }, "blank values are left out")
    }

    func testFoldsALongFrenchDescriptionWithoutCuttingAnAccent() throws {
        // "DESCRIPTION:" + the text up to "sant" is 74 octets: the 75th would be the first half of "é".
        let description = "Ordre du jour de la séance plénière : contrat local de santé, bilan des actions menées auprès des publics précaires, présentation de l’évaluation à mi-parcours et échéancier des prochaines étapes."
        var calendar = ICalendarWriter(calendarName: nil)
        calendar.add(ICalendarEvent(uid: "meeting-1@cls-pilot", start: now, summary: "Séance plénière", description: description))
        let data = calendar.data(now: now)

        let physical = try physicalLines(data)
        let start = try XCTUnwrap(physical.firstIndex { $0.hasPrefix("DESCRIPTION:") })
        XCTAssertEqual(physical[start], "DESCRIPTION:Ordre du jour de la séance plénière : contrat local de sant")
        XCTAssertEqual(physical[start].utf8.count, 74)
        XCTAssertTrue(physical[start + 1].hasPrefix(" é\\, bilan"))
        for line in physical {
            XCTAssertLessThanOrEqual(line.utf8.count, 75, line)
            XCTAssertFalse(line.hasSuffix(" "), "trailing space: \(line)")
        }
        XCTAssertGreaterThan(physical.filter { $0.hasPrefix(" ") }.count, 2)

        let property = try XCTUnwrap(unfoldedLines(data).first { $0.hasPrefix("DESCRIPTION:") })
        XCTAssertEqual(property, "DESCRIPTION:" + description.replacingOccurrences(of: ",", with: "\\,"))
        XCTAssertEqual(unescape(String(property.dropFirst("DESCRIPTION:".count))), description)
    }

    func testFoldsBeforeASpaceRatherThanAfterIt() {
        // The 75th octet is the space after "Mer": breaking there would end the line with it.
        let line = "SUMMARY:Comité de pilotage : contrat local de santé de Belle-Île-en-Mer et des îles du Ponant"
        XCTAssertEqual(ICalendarWriter.fold(line),
                       "SUMMARY:Comité de pilotage : contrat local de santé de Belle-Île-en-Mer\r\n  et des îles du Ponant")
        XCTAssertEqual(ICalendarWriter.fold(String(line.prefix(20))), String(line.prefix(20)))
    }

    func testFoldsOnCharacterBoundaries() {
        // Three- and four-octet characters, an "é" written as e + combining accent, and escapes.
        let texts = [
            String(repeating: "l’été ", count: 40),
            String(repeating: "🏥 santé ", count: 30),
            String(repeating: "e\u{301}", count: 80),
            String(repeating: "a\\,", count: 60),
            "Réunion" + String(repeating: " ", count: 200) + "fin",
        ]
        for text in texts {
            let line = "DESCRIPTION:" + text
            let folded = ICalendarWriter.fold(line)
            let physical = folded.components(separatedBy: "\r\n")
            for piece in physical {
                XCTAssertLessThanOrEqual(piece.utf8.count, 75)
                XCTAssertFalse(piece.hasSuffix("\\"), "an escape is never cut")
            }
            let continuations = physical.dropFirst().map { Array($0.unicodeScalars) }
            XCTAssertTrue(continuations.allSatisfy { $0.first == " " })
            XCTAssertFalse(continuations.contains { (0x300...0x36F).contains($0.dropFirst().first?.value ?? 0) }, "accent cut from its letter")
            XCTAssertEqual(physical.first! + continuations.map { String(String.UnicodeScalarView($0.dropFirst())) }.joined(), line)
        }
        // A line of blanks only can end with one; elsewhere none does.
        let blanks = ICalendarWriter.fold("DESCRIPTION:Réunion" + String(repeating: " ", count: 200) + "fin").components(separatedBy: "\r\n")
        XCTAssertFalse(blanks.first!.hasSuffix(" "))
        XCTAssertFalse(blanks.last!.hasSuffix(" "))
    }

    func testAllDayEvent() throws {
        var calendar = ICalendarWriter(calendarName: nil)
        for (index, day) in ["2025-03-14", "2025-02-28", "2024-02-28", "2024-12-31", "9999-12-31"].enumerated() {
            calendar.add(ICalendarEvent(uid: "day-\(index)", start: now, end: now.addingTimeInterval(3600),
                                        allDay: CalendarDay(parsing: day)!, summary: "Forum santé"))
        }
        let lines = unfoldedLines(calendar.data(now: now))
        XCTAssertEqual(lines.filter { $0.hasPrefix("DTSTART") || $0.hasPrefix("DTEND") }, [
            "DTSTART;VALUE=DATE:20250314", "DTEND;VALUE=DATE:20250315",
            "DTSTART;VALUE=DATE:20250228", "DTEND;VALUE=DATE:20250301",
            "DTSTART;VALUE=DATE:20240228", "DTEND;VALUE=DATE:20240229",
            "DTSTART;VALUE=DATE:20241231", "DTEND;VALUE=DATE:20250101",
            "DTSTART;VALUE=DATE:99991231", // a one-day event without DTEND
        ])
        let event = ICalendarEvent(uid: "x", allDay: CalendarDay(year: 2025, month: 6, day: 5)!, summary: "Forum")
        XCTAssertEqual(ICalendarWriter.dateTime(event.start), "20250605T000000Z")
    }

    func testCancelledStatus() {
        var calendar = ICalendarWriter(calendarName: nil)
        calendar.add(ICalendarEvent(uid: "meeting-9@cls-pilot", start: Date(timeIntervalSince1970: 1_749_139_200),
                                    end: Date(timeIntervalSince1970: 1_749_148_200), summary: "Assemblée plénière",
                                    status: .cancelled, sequence: 3))
        calendar.add(ICalendarEvent(uid: "meeting-10@cls-pilot", start: now, end: now.addingTimeInterval(-60),
                                    summary: "Fin avant le début", sequence: -4))
        let lines = unfoldedLines(calendar.data(now: now))
        XCTAssertEqual(lines.filter { $0.hasPrefix("STATUS") || $0.hasPrefix("SEQUENCE") || $0.hasPrefix("DT") }, [
            "DTSTAMP:20250310T120000Z", "DTSTART:20250605T160000Z", "DTEND:20250605T183000Z",
            "STATUS:CANCELLED", "SEQUENCE:3",
            "DTSTAMP:20250310T120000Z", "DTSTART:20250310T120000Z", // no DTEND before DTSTART
            "STATUS:CONFIRMED", "SEQUENCE:0",
        ])
    }

    func testReadsBackSummaryAndStartAfterUnfolding() throws {
        let events = [
            ICalendarEvent(uid: "meeting-1@cls-pilot", start: Date(timeIntervalSince1970: 1_741_941_000),
                           summary: "Comité de pilotage : contrat local de santé de Belle-Île-en-Mer et des îles du Ponant, séance n°3; suite"),
            ICalendarEvent(uid: "meeting-2@cls-pilot", start: Date(timeIntervalSince1970: 1_749_139_200),
                           summary: "Atelier « Santé mentale & précarité » — préparation\\bilan\navec les partenaires"),
            ICalendarEvent(uid: "meeting-3@cls-pilot", allDay: CalendarDay(year: 2025, month: 9, day: 18)!,
                           summary: "Journée d’étude"),
        ]
        var calendar = ICalendarWriter(calendarName: "CLS")
        events.forEach { calendar.add($0) }

        let parsed = parseEvents(calendar.data(now: now))
        XCTAssertEqual(parsed.count, 3)
        XCTAssertEqual(parsed.map { $0["SUMMARY"]?.value }, events.map(\.summary))
        XCTAssertEqual(parsed.map { $0["UID"]?.value }, events.map(\.uid))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        XCTAssertEqual(parsed[0]["DTSTART"].flatMap { formatter.date(from: $0.value) }, events[0].start)
        XCTAssertEqual(parsed[1]["DTSTART"].flatMap { formatter.date(from: $0.value) }, events[1].start)
        XCTAssertEqual(parsed[2]["DTSTART"]?.parameters, ["VALUE=DATE"])
        XCTAssertEqual(parsed[2]["DTSTART"]?.value, "20250918")
    }

    // MARK: A small reader, to check what the writer wrote

    /// The physical lines: CRLF-terminated (no bare CR or LF), each valid UTF-8.
    func physicalLines(_ data: Data) throws -> [String] {
        let bytes = [UInt8](data)
        XCTAssertEqual(bytes.suffix(2), [0x0D, 0x0A])
        var lines: [String] = [], start = 0, index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                lines.append(try XCTUnwrap(String(validating: bytes[start..<index], as: UTF8.self), "line \(lines.count + 1) is not UTF-8"))
                index += 2; start = index
            } else {
                XCTAssertFalse(bytes[index] == 0x0D || bytes[index] == 0x0A, "bare line break at octet \(index)")
                index += 1
            }
        }
        return lines
    }

    /// Content lines: a physical line starting with a space or tab continues the previous one.
    func unfoldedLines(_ data: Data) -> [String] {
        var lines: [String] = []
        for line in (try? physicalLines(data)) ?? [] {
            // Scalars, not Characters: a space followed by a combining accent is one Character.
            if let first = line.unicodeScalars.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1] += String(line.unicodeScalars.dropFirst())
            } else {
                lines.append(line)
            }
        }
        return lines
    }

    struct Property { var parameters: [String]; var value: String }

    /// Each VEVENT as its properties by name (`NAME;PARAM=…:value`, TEXT values unescaped).
    func parseEvents(_ data: Data) -> [[String: Property]] {
        var events: [[String: Property]] = [], current: [String: Property]?
        for line in unfoldedLines(data) {
            guard let colon = line.firstIndex(of: ":") else { XCTFail("no colon: \(line)"); continue }
            let head = line[..<colon].split(separator: ";").map(String.init)
            let value = String(line[line.index(after: colon)...])
            switch (head[0], value) {
            case ("BEGIN", "VEVENT"): current = [:]
            case ("END", "VEVENT"): current.map { events.append($0) }; current = nil
            default: current?[head[0]] = Property(parameters: Array(head.dropFirst()), value: unescape(value))
            }
        }
        return events
    }

    func unescape(_ text: String) -> String {
        var result = "", escaping = false
        for character in text {
            if escaping {
                result.append(character == "n" || character == "N" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
