import FluentKit
import Foundation

/// One code of one action (a theme, a determinant, a strategy…): the row-per-code index the
/// ISTS reports count in SQL. Derived from the action's code lists by `Mutations`, never edited.
public final class ActionCode: Model, @unchecked Sendable {
    public static let schema = "action_codes"

    public enum Scheme: String, CaseIterable, Sendable {
        case theme, determinant, strategy
        case publicTarget = "public"
        case sector
        case lifeStage = "life_stage"
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "action_id") public var action: Action
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "scheme") public var scheme: String
    @Field(key: "code") public var code: String

    public init() {}

    public init(actionId: UUID, contractId: UUID, scheme: Scheme, code: String) {
        self.$action.id = actionId
        self.contractId = contractId
        self.scheme = scheme.rawValue
        self.code = code
    }
}
