import Foundation
import NIOCore
import Vapor

/// Where e-mail goes, from configuration variables. Without `CLS_SMTP_HOST` no mail leaves the
/// platform: the outbox keeps them for the administrators to read (the demo).
///
/// - `CLS_SMTP_HOST`, `CLS_SMTP_PORT` (587 by default; 25 without STARTTLS)
/// - `CLS_SMTP_STARTTLS`: `required` (default: refuse to send in clear), `none` (a relay on the
///   same machine or a test server)
/// - `CLS_SMTP_USERNAME`, `CLS_SMTP_PASSWORD`: AUTH PLAIN or LOGIN, only over TLS unless STARTTLS is `none`
/// - `CLS_SMTP_CA_FILE`: a PEM file of certificates to trust instead of the system's (an internal relay)
/// - `CLS_MAIL_FROM`: the sender address (`CLS Pilot <notifications@…>`)
/// - `CLS_BASE_URL`: the platform's address, for the links in the mails
struct SMTPSettings: Sendable, Equatable {
    enum Security: String, Sendable { case startTLS = "required", none }

    var host: String
    var port: Int
    var security: Security
    var username: String?
    var password: String?
    /// Certificates (PEM) to trust for STARTTLS instead of the system's; the server's name is checked all the same.
    var caFile: String?
    /// The name this client gives in EHLO.
    var heloName: String
    /// How long to wait for each reply of the server.
    var timeout: TimeAmount = .seconds(60)

    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SMTPSettings? {
        guard let host = environment["CLS_SMTP_HOST"]?.trimmingCharacters(in: .whitespaces), !host.isEmpty else { return nil }
        let securityText = environment["CLS_SMTP_STARTTLS"]?.lowercased() ?? Security.startTLS.rawValue
        guard let security = Security(rawValue: securityText) else {
            throw CommandFailure("CLS_SMTP_STARTTLS vaut « required » ou « none », pas « \(securityText) ».")
        }
        let portText = environment["CLS_SMTP_PORT"] ?? (security == .none ? "25" : "587")
        guard let port = Int(portText), (1...65_535).contains(port) else {
            throw CommandFailure("CLS_SMTP_PORT doit être un numéro de port, pas « \(portText) ».")
        }
        let username = environment["CLS_SMTP_USERNAME"].flatMap { $0.isEmpty ? nil : $0 }
        return SMTPSettings(host: host, port: port, security: security, username: username,
                            password: environment["CLS_SMTP_PASSWORD"], caFile: environment["CLS_SMTP_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 },
                            heloName: environment["CLS_SMTP_HELO"] ?? "cls-pilot.localhost")
    }
}

/// The sender and the links of the mails.
struct MailIdentity: Sendable {
    /// "CLS Pilot <notifications@cls-pilot.localhost>".
    var from: MailAddress
    /// "https://cls.example.fr", without a final slash.
    var baseURL: String

    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                defaultBaseURL: String = "http://127.0.0.1:8080") -> MailIdentity {
        let address = environment["CLS_MAIL_FROM"].flatMap(MailAddress.init(parsing:))
            ?? MailAddress(name: "CLS Pilot", address: "notifications@cls-pilot.localhost")
        var base = environment["CLS_BASE_URL"] ?? defaultBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        return MailIdentity(from: address, baseURL: base)
    }
}

/// A mailbox: a display name and an address.
struct MailAddress: Sendable, Equatable {
    var name: String
    var address: String

    /// "Nom <adresse>" or a bare address.
    init?(parsing text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let open = text.lastIndex(of: "<"), text.hasSuffix(">") {
            name = text[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            address = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        } else {
            name = ""
            address = text
        }
        guard MailAddress.isPlausible(address) else { return nil }
    }

    init(name: String, address: String) {
        self.name = name
        self.address = address
    }

    /// One "@", something on each side, and nothing that would break an SMTP command.
    static func isPlausible(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && !address.contains { $0.isWhitespace || $0 == "<" || $0 == ">" || $0.asciiValue.map { $0 < 32 } == true }
    }
}
