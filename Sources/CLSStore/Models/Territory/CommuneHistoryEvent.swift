import FluentKit
import Foundation

/// A line of the COG history of the communes (INSEE "mouvements des communes"): a renaming, a
/// merger, a code change… Kept so that a perimeter naming a commune that has since merged can say
/// what it became.
public final class CommuneHistoryEvent: Model, @unchecked Sendable {
    public static let schema = "commune_events"

    /// `ReferenceCommuneEvent.key`: movement, date, kinds and codes before and after.
    @ID(custom: "key", generatedBy: .user) public var id: String?
    @Field(key: "movement") public var movement: Int
    @Field(key: "label") public var label: String
    @Field(key: "effective_on") public var effectiveOn: String
    @OptionalField(key: "before_code") public var beforeCode: String?
    @OptionalField(key: "before_name") public var beforeName: String?
    @OptionalField(key: "after_code") public var afterCode: String?
    @OptionalField(key: "after_name") public var afterName: String?
    @Field(key: "absorbs_before") public var absorbsBefore: Bool

    public init() {}
}

struct CreateCommuneEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CommuneHistoryEvent.schema)
            .field("key", .string, .identifier(auto: false))
            .field("movement", .int, .required).field("label", .string, .required)
            .field("effective_on", .string, .required)
            .field("before_code", .string).field("before_name", .string)
            .field("after_code", .string).field("after_name", .string)
            .field("absorbs_before", .bool, .required)
            .create()
        try await Indexes.create([("commune_events_before", CommuneHistoryEvent.schema, ["before_code"])], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CommuneHistoryEvent.schema).delete()
    }
}
