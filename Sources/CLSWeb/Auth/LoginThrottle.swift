import CLSStore
import Foundation
import Fluent
import Vapor

/// Slows down password guessing without letting a stranger lock someone out.
///
/// Failures are counted per client address: after `maxFailuresPerAccount` for one e-mail from
/// one address within `window`, that address may not try that e-mail again until the window has
/// passed; after `maxFailuresPerAddress` over any e-mails, that address may not sign in at all.
/// The owner of the account, from their own address, is never refused for someone else's
/// failures. They are stored in the database (`LoginFailure`), so every server instance sharing
/// it sees the same counts.
enum LoginThrottle {
    static let maxFailuresPerAccount = 5
    static let maxFailuresPerAddress = 30
    static let window: TimeInterval = 15 * 60

    enum Verdict: Equatable {
        case allowed
        /// Too many failures for this e-mail from this address.
        case accountLocked
        /// Too many failures from this address, whatever the e-mail.
        case addressLocked
    }

    static func verdict(email: String, address: String, on database: any Database, now: Date) async throws -> Verdict {
        let since = now.addingTimeInterval(-window)
        let fromAddress = LoginFailure.query(on: database)
            .filter(\.$clientAddress == address)
            .filter(\.$occurredAt >= since)
        if try await fromAddress.copy().filter(\.$email == email).count() >= maxFailuresPerAccount { return .accountLocked }
        if try await fromAddress.count() >= maxFailuresPerAddress { return .addressLocked }
        return .allowed
    }

    /// Records a failure and forgets those past the window.
    static func recordFailure(email: String, address: String, on database: any Database, now: Date) async throws {
        try await LoginFailure(email: email, clientAddress: address, occurredAt: now).create(on: database)
        try await LoginFailure.query(on: database).filter(\.$occurredAt < now.addingTimeInterval(-window)).delete()
    }
}

extension Application {
    private struct TrustsForwardedForKey: Vapor.StorageKey { typealias Value = Bool }

    /// Behind a reverse proxy that appends the client's address to `X-Forwarded-For`
    /// (`CLS_TRUST_PROXY=1`): that address is the client's. Otherwise the header is ignored,
    /// since any client can write it.
    var trustsForwardedFor: Bool {
        get { storage[TrustsForwardedForKey.self] ?? false }
        set { storage[TrustsForwardedForKey.self] = newValue }
    }
}

extension Request {
    /// The client's IP address: the peer's, or behind a trusted proxy the last address of
    /// `X-Forwarded-For`, the one the proxy itself appended.
    var clientAddress: String {
        if application.trustsForwardedFor,
           let forwarded = headers["X-Forwarded-For"].last?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
           !forwarded.isEmpty {
            return String(forwarded.prefix(64))
        }
        return remoteAddress?.ipAddress ?? "inconnue"
    }
}
