import FluentKit
import Foundation

/// One field of a model as the audit journal shows it.
public struct AuditField: Sendable, Equatable {
    public let code: String
    public let label: String
    public let value: String?
    /// Secrets (password hashes) are compared but never written to the journal.
    public let masked: Bool

    public init(_ code: String, _ label: String, _ value: String?, masked: Bool = false) {
        self.code = code
        self.label = label
        self.value = value
        self.masked = masked
    }
}

/// One changed field in an audit entry: old and new values as the user read them.
public struct FieldChange: Codable, Sendable, Equatable {
    public let field: String
    public let label: String
    public let old: String?
    public let new: String?

    public init(field: String, label: String, old: String?, new: String?) {
        self.field = field
        self.label = label
        self.old = old
        self.new = new
    }
}

/// A model whose every change is written to the audit trail.
public protocol Auditable: Model where IDValue == UUID {
    /// Stable code of the entity kind in the journal ("contract", "organisation"...).
    static var auditEntityType: String { get }
    /// How the journal names this object.
    var auditLabel: String { get }
    /// The contract this object belongs to, so a contract's history can list it.
    var auditContractId: UUID? { get }
    func auditSnapshot() -> [AuditField]
}

extension Auditable {
    public var auditContractId: UUID? { nil }
}

enum AuditDiff {
    static let maskedValue = "••••••"

    /// The fields that differ between two snapshots (`before` nil for a creation, `after` nil for a deletion).
    static func changes(before: [AuditField]?, after: [AuditField]?) -> [FieldChange] {
        let reference = after ?? before ?? []
        let old = Dictionary(uniqueKeysWithValues: (before ?? []).map { ($0.code, $0) })
        let new = Dictionary(uniqueKeysWithValues: (after ?? []).map { ($0.code, $0) })
        return reference.compactMap { field in
            let oldValue = old[field.code]?.value.flatMap(nonEmpty)
            let newValue = new[field.code]?.value.flatMap(nonEmpty)
            guard oldValue != newValue else { return nil }
            if field.masked {
                return FieldChange(field: field.code, label: field.label,
                                   old: oldValue == nil ? nil : maskedValue, new: newValue == nil ? nil : maskedValue)
            }
            return FieldChange(field: field.code, label: field.label, old: oldValue, new: newValue)
        }
    }

    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}
