import CLSCore
import Fluent
import Vapor

/// What a page model needs to load: the store, who asks, and the day. A test builds one on the
/// demo database to load a page without HTTP.
struct PageContext: Sendable {
    let db: any Database
    let subject: AccessSubject
    let today: CalendarDay

    func allows(_ permission: Permission) -> Bool { AccessPolicy.allows(subject, permission) }
}

extension Request {
    var pageContext: PageContext { PageContext(db: db, subject: subject, today: today) }
}
