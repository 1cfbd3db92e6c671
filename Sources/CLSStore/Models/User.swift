import CLSCore
import FluentKit
import Foundation

/// A person who signs in. Passwords are stored as bcrypt hashes only.
public final class User: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    @Field(key: "email") public var email: String
    @Field(key: "display_name") public var displayName: String
    @Field(key: "password_hash") public var passwordHash: String
    @OptionalParent(key: "organisation_id") public var organisation: Organisation?
    @Field(key: "is_active") public var isActive: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "last_login_at") public var lastLoginAt: Date?
    /// How often notifications reach the person's mailbox (`MailFrequency`).
    @Field(key: "mail_frequency") public var mailFrequency: String
    @Children(for: \.$user) public var roleAssignments: [RoleAssignment]

    public init() {}

    public init(id: UUID? = nil, email: String, displayName: String, passwordHash: String, organisationId: UUID? = nil) {
        self.id = id
        self.email = User.normalise(email: email)
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.$organisation.id = organisationId
        self.isActive = true
        self.mailFrequency = MailFrequency.immediate.rawValue
    }

    public var frequency: MailFrequency { MailFrequency(rawValue: mailFrequency) ?? .immediate }

    /// Addresses compare without case or surrounding spaces.
    public static func normalise(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

extension User: Auditable {
    public static let auditEntityType = "user"
    /// The person by name; the address is a field of its own (and changes are shown as such).
    public var auditLabel: String { displayName }
    public func auditSnapshot() -> [AuditField] {
        [
            .init("email", "Adresse électronique", email),
            .init("display_name", "Nom", displayName),
            .init("organisation_id", "Organisation", $organisation.id?.uuidString),
            .init("is_active", "Compte actif", isActive ? "oui" : "non"),
            .init("mail_frequency", "Notifications par courriel", frequency.label),
            // The hash itself never enters the journal: only the fact that it changed.
            .init("password", "Mot de passe", passwordHash, masked: true),
        ]
    }
}
