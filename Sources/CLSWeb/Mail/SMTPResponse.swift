import NIOCore

/// One reply of an SMTP server (RFC 5321 §4.2): a three-digit code and its text lines
/// ("250-first", "250 last" make one reply).
struct SMTPResponse: Sendable, Equatable {
    let code: Int
    let lines: [String]

    var text: String { lines.joined(separator: " ") }
    /// 2xx and 3xx: the command went through (354 invites the message itself).
    var isPositive: Bool { (200..<400).contains(code) }
    /// 4xx: try again later. 5xx: do not.
    var isTransient: Bool { (400..<500).contains(code) }
}

/// Cuts the server's bytes into replies: lines end with CRLF (a bare LF is accepted), and a reply
/// ends at the line whose fourth character is a space.
struct SMTPResponseDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPResponse

    /// No reply line is longer than this (RFC 5321 allows 512 octets); longer means a wrong server.
    static let maximumLineLength = 4_096
    private var pending: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength { throw SMTPFailure.protocolError("ligne de réponse trop longue") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        var line = buffer.readString(length: length) ?? ""
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        let characters = Array(line)
        guard characters.count >= 3, let code = Int(String(characters[0..<3])) else {
            throw SMTPFailure.protocolError("réponse illisible : \(line.prefix(80))")
        }
        let text = characters.count > 4 ? String(characters[4...]) : ""
        pending.append(text)
        if characters.count > 3 && characters[3] == "-" { return .continue }
        let response = SMTPResponse(code: code, lines: pending)
        pending = []
        context.fireChannelRead(wrapInboundOut(response))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue, buffer.readableBytes > 0 {}
        return .needMoreData
    }
}

/// Why a message could not be handed to the SMTP server, in French for the administrators' page.
enum SMTPFailure: Error, CustomStringConvertible {
    /// The server answered no; `isTransient` (4xx) means a later attempt may succeed.
    case refused(command: String, response: SMTPResponse)
    case protocolError(String)
    case connection(String)
    case timeout(String)

    var isTransient: Bool {
        if case let .refused(_, response) = self { return response.isTransient }
        return true
    }

    var description: String {
        switch self {
        case let .refused(command, response): "Le serveur de courriel refuse \(command) : \(response.code) \(response.text)"
        case let .protocolError(detail): "Dialogue SMTP incorrect : \(detail)"
        case let .connection(detail): "Connexion au serveur de courriel impossible : \(detail)"
        case let .timeout(step): "Le serveur de courriel ne répond pas (\(step))"
        }
    }
}
