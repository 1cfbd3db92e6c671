import FluentKit
import Foundation

/// One failed sign-in, kept for the login throttle only (the audit trail records it too).
///
/// Keyed on the client's address *and* the address typed: a stranger failing on someone's
/// account from elsewhere does not lock its owner out. Rows older than the throttle's window
/// are deleted as new ones arrive.
public final class LoginFailure: Model, @unchecked Sendable {
    public static let schema = "login_failures"

    @ID(key: .id) public var id: UUID?
    /// The normalised e-mail typed, whether or not an account has it.
    @Field(key: "email") public var email: String
    /// The client's IP address as the server sees it.
    @Field(key: "client_address") public var clientAddress: String
    @Field(key: "occurred_at") public var occurredAt: Date

    public init() {}

    public init(email: String, clientAddress: String, occurredAt: Date) {
        self.email = email
        self.clientAddress = clientAddress
        self.occurredAt = occurredAt
    }
}

struct CreateLoginFailures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginFailure.schema)
            .id()
            .field("email", .string, .required)
            .field("client_address", .string, .required)
            .field("occurred_at", .datetime, .required)
            .create()
        try await Indexes.create([
            ("login_failures_address_email", LoginFailure.schema, ["client_address", "email", "occurred_at"]),
            ("login_failures_address", LoginFailure.schema, ["client_address", "occurred_at"]),
            ("login_failures_occurred", LoginFailure.schema, ["occurred_at"]),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginFailure.schema).delete()
    }
}
