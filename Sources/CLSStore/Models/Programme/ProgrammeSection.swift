import FluentKit
import Foundation

/// A strategic axis or an objective of a contract's programme. Objectives nest under an axis
/// or another objective (three levels at most, checked by `ProgrammeStructure`).
public final class ProgrammeSection: Model, @unchecked Sendable {
    public static let schema = "programme_sections"

    public enum Kind: String, Sendable {
        case axis
        case objective
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "contract_id") public var contract: Contract
    @OptionalParent(key: "parent_id") public var parent: ProgrammeSection?
    @Field(key: "kind") public var kind: String
    /// `strategique` or `operationnel` for objectives; empty for axes.
    @Field(key: "objective_kind") public var objectiveKind: String
    @Field(key: "title") public var title: String
    @Field(key: "description") public var summary: String
    @Field(key: "position") public var position: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(contractId: UUID, parentId: UUID?, kind: Kind, title: String, position: Int) {
        self.$contract.id = contractId
        self.$parent.id = parentId
        self.kind = kind.rawValue
        self.objectiveKind = ""
        self.title = title
        self.summary = ""
        self.position = position
    }

    public var sectionKind: Kind { Kind(rawValue: kind) ?? .objective }
}

extension ProgrammeSection: Auditable {
    public static let auditEntityType = "programme_section"
    public var auditLabel: String { title }
    public var auditContractId: UUID? { $contract.id }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("kind", "Niveau", sectionKind == .axis ? "Axe stratégique" : "Objectif"),
            .init("objective_kind", "Type d'objectif", objectiveKind),
            .init("parent_id", "Rattachement", $parent.id?.uuidString),
            .init("title", "Intitulé", title),
            .init("description", "Description", summary),
            .init("position", "Ordre", String(position)),
        ]
    }
}
