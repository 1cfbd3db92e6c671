import CLSCore
import CLSFormats
import CLSStore
import Foundation

/// A meeting as a calendar event: the contract's calendar file and the e-mail announcing a
/// meeting both write it this way (same uid, so that a calendar app updates instead of copying).
enum MeetingCalendarEvent {
    static let paris = TimeZone(identifier: "Europe/Paris") ?? .gmt

    static func make(_ meeting: Meeting, bodyName: String, contractName: String, url: String? = nil) -> ICalendarEvent? {
        guard let day = CalendarDay(parsing: meeting.heldOn) else { return nil }
        let title = "\(bodyName) – \(contractName)"
        let description = meeting.agenda.isEmpty ? nil : "Ordre du jour :\n\(meeting.agenda)"
        let status: ICalendarEvent.Status = meeting.meetingStatus == .cancelled ? .cancelled : .confirmed
        let uid = "meeting-\(meeting.id?.uuidString ?? UUID().uuidString)@cls-pilot"
        let location = meeting.place.isEmpty ? nil : meeting.place
        if let start = moment(day, meeting.startsAt) {
            let end = moment(day, meeting.endsAt) ?? start.addingTimeInterval(2 * 3600)
            return ICalendarEvent(uid: uid, start: start, end: end, summary: title, location: location,
                                  description: description, url: url, status: status, lastModified: meeting.updatedAt)
        }
        return ICalendarEvent(uid: uid, allDay: day, summary: title, location: location,
                              description: description, url: url, status: status, lastModified: meeting.updatedAt)
    }

    /// "14:30" on a day in Paris time, as an instant.
    static func moment(_ day: CalendarDay, _ time: String) -> Date? {
        let parts = time.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: parts[0], minute: parts[1]))
    }
}
