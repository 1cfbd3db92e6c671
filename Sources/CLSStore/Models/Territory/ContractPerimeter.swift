import CLSCore
import FluentKit
import Foundation

/// The territory a contract covers from a date: an EPCI, one commune or a list of communes.
/// A change of perimeter closes the current one and opens a new one, so the history is kept.
public final class ContractPerimeter: Model, @unchecked Sendable {
    public static let schema = "contract_perimeters"

    public enum Kind: String, Sendable {
        case epci
        case communes
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "contract_id") public var contract: Contract
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "epci_siren") public var epciSiren: String?
    /// INSEE codes of the communes, comma-separated (for an EPCI: its members at the time).
    @Field(key: "commune_codes") public var communeCodes: String
    /// QPV codes the contract focuses on, comma-separated.
    @Field(key: "focus_qpv_codes") public var focusQPVCodes: String
    @Field(key: "valid_from") public var validFrom: String
    @OptionalField(key: "valid_to") public var validTo: String?
    @Field(key: "label") public var label: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(contractId: UUID, kind: Kind, epciSiren: String?, communeCodes: [String], focusQPVCodes: [String],
                validFrom: CalendarDay, label: String) {
        self.$contract.id = contractId
        self.kind = kind.rawValue
        self.epciSiren = epciSiren
        self.communeCodes = communeCodes.joined(separator: ",")
        self.focusQPVCodes = focusQPVCodes.joined(separator: ",")
        self.validFrom = validFrom.iso
        self.label = label
    }

    public var communes: [String] { communeCodes.split(separator: ",").map(String.init) }
    public var focusQPVs: [String] { focusQPVCodes.split(separator: ",").map(String.init) }
}

extension ContractPerimeter: Auditable {
    public static let auditEntityType = "contract_perimeter"
    public var auditLabel: String { label }
    public var auditContractId: UUID? { $contract.id }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("kind", "Type de périmètre", kind == Kind.epci.rawValue ? "EPCI" : "Communes"),
            .init("epci_siren", "EPCI (SIREN)", epciSiren),
            .init("commune_codes", "Communes", communeCodes),
            .init("focus_qpv_codes", "QPV ciblés", focusQPVCodes),
            .init("valid_from", "Depuis le", validFrom),
            .init("valid_to", "Jusqu'au", validTo),
            .init("label", "Libellé", label),
        ]
    }
}

struct CreateContractPerimeters: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContractPerimeter.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(Contract.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("epci_siren", .string)
            .field("commune_codes", .string, .required)
            .field("focus_qpv_codes", .string, .required)
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .field("label", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await Indexes.create([("contract_perimeters_contract", ContractPerimeter.schema, ["contract_id", "valid_from"])], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContractPerimeter.schema).delete()
    }
}
