import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// Hands messages to an SMTP server (RFC 5321): EHLO, STARTTLS (RFC 3207) when required, AUTH
/// PLAIN or LOGIN (RFC 4954) when credentials are given, then MAIL FROM, RCPT TO and DATA for each
/// message, on one connection. No Swift package of the mirror speaks SMTP; this is the little of
/// it a notification sender needs.
final class SMTPClient {
    private let settings: SMTPSettings
    private let channel: any Channel
    private var replies: AsyncThrowingStream<SMTPResponse, any Error>.AsyncIterator
    private var extensions: Set<String> = []

    private init(settings: SMTPSettings, channel: any Channel, replies: AsyncThrowingStream<SMTPResponse, any Error>) {
        self.settings = settings
        self.channel = channel
        self.replies = replies.makeAsyncIterator()
    }

    /// Connects, greets the server, secures the connection and signs in as the settings say.
    static func connect(_ settings: SMTPSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> SMTPClient {
        let (stream, continuation) = AsyncThrowingStream<SMTPResponse, any Error>.makeStream()
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(.seconds(30))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPResponseDecoder()))
                        try channel.pipeline.syncOperations.addHandler(SMTPReplyForwarder(continuation: continuation))
                    }
                }
                .connect(host: settings.host, port: settings.port).get()
        } catch {
            throw SMTPFailure.connection("\(settings.host):\(settings.port) (\(error))")
        }
        let client = SMTPClient(settings: settings, channel: channel, replies: stream)
        do {
            try await client.expect(client.nextReply(step: "accueil"), for: "la connexion")
            try await client.hello()
            if settings.security == .startTLS {
                guard client.extensions.contains("STARTTLS") else {
                    throw SMTPFailure.protocolError("le serveur ne propose pas STARTTLS, que CLS_SMTP_STARTTLS exige")
                }
                try await client.command("STARTTLS")
                var configuration = TLSConfiguration.makeClientConfiguration()
                if let caFile = settings.caFile { configuration.trustRoots = .file(caFile) }
                let context = try NIOSSLContext(configuration: configuration)
                // The name is checked against the certificate; an address (127.0.0.1) is sent as no name (SNI forbids it).
                let isAddress = settings.host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" }
                let tls = try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : settings.host)
                try await channel.pipeline.addHandler(tls, position: .first).get()
                try await client.hello()
            }
            if let username = settings.username {
                try await client.authenticate(username: username, password: settings.password ?? "")
            }
        } catch {
            await client.close()
            throw error
        }
        return client
    }

    /// Sends one message to one recipient. `message` is the whole RFC 5322 text, lines ending in CRLF.
    func send(from sender: String, to recipient: String, message: String) async throws {
        try await command("MAIL FROM:<\(sender)>")
        try await command("RCPT TO:<\(recipient)>")
        try await command("DATA", expecting: 354)
        try await write(Self.dotStuffed(message) + ".\r\n")
        try await expect(nextReply(step: "fin du message"), for: "le message")
    }

    /// Says goodbye and closes; never throws (the messages are already accepted or not).
    func close() async {
        if channel.isActive {
            try? await write("QUIT\r\n")
            _ = try? await nextReply(step: "QUIT")
        }
        try? await channel.close()
    }

    // MARK: - Dialogue

    private func hello() async throws {
        try await write("EHLO \(settings.heloName)\r\n")
        let reply = try await nextReply(step: "EHLO")
        try expect(reply, for: "EHLO")
        // The first line is the server's name; the others are its extensions ("STARTTLS", "AUTH PLAIN LOGIN").
        extensions = Set(reply.lines.dropFirst().map { $0.uppercased() })
    }

    private func authenticate(username: String, password: String) async throws {
        let mechanisms = extensions.first { $0.hasPrefix("AUTH ") || $0.hasPrefix("AUTH=") }?
            .dropFirst(5).split(separator: " ").map(String.init) ?? []
        if mechanisms.contains("PLAIN") || mechanisms.isEmpty {
            let token = Data(("\u{0}" + username + "\u{0}" + password).utf8).base64EncodedString()
            try await command("AUTH PLAIN \(token)", expecting: 235, shown: "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            try await command("AUTH LOGIN", expecting: 334)
            try await command(Data(username.utf8).base64EncodedString(), expecting: 334, shown: "l'identifiant")
            try await command(Data(password.utf8).base64EncodedString(), expecting: 235, shown: "le mot de passe")
        } else {
            throw SMTPFailure.protocolError("aucune méthode d'authentification commune (le serveur propose \(mechanisms.joined(separator: ", ")))")
        }
    }

    @discardableResult
    private func command(_ line: String, expecting code: Int? = nil, shown: String? = nil) async throws -> SMTPResponse {
        try await write(line + "\r\n")
        let name = shown ?? String(line.prefix(while: { $0 != " " && $0 != ":" }))
        let reply = try await nextReply(step: name)
        if let code, reply.code != code { throw SMTPFailure.refused(command: name, response: reply) }
        try expect(reply, for: name)
        return reply
    }

    private func expect(_ reply: SMTPResponse, for command: String) throws {
        guard reply.isPositive else { throw SMTPFailure.refused(command: command, response: reply) }
    }

    private func write(_ text: String) async throws {
        do {
            try await channel.writeAndFlush(channel.allocator.buffer(string: text)).get()
        } catch {
            // Why the connection closed (a certificate refused during STARTTLS) ends the replies' stream.
            do { _ = try await replies.next() } catch let reason as SMTPFailure { throw reason }
            throw SMTPFailure.connection("écriture impossible (\(error))")
        }
    }

    private func nextReply(step: String) async throws -> SMTPResponse {
        let timeout = settings.timeout
        let channel = self.channel
        let expired = NIOLockedValueBox(false)
        let timer = channel.eventLoop.scheduleTask(in: timeout) {
            expired.withLockedValue { $0 = true }
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        guard let reply = try await replies.next() else {
            throw expired.withLockedValue { $0 } ? SMTPFailure.timeout(step) : SMTPFailure.connection("le serveur a fermé la connexion (\(step))")
        }
        return reply
    }

    /// A line beginning with "." gets another one, so that only the final "." ends the message.
    static func dotStuffed(_ message: String) -> String {
        var text = message.replacingOccurrences(of: "\r\n.", with: "\r\n..")
        if text.hasPrefix(".") { text = "." + text }
        if !text.hasSuffix("\r\n") { text += "\r\n" }
        return text
    }
}

/// Passes each reply to the client's stream; the end of the connection ends it.
private final class SMTPReplyForwarder: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = SMTPResponse
    private let continuation: AsyncThrowingStream<SMTPResponse, any Error>.Continuation

    init(continuation: AsyncThrowingStream<SMTPResponse, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let reason = error is NIOSSLError || error is BoringSSLError
            ? "négociation TLS impossible, certificat du serveur refusé ou illisible (\(error))" : "\(error)"
        continuation.finish(throwing: SMTPFailure.connection(reason))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }
}
