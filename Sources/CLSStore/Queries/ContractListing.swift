import CLSCore
import Foundation
import SQLKit

/// What the alert rules read of a contract itself: its state and signature date.
public protocol ContractStateFacts {
    var id: UUID? { get }
    var contractState: ContractState { get }
    var signedOn: String? { get }
}

extension Contract: ContractStateFacts {}

/// A contract as lists show it (the contract list, the regional portfolio, the alerts): a dozen
/// columns read with SQL.
public struct ContractListing: ContractStateFacts, Sendable, Equatable {
    public let id: UUID?
    public let name: String
    public let generation: Int
    public let state: String
    public let regionCode: String
    public let departmentCode: String
    public let territoryLabel: String
    public let signedOn: String?
    public let startsOn: String?
    public let endsOn: String?
    public let isConfidential: Bool
    public let isPublished: Bool

    public var contractState: ContractState { ContractState(rawValue: state) ?? .emergence }

    static let columns = ["id", "name", "generation", "state", "region_code", "department_code", "territory_label",
                          "signed_on", "starts_on", "ends_on", "is_confidential", "is_published"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        name = try row.decode(column: "name", as: String.self)
        generation = try row.decode(column: "generation", as: Int.self)
        state = try row.decode(column: "state", as: String.self)
        regionCode = try row.decode(column: "region_code", as: String.self)
        departmentCode = try row.decode(column: "department_code", as: String.self)
        territoryLabel = try row.decode(column: "territory_label", as: String.self)
        signedOn = try row.decode(column: "signed_on", as: String?.self)
        startsOn = try row.decode(column: "starts_on", as: String?.self)
        endsOn = try row.decode(column: "ends_on", as: String?.self)
        isConfidential = try row.decode(column: "is_confidential", as: Bool.self)
        isPublished = try row.decode(column: "is_published", as: Bool.self)
    }
}
