import Foundation

/// What a review transition needs besides who asks: the facts the caller read from the database
/// and what the user typed.
public struct ReviewTransitionContext: Sendable, Equatable {
    /// Number of fiches actions whose entry is not submitted (`ReviewEntryState.isPending`).
    public var pendingEntries: Int
    /// Consolidate even though some entries are pending (the coordination takes it upon itself).
    public var force: Bool
    /// The date of the COTECH (`check`) or COPIL (`approve`) meeting.
    public var meetingDate: CalendarDay?
    /// Why the review is reopened, returned or unlocked.
    public var reason: String?
    /// The date of the COTECH that checked the review, when it was: the COPIL cannot precede it.
    public var checkedOn: CalendarDay?

    public init(pendingEntries: Int = 0, force: Bool = false, meetingDate: CalendarDay? = nil, reason: String? = nil,
                checkedOn: CalendarDay? = nil) {
        self.pendingEntries = pendingEntries
        self.force = force
        self.meetingDate = meetingDate
        self.reason = reason
        self.checkedOn = checkedOn
    }

    /// The reason without surrounding blanks, nil when empty.
    public var trimmedReason: String? {
        let text = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return text.isEmpty ? nil : text
    }
}

/// Why a review step or an edit is refused, in French.
public enum ReviewRefusal: Error, Equatable, Sendable {
    /// The subject's roles do not allow it (HTTP 403).
    case notAllowed(String)
    /// The review is not in the right state, or the request lacks something (HTTP 422).
    case invalid(String)

    /// What a user reads, with the way out.
    public var message: String {
        switch self {
        case .notAllowed(let message), .invalid(let message): message
        }
    }

    /// 403 for `notAllowed`, 422 for `invalid`.
    public var httpStatus: Int {
        switch self {
        case .notAllowed: 403
        case .invalid: 422
        }
    }
}
