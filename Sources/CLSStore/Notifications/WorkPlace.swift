import Foundation

/// Where something is done or read: a to-do item and a notification both lead there. The web
/// layer turns it into a link; the store keeps it as a kind and up to three values.
public enum WorkPlace: Sendable, Equatable {
    case contract(UUID)
    case programme(contract: UUID)
    case action(contract: UUID, action: UUID)
    case review(contract: UUID, year: Int)
    case reviewEntry(contract: UUID, year: Int, action: UUID)
    case meeting(contract: UUID, meeting: UUID)
    case governance(contract: UUID)
    case planImport(contract: UUID, upload: UUID)
    case referenceImport(UUID)

    /// The stored form: a kind, the contract, a subject and a year.
    public struct Stored: Sendable, Equatable {
        public let kind: String
        public let contract: UUID?
        public let subject: UUID?
        public let year: Int?
    }

    public var stored: Stored {
        switch self {
        case let .contract(id): Stored(kind: "contract", contract: id, subject: nil, year: nil)
        case let .programme(contract): Stored(kind: "programme", contract: contract, subject: nil, year: nil)
        case let .action(contract, action): Stored(kind: "action", contract: contract, subject: action, year: nil)
        case let .review(contract, year): Stored(kind: "review", contract: contract, subject: nil, year: year)
        case let .reviewEntry(contract, year, action): Stored(kind: "review_entry", contract: contract, subject: action, year: year)
        case let .meeting(contract, meeting): Stored(kind: "meeting", contract: contract, subject: meeting, year: nil)
        case let .governance(contract): Stored(kind: "governance", contract: contract, subject: nil, year: nil)
        case let .planImport(contract, upload): Stored(kind: "plan_import", contract: contract, subject: upload, year: nil)
        case let .referenceImport(id): Stored(kind: "reference_import", contract: nil, subject: id, year: nil)
        }
    }

    /// Nil when the stored values do not make a place this version knows.
    public init?(_ stored: Stored) {
        switch (stored.kind, stored.contract, stored.subject, stored.year) {
        case let ("contract", contract?, _, _): self = .contract(contract)
        case let ("programme", contract?, _, _): self = .programme(contract: contract)
        case let ("action", contract?, action?, _): self = .action(contract: contract, action: action)
        case let ("review", contract?, _, year?): self = .review(contract: contract, year: year)
        case let ("review_entry", contract?, action?, year?): self = .reviewEntry(contract: contract, year: year, action: action)
        case let ("meeting", contract?, meeting?, _): self = .meeting(contract: contract, meeting: meeting)
        case let ("governance", contract?, _, _): self = .governance(contract: contract)
        case let ("plan_import", contract?, upload?, _): self = .planImport(contract: contract, upload: upload)
        case let ("reference_import", _, id?, _): self = .referenceImport(id)
        default: return nil
        }
    }
}
